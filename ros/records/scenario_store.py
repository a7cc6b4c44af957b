"""Named scenarios kept in the shared database: save, list, rename, duplicate, delete, mark one as the agreed baseline.

A scenario is stored as JSON text (the settings of the scenario model) with its schema version and metadata: name,
author, owner (the id of the user who saved it), UTC timestamps, who changed it last, an "agreed baseline" flag and a
revision number for optimistic concurrency: a change names the revision it started from and is refused, naming who
changed it and when, if someone else changed the scenario in between. The store does not know the model's fields;
readers pass a validator and the current schema version, and a stored scenario that no longer validates (or comes
from a newer version) is returned with a status instead of being dropped.

Every change takes the acting `ros.records.roles.Identity` and is refused (`StoreError` "forbidden_*") when the role
does not permit it; every accepted change writes a row to the append-only audit trail in the same transaction: who,
when, what, and the value before and after. Deleting a scenario keeps its history. Names are unique regardless of
case; any text (HTML, formulas) is kept as it is — escaping is the UI's job. The tables and the connection are
`ros.records.schema`'s, the checks of names and settings `ros.records.fields`'.
"""

from __future__ import annotations

import builtins
import uuid
import weakref
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Connection, Row, func, select, true, update
from sqlalchemy.exc import IntegrityError

from ros.base.config import scenario_db_url, scenario_quota
from ros.base.format import date_time
from ros.base.i18n import translate
from ros.records import roles, schema
from ros.records.errors import StoreError
from ros.records.fields import Validator, check_version, clean_text, dumps, loads, payload_text, utc
from ros.records.roles import LOCAL_USER, Identity
from ros.records.schema import audit_log, scenarios

Status = Literal["ok", "ongeldig", "nieuwere_versie"]
AuditAction = Literal["save", "update", "rename", "duplicate", "delete", "mark_agreed", "clear_agreed", "ledger_upload"]
AUDIT_ACTIONS: tuple[AuditAction, ...] = (
    "save",
    "update",
    "rename",
    "duplicate",
    "delete",
    "mark_agreed",
    "clear_agreed",
    "ledger_upload",
)

# The trail is shared with the plan register (`ros.records.plan_store`), whose rows this store leaves out.
_SCENARIO_ROWS = audit_log.c.action.in_(AUDIT_ACTIONS)


@dataclass(frozen=True)
class ScenarioRecord:
    """One stored scenario; `payload` is None when the stored text is not readable, `problem` says why not "ok"."""

    id: str
    name: str
    author: str
    created_at: datetime
    updated_at: datetime
    version: int
    payload: dict[str, Any] | None
    agreed: bool
    revision: int
    status: Status = "ok"
    problem: str | None = None
    owner: str | None = None
    changed_by: str | None = None


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit trail: who did what when, to which scenario, and the value before and after."""

    id: int
    at: datetime
    actor_id: str
    actor_name: str
    actor_role: str
    action: AuditAction
    scenario_id: str | None
    scenario_name: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _record(row: Row[Any], validate: Validator | None, current_version: int | None) -> ScenarioRecord:
    """A database row as a record with its status against the validator and the current schema version."""
    status: Status = "ok"
    problem: str | None = None
    payload = loads(row.payload)
    if not isinstance(payload, dict):
        payload, status, problem = None, "ongeldig", translate("nl", "store.stored_unreadable")
    if payload is not None and current_version is not None and row.version > current_version:
        status = "nieuwere_versie"
        problem = translate("nl", "store.stored_newer", version=row.version, current=current_version)
    elif payload is not None and validate is not None:
        try:
            validate(payload, row.version)
        except Exception as exc:  # any failure of the caller's validator means "ongeldig"
            status, problem = "ongeldig", translate("nl", "store.stored_invalid", reason=str(exc))
    return ScenarioRecord(
        id=row.id,
        name=row.name,
        author=row.author,
        created_at=utc(row.created_at),
        updated_at=utc(row.updated_at),
        version=row.version,
        payload=payload,
        agreed=bool(row.agreed),
        revision=row.revision,
        status=status,
        problem=problem,
        owner=row.owner,
        changed_by=row.changed_by,
    )


def _snapshot(row: Row[Any]) -> dict[str, Any]:
    """What the audit keeps of a whole scenario (so that a deleted one can be told and restored)."""
    return {
        "name": row.name,
        "author": row.author,
        "owner": row.owner,
        "version": row.version,
        "agreed": bool(row.agreed),
        "settings": loads(row.payload),
    }


def _known_role(actor: Identity) -> None:
    """StoreError "unknown_role" when the actor's role is none of the three (a caller's mistake, never a KeyError)."""
    if actor.role not in roles.ROLES:
        raise StoreError("unknown_role", value=actor.role)


def _forbidden(actor: Identity, action: roles.Action, code: str) -> None:
    """StoreError `code` unless the actor's role permits `action`."""
    _known_role(actor)
    if not roles.allowed(actor, action):
        raise StoreError(code, role=actor.role)


