"""The shared register of housing plans: create, change and delete plans with their categories and years, read the
register as it stands or as it stood at any past moment, and who may do which.

A plan (`ros.model.plans.Plan`) is kept whole as JSON in `plans`, with its municipality, name and vertrouwelijkheid
as columns; every version it had is kept in `plan_versions` with the moments between which it was valid, so
`register(as_of=…)` gives the past state. A change names the revision it started from (optimistic concurrency, as
with scenarios) and is refused when someone else changed the plan in between. The rules are
`ros.records.roles`': a planner creates, changes and deletes only plans of their own municipalities, the coördinator
all; a plan marked confidential to its municipality ("Gemeente") is returned in detail only to that municipality's
users and the coördinator, and to everyone else only without name, place, location, client name, remarks or
confirmer, for totals. Every change is written to the append-only audit trail in the same transaction (actions
"plan_create", "plan_update", "plan_delete", with the whole plan before and after).
"""

from __future__ import annotations

import uuid
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Row, or_, select, update
from sqlalchemy.exc import IntegrityError

from ros.base.config import scenario_db_url
from ros.base.format import date_time
from ros.base.i18n import translate
from ros.data.catalog import TWENTE_CODES
from ros.model.plans import Plan, plan_from_dict, plan_problems, plan_to_dict
from ros.records import roles, schema
from ros.records.errors import StoreError, localized
from ros.records.fields import clean_text, dumps, loads, utc
from ros.records.roles import LOCAL_USER, Identity
from ros.records.schema import audit_log, plan_versions, plans

PlanAction = Literal["plan_create", "plan_update", "plan_delete"]
PLAN_ACTIONS: tuple[PlanAction, ...] = ("plan_create", "plan_update", "plan_delete")
DAY_ZONE = ZoneInfo("Europe/Amsterdam")  # a register "as of a day" is as it stood at the end of that Dutch day


class PlanError(StoreError):
    """A refused change or read of the plan register; the messages are `ros/base/locales/*/plans.toml`'s."""

    def message(self, lang: str) -> str:
        """The message in `lang` (a year as written, without a thousands separator)."""
        values = localized(self.params, lang)
        if "year" in self.params:
            values["year"] = str(self.params["year"])
        return translate(lang, f"plans.{self.code}", **values)


@dataclass(frozen=True)
class PlanRecord:
    """One stored plan (its `id` set) with its revision, when it was last changed and by whom."""

    plan: Plan
    revision: int
    updated_at: datetime
    changed_by: str | None  # None in the register as of a past moment (the audit trail names who)


@dataclass(frozen=True)
class Register:
    """The register as one actor may see it: `plans` in detail, and `totals_only` the confidential plans of other
    municipalities without anything that names or locates them (for sums per municipality, hardheid, segment, year)."""

    plans: tuple[PlanRecord, ...]
    totals_only: tuple[Plan, ...]


@dataclass(frozen=True)
class PlanChange:
    """One change in the register's audit trail: who did what when, and the plan before and after (None: absent)."""

    at: datetime
    actor_id: str
    actor_name: str
    actor_role: str
    action: PlanAction
    plan_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def anonymous(plan: Plan) -> Plan:
    """The plan without what names or locates it: name, place, geometry, client name, remarks, id and confirmer."""
    return replace(
        plan,
        plan_naam="",
        plaatsnaam=None,
        geometrie=None,
        opdrachtgever_naam=None,
        opmerkingen=None,
        laatst_bevestigd_door=None,
        id=None,
    )


def moment_of(as_of: datetime | date) -> datetime:
    """The UTC moment a register is read at: a moment as given (naive means UTC), a day at its end in Dutch time."""
    if isinstance(as_of, datetime):
        return utc(as_of)
    return datetime.combine(as_of + timedelta(days=1), time(), DAY_ZONE).astimezone(UTC)


def _checked(plan: Plan) -> Plan:
    """The plan with its name cleaned by the name rule; PlanError naming every value outside the lists."""
    try:
        name = clean_text(plan.plan_naam, "name")
    except StoreError as error:
        raise PlanError(f"plan_{error.code}", **error.params) from error
    if problems := plan_problems(plan, TWENTE_CODES):
        raise PlanError.of([PlanError(code, **values) for code, values in problems])
    return replace(plan, plan_naam=name)


def _may_edit(actor: Identity, municipality: str) -> None:
    """PlanError unless the actor may edit plans of `municipality`."""
    if actor.role not in roles.ROLES:
        raise StoreError("unknown_role", value=actor.role)
    if not roles.may_edit_plan(actor, municipality):
        raise PlanError("plan_forbidden", gemeente=municipality)


def _stored(payload: str, plan_id: str) -> Plan:
    """The plan kept as JSON text, with its id."""
    return replace(plan_from_dict(loads(payload)), id=plan_id)


