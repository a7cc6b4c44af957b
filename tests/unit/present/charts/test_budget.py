"""Budget charts (ros/present/charts/budget.py): the Sankey's nodes, link sums and texts, unknown flows grey and
labelled
'onbekend' (never 0), and the contribution bars with their amounts as text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ros.base.i18n import section
from ros.model import budget, cost_sharing
from ros.present.charts.budget import UNKNOWN_LINK, budget_sankey, contribution_bars, sankey_labels, sankey_table

LABELS = section("nl", "budget")


@pytest.fixture(scope="module")
def table(snapshot):
    return budget.budget_table(snapshot)


def sankey(figure):
    (trace,) = figure.data
    assert trace.type == "sankey"
    return trace


def test_the_default_sankey_draws_almelo_to_hengelo_to_the_work(table):
    flows = budget.budget_flows(table)
    trace = sankey(budget_sankey(flows, LABELS, "nl"))
    assert list(trace.node.label) == [
        "Programma Stedelijke Ontwikkeling<br>€ 102.000",
        "Almelo · € 102.000",
        "Hengelo<br>kassier en budgethouder<br>€ 102.000",
        "Opstellen ROS Twente<br>2025–2026",
    ]
    assert list(trace.link.source) == [0, 1, 2]
    assert list(trace.link.target) == [1, 2, 3]
    assert list(trace.link.value) == [102_000.0] * 3
    assert [c[1] for c in trace.link.customdata] == ["€ 102.000"] * 3
    assert UNKNOWN_LINK not in trace.link.color
    notes = [a.text for a in budget_sankey(flows, LABELS, "nl").layout.annotations]
    assert notes == [
        "16 bijdragen met onbekend bedrag zijn niet getekend. Zet „Toon onbekende bijdragen” aan om ze te zien."
    ]


def test_node_and_link_sums_balance_at_every_inner_node(table):
    flows = budget.budget_flows(table, show_unknown=True)
    trace = sankey(budget_sankey(flows, LABELS, "nl"))
    values, sources, targets = list(trace.link.value), list(trace.link.source), list(trace.link.target)
    for index, node in enumerate(flows.nodes):
        inflow = sum(v for v, t in zip(values, targets, strict=True) if t == index)
        outflow = sum(v for v, s in zip(values, sources, strict=True) if s == index)
        if node.role in ("party", "cashier"):
            assert inflow == pytest.approx(outflow), node.id
    cashier = flows.index(budget.CASHIER_NODE)
    known_in = sum(
        v for v, t, c in zip(values, targets, trace.link.color, strict=True) if t == cashier and c != UNKNOWN_LINK
    )
    known_out = sum(
        v for v, s, c in zip(values, sources, trace.link.color, strict=True) if s == cashier and c != UNKNOWN_LINK
    )
    assert known_in == known_out == 102_000


def test_unknown_flows_are_grey_labelled_onbekend_and_never_zero(table):
    flows = budget.budget_flows(table, show_unknown=True)
    figure = budget_sankey(flows, LABELS, "nl")
    trace = sankey(figure)
    grey = [i for i, c in enumerate(trace.link.color) if c == UNKNOWN_LINK]
    assert len(grey) == 33
    assert {trace.link.customdata[i][1] for i in grey} == {"bedrag onbekend"}
    assert all(trace.link.value[i] > 0 for i in grey)
    labels = list(trace.node.label)
    assert "Rijk · onbekend" in labels
    assert "Hengelo · onbekend" in labels
    assert "Dekking onbekend<br>16 × onbekend" in labels
    # the Rijk's flow goes straight to the work: the decision does not say Hengelo collects it
    assert "Hengelo<br>kassier en budgethouder<br>ten minste € 102.000; 15 × onbekend" in labels
    assert not any("€ 0" in label for label in labels)
    assert "€ 0" not in " ".join(c[1] for c in trace.link.customdata)
    assert [a.text for a in figure.layout.annotations] == [LABELS["sankey_placeholder"]]
    grey_nodes = [label for label, colour in zip(labels, trace.node.color, strict=True) if colour == "#9ca3af"]
    assert len(grey_nodes) == 17  # the unknown funding source and the 16 parties


def test_sankey_table_is_the_table_alternative(table):
    rows = sankey_table(budget.budget_flows(table, show_unknown=True), LABELS, "nl")
    assert len(rows) == 36
    first = rows.iloc[0].tolist()
    assert first == ["Programma Stedelijke Ontwikkeling", "Almelo", "€ 102.000"]
    assert (rows["amount"] == "onbekend").sum() == 33
    assert "Hengelo kassier en budgethouder" in set(rows["target"])


def test_labels_in_english(table):
    labels = sankey_labels(budget.budget_flows(table, True), section("en", "budget"), "en")
    assert "Almelo · €102,000" in labels
    assert "Rijk · unknown" in labels


def test_contribution_bars_show_every_amount_as_text(snapshot):
    parties = cost_sharing.parties_for_keys(snapshot["parties"], snapshot["municipalities"])
    allocation = cost_sharing.allocate(parties, "1734000", "gelijk")
    figure = contribution_bars(allocation, LABELS, "nl")
    (bars,) = figure.data
    assert len(bars.x) == 17
    assert sum(bars.x) == 1_734_000
    assert set(bars.text) == {"€ 102.000,00"}
    assert list(bars.y)[-1] == "Rijk"  # first party on top
    assert figure.layout.title.text == LABELS["bars_title"]
    assert Decimal(str(bars.x[0])) == Decimal("102000")
