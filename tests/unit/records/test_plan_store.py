"""The plan register's store on SQLite and PostgreSQL: who may create, change, delete and read which plans (every
refusal, and confidential plans of other municipalities only inside totals), every change audited, optimistic
concurrency, and the register as it stood at a past moment."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from ros.model import plans as model
from ros.model.plans import Category, Plan
from ros.records.plan_store import DAY_ZONE, PlanError, PlanStore, anonymous, moment_of
from ros.records.roles import LOCAL_USER, SIGNED_OUT, Identity
from ros.records.scenario_store import ScenarioStore
from tests.support.plan_register import synthetic_register

ENSCHEDE, HENGELO = "GM0153", "GM0164"
PLANNER = Identity("anna@enschede.nl", "Anna Planner", "planner", municipalities=frozenset({ENSCHEDE}))
READER = Identity("lia@enschede.nl", "Lia Lezer", "lezer", municipalities=frozenset({ENSCHEDE}))
HENGELO_PLANNER = Identity("henk@hengelo.nl", "Henk Planner", "planner", municipalities=frozenset({HENGELO}))
COORDINATOR = Identity("cor@regiotwente.nl", "Cor Coördinator", "coordinator")
HOMES = (Category("Meergezins", "Sociale huur", gepland={2027: 60, 2028: 40}),)


def _plan(name: str, gemeente: str, confidentiality: str = "Openbaar") -> Plan:
    return Plan(
        name,
        gemeente,
        plaatsnaam="Hengelo" if gemeente == HENGELO else "Enschede",
        geometrie="POINT (250000 475000)",
        status_planologisch="2A",
        realiseerbaarheid=80,
        vertrouwelijkheid=confidentiality,
        opdrachtgever_naam="Woonbedrijf",
        categorieen=HOMES,
    )


@pytest.fixture
def store(store_url: str) -> PlanStore:
    return PlanStore(store_url)


def test_a_planner_edits_the_plans_of_their_own_municipality(store: PlanStore) -> None:
    created = store.create(_plan("Hart van Zuid", ENSCHEDE), actor=PLANNER)
    changed = store.update(created.plan.id or "", replace(created.plan, realiseerbaarheid=60), 1, actor=PLANNER)
    assert (changed.revision, store.get(created.plan.id or "").plan.realiseerbaarheid) == (2, 60)
    store.delete(created.plan.id or "", 2, actor=PLANNER)
    assert store.register().plans == ()
    assert [(c.action, c.actor_id) for c in store.changes()] == [
        ("plan_delete", PLANNER.user_id),
        ("plan_update", PLANNER.user_id),
        ("plan_create", PLANNER.user_id),
    ]


@pytest.mark.parametrize("actor", [PLANNER, READER], ids=["planner", "lezer"])
def test_another_municipalitys_plan_cannot_be_created_changed_or_deleted(store: PlanStore, actor: Identity) -> None:
    theirs = store.create(_plan("Hart van Zuid", HENGELO), actor=HENGELO_PLANNER)
    plan_id = theirs.plan.id or ""
    attempts = {
        "create": lambda: store.create(_plan("Nieuw", HENGELO), actor=actor),
        "update": lambda: store.update(plan_id, replace(theirs.plan, realiseerbaarheid=20), 1, actor=actor),
        "move": lambda: store.update(plan_id, replace(theirs.plan, gemeente=ENSCHEDE), 1, actor=actor),
        "delete": lambda: store.delete(plan_id, 1, actor=actor),
    }
    for name, attempt in attempts.items():
        with pytest.raises(PlanError) as refusal:
            attempt()
        assert str(refusal.value) == "U mag geen plannen van gemeente GM0164 toevoegen, wijzigen of verwijderen.", name
    assert [p.plan for p in store.register().plans] == [theirs.plan]
    assert [c.action for c in store.changes()] == ["plan_create"]


def test_a_planner_cannot_move_an_own_plan_to_another_municipality(store: PlanStore) -> None:
    ours = store.create(_plan("Hart van Zuid", ENSCHEDE), actor=PLANNER)
    with pytest.raises(PlanError, match="GM0164"):
        store.update(ours.plan.id or "", replace(ours.plan, gemeente=HENGELO), 1, actor=PLANNER)


def test_a_lezer_of_the_municipality_cannot_create_there(store: PlanStore) -> None:
    with pytest.raises(PlanError, match="GM0153"):
        store.create(_plan("Nieuw", ENSCHEDE), actor=READER)


def test_the_coordinator_and_the_local_user_edit_every_municipality(store: PlanStore) -> None:
    store.create(_plan("A", HENGELO), actor=COORDINATOR)
    store.create(_plan("B", ENSCHEDE), actor=LOCAL_USER)
    assert [r.plan.plan_naam for r in store.register().plans] == ["B", "A"]  # by municipality code


def test_a_confidential_plan_of_another_municipality_is_seen_only_inside_totals(store: PlanStore) -> None:
    secret = store.create(_plan("Geheim project", HENGELO, "Gemeente"), actor=HENGELO_PLANNER)
    store.create(_plan("Open project", HENGELO), actor=HENGELO_PLANNER)
    for outsider in (PLANNER, READER):
        register = store.register(actor=outsider)
        assert [r.plan.plan_naam for r in register.plans] == ["Open project"]
        assert register.totals_only == (anonymous(secret.plan),)
        [hidden] = register.totals_only
        assert (hidden.plan_naam, hidden.plaatsnaam, hidden.geometrie, hidden.opdrachtgever_naam) == (
            "",
            None,
            None,
            None,
        )
        assert model.pipeline_by_hardness([*(r.plan for r in register.plans), *register.totals_only])["hard"] == 200
        with pytest.raises(PlanError) as refusal:
            store.get(secret.plan.id or "", actor=outsider)
        assert refusal.value.code == "plan_confidential"
        assert all("Geheim project" not in repr(c) for c in store.changes(actor=outsider))
        assert "Geheim project" not in repr(store.register(actor=outsider, as_of=datetime.now(UTC)))
    for insider in (HENGELO_PLANNER, COORDINATOR, LOCAL_USER):
        assert [r.plan.plan_naam for r in store.register(actor=insider).plans] == ["Geheim project", "Open project"]
        assert store.get(secret.plan.id or "", actor=insider).plan == secret.plan
        assert len(store.changes(actor=insider)) == 2


def test_a_signed_out_visitor_sees_regional_plans_only_inside_totals(store: PlanStore) -> None:
    store.create(_plan("Regionaal project", HENGELO, "Regio"))
    store.create(_plan("Open project", HENGELO))
    register = store.register(actor=SIGNED_OUT)
    assert [r.plan.plan_naam for r in register.plans] == ["Open project"]
    assert [p.plan_naam for p in register.totals_only] == [""]
    assert [r.plan.plan_naam for r in store.register(actor=READER).plans] == ["Open project", "Regionaal project"]


def test_plan_changes_stay_out_of_the_scenarios_audit_trail(store: PlanStore, store_url: str) -> None:
    store.create(_plan("Geheim project", HENGELO, "Gemeente"), actor=HENGELO_PLANNER)
    scenarios = ScenarioStore(store_url)
    assert (scenarios.audit(), scenarios.audit_count(), scenarios.audit_scenarios()) == ([], 0, {})


def test_every_change_is_audited_with_the_plan_before_and_after(store: PlanStore) -> None:
    created = store.create(_plan("Hart van Zuid", ENSCHEDE), actor=PLANNER)
    plan_id = created.plan.id or ""
    store.update(plan_id, replace(created.plan, realiseerbaarheid=40), 1, actor=PLANNER)
    store.update(plan_id, replace(created.plan, realiseerbaarheid=40), 2, actor=PLANNER)  # the same: nothing changes
    store.delete(plan_id, 2, actor=COORDINATOR)
    delete, change, create = store.changes(plan_id=plan_id)
    assert (create.before, create.after and create.after["realiseerbaarheid"]) == (None, 80)
    assert (
        change.before and change.before["realiseerbaarheid"],
        change.after and change.after["realiseerbaarheid"],
    ) == (
        80,
        40,
    )
    assert (delete.actor_name, delete.actor_role, delete.after) == ("Cor Coördinator", "coordinator", None)
    assert delete.before
    assert delete.before["plan_naam"] == "Hart van Zuid"


def test_a_stale_change_is_refused_naming_who_changed_the_plan(store: PlanStore) -> None:
    created = store.create(_plan("Hart van Zuid", ENSCHEDE), actor=PLANNER)
    store.update(created.plan.id or "", replace(created.plan, realiseerbaarheid=40), 1, actor=COORDINATOR)
    with pytest.raises(PlanError, match="intussen gewijzigd door Cor Coördinator"):
        store.update(created.plan.id or "", replace(created.plan, realiseerbaarheid=20), 1, actor=PLANNER)
    with pytest.raises(PlanError, match="intussen gewijzigd"):
        store.delete(created.plan.id or "", 1, actor=PLANNER)


def test_the_register_as_it_stood_at_a_past_moment(store: PlanStore) -> None:
    before_all = datetime.now(UTC)
    first = store.create(_plan("Hart van Zuid", ENSCHEDE), actor=PLANNER)
    second = store.create(_plan("Twekkelerveld", ENSCHEDE), actor=PLANNER)
    after_create = datetime.now(UTC)
    store.update(
        first.plan.id or "", replace(first.plan, realiseerbaarheid=20, vertrouwelijkheid="Gemeente"), 1, actor=PLANNER
    )
    after_update = datetime.now(UTC)
    store.delete(second.plan.id or "", 1, actor=PLANNER)

    def names_and_chance(moment: datetime | None, actor: Identity = COORDINATOR) -> list[tuple[str, int | None]]:
        return [(r.plan.plan_naam, r.plan.realiseerbaarheid) for r in store.register(actor=actor, as_of=moment).plans]

    assert names_and_chance(before_all) == []
    assert names_and_chance(after_create) == [("Hart van Zuid", 80), ("Twekkelerveld", 80)]
    assert names_and_chance(after_update) == [("Hart van Zuid", 20), ("Twekkelerveld", 80)]
    assert names_and_chance(None) == [("Hart van Zuid", 20)]
    # confidentiality as it was then: public before the update, confidential after it
    assert names_and_chance(after_create, HENGELO_PLANNER) == [("Hart van Zuid", 80), ("Twekkelerveld", 80)]
    assert names_and_chance(after_update, HENGELO_PLANNER) == [("Twekkelerveld", 80)]
    assert len(store.register(actor=HENGELO_PLANNER, as_of=after_update).totals_only) == 1


def test_bad_plans_are_refused_in_dutch_and_nothing_is_stored(store: PlanStore) -> None:
    bad = replace(_plan("Fout", ENSCHEDE), status_planologisch="5A", categorieen=(Category("Villa", "Sociale huur"),))
    with pytest.raises(PlanError) as refusal:
        store.create(bad)
    assert str(refusal.value) == (
        "“5A” is geen waarde van de lijst status_planologisch van Planmonitor Wonen. "
        "“Villa” is geen waarde van de lijst woning_type van Planmonitor Wonen."
    )
    with pytest.raises(PlanError, match="Geef het plan een naam"):
        store.create(_plan("  ", ENSCHEDE))
    with pytest.raises(PlanError, match="mengt letters"):
        store.create(_plan("Hart v\u0430n Zuid", ENSCHEDE))  # a Cyrillic a
    assert store.register().plans == ()
    assert store.changes() == []


def test_a_plan_name_is_unique_per_municipality_ignoring_case(store: PlanStore) -> None:
    store.create(_plan("Hart van Zuid", ENSCHEDE))
    with pytest.raises(PlanError, match="Gemeente GM0153 heeft al een plan met de naam “hart van zuid”"):
        store.create(_plan("hart  van zuid", ENSCHEDE))
    store.create(_plan("Hart van Zuid", HENGELO))
    assert len(store.register().plans) == 2
    assert len(store.changes()) == 2


def test_a_synthetic_register_round_trips_through_the_store(store: PlanStore) -> None:
    register = synthetic_register(12)
    for plan in register:
        store.create(plan, actor=COORDINATOR)
    stored = {r.plan.plan_naam: replace(r.plan, id=None) for r in store.register(actor=COORDINATOR).plans}
    assert stored == {p.plan_naam: p for p in register}
    assert model.pipeline_by_hardness(stored.values()) == model.pipeline_by_hardness(register)


def test_the_register_as_of_a_day_holds_what_was_changed_on_that_dutch_day(store: PlanStore) -> None:
    store.create(_plan("Hart van Zuid", ENSCHEDE))
    today = datetime.now(DAY_ZONE).date()
    assert [r.plan.plan_naam for r in store.register(as_of=today).plans] == ["Hart van Zuid"]
    assert store.register(as_of=today - timedelta(days=1)).plans == ()
    # 1 July 2026 ends at midnight summer time: 22:00 UTC; 1 January at 23:00 UTC
    assert moment_of(date(2026, 7, 1)) == datetime(2026, 7, 1, 22, 0, tzinfo=UTC)
    assert moment_of(date(2026, 1, 1)) == datetime(2026, 1, 1, 23, 0, tzinfo=UTC)
    assert moment_of(datetime(2026, 1, 1, 12, 0)) == datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