class PlanStore:
    """The plan register in the shared database (the scenarios': an SQLite file by default, any SQLAlchemy URL)."""

    def __init__(self, url: str | None = None) -> None:
        self.engine = schema.connect(url or scenario_db_url())
        weakref.finalize(self, self.engine.dispose)
        schema.upgrade(self.engine)

    def _row(self, conn: Connection, plan_id: str) -> Row[Any]:
        """The current row of `plan_id`, or PlanError "plan_not_found"."""
        row = conn.execute(select(plans).where(plans.c.id == plan_id)).first()
        if row is None:
            raise PlanError("plan_not_found")
        return row

    def _audit(self, conn: Connection, now: datetime, actor: Identity, action: PlanAction, **change: Any) -> None:
        """Append one row to the audit trail, in the transaction of the change it records."""
        before, after = change["before"], change["after"]
        conn.execute(
            audit_log.insert().values(
                at=now,
                actor_id=actor.user_id,
                actor_name=actor.name,
                actor_role=actor.role,
                action=action,
                scenario_id=change["plan_id"],
                scenario_name=(after or before)["plan_naam"],
                value_before=dumps(before),
                value_after=dumps(after),
            )
        )

    def _version(self, conn: Connection, plan_id: str, revision: int, plan: Plan, now: datetime) -> None:
        """Close the plan's current version at `now` and open `revision` from `now` on."""
        self._close(conn, plan_id, now)
        conn.execute(
            plan_versions.insert().values(
                plan_id=plan_id,
                revision=revision,
                gemeente=plan.gemeente,
                vertrouwelijkheid=plan.vertrouwelijkheid,
                payload=dumps(plan_to_dict(replace(plan, id=None))),
                valid_from=now,
            )
        )

    def _close(self, conn: Connection, plan_id: str, now: datetime) -> None:
        """End the plan's current version at `now`."""
        current = (plan_versions.c.plan_id == plan_id) & plan_versions.c.valid_to.is_(None)
        conn.execute(update(plan_versions).where(current).values(valid_to=now))

    def _conflict(self, row: Row[Any]) -> PlanError:
        """The refusal of a stale change, naming who changed the plan last and when (Dutch local time)."""
        return PlanError(
            "plan_conflict", name=row.plan_naam, who=row.changed_by, when=date_time(utc(row.updated_at), "nl")
        )

    def _name_taken(self, plan: Plan) -> PlanError:
        """The refusal of a second plan with the same name in one municipality."""
        return PlanError("plan_name_taken", name=plan.plan_naam, gemeente=plan.gemeente)

    def create(self, plan: Plan, *, actor: Identity = LOCAL_USER) -> PlanRecord:
        """Store a new plan; PlanError when the actor may not edit its municipality, a value is outside the lists, or
        the municipality already has a plan of that name (ignoring case)."""
        plan = _checked(plan)
        _may_edit(actor, plan.gemeente)
        now, plan_id = datetime.now(UTC), str(uuid.uuid4())
        values, payload = self._columns(plan, now, actor)
        try:
            with schema.write(self.engine) as conn:
                conn.execute(plans.insert().values(id=plan_id, revision=1, created_at=now, **values))
                self._version(conn, plan_id, 1, plan, now)
                self._audit(conn, now, actor, "plan_create", plan_id=plan_id, before=None, after=payload)
        except IntegrityError as error:
            raise self._name_taken(plan) from error
        return PlanRecord(replace(plan, id=plan_id), 1, now, actor.name)

    def _columns(self, plan: Plan, now: datetime, actor: Identity) -> tuple[dict[str, Any], dict[str, Any]]:
        """The `plans` columns of a plan changed by `actor` at `now`, and the plan as JSON values."""
        payload = plan_to_dict(replace(plan, id=None))
        columns = {
            "gemeente": plan.gemeente,
            "plan_naam": plan.plan_naam,
            "name_key": plan.plan_naam.casefold(),
            "vertrouwelijkheid": plan.vertrouwelijkheid,
            "payload": dumps(payload),
            "updated_at": now,
            "changed_by": actor.name,
        }
        return columns, payload

    def update(self, plan_id: str, plan: Plan, expected_revision: int, *, actor: Identity = LOCAL_USER) -> PlanRecord:
        """Replace a plan when nobody changed it since `expected_revision` (else PlanError "plan_conflict"); the actor
        must be allowed to edit both its old and its new municipality. The same plan again changes nothing."""
        plan = _checked(plan)
        try:
            with schema.write(self.engine) as conn:
                row = self._row(conn, plan_id)
                _may_edit(actor, row.gemeente)
                _may_edit(actor, plan.gemeente)
                if row.revision != expected_revision:
                    raise self._conflict(row)
                before = loads(row.payload)
                now = datetime.now(UTC)
                values, payload = self._columns(plan, now, actor)
                if before == payload:
                    return PlanRecord(replace(plan, id=plan_id), row.revision, utc(row.updated_at), row.changed_by)
                where = (plans.c.id == plan_id) & (plans.c.revision == expected_revision)
                changed = update(plans).where(where).values(revision=row.revision + 1, **values)
                if conn.execute(changed).rowcount != 1:
                    raise self._conflict(self._row(conn, plan_id))
                self._version(conn, plan_id, row.revision + 1, plan, now)
                self._audit(conn, now, actor, "plan_update", plan_id=plan_id, before=before, after=payload)
        except IntegrityError as error:
            raise self._name_taken(plan) from error
        return PlanRecord(replace(plan, id=plan_id), row.revision + 1, now, actor.name)

    def delete(self, plan_id: str, expected_revision: int, *, actor: Identity = LOCAL_USER) -> None:
        """Delete a plan (its history stays: the register as of an earlier moment still holds it)."""
        with schema.write(self.engine) as conn:
            row = self._row(conn, plan_id)
            _may_edit(actor, row.gemeente)
            if row.revision != expected_revision:
                raise self._conflict(row)
            now = datetime.now(UTC)
            conn.execute(plans.delete().where(plans.c.id == plan_id))
            self._close(conn, plan_id, now)
            self._audit(conn, now, actor, "plan_delete", plan_id=plan_id, before=loads(row.payload), after=None)

    def register(
        self,
        *,
        actor: Identity = LOCAL_USER,
        as_of: datetime | date | None = None,
        municipalities: Iterable[str] | None = None,
    ) -> Register:
        """The register now, or as it stood at `as_of` (a moment, or the end of a day: `moment_of`), of the given
        municipalities (all
        when None), split by what `actor` may see in detail (`Register`), each part ordered by municipality and name."""
        table: Any = plans if as_of is None else plan_versions
        if as_of is None:
            query = select(plans)
        else:
            moment = moment_of(as_of)
            query = select(plan_versions).where(
                plan_versions.c.valid_from <= moment,
                or_(plan_versions.c.valid_to.is_(None), plan_versions.c.valid_to > moment),
            )
        if municipalities is not None:
            query = query.where(table.c.gemeente.in_(list(municipalities)))
        with schema.read(self.engine) as conn:
            rows = conn.execute(query).all()
        shown: list[PlanRecord] = []
        hidden: list[Plan] = []
        for row in rows:
            plan = _stored(row.payload, row.id if as_of is None else row.plan_id)
            if roles.may_see_plan(actor, row.gemeente, row.vertrouwelijkheid):
                at, who = (row.updated_at, row.changed_by) if as_of is None else (row.valid_from, None)
                shown.append(PlanRecord(plan, row.revision, utc(at), who))
            else:
                hidden.append(anonymous(plan))
        shown.sort(key=lambda r: (r.plan.gemeente, r.plan.plan_naam.casefold()))
        hidden.sort(key=lambda p: (p.gemeente, p.status_planologisch or ""))
        return Register(tuple(shown), tuple(hidden))

    def get(self, plan_id: str, *, actor: Identity = LOCAL_USER) -> PlanRecord:
        """One current plan in detail; PlanError "plan_not_found", or "plan_confidential" when the actor may see it
        only inside totals."""
        with schema.read(self.engine) as conn:
            row = self._row(conn, plan_id)
        if not roles.may_see_plan(actor, row.gemeente, row.vertrouwelijkheid):
            raise PlanError("plan_confidential")
        return PlanRecord(_stored(row.payload, row.id), row.revision, utc(row.updated_at), row.changed_by)

    def changes(self, *, actor: Identity = LOCAL_USER, plan_id: str | None = None) -> list[PlanChange]:
        """The register's audit trail, newest first (of one plan when given), leaving out the changes of plans the
        actor may see only inside totals (on either side of the change)."""
        query = select(audit_log).where(audit_log.c.action.in_(PLAN_ACTIONS)).order_by(audit_log.c.id.desc())
        if plan_id is not None:
            query = query.where(audit_log.c.scenario_id == plan_id)
        with schema.read(self.engine) as conn:
            rows = conn.execute(query).all()
        found = []
        for row in rows:
            before, after = loads(row.value_before), loads(row.value_after)
            sides = [side for side in (before, after) if side]
            if all(roles.may_see_plan(actor, s["gemeente"], s["vertrouwelijkheid"]) for s in sides):
                found.append(
                    PlanChange(
                        utc(row.at),
                        row.actor_id,
                        row.actor_name,
                        row.actor_role,
                        row.action,
                        row.scenario_id,
                        before,
                        after,
                    )
                )
        return found
