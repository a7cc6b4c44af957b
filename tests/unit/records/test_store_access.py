"""Store: what each role is refused (no UI involved), the append-only audit trail, and two people saving at once.

Every test runs against SQLite and against a real PostgreSQL server (`store_url`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from ros.base.format import date_time
from ros.records.errors import StoreError
from ros.records.roles import Identity
from ros.records.scenario_store import AuditEntry, ScenarioStore

SETTINGS = {"woningen": 69000, "vorm": "linear"}
LEZER = Identity("lees@hengelo.nl", "Lia Lezer", "lezer")
PLANNER = Identity("anna@enschede.nl", "Anna Planner", "planner")
OTHER_PLANNER = Identity("bram@almelo.nl", "Bram Planner", "planner")
COORDINATOR = Identity("coord@regiotwente.nl", "Cor Coördinator", "coordinator")
ACTORS = {"lezer": LEZER, "planner": PLANNER, "coordinator": COORDINATOR}


@pytest.fixture
def store(store_url: str) -> ScenarioStore:
    return ScenarioStore(store_url)


def _audit_rows(store: ScenarioStore) -> list[tuple[Any, ...]]:
    return [(e.actor_id, e.action, e.scenario_name) for e in store.audit()]


# Each operation on a scenario `own` (saved by the actor's own account) or `other` (saved by another planner).
OPERATIONS: dict[str, Callable[[ScenarioStore, Identity, Any], object]] = {
    "save": lambda s, a, _r: s.save("Nieuw", a.name, SETTINGS, 1, actor=a),
    "duplicate": lambda s, a, r: s.duplicate(r.id, "Kopie", a.name, actor=a),
    "update": lambda s, a, r: s.update(r.id, {"woningen": 80000}, 1, r.revision, actor=a),
    "rename": lambda s, a, r: s.rename(r.id, "Andere naam", r.revision, actor=a),
    "delete": lambda s, a, r: s.delete(r.id, r.revision, actor=a),
    "mark_agreed": lambda s, a, r: s.mark_agreed(r.id, actor=a),
    "clear_agreed": lambda s, a, _r: s.clear_agreed(actor=a),
    "ledger_upload": lambda s, a, _r: s.record_ledger_upload("grootboek.csv", {"bekend": 0}, {"bekend": 3}, actor=a),
}
REFUSED = {  # (role, operation, whose scenario) → the refusal; every combination not listed is allowed
    ("lezer", "save", "other"): "forbidden_save",
    ("lezer", "duplicate", "other"): "forbidden_save",
    ("lezer", "update", "own"): "forbidden_update",
    ("lezer", "update", "other"): "forbidden_update",
    ("lezer", "rename", "own"): "forbidden_rename",
    ("lezer", "rename", "other"): "forbidden_rename",
    ("lezer", "delete", "own"): "forbidden_delete",
    ("lezer", "delete", "other"): "forbidden_delete",
    ("lezer", "mark_agreed", "other"): "forbidden_agreed",
    ("lezer", "clear_agreed", "other"): "forbidden_agreed",
    ("lezer", "ledger_upload", "other"): "forbidden_ledger",
    ("planner", "update", "other"): "forbidden_not_own",
    ("planner", "rename", "other"): "forbidden_not_own",
    ("planner", "delete", "other"): "forbidden_not_own",
    ("planner", "mark_agreed", "other"): "forbidden_agreed",
    ("planner", "clear_agreed", "other"): "forbidden_agreed",
}
CASES = [
    (role, op, whose)
    for role in ACTORS
    for op in OPERATIONS
    for whose in (("own", "other") if op in ("update", "rename", "delete") else ("other",))
]


@pytest.mark.parametrize(("role", "operation", "whose"), CASES, ids=["-".join(c) for c in CASES])
def test_the_store_refuses_what_a_role_may_not_do(store: ScenarioStore, role: str, operation: str, whose: str) -> None:
    actor = ACTORS[role]
    owner = Identity(actor.user_id, actor.name, "planner") if whose == "own" else OTHER_PLANNER
    record = store.save(f"Van {owner.name}", owner.name, SETTINGS, 1, actor=owner)
    if operation == "clear_agreed":
        record = store.mark_agreed(record.id, actor=COORDINATOR)
    before_rows, before_audit = store.list(), store.audit()
    code = REFUSED.get((role, operation, whose))
    if code is None:
        OPERATIONS[operation](store, actor, record)
        assert len(store.audit()) == len(before_audit) + 1
        assert store.audit()[0].actor_id == actor.user_id
        return
    with pytest.raises(StoreError) as refusal:
        OPERATIONS[operation](store, actor, record)
    assert refusal.value.code == code
    assert store.list() == before_rows
    assert store.audit() == before_audit  # nothing changed, nothing recorded


@pytest.mark.parametrize("operation", ["update", "rename", "delete"])
def test_the_agreed_baseline_is_changed_only_by_a_coordinator(store: ScenarioStore, operation: str) -> None:
    record = store.mark_agreed(store.save("Basis", "Anna", SETTINGS, 1, actor=PLANNER).id, actor=COORDINATOR)
    with pytest.raises(StoreError) as refusal:
        OPERATIONS[operation](store, PLANNER, record)  # her own scenario, but now it is the agreed baseline
    assert str(refusal.value) == (
        "Het scenario “Basis” is de afgesproken basis; alleen een coördinator kan het "
        "wijzigen of verwijderen. Sla uw versie op onder een nieuwe naam."
    )
    assert store.get(record.id) == record
    OPERATIONS[operation](store, COORDINATOR, record)
    assert store.audit()[0].action == operation


def test_refusals_say_in_dutch_and_english_what_and_why(store: ScenarioStore) -> None:
    record = store.save("Basis", "Anna Planner", SETTINGS, 1, actor=OTHER_PLANNER)  # the account, not the typed author
    with pytest.raises(StoreError) as lezer:
        store.save("Mijn", "Lia", SETTINGS, 1, actor=LEZER)
    assert str(lezer.value) == "Met de rol lezer kunt u geen scenario's opslaan of kopiëren."
    assert lezer.value.message("en") == "With the role reader you cannot save or copy scenarios."
    with pytest.raises(StoreError) as planner:
        store.delete(record.id, actor=PLANNER)
    assert str(planner.value) == (
        "Het scenario “Basis” is van bram@almelo.nl; u kunt alleen uw eigen scenario's "
        "wijzigen of verwijderen. Een coördinator kan dat wel."
    )
    with pytest.raises(StoreError) as agreed:
        store.mark_agreed(record.id, actor=PLANNER)
    assert str(agreed.value) == (
        "Alleen een coördinator kan de afgesproken basis aanwijzen of intrekken; u hebt de rol planner."
    )


def test_a_session_is_recorded_append_only_with_before_and_after(store: ScenarioStore) -> None:
    saved = store.save("Basis", "Anna", SETTINGS, 1, actor=PLANNER)
    updated = store.update(saved.id, {"woningen": 75000, "vorm": "s_curve"}, 1, saved.revision, actor=PLANNER)
    renamed = store.rename(saved.id, "Basis 75k", updated.revision, actor=PLANNER)
    copy = store.duplicate(saved.id, "Basis 75k (kopie)", "Bram", actor=OTHER_PLANNER)
    store.mark_agreed(saved.id, actor=COORDINATOR)
    store.clear_agreed(actor=COORDINATOR)
    store.record_ledger_upload("grootboek.xlsx", {"bekend": 0}, {"bekend": 4}, actor=PLANNER)
    store.delete(copy.id, actor=COORDINATOR)
    trail = store.audit()
    assert [(e.actor_name, e.actor_role, e.action, e.scenario_name) for e in trail] == [
        ("Cor Coördinator", "coordinator", "delete", "Basis 75k (kopie)"),
        ("Anna Planner", "planner", "ledger_upload", None),
        ("Cor Coördinator", "coordinator", "clear_agreed", "Basis 75k"),
        ("Cor Coördinator", "coordinator", "mark_agreed", "Basis 75k"),
        ("Bram Planner", "planner", "duplicate", "Basis 75k (kopie)"),
        ("Anna Planner", "planner", "rename", "Basis 75k"),
        ("Anna Planner", "planner", "update", "Basis"),
        ("Anna Planner", "planner", "save", "Basis"),
    ]
    assert all(later.at >= earlier.at for later, earlier in itertools.pairwise(trail))
    by_action = {e.action: e for e in trail}
    assert by_action["save"].before is None
    assert by_action["save"].after == {
        "name": "Basis",
        "author": "Anna",
        "owner": "anna@enschede.nl",
        "version": 1,
        "agreed": False,
        "settings": SETTINGS,
    }
    assert by_action["update"].before == {"version": 1, "settings": SETTINGS}
    assert by_action["update"].after == {"version": 1, "settings": {"woningen": 75000, "vorm": "s_curve"}}
    assert (by_action["rename"].before, by_action["rename"].after) == ({"name": "Basis"}, {"name": "Basis 75k"})
    assert by_action["duplicate"].before == {"id": saved.id, "name": "Basis 75k"}
    assert by_action["mark_agreed"].before == {"agreed": None}
    assert by_action["mark_agreed"].after == {"agreed": {"id": saved.id, "name": "Basis 75k"}}
    assert by_action["clear_agreed"].after == {"agreed": None}
    assert by_action["ledger_upload"].after == {"file": "grootboek.xlsx", "bekend": 4}
    assert by_action["delete"].before["settings"] == {"woningen": 75000, "vorm": "s_curve"}  # type: ignore[index]
    assert by_action["delete"].after is None
    assert renamed.changed_by == "Anna Planner"
    assert renamed.owner == "anna@enschede.nl"


def test_an_unknown_role_is_refused_by_name_and_changes_nothing(store: ScenarioStore) -> None:
    saved = store.save("Basis", "Anna", SETTINGS, 1, actor=PLANNER)
    stranger = Identity("x@y.nl", "X", "beheerder")  # type: ignore[arg-type]
    for operation in OPERATIONS.values():
        with pytest.raises(StoreError) as refusal:
            operation(store, stranger, saved)
        assert str(refusal.value) == (
            "De rol “beheerder” is onbekend; er is niets gewijzigd. Bekende rollen: lezer, planner en coördinator."
        )
    assert store.get(saved.id) == saved
    assert [e.action for e in store.audit()] == ["save"]


def test_a_lezer_is_refused_the_kasboek_in_its_own_word(store: ScenarioStore) -> None:
    with pytest.raises(StoreError) as refusal:
        store.record_ledger_upload("kasboek.csv", {}, {}, actor=LEZER)
    assert str(refusal.value) == "Met de rol lezer kunt u geen kasboek inlezen."


def test_deleting_a_scenario_keeps_its_history(store: ScenarioStore) -> None:
    kept = store.save("Blijft", "Anna", SETTINGS, 1, actor=PLANNER)
    gone = store.save("Weg", "Anna", SETTINGS, 1, actor=PLANNER)
    store.rename(gone.id, "Weg 2", gone.revision, actor=PLANNER)
    store.delete(gone.id, actor=PLANNER)
    with pytest.raises(StoreError) as missing:
        store.get(gone.id)
    assert missing.value.code == "not_found"
    assert [e.action for e in store.audit(gone.id)] == ["delete", "rename", "save"]
    assert [e.action for e in store.audit(kept.id)] == ["save"]
    assert [e.action for e in store.audit(limit=2)] == ["delete", "rename"]


AUDIT_ROW = "(1, '2024-01-01', 'x@y.nl', 'iemand anders', 'planner', 'save', NULL, 'Vals', NULL, NULL)"
REWRITES = {  # besides UPDATE and DELETE: statements that replace an existing row in each dialect
    "sqlite": [f"INSERT OR REPLACE INTO audit_log VALUES {AUDIT_ROW}", f"REPLACE INTO audit_log VALUES {AUDIT_ROW}"],
    "postgresql": [
        f"INSERT INTO audit_log VALUES {AUDIT_ROW} ON CONFLICT (id) DO UPDATE SET actor_name = EXCLUDED.actor_name",
        "TRUNCATE audit_log",
    ],
}


def test_the_database_refuses_to_change_or_remove_audit_rows(store: ScenarioStore) -> None:
    store.save("Basis", "Anna", SETTINGS, 1, actor=PLANNER)
    dialect = store.engine.dialect.name
    for statement in ("UPDATE audit_log SET actor_name = 'iemand anders'", "DELETE FROM audit_log", *REWRITES[dialect]):
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(statement))
    assert [(e.id, e.actor_name, e.scenario_name) for e in store.audit()] == [(1, "Anna Planner", "Basis")]
    store.save("Tweede", "Anna", SETTINGS, 1, actor=PLANNER)  # appending still works
    assert [e.scenario_name for e in store.audit()] == ["Tweede", "Basis"]


def test_the_second_of_two_saves_of_one_scenario_does_not_overwrite(store_url: str) -> None:
    first, second = ScenarioStore(store_url), ScenarioStore(store_url)  # two app servers, one database
    saved = first.save("Gedeeld", "Anna", SETTINGS, 1, actor=PLANNER)
    opened_by_anna, opened_by_cor = first.get(saved.id), second.get(saved.id)
    anna = first.update(saved.id, {"woningen": 72000}, 1, opened_by_anna.revision, actor=PLANNER)
    with pytest.raises(StoreError) as conflict:
        second.update(saved.id, {"woningen": 90000}, 1, opened_by_cor.revision, actor=COORDINATOR)
    assert conflict.value.code == "conflict"
    assert str(conflict.value) == (
        f"Het scenario “Gedeeld” is intussen gewijzigd door Anna Planner ({date_time(anna.updated_at, 'nl')}). "
        "Er is niets overschreven; sla uw versie op onder een nieuwe naam of laad het scenario opnieuw."
    )
    assert second.get(saved.id).payload == {"woningen": 72000}
    assert second.get(saved.id).revision == 2
    mine = second.save("Gedeeld (versie Cor)", "Cor", {"woningen": 90000}, 1, actor=COORDINATOR)  # save as new name
    assert {r.name: r.payload for r in first.list()} == {
        "Gedeeld": {"woningen": 72000},
        "Gedeeld (versie Cor)": {"woningen": 90000},
    }
    assert [e.action for e in first.audit()] == ["save", "update", "save"]
    assert mine.owner == COORDINATOR.user_id


def test_stale_destructive_actions_are_refused(store: ScenarioStore) -> None:
    saved = store.save("Basis", "Anna", SETTINGS, 1, actor=PLANNER)
    changed = store.rename(saved.id, "Basis 2", saved.revision, actor=PLANNER)
    for stale in (
        lambda: store.delete(saved.id, saved.revision, actor=COORDINATOR),
        lambda: store.mark_agreed(saved.id, saved.revision, actor=COORDINATOR),
        lambda: store.update(saved.id, {"woningen": 1}, 1, saved.revision, actor=PLANNER),
    ):
        with pytest.raises(StoreError) as refusal:
            stale()
        assert refusal.value.code == "conflict"
        assert "Basis 2" in str(refusal.value)
    assert store.get(saved.id) == changed
    assert store.agreed() is None


def test_saving_the_same_settings_again_changes_nothing(store: ScenarioStore) -> None:
    saved = store.save("Basis", "Anna", SETTINGS, 1, actor=PLANNER)
    again = store.update(saved.id, dict(SETTINGS), 1, saved.revision, actor=PLANNER)
    assert again.revision == saved.revision
    assert [e.action for e in store.audit()] == ["save"]
    store.clear_agreed(actor=COORDINATOR)  # nothing was agreed: nothing to record
    assert [e.action for e in store.audit()] == ["save"]


def test_audit_entries_are_plain_values(store: ScenarioStore) -> None:
    store.save('=HYPERLINK("x")', "<b>Anna</b>", SETTINGS, 1, actor=PLANNER)
    [entry] = store.audit()
    assert isinstance(entry, AuditEntry)
    assert entry.scenario_name == '=HYPERLINK("x")'
    assert entry.at.tzinfo is not None
    assert entry.after["author"] == "<b>Anna</b>"  # type: ignore[index]


def test_two_servers_saving_the_same_scenario_at_the_same_moment(store_url: str) -> None:
    import threading

    saved = ScenarioStore(store_url).save("Gedeeld", "Anna", SETTINGS, 1, actor=PLANNER)
    barrier, outcomes = threading.Barrier(2), []

    def save_as(actor: Identity, homes: int) -> None:
        server = ScenarioStore(store_url)  # each its own engine and connection, as two app servers
        barrier.wait()
        try:
            server.update(saved.id, {"woningen": homes}, 1, saved.revision, actor=actor)
            outcomes.append(actor.name)
        except StoreError as error:
            outcomes.append(error.code)

    threads = [
        threading.Thread(target=save_as, args=(PLANNER, 72000)),
        threading.Thread(target=save_as, args=(COORDINATOR, 90000)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(outcomes) == 2
    assert outcomes.count("conflict") == 1
    winner = next(o for o in outcomes if o != "conflict")
    store = ScenarioStore(store_url)
    assert store.get(saved.id).revision == 2
    assert store.get(saved.id).changed_by == winner
    assert store.get(saved.id).payload == {"woningen": 72000 if winner == PLANNER.name else 90000}
    assert [(e.action, e.actor_name) for e in store.audit()] == [("update", winner), ("save", "Anna Planner")]


def _other_server_saves(url: str, scenario_id: str, homes: int) -> None:
    """Another app server (its own process) saves the scenario's newest revision."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from ros.records.roles import Identity\n"
        "from ros.records.scenario_store import ScenarioStore\n"
        "store = ScenarioStore(sys.argv[1])\n"
        "newest = store.get(sys.argv[2])\n"
        "store.update(newest.id, {'woningen': int(sys.argv[3])}, 1, newest.revision,"
        " actor=Identity('coord@regiotwente.nl', 'Cor Coördinator', 'coordinator'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, url, scenario_id, str(homes)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("change", ["update", "rename"])
