"""The budget data and its known/unknown summary and flow (ros/model/budget.py): only Almelo's € 102.000 is known,
unknown amounts are never summed or drawn as zero, and Hengelo's inflow equals its outflow."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from ros.data.catalog import CATALOG, BudgetRow
from ros.data.snapshot import Snapshot
from ros.data.validation import DataError, validate_table
from ros.model import budget
from ros.present import budget as budget_words
from ros.present import exports


@pytest.fixture(scope="module")
def table(snapshot):
    return budget.budget_table(snapshot)


def synthetic(amounts: dict[str, float | None]) -> pd.DataFrame:
    """A budget table with the given amounts (None = unknown) for made-up parties."""
    return pd.DataFrame(
        {
            "party_id": list(amounts),
            "name": [f"Partij {p}" for p in amounts],
            "kind": "gemeente",
            "amount": [float("nan") if a is None else a for a in amounts.values()],
            "status": ["onbekend" if a is None else "toegezegd" for a in amounts.values()],
            "period": budget.PERIOD,
            "programme": ["" if a is None else f"Programma {p}" for p, a in amounts.items()],
            "source_id": "besluit_almelo_2025",
            "note": "",
            "is_cashier": False,
        }
    )


def test_the_shipped_budget_knows_only_almelo(table):
    assert len(table) == 17
    assert list(table["party_id"][:4]) == ["rijk", "provincie_overijssel", "waterschap_vechtstromen", "GM0141"]
    almelo = table[table["party_id"] == "GM0141"].iloc[0]
    assert almelo["amount"] == 102_000
    assert almelo["status"] == "besloten"
    assert almelo["programme"] == "Stedelijke Ontwikkeling"
    assert almelo["source_id"] == "besluit_almelo_2025"
    others = table[table["party_id"] != "GM0141"]
    assert others["amount"].isna().all()
    assert set(others["status"]) == {"onbekend"}
    assert set(table["period"]) == {"2025-2026"}
    assert table.loc[table["is_cashier"], "name"].tolist() == ["Hengelo"]


def test_the_budget_dataset_is_catalogued_and_its_parties_match(snapshot):
    assert "budget" in [d.name for d in CATALOG]
    assert budget.check_parties(snapshot) == []
    broken = dict(snapshot.tables)
    rows = snapshot["budget"].copy()
    rows.loc[0, "party_id"] = "GM9999"
    rows.loc[1, "kind"] = "gemeente"
    broken["budget"] = rows
    problems = budget.check_parties(Snapshot(broken))
    assert "budget.csv, regel 2: partij 'GM9999' staat niet in parties.csv" in problems
    assert "budget.csv, regel 3: soort 'gemeente' wijkt af van parties.csv ('provincie')" in problems
    assert "budget.csv: geen regel voor partij 'rijk' in 2025-2026" in problems


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ({"amount": "5", "status": "onbekend"}, "status 'onbekend' hoort bij een leeg bedrag"),
        ({"amount": "", "status": "besloten"}, "'besloten'/'toegezegd' bij een bedrag"),
        ({"amount": "-1", "status": "besloten"}, "veld 'amount' mag niet negatief zijn"),
        ({"amount": "10.005", "status": "besloten"}, "veld 'amount' is ongeldig"),
        ({"amount": "", "status": "misschien"}, "veld 'status' is geen toegestane waarde"),
    ],
)
def test_a_bad_budget_row_is_refused_with_line_and_field(row, problem):
    good = {
        "party_id": "GM0141",
        "kind": "gemeente",
        "amount": "102000",
        "status": "besloten",
        "period": "2025-2026",
        "programme": "",
        "source_id": "besluit_almelo_2025",
        "note": "",
    }
    frame = pd.DataFrame([good, good | row], dtype=str)
    with pytest.raises(DataError) as error:
        validate_table(frame, BudgetRow, "budget.csv")
    assert str(error.value).startswith("budget.csv, regel 3: ")
    assert problem in str(error.value)


@pytest.mark.usefixtures("table")
def test_the_summary_counts_unknowns_and_never_adds_them(snapshot):
    summary = budget.budget_summary(snapshot)
    assert summary == budget.BudgetSummary(Decimal("102000.00"), 1, 16, "2025-2026")
    assert summary.party_count == 17
    assert budget_words.summary_text(summary, "nl") == "ten minste € 102.000 bekend; 16 bijdragen onbekend"
    assert budget_words.summary_text(summary, "en") == "at least €102,000 known; 16 contributions unknown"


def test_summary_variants_for_one_none_and_all_unknown():
    one = budget.summarise(synthetic({"a": 1000.5, "b": None}))
    assert one == budget.BudgetSummary(Decimal("1000.50"), 1, 1, "2025-2026")
    assert budget_words.summary_text(one, "nl") == "ten minste € 1.000 bekend; 1 bijdrage onbekend"
    none = budget.summarise(synthetic({"a": None, "b": None}))
    assert none.known_total == 0
    assert none.known_count == 0
    assert none.unknown_count == 2
    assert budget_words.summary_text(none, "nl") == "geen bedrag bekend; 2 bijdragen onbekend"
    complete = budget.summarise(synthetic({"a": 10.0, "b": 0.0}))
    assert complete == budget.BudgetSummary(Decimal("10.00"), 2, 0, "2025-2026")
    assert budget_words.summary_text(complete, "nl") == "€ 10 in totaal; alle 2 bijdragen bekend"


def test_the_export_keeps_unknown_empty_never_zero(table):
    export = budget_words.export_table(table, "nl")
    assert export["amount"].isna().sum() == 16
    assert export.loc[export["party_id"] == "rijk", "amount_text"].item() == "onbekend"
    assert export.loc[export["party_id"] == "GM0141", "amount_text"].item() == "€ 102.000"
    lines = exports.csv_bytes(export).decode("utf-8-sig").splitlines()
    header = lines[0].split(",")
    rijk = next(line for line in lines if line.startswith("rijk,"))
    assert header[3] == "amount"
    assert rijk.split(",")[3] == ""
    assert ",0," not in rijk
    assert ",0.0," not in rijk


def test_party_view_shows_onbekend_and_marks_the_cashier(table):
    view = budget_words.party_view(table, "nl")
    assert view.loc[view["name"] == "Almelo", "amount"].item() == "€ 102.000"
    assert (view["amount"] == "onbekend").sum() == 16
    assert "Hengelo (kassier)" in set(view["name"])
    assert view.loc[view["name"] == "Almelo", "status"].item() == "besloten"


def test_the_default_flow_draws_only_the_known_amount(table):
    flows = budget.budget_flows(table, show_unknown=False)
    assert [n.role for n in flows.nodes] == ["source", "party", "cashier", "work"]
    assert flows.hidden_unknown == 16
    assert [lk.value for lk in flows.links] == [102_000.0] * 3
    assert all(lk.known for lk in flows.links)
    assert flows.inflow(budget.CASHIER_NODE) == flows.outflow(budget.CASHIER_NODE) == 102_000
    assert flows.nodes[flows.index("party:GM0141")].known_amount == Decimal("102000.00")


def test_unknown_flows_are_placeholders_without_amount_and_balance_at_hengelo(table):
    flows = budget.budget_flows(table, show_unknown=True)
    assert flows.hidden_unknown == 0
    assert len(flows.nodes) == 1 + 1 + 1 + 16 + 1 + 1  # programme, Almelo, unknown source, 16 parties, cashier, work
    assert len(flows.links) == 2 * 17 + 2
    unknown = [lk for lk in flows.links if not lk.known]
    assert len(unknown) == 2 * 16 + 1
    assert all(lk.amount is None for lk in unknown)
    assert all(lk.value > 0 for lk in flows.links), "an unknown flow must never be drawn as zero"
    placeholder = 102_000 * budget.PLACEHOLDER_SHARE
    assert {lk.value for lk in unknown if flows.nodes[lk.target].id != budget.WORK_NODE} == {placeholder}
    for known in (True, False):
        assert flows.inflow(budget.CASHIER_NODE, known) == pytest.approx(flows.outflow(budget.CASHIER_NODE, known))
    assert flows.inflow(budget.CASHIER_NODE, True) == 102_000
    work = flows.nodes[flows.index(budget.WORK_NODE)]
    assert work.known_amount == Decimal("102000.00")
    assert work.unknown_count == 16
    rijk = flows.nodes[flows.index("party:rijk")]
    assert rijk.known_amount == 0
    assert rijk.unknown_count == 1
    # Hengelo collects from the municipalities, the water board and the province; the Rijk goes to the work itself
    [rijk_out] = [lk for lk in flows.links if lk.source == flows.index("party:rijk")]
    assert flows.nodes[rijk_out.target].id == budget.WORK_NODE
    assert rijk_out.amount is None
    assert flows.nodes[flows.index(budget.CASHIER_NODE)].unknown_count == 15


def test_node_and_link_sums_with_several_known_amounts():
    flows = budget.budget_flows(synthetic({"a": 50_000.5, "b": 25_000.25, "c": None}), show_unknown=True)
    assert flows.inflow(budget.CASHIER_NODE, True) == pytest.approx(75_000.75)
    assert flows.outflow(budget.CASHIER_NODE, True) == pytest.approx(75_000.75)
    known_out = [lk for lk in flows.links if lk.known and flows.nodes[lk.target].id == budget.WORK_NODE]
    assert len(known_out) == 1
    assert known_out[0].amount == Decimal("75000.75")
    for party in ("a", "b"):
        assert flows.inflow(f"party:{party}") == flows.outflow(f"party:{party}")
    cashier = flows.nodes[flows.index(budget.CASHIER_NODE)]
    assert cashier.known_amount == Decimal("75000.75")
    assert cashier.unknown_count == 1
    hidden = budget.budget_flows(synthetic({"a": 50_000.5, "b": None, "c": None}))
    assert hidden.hidden_unknown == 2
    assert all(lk.known for lk in hidden.links)


def test_nothing_known_draws_nothing_unless_asked():
    flows = budget.budget_flows(synthetic({"a": None, "b": None}))
    assert flows.nodes == ()
    assert flows.links == ()
    assert flows.hidden_unknown == 2
    shown = budget.budget_flows(synthetic({"a": None, "b": None}), show_unknown=True)
    assert all(not lk.known and lk.value > 0 for lk in shown.links)
    assert shown.inflow(budget.CASHIER_NODE) == shown.outflow(budget.CASHIER_NODE)
