"""The 17 parties and the governance diagram."""

from ros.base.i18n import section
from ros.model.governance import governance_dot, parties_by_kind


def test_seventeen_parties_by_kind(snapshot) -> None:
    groups = parties_by_kind(snapshot["parties"])
    assert list(groups) == ["rijk", "provincie", "waterschap", "gemeente"]
    assert sum(len(v) for v in groups.values()) == 17
    assert groups["waterschap"] == ["Waterschap Vechtstromen"]
    assert len(groups["gemeente"]) == 14


def test_diagram_has_every_party_the_boss_the_cashier_and_the_products_in_order(snapshot) -> None:
    dot = governance_dot(snapshot["parties"], section("nl", "governance"))
    for name in ("Rijk", "Provincie Overijssel", "Waterschap Vechtstromen", "Tubbergen", "Hof van Twente"):
        assert name in dot
    assert "14 Twentse gemeenten" in dot
    assert "kassier en budgethouder" in dot
    assert "ros -> uitvoeringsagenda -> investeringsagenda" in dot
    assert 'boss -> rijk [label="bestuurlijke afvaardiging"' in dot
    # Hengelo collects from the municipalities, the water board and the province; the Rijk's route is not stated
    assert dot.count("-> hengelo") == 3
    assert "rijk -> hengelo" not in dot
    assert 'rijk -> ros [label="draagt bij (route onbekend)", style=dashed]' in dot


def test_labels_are_escaped(snapshot) -> None:
    labels = section("en", "governance") | {"then": 'say "hi"'}
    assert 'label="say \\"hi\\""' in governance_dot(snapshot["parties"], labels)