def test_a_save_right_after_ours_is_not_lost_by_our_next_save(store_url: str, change: str) -> None:
    store = ScenarioStore(store_url)
    saved = store.save("Gedeeld", "Anna", SETTINGS, 1, actor=PLANNER)
    plain_write = store._write

    @contextmanager
    def write_then_other_server_saves() -> Iterator[Connection]:
        with plain_write() as conn:
            yield conn
        _other_server_saves(store_url, saved.id, 90000)  # commits between our commit and anything after it

    store._write = write_then_other_server_saves  # type: ignore[method-assign]
    if change == "update":
        mine = store.update(saved.id, {"woningen": 72000}, 1, saved.revision, actor=PLANNER)
        assert (mine.revision, mine.payload, mine.changed_by) == (2, {"woningen": 72000}, "Anna Planner")
    else:
        mine = store.rename(saved.id, "Gedeeld 2", saved.revision, actor=PLANNER)
        assert (mine.revision, mine.name, mine.payload) == (2, "Gedeeld 2", SETTINGS)
    store._write = plain_write  # type: ignore[method-assign]
    with pytest.raises(StoreError) as refusal:  # our next save starts from the revision we wrote
        store.update(saved.id, {"woningen": 75000}, 1, mine.revision, actor=PLANNER)
    assert refusal.value.code == "conflict"
    assert "Cor Coördinator" in str(refusal.value)
    assert store.get(saved.id).payload == {"woningen": 90000}
    assert store.get(saved.id).revision == 3


