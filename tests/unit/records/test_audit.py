"""Audit trail tables: one row per change with a short description, the values before and after, the ledger summary."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ros.model import ledger
from ros.records import audit
from ros.records.roles import Identity
from ros.records.scenario_store import ScenarioStore

ANNA = Identity("anna@enschede.nl", "Anna", "planner")
COR = Identity("cor@regiotwente.nl", "Cor", "coordinator")


def test_a_sample_session_as_a_table(tmp_path: Path) -> None:
    store = ScenarioStore(f"sqlite:///{tmp_path / 's.db'}")
    saved = store.save("Basis", "Anna", {"woningen": 69000, "vorm": "linear"}, 1, actor=ANNA)
    changed = store.update(saved.id, {"woningen": 75000, "vorm": "s_curve", "steden": 80}, 1, 1, actor=ANNA)
    store.rename(saved.id, "Basis 75k", changed.revision, actor=ANNA)
    store.mark_agreed(saved.id, actor=COR)
    copy = store.duplicate(saved.id, "Kopie", "Cor", actor=COR)
    store.delete(copy.id, actor=COR)
    store.record_ledger_upload("kasboek.csv", {"bekend": 0}, {"bekend": 2}, actor=ANNA)
    table = audit.audit_table(store.audit())
    assert list(table.columns) == list(audit.COLUMNS)
    assert table[["who", "role", "action", "scenario", "change"]].values.tolist() == [
        ["Anna", "planner", "ledger_upload", "", "file: kasboek.csv, bekend: 2"],
        ["Cor", "coordinator", "delete", "Kopie", ""],
        ["Cor", "coordinator", "duplicate", "Kopie", "Basis 75k → Kopie"],
        ["Cor", "coordinator", "mark_agreed", "Basis 75k", "— → Basis 75k"],
        ["Anna", "planner", "rename", "Basis 75k", "Basis → Basis 75k"],
        ["Anna", "planner", "update", "Basis", "steden: — → 80; vorm: linear → s_curve; woningen: 69000 → 75000"],
        ["Anna", "planner", "save", "Basis", ""],
    ]
    assert table["account"].tolist()[:2] == ["anna@enschede.nl", "cor@regiotwente.nl"]
    assert table["before"].iloc[4] == '{"name": "Basis"}'
    assert table["after"].iloc[4] == '{"name": "Basis 75k"}'
    assert table["after"].iloc[1] == ""
    assert '"settings": {"steden": 80' in table["before"].iloc[1]
    only = audit.audit_table(store.audit(saved.id))
    assert only["action"].tolist() == ["mark_agreed", "rename", "update", "save"]
    assert store.audit_scenarios() == {copy.id: "Kopie", saved.id: "Basis 75k"}


def test_long_changes_name_the_first_few_and_count_the_rest(tmp_path: Path) -> None:
    store = ScenarioStore(f"sqlite:///{tmp_path / 's.db'}")
    saved = store.save("Veel", "Anna", {}, 1, actor=ANNA)
    store.update(saved.id, {f"k{n}": n for n in range(9)}, 1, 1, actor=ANNA)
    change = audit.change_summary(store.audit()[0])
    assert change == "k0: — → 0; k1: — → 1; k2: — → 2; k3: — → 3; k4: — → 4; k5: — → 5; +3"


def test_ledger_summary_counts_known_amounts_and_totals_exactly() -> None:
    parties = {"P01": "Almelo", "P02": "Enschede"}
    frame = ledger.empty_ledger(parties)
    frame.loc[0, "toegezegd"] = 102000.0
    frame.loc[1, "toegezegd"] = 0.1
    frame.loc[2, "ontvangen"] = 0.2
    assert audit.ledger_summary(frame) == {
        "bekend": 3,
        "toegezegd": "102000.10",
        "gefactureerd": None,
        "ontvangen": "0.20",
        "besteed": None,
    }
    assert audit.ledger_summary(ledger.empty_ledger(parties))["bekend"] == 0
    assert isinstance(audit.audit_table([]), pd.DataFrame)
    assert audit.audit_table([]).empty


def test_a_saved_ledger_is_described_per_row_with_its_amounts(tmp_path: Path) -> None:
    from ros.records import scenario as sc

    def settings(*entries: dict[str, object]) -> dict[str, object]:
        return sc.to_json(sc.Scenario(ledger_entries=list(entries)))

    store = ScenarioStore(f"sqlite:///{tmp_path / 's.db'}")
    first = {"party": "GM0141", "year": 2025, "toegezegd": 102_000}
    saved = store.save("Kasboek", "Anna", settings(first), 1, actor=ANNA)
    changed = store.update(
        saved.id,
        settings(
            {"party": "GM0141", "year": 2025, "toegezegd": 102_000, "ontvangen": 51_000.5},
            {"party": "GM0164", "year": 2026, "toegezegd": 10_000, "besteed": 2_500},
        ),
        1,
        1,
        actor=ANNA,
    )
    store.update(saved.id, {**settings(), "woningen": 70_000}, 1, changed.revision, actor=ANNA)
    assert audit.audit_table(store.audit())["change"].tolist() == [
        "grootboek − GM0141 2025: toegezegd 102000.00, ontvangen 51000.50; "
        "grootboek − GM0164 2026: toegezegd 10000.00, besteed 2500.00; woningen: 69000 → 70000",
        "grootboek GM0141 2025 ontvangen: — → 51000.50; grootboek + GM0164 2026: toegezegd 10000.00, besteed 2500.00",
        "grootboek + GM0141 2025: toegezegd 102000.00",
    ]


def test_a_stored_ledger_that_is_not_a_list_of_rows_is_shown_as_it_is(tmp_path: Path) -> None:
    store = ScenarioStore(f"sqlite:///{tmp_path / 's.db'}")
    saved = store.save("Oud", "Anna", {"grootboek": "kapot"}, 1, actor=ANNA)
    store.update(saved.id, {"grootboek": [{"party": "almelo", "year": 2025, "toegezegd": 1}]}, 1, 1, actor=ANNA)
    assert audit.audit_table(store.audit())["change"].tolist() == [
        'grootboek: kapot → [{"party": "almelo", "toegezegd": 1, "year": 2025}]',
        "",
    ]
