"""Cost-sharing keys (ros/model/cost_sharing.py): exact to the cent for any total and weights, the right shares per
key, Almelo's implications, and Dutch refusals for input that cannot be split."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ros.model import cost_sharing as cs
from ros.present import budget as budget_words
from tests.support.frames import cell

TWENTE_2024 = 640_806
ALMELO_2024 = 74_317


@pytest.fixture(scope="module")
def parties(snapshot):
    return cs.parties_for_keys(snapshot["parties"], snapshot["municipalities"])


def test_the_parties_carry_cbs_figures(parties):
    assert len(parties) == 17
    by_id = {p.id: p for p in parties}
    assert by_id["GM0141"].population == ALMELO_2024
    assert by_id["GM0141"].dwellings == 34_496
    assert by_id["rijk"].population is None
    assert by_id["rijk"].kind == "rijk"
    assert sum(p.population or 0 for p in parties) == TWENTE_2024


@settings(max_examples=300, deadline=None)
@given(
    total=st.integers(min_value=0, max_value=10**12),
    weights=st.lists(st.fractions(min_value=0, max_value=1000), min_size=1, max_size=25).filter(lambda w: sum(w) > 0),
)
def test_split_cents_is_exact_and_fair_for_any_weights(total, weights):
    parts = cs.split_cents(total, weights)
    assert sum(parts) == total
    assert all(p >= 0 for p in parts)
    weight_sum = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        quota = Fraction(total) * weight / weight_sum
        assert abs(part - quota) < 1, "largest remainder never moves a part by a cent or more"
        if weight == 0:
            assert part == 0


cents = st.integers(min_value=0, max_value=10**11).map(lambda c: Decimal(c) / 100)
percent = st.decimals(min_value=0, max_value=33, places=2)


@settings(max_examples=150, deadline=None)
@given(
    total=cents,
    key=st.sampled_from(cs.KEYS),
    shares=st.tuples(percent, percent, percent),
    custom=st.lists(st.integers(min_value=0, max_value=10_000), min_size=17, max_size=17).filter(any),
)
def test_every_key_adds_up_to_the_total_to_the_cent(parties, total, key, shares, custom):
    fixed = {kind: cs.percent_share(s) for kind, s in zip(cs.FIXED_KINDS, shares, strict=True)}
    weights = {p.id: Fraction(w) for p, w in zip(parties, custom, strict=True)}
    allocation = cs.allocate(parties, total, key, fixed, weights)
    assert sum(allocation["amount"], Decimal(0)) == total
    assert all(a >= 0 and a == a.quantize(Decimal("0.01")) for a in allocation["amount"])
    assert sum(Fraction(s).limit_denominator(10**9) for s in allocation["share"]) == pytest.approx(1)


def test_equal_shares_of_almelos_implied_total_give_everyone_102000(parties):
    allocation = cs.allocate(parties, "1734000", "gelijk")
    assert set(allocation["amount"]) == {Decimal("102000.00")}
    uneven = cs.allocate(parties, "1.00", "gelijk")
    assert list(uneven["amount"]).count(Decimal("0.06")) == 15
    assert list(uneven["amount"]).count(Decimal("0.05")) == 2
    assert list(uneven["amount"][:15]) == [Decimal("0.06")] * 15  # ties go to the earlier party


def test_fixed_shares_plus_inhabitants(parties):
    fixed = {"rijk": cs.percent_share(20), "provincie": cs.percent_share("10.5"), "waterschap": Fraction(0)}
    allocation = cs.allocate(parties, "1000000", "inwoners", fixed).set_index("party_id")
    assert allocation.at["rijk", "amount"] == Decimal("200000.00")
    assert allocation.at["provincie_overijssel", "amount"] == Decimal("105000.00")
    assert allocation.at["waterschap_vechtstromen", "amount"] == Decimal("0.00")
    exact_almelo = Fraction(695_000) * ALMELO_2024 / TWENTE_2024  # 69,5% over the inhabitants
    assert abs(Fraction(cell(allocation, "GM0141", "amount")) - exact_almelo) < Fraction(1, 100)
    assert allocation.at["GM0141", "amount"] == Decimal("80602.11")


def test_per_dwelling_uses_the_dwelling_stock(parties, snapshot):
    allocation = cs.allocate(parties, "288025", "woningen").set_index("party_id")
    dwellings = snapshot["municipalities"].set_index("code")["dwellings"]
    assert dwellings.sum() == 288_025
    for code, count in dwellings.items():  # one euro per dwelling exactly
        assert allocation.at[code, "amount"] == Decimal(int(count))


def test_custom_weights(parties):
    weights = {"rijk": Fraction(2), "GM0153": Fraction(1), "GM0141": Fraction(1)}
    allocation = cs.allocate(parties, "100", "eigen", custom=weights).set_index("party_id")
    assert allocation.at["rijk", "amount"] == Decimal("50.00")
    assert allocation.at["GM0153", "amount"] == Decimal("25.00")
    assert allocation["amount"].sum() == Decimal("100.00")
    assert allocation.at["GM0147", "amount"] == 0
    table = cs.weights_table(parties)
    assert list(table["weight"]) == [1.0] * 17
    assert cs.custom_weights(list(table["party_id"]), list(table["weight"])) == {p.id: Fraction(1) for p in parties}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda p: cs.allocate(p, "-1", "gelijk"), "het totaalbudget mag niet negatief zijn"),
        (lambda p: cs.allocate(p, "10.005", "gelijk"), "het totaalbudget mag hoogstens twee decimalen (centen) hebben"),
        (lambda p: cs.allocate(p, "abc", "gelijk"), "'abc' is geen bedrag in euro's"),
        (lambda p: cs.allocate(p, "nan", "gelijk"), "'nan' is geen bedrag in euro's"),
        (
            lambda p: cs.allocate(p, "10", "inwoners", {"rijk": Fraction(3, 4), "provincie": Fraction(1, 2)}),
            "de vaste aandelen van Rijk, provincie en waterschap zijn samen meer dan 100%",
        ),
        (
            lambda p: cs.allocate(p, "10", "inwoners", {"rijk": Fraction(-1, 10)}),
            "een vast aandeel mag niet negatief zijn",
        ),
        (
            lambda p: cs.allocate(p, "10", "eigen", custom={}),
            "minstens één partij moet een gewicht groter dan nul hebben",
        ),
        (lambda p: cs.allocate(p, "10", "eigen", custom={"rijk": Fraction(-1)}), "een gewicht mag niet negatief zijn"),
        (lambda p: cs.allocate(p, "10", "loting"), "onbekende verdeelsleutel 'loting'"),
        (lambda _p: cs.custom_weights(["rijk"], [float("nan")]), "het gewicht van 'rijk' ontbreekt"),
        (lambda _p: cs.custom_weights(["rijk"], ["veel"]), "het gewicht van 'rijk' is geen getal"),
        (lambda _p: cs.custom_weights(["rijk"], [-2]), "een gewicht mag niet negatief zijn"),
    ],
)
def test_input_that_cannot_be_split_is_refused_in_dutch(parties, call, message):
    with pytest.raises(cs.CostKeyError) as error:
        call(parties)
    assert str(error.value) == message


def test_what_almelos_102000_implies_under_each_key(parties):
    implications = cs.almelo_implications(parties, custom={p.id: Fraction(1) for p in parties}).set_index("key")
    assert list(implications.index) == list(cs.KEYS)
    assert implications.at["equal", "implied_total"] == Decimal("1734000.00")
    assert implications.at["equal", "per_inhabitant_twente"] == Decimal("2.71")  # 1.734.000 / 640.806
    # 102.000 × 640.806 / 74.317 = 879.505,52…: Almelo's share of the inhabitants carries the whole budget
    assert implications.at["population", "implied_total"] == Decimal("879505.52")
    assert implications.at["population", "per_inhabitant_twente"] == Decimal("1.37")  # same as Almelo's own
    assert set(implications["per_inhabitant_almelo"]) == {Decimal("1.37")}  # 102.000 / 74.317
    assert cs.implied_total(implications.reset_index(), "gelijk") == Decimal("1734000.00")
    with_fixed = cs.almelo_implications(parties, {"rijk": Fraction(1, 2)}).set_index("key")
    assert with_fixed.at["population", "implied_total"] == Decimal("1759011.05")  # half left for municipalities
    # custom weights that leave Almelo out imply no total at all (unknown, not zero)
    without = cs.almelo_implications(parties, custom={"rijk": Fraction(1)}).set_index("key")
    assert without.at["custom", "implied_total"] is None
    assert budget_words.implications_view(without.reset_index(), "nl").iloc[3]["implied_total"] == "onbekend"


def test_views_checks_and_exports(parties):
    allocation = cs.allocate(parties, "1734000", "gelijk")
    view = budget_words.allocation_view(allocation, "nl")
    assert view.iloc[3].tolist() == ["Almelo", "Gemeente", "5,88%", "€ 102.000,00"]
    check = cs.allocation_check(allocation)
    assert check.total == Decimal("1734000.00")
    assert check.almelo == Decimal("102000.00")
    export = cs.export_allocation(allocation, "gelijk", Decimal("1734000"))
    assert set(export["scenario"]) == {"scenario, geen besluit"}
    assert export["amount"].sum() == 1_734_000


@pytest.mark.parametrize("raw", ["-5", "12.3456", "x", "inf"])
def test_bad_url_totals_are_refused(raw):
    from ros.records import scenario

    assert scenario.from_query({"totaalbudget": raw}) == (scenario.DEFAULT, [f"totaalbudget={raw}"])


def test_a_url_total_with_a_thousands_dot_is_read_as_thousands():
    from ros.records import scenario

    found, ignored = scenario.from_query({"totaalbudget": "12.345"})
    assert (found.budget_total, ignored) == (12345, [])


def test_url_values_of_the_cost_sharing_settings():
    from ros.records import scenario

    found, ignored = scenario.from_query(
        {"totaalbudget": "1734000.0", "vast_rijk": "12.5", "verdeelsleutel": "woningen"}
    )
    assert (found.budget_total, found.fixed_rijk, found.cost_key, ignored) == (
        1_734_000.0,
        12.5,
        "dwellings",
        [],
    )  # the old Dutch name is an alias
    for bad in ("101", "-1", "veel"):
        assert scenario.from_query({"vast_rijk": bad})[1] == [f"vast_rijk={bad}"]
    assert scenario.from_query({"verdeelsleutel": "loting"})[1] == ["verdeelsleutel=loting"]


def test_whole_cents_rounds_a_typed_total_and_keeps_no_total_as_none():
    from ros.model.cost_sharing import whole_cents

    assert whole_cents(1234.567) == 1234.57
    assert whole_cents(250_000.0) == 250_000.0
    assert whole_cents(None) is None


def test_an_unknown_municipal_figure_is_refused_not_counted_as_zero(parties):
    from dataclasses import replace

    unknown = [replace(p, population=None) if p.id == "GM0153" else p for p in parties]
    with pytest.raises(cs.CostKeyError, match="het aantal inwoners van Enschede is onbekend"):
        cs.key_weights(unknown, "inwoners")
    assert cs.key_weights(unknown, "woningen") == cs.key_weights(parties, "woningen")  # dwellings are still known
    implications = cs.almelo_implications(unknown).set_index("key")
    assert math.isnan(cell(implications, "population", "almelo_share"))
    assert implications.at["population", "implied_total"] is None
    assert implications.at["equal", "implied_total"] == Decimal("1734000.00")
    assert implications.at["equal", "per_inhabitant_twente"] is None  # Twente's total is unknown with Enschede's
    assert set(implications["per_inhabitant_almelo"]) == {Decimal("1.37")}
    view = budget_words.implications_view(implications.reset_index(), "nl").set_index("key")
    assert view.loc["Vaste aandelen + rest naar inwoners", "almelo_share"] == "onbekend"
    no_almelo = [replace(p, population=None) if p.id == "GM0141" else p for p in parties]
    assert set(cs.almelo_implications(no_almelo)["per_inhabitant_almelo"]) == {None}


def test_refusals_carry_codes_that_read_in_either_language(parties):
    with pytest.raises(cs.CostKeyError) as caught:
        cs.allocate(parties, "10", "population", {"rijk": Fraction(3, 4), "provincie": Fraction(1, 2)})
    assert [p.key for p in caught.value.problems] == ["cost_sharing.shares_over_100"]
    assert caught.value.text("en") == (
        "the fixed shares of the Rijk, the province and the water board add up to more than 100%"
    )
    assert str(caught.value) == "de vaste aandelen van Rijk, provincie en waterschap zijn samen meer dan 100%"
    with pytest.raises(cs.CostKeyError) as caught:
        cs.custom_weights(["rijk"], ["veel"])
    assert caught.value.text("en") == "the weight of 'rijk' is not a number"