def test_the_list_and_the_history_come_in_pages(store: ScenarioStore) -> None:
    names = [f"Scenario {number}" for number in range(7)]
    saved = [store.save(name, "Anna", SETTINGS, 1, actor=PLANNER) for name in names]
    store.rename(saved[0].id, "Eerste", saved[0].revision, actor=PLANNER)
    store.delete(saved[1].id, actor=PLANNER)
    assert store.count() == 6
    newest_first = [r.name for r in store.list()]
    assert newest_first == ["Scenario 6", "Scenario 5", "Scenario 4", "Scenario 3", "Scenario 2", "Eerste"]
    assert [r.name for r in store.list(limit=4)] == newest_first[:4]
    assert [r.name for r in store.list(limit=4, offset=4)] == newest_first[4:]
    assert store.list(limit=4, offset=8) == []
    assert store.ids() == {r.id for r in store.list()}
    assert store.audit_count() == 9
    assert store.audit_count(saved[1].id) == 2
    assert [e.action for e in store.audit(limit=3)] == ["delete", "rename", "save"]
    assert [e.scenario_name for e in store.audit(limit=2, offset=3)] == ["Scenario 5", "Scenario 4"]
    assert [e.action for e in store.audit(saved[0].id, limit=1, offset=1)] == ["save"]
    assert list(store.audit_scenarios().items())[:3] == [
        (saved[1].id, "Scenario 1"),
        (saved[0].id, "Eerste"),
        (saved[6].id, "Scenario 6"),
    ]
    assert len(store.audit_scenarios()) == 7