def _may_change(actor: Identity, kind: Literal["update", "rename", "delete"], row: Row[Any]) -> None:
    """StoreError unless the actor may change this scenario (planners only their own, and not the agreed baseline,
    which is the coördinator's)."""
    _known_role(actor)
    if not roles.may_change(actor, kind, row.owner):
        if roles.allowed(actor, f"{kind}_own"):  # type: ignore[arg-type]
            raise StoreError("forbidden_not_own", name=row.name, owner=row.owner or row.author)
        raise StoreError(f"forbidden_{kind}", role=actor.role)
    if row.agreed and not roles.allowed(actor, "mark_agreed"):
        raise StoreError("forbidden_agreed_locked", name=row.name)


def _conflict(row: Row[Any]) -> StoreError:
    """The refusal of a stale change, naming who changed the scenario last and when (Dutch local time)."""
    return StoreError(
        "conflict", name=row.name, who=row.changed_by or row.author, when=date_time(utc(row.updated_at), "nl")
    )


class ScenarioStore:
    """Named scenarios and their audit trail in one database (SQLite file by default, any SQLAlchemy URL)."""

    def __init__(self, url: str | None = None) -> None:
        self.engine = schema.connect(url or scenario_db_url())
        # A store that is dropped (a cleared cache, a finished test) closes its pooled connections instead of leaving
        # them open to the garbage collector.
        weakref.finalize(self, self.engine.dispose)
        self.upgrade()

    def upgrade(self) -> int:
        """Bring the schema to the current version (`ros.records.schema.upgrade`); the version."""
        return schema.upgrade(self.engine)

    def _write(self) -> AbstractContextManager[Connection]:
        """One write transaction (on SQLite: BEGIN IMMEDIATE, so writers queue instead of failing)."""
        return schema.write(self.engine)

    def _row(self, conn: Connection, scenario_id: str) -> Row[Any]:
        """The row of `scenario_id`, or StoreError "not_found"."""
        row = conn.execute(select(scenarios).where(scenarios.c.id == scenario_id)).first()
        if row is None:
            raise StoreError("not_found")
        return row

    def _written(self, conn: Connection, scenario_id: str) -> ScenarioRecord:
        """The scenario as this transaction wrote it (read before commit: a later writer's revision is not ours)."""
        return _record(self._row(conn, scenario_id), None, None)

    def _check_name_free(self, conn: Connection, name: str, own_id: str | None = None) -> None:
        """StoreError "name_taken" when another scenario has this name (ignoring case)."""
        query = select(scenarios.c.id).where(scenarios.c.name_key == name.casefold(), scenarios.c.id != (own_id or ""))
        if conn.execute(query).first() is not None:
            raise StoreError("name_taken", name=name)

    def _audit(
        self,
        conn: Connection,
        actor: Identity,
        action: AuditAction,
        scenario_id: str | None,
        scenario_name: str | None,
        before: object,
        after: object,
    ) -> None:
        """Append one row to the audit trail, in the transaction of the change it records."""
        conn.execute(
            audit_log.insert().values(
                at=datetime.now(UTC),
                actor_id=actor.user_id,
                actor_name=actor.name,
                actor_role=actor.role,
                action=action,
                scenario_id=scenario_id,
                scenario_name=scenario_name,
                value_before=dumps(before),
                value_after=dumps(after),
            )
        )

    def _insert(self, conn: Connection, name: str, author: str, payload: str, version: int, actor: Identity) -> str:
        """A new row in an open transaction; its id. StoreError "quota_reached" when a planner already keeps
        `ros.base.config.scenario_quota()` scenarios (coördinators have no limit)."""
        self._check_name_free(conn, name)
        if actor.role == "planner":
            owned = select(func.count()).select_from(scenarios).where(scenarios.c.owner == actor.user_id)
            if conn.execute(owned).scalar_one() >= (quota := scenario_quota()):
                raise StoreError("quota_reached", limit=quota)
        now, new_id = datetime.now(UTC), str(uuid.uuid4())
        values = {
            "id": new_id,
            "name": name,
            "name_key": name.casefold(),
            "author": author,
            "created_at": now,
            "updated_at": now,
            "version": version,
            "payload": payload,
            "agreed": False,
            "revision": 1,
            "owner": actor.user_id,
            "changed_by": actor.name,
        }
        try:
            with conn.begin_nested():
                conn.execute(scenarios.insert().values(values))
        except IntegrityError as exc:  # a concurrent writer took the name between check and insert
            raise StoreError("name_taken", name=name) from exc
        return new_id

    def save(
        self, name: str, author: str, payload: dict[str, Any], version: int, *, actor: Identity = LOCAL_USER
    ) -> ScenarioRecord:
        """Store a new scenario owned by `actor`; StoreError when the name is taken, the input is not storable or
        the role may not save."""
        _forbidden(actor, "save", "forbidden_save")
        name, author = clean_text(name, "name"), clean_text(author, "author")
        text, version = payload_text(payload), check_version(version)
        with self._write() as conn:
            new_id = self._insert(conn, name, author, text, version, actor)
            row = self._row(conn, new_id)
            self._audit(conn, actor, "save", new_id, name, None, _snapshot(row))
        return _record(row, None, None)

    def update(
        self,
        scenario_id: str,
        payload: dict[str, Any],
        version: int,
        expected_revision: int,
        *,
        actor: Identity = LOCAL_USER,
    ) -> ScenarioRecord:
        """Replace the settings of a saved scenario when nobody changed it since `expected_revision`; else
        StoreError "conflict" naming who changed it and when (nothing is overwritten). Saving the same settings
        again changes nothing."""
        text, version = payload_text(payload), check_version(version)
        with self._write() as conn:
            row = self._row(conn, scenario_id)
            _may_change(actor, "update", row)
            if row.revision != expected_revision:
                raise _conflict(row)
            if (loads(row.payload), row.version) == (payload, version):
                return _record(row, None, None)
            changes = {
                "payload": text,
                "version": version,
                "updated_at": datetime.now(UTC),
                "revision": row.revision + 1,
                "changed_by": actor.name,
            }
            where = (scenarios.c.id == scenario_id) & (scenarios.c.revision == expected_revision)
            if conn.execute(update(scenarios).where(where).values(changes)).rowcount != 1:
                raise _conflict(self._row(conn, scenario_id))
            self._audit(
                conn,
                actor,
                "update",
                scenario_id,
                row.name,
                {"version": row.version, "settings": loads(row.payload)},
                {"version": version, "settings": payload},
            )
            return self._written(conn, scenario_id)

    def list(
        self,
        validate: Validator | None = None,
        current_version: int | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> builtins.list[ScenarioRecord]:
        """The stored scenarios, newest first (all, or `limit` of them from `offset`: one page), each with its status
        ("ok", "ongeldig", "nieuwere_versie")."""
        query = select(scenarios).order_by(scenarios.c.created_at.desc(), scenarios.c.id).limit(limit).offset(offset)
        with schema.read(self.engine) as conn:
            rows = conn.execute(query).all()
        return [_record(row, validate, current_version) for row in rows]

    def named(self, name: str) -> ScenarioRecord | None:
        """The scenario that `name` names (after the name rule, ignoring case), or None."""
        try:
            key = clean_text(name, "name").casefold()
        except StoreError:
            return None
        with schema.read(self.engine) as conn:
            row = conn.execute(select(scenarios).where(scenarios.c.name_key == key)).first()
        return None if row is None else _record(row, None, None)

    def names(self, current_version: int | None = None) -> dict[str, str]:
        """Id → name of every stored scenario, newest first, without reading settings; those saved by a newer
        dashboard than `current_version` left out."""
        query = select(scenarios.c.id, scenarios.c.name).order_by(scenarios.c.created_at.desc(), scenarios.c.id)
        if current_version is not None:
            query = query.where(scenarios.c.version <= current_version)
        with schema.read(self.engine) as conn:
            return {row.id: row.name for row in conn.execute(query)}

    def count(self) -> int:
        """How many scenarios are stored."""
        with schema.read(self.engine) as conn:
            return int(conn.execute(select(func.count()).select_from(scenarios)).scalar_one())

    def get(
        self, scenario_id: str, validate: Validator | None = None, current_version: int | None = None
    ) -> ScenarioRecord:
        """One scenario with its status; StoreError "not_found" when it does not exist (any more)."""
        with schema.read(self.engine) as conn:
            return _record(self._row(conn, scenario_id), validate, current_version)

    def agreed(self, validate: Validator | None = None, current_version: int | None = None) -> ScenarioRecord | None:
        """The scenario marked as agreed baseline, or None."""
        with schema.read(self.engine) as conn:
            row = conn.execute(select(scenarios).where(scenarios.c.agreed == true())).first()
        return None if row is None else _record(row, validate, current_version)

    def rename(
        self, scenario_id: str, new_name: str, expected_revision: int, *, actor: Identity = LOCAL_USER
    ) -> ScenarioRecord:
        """Rename when nobody changed the scenario since `expected_revision`; else StoreError "conflict"."""
        name = clean_text(new_name, "name")
        with self._write() as conn:
            row = self._row(conn, scenario_id)
            _may_change(actor, "rename", row)
            if row.revision != expected_revision:
                raise _conflict(row)
            self._check_name_free(conn, name, scenario_id)
            changes = {
                "name": name,
                "name_key": name.casefold(),
                "updated_at": datetime.now(UTC),
                "revision": row.revision + 1,
                "changed_by": actor.name,
            }
            where = (scenarios.c.id == scenario_id) & (scenarios.c.revision == expected_revision)
            try:
                with conn.begin_nested():
                    changed = conn.execute(update(scenarios).where(where).values(changes)).rowcount
            except IntegrityError as exc:
                raise StoreError("name_taken", name=name) from exc
            if changed != 1:  # another server changed it between our read and write (not possible on SQLite)
                raise _conflict(self._row(conn, scenario_id))
            self._audit(conn, actor, "rename", scenario_id, name, {"name": row.name}, {"name": name})
            return self._written(conn, scenario_id)

    def duplicate(
        self, scenario_id: str, new_name: str, author: str, *, actor: Identity = LOCAL_USER
    ) -> ScenarioRecord:
        """A copy (same settings and version, not agreed, owned by `actor`) under a new name and author."""
        _forbidden(actor, "duplicate", "forbidden_save")
        name, author = clean_text(new_name, "name"), clean_text(author, "author")
        with self._write() as conn:
            source = self._row(conn, scenario_id)
            new_id = self._insert(conn, name, author, source.payload, source.version, actor)
            copy = self._row(conn, new_id)
            self._audit(conn, actor, "duplicate", new_id, name, {"id": source.id, "name": source.name}, _snapshot(copy))
        return _record(copy, None, None)

    def delete(self, scenario_id: str, expected_revision: int | None = None, *, actor: Identity = LOCAL_USER) -> None:
        """Remove a scenario (its audit history stays); StoreError "not_found" when it is already gone,
        "conflict" when it changed since `expected_revision` (when given)."""
        with self._write() as conn:
            row = self._row(conn, scenario_id)
            _may_change(actor, "delete", row)
            if expected_revision is not None and row.revision != expected_revision:
                raise _conflict(row)
            where = scenarios.c.id == scenario_id
            if expected_revision is not None:
                where &= scenarios.c.revision == expected_revision
            if conn.execute(scenarios.delete().where(where)).rowcount != 1:
                raise StoreError("not_found")
            self._audit(conn, actor, "delete", scenario_id, row.name, _snapshot(row), None)

    def mark_agreed(
        self, scenario_id: str, expected_revision: int | None = None, *, actor: Identity = LOCAL_USER
    ) -> ScenarioRecord:
        """Make this scenario the agreed baseline (the previous one, if any, stops being agreed); coördinators
        only; StoreError "conflict" when it changed since `expected_revision` (when given)."""
        _forbidden(actor, "mark_agreed", "forbidden_agreed")
        with self._write() as conn:
            row = self._row(conn, scenario_id)
            if expected_revision is not None and row.revision != expected_revision:
                raise _conflict(row)
            previous = _agreed_row(conn)
            conn.execute(update(scenarios).where(scenarios.c.agreed == true()).values(agreed=False))
            try:
                with conn.begin_nested():
                    conn.execute(update(scenarios).where(scenarios.c.id == scenario_id).values(agreed=True))
            except IntegrityError as exc:  # a concurrent marker won (PostgreSQL); the index keeps one
                raise StoreError("agreed_conflict") from exc
            before = None if previous is None else {"id": previous.id, "name": previous.name}
            self._audit(
                conn,
                actor,
                "mark_agreed",
                scenario_id,
                row.name,
                {"agreed": before},
                {"agreed": {"id": row.id, "name": row.name}},
            )
            return self._written(conn, scenario_id)

    def clear_agreed(self, *, actor: Identity = LOCAL_USER) -> None:
        """No scenario is the agreed baseline any more (the default becomes the baseline); coördinators only."""
        _forbidden(actor, "mark_agreed", "forbidden_agreed")
        with self._write() as conn:
            previous = _agreed_row(conn)
            if previous is None:
                return
            conn.execute(update(scenarios).where(scenarios.c.agreed == true()).values(agreed=False))
            self._audit(
                conn,
                actor,
                "clear_agreed",
                previous.id,
                previous.name,
                {"agreed": {"id": previous.id, "name": previous.name}},
                {"agreed": None},
            )

    def record_ledger_upload(
        self, file_name: str, before: dict[str, Any], after: dict[str, Any], *, actor: Identity = LOCAL_USER
    ) -> None:
        """Record that a ledger file was taken in (its summary before and after); planners and coördinators."""
        _forbidden(actor, "ledger_upload", "forbidden_ledger")
        with self._write() as conn:
            self._audit(conn, actor, "ledger_upload", None, None, before, {"file": file_name, **after})

    def audit(
        self, scenario_id: str | None = None, limit: int | None = None, offset: int = 0
    ) -> builtins.list[AuditEntry]:
        """The audit trail, newest first (all, or `limit` rows from `offset`: one page); only one scenario's history
        (also after it was deleted) when given."""
        query = select(audit_log).where(_SCENARIO_ROWS).order_by(audit_log.c.id.desc()).limit(limit).offset(offset)
        if scenario_id is not None:
            query = query.where(audit_log.c.scenario_id == scenario_id)
        with schema.read(self.engine) as conn:
            rows = conn.execute(query).all()
        return [
            AuditEntry(
                id=r.id,
                at=utc(r.at),
                actor_id=r.actor_id,
                actor_name=r.actor_name,
                actor_role=r.actor_role,
                action=r.action,
                scenario_id=r.scenario_id,
                scenario_name=r.scenario_name,
                before=loads(r.value_before),
                after=loads(r.value_after),
            )
            for r in rows
        ]

    def audit_count(self, scenario_id: str | None = None) -> int:
        """How many rows the audit trail holds (only one scenario's when given)."""
        query = select(func.count()).select_from(audit_log).where(_SCENARIO_ROWS)
        if scenario_id is not None:
            query = query.where(audit_log.c.scenario_id == scenario_id)
        with schema.read(self.engine) as conn:
            return int(conn.execute(query).scalar_one())

    def audit_scenarios(self) -> dict[str, str]:
        """Every scenario the audit trail names (deleted ones too): id → its latest name, most recently changed
        first."""
        latest = select(func.max(audit_log.c.id)).where(audit_log.c.scenario_id.is_not(None), _SCENARIO_ROWS)
        query = (
            select(audit_log.c.scenario_id, audit_log.c.scenario_name)
            .where(audit_log.c.id.in_(latest.group_by(audit_log.c.scenario_id)))
            .order_by(audit_log.c.id.desc())
        )
        with schema.read(self.engine) as conn:
            return {row.scenario_id: row.scenario_name or row.scenario_id for row in conn.execute(query)}

    def ids(self) -> set[str]:
        """The ids of the stored scenarios (no settings read)."""
        with schema.read(self.engine) as conn:
            return set(conn.execute(select(scenarios.c.id)).scalars())


def _agreed_row(conn: Connection) -> Row[Any, Any] | None:
    """Id and name of the agreed baseline, or None."""
    return conn.execute(select(scenarios.c.id, scenarios.c.name).where(scenarios.c.agreed == true())).first()