def test_a_planner_keeps_at_most_the_quota(store: ScenarioStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROS_SCENARIO_QUOTA", "2")
    first = store.save("Een", "Anna", SETTINGS, 1, actor=PLANNER)
    store.duplicate(first.id, "Twee", "Anna", actor=PLANNER)
    for over in (
        lambda: store.save("Drie", "Anna", SETTINGS, 1, actor=PLANNER),
        lambda: store.duplicate(first.id, "Drie", "Anna", actor=PLANNER),
    ):
        with pytest.raises(StoreError) as refusal:
            over()
        assert str(refusal.value) == (
            "U bewaart al 2 scenario's in de gedeelde lijst, het maximum per planner. Verwijder eerst een scenario "
            "dat u niet meer nodig hebt; er is niets opgeslagen."
        )
    store.save("Van Bram", "Bram", SETTINGS, 1, actor=OTHER_PLANNER)  # the quota is per planner
    for number in range(3):  # a coördinator has none
        store.save(f"Regio {number}", "Cor", SETTINGS, 1, actor=COORDINATOR)
    store.delete(first.id, actor=PLANNER)
    store.save("Drie", "Anna", SETTINGS, 1, actor=PLANNER)  # room again after deleting one
    assert sorted(r.name for r in store.list() if r.owner == PLANNER.user_id) == ["Drie", "Twee"]
    assert store.count() == 6


def test_numbers_in_a_refusal_are_written_the_languages_way() -> None:
    refusal = StoreError("quota_reached", limit=1500)
    assert str(refusal).startswith("U bewaart al 1.500 scenario's in de gedeelde lijst")
    assert refusal.message("en").startswith("You already keep 1,500 scenarios in the shared list")
