"""Named scenarios kept in a database: save, list, rename, duplicate, delete, mark one as the agreed baseline.

A scenario is stored as JSON text (the settings of the scenario model) with its schema version and metadata: name,
author, owner (the id of the user who saved it), UTC timestamps, who changed it last, an "agreed baseline" flag and a
revision number for optimistic concurrency: a change names the revision it started from and is refused, naming who
changed it and when, if someone else changed the scenario in between. The store does not know the model's fields;
readers pass a validator and the current schema version, and a stored scenario that no longer validates (or comes
from a newer version) is returned with a status instead of being dropped.

Every change takes the acting `ros.records.roles.Identity` and is refused (`StoreError` "forbidden_*") when the role
does
not permit it; every accepted change writes a row to the append-only audit trail in the same transaction: who, when,
what, and the value before and after (the database refuses UPDATE and DELETE on it). Deleting a scenario keeps its
history. The tables are created and upgraded by numbered migrations (`MIGRATIONS`, version in `schema_info`), so a
database from an older version opens and is upgraded in place.

By default the database is an SQLite file (`ros.base.config.scenario_db_url`, WAL mode, busy timeout, every write in one
`BEGIN IMMEDIATE` transaction); any SQLAlchemy URL works, for example a PostgreSQL shared by several app servers
(`postgresql+psycopg://…`). Names are trimmed, 1–100 characters, unique regardless of case; any text (HTML,
formulas) is kept as it is — escaping is the UI's job. Scenario files (JSON) are exported in a small envelope and
checked on import. Errors are `StoreError` with a code and a Dutch message from `ros/base/locales/nl/store.toml`
(`StoreError.message(lang)` gives it in another language).
"""

from __future__ import annotations

import builtins
import json
import unicodedata
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Index,
    Integer,
    MetaData,
    Row,
    String,
    Table,
    Text,
    create_engine,
    event,
    inspect,
    select,
    text,
    true,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from ros.base.config import scenario_db_url
from ros.base.format import date_time
from ros.base.i18n import translate
from ros.records import roles
from ros.records.roles import LOCAL_USER, Identity

FILE_FORMAT = "ros-twente-scenario"
MAX_NAME_LENGTH = 100
MAX_ID_LENGTH = 320  # an e-mail address can be this long
MAX_BYTES = 1024 * 1024  # scenario files and stored settings; a real scenario is a few kilobytes
BUSY_TIMEOUT_MS = 30_000
PG_MIGRATION_LOCK = 0x524F53  # any constant: serialises the migrations of app servers starting at once

Status = Literal["ok", "ongeldig", "nieuwere_versie"]
Validator = Callable[[dict[str, Any], int], None]
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

_metadata = MetaData()
scenarios = Table(
    "scenarios",
    _metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(MAX_NAME_LENGTH), nullable=False),
    Column("name_key", String(4 * MAX_NAME_LENGTH), nullable=False, unique=True),  # case-folded ("ß" → "ss")
    Column("author", String(MAX_NAME_LENGTH), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    Column("agreed", Boolean, nullable=False, default=False),
    Column("revision", Integer, nullable=False, default=1),
    Column("owner", String(MAX_ID_LENGTH)),  # None: saved before there were owners (schema 1)
    Column("changed_by", String(MAX_ID_LENGTH)),  # display name of the last changer; None: the author
)
audit_log = Table(
    "audit_log",
    _metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor_id", String(MAX_ID_LENGTH), nullable=False),
    Column("actor_name", String(MAX_ID_LENGTH), nullable=False),
    Column("actor_role", String(20), nullable=False),
    Column("action", String(30), nullable=False),
    Column("scenario_id", String(36)),
    Column("scenario_name", String(MAX_NAME_LENGTH)),
    Column("value_before", Text),
    Column("value_after", Text),
)
Index("audit_by_scenario", audit_log.c.scenario_id, audit_log.c.id)
schema_info = Table("schema_info", _metadata, Column("version", Integer, nullable=False))

# Schema 1 exactly as the first version created it (frozen: migrations start from here).
_v1 = MetaData()
_v1_scenarios = Table(
    "scenarios",
    _v1,
    Column("id", String(36), primary_key=True),
    Column("name", String(MAX_NAME_LENGTH), nullable=False),
    Column("name_key", String(4 * MAX_NAME_LENGTH), nullable=False, unique=True),
    Column("author", String(MAX_NAME_LENGTH), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    Column("agreed", Boolean, nullable=False, default=False),
    Column("revision", Integer, nullable=False, default=1),
)
# At most one agreed baseline, enforced by the database itself (a partial unique index).
Index(
    "one_agreed",
    _v1_scenarios.c.agreed,
    unique=True,
    sqlite_where=_v1_scenarios.c.agreed,
    postgresql_where=_v1_scenarios.c.agreed,
)

_APPEND_ONLY = {
    "sqlite": [
        f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        for verb in ("UPDATE", "DELETE")
    ],
    "postgresql": [
        (
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$"
        ),
        (
            "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        ),
        (
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        ),
    ],
}


def _migrate_1(conn: Connection) -> None:
    """Schema 1: the scenarios table with the one-agreed index."""
    _v1.create_all(conn)


def _migrate_2(conn: Connection) -> None:
    """Schema 2: owner and last changer of a scenario, and the append-only audit trail."""
    for column in ("owner", "changed_by"):
        conn.execute(text(f"ALTER TABLE scenarios ADD COLUMN {column} VARCHAR({MAX_ID_LENGTH})"))
    audit_log.create(conn)
    for statement in _APPEND_ONLY.get(conn.dialect.name, []):
        conn.execute(text(statement))


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_migrate_1, _migrate_2)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: Connection) -> int:
    """The schema version of the database: 0 when empty, 1 for a database from before versioning."""
    tables = set(inspect(conn).get_table_names())
    if "schema_info" in tables:
        return int(conn.execute(select(schema_info.c.version)).scalar_one())
    return 1 if "scenarios" in tables else 0


def localized(values: Mapping[str, object], lang: str) -> dict[str, object]:
    """Placeholder values with those that can say themselves in a language (`.text(lang)`: a refused settings
    check) said in `lang`."""
    return {k: said(lang) if callable(said := getattr(v, "text", None)) else v for k, v in values.items()}


class StoreError(ValueError):
    """A refused store operation or scenario file; `code` names the case, the message says it in Dutch."""

    more: tuple[StoreError, ...] = ()  # further refusals of the same file, named together with this one

    def __init__(self, code: str, **params: object) -> None:
        self.code, self.params = code, params
        super().__init__(self.message("nl"))

    @classmethod
    def of(cls, errors: Sequence[StoreError]) -> StoreError:
        """One error that names every refusal in `errors` (the first gives `code` and `params`)."""
        combined = cls(errors[0].code, **errors[0].params)
        combined.more = tuple(errors[1:])
        combined.args = (" ".join(e.message("nl") for e in errors),)
        return combined

    def message(self, lang: str) -> str:
        """The message in `lang` (a role code among the values is named in that language too)."""
        values = localized(self.params, lang)
        if "role" in values:
            values["role"] = translate(lang, f"roles.role_{values['role']}")
        return translate(lang, f"store.{self.code}", **values)


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


def _clean_text(value: object, kind: Literal["name", "author"]) -> str:
    """The trimmed name or author, or StoreError when empty, too long, not text or holding control characters."""
    if not isinstance(value, str) or not value.strip():
        raise StoreError(f"{kind}_empty")
    text = value.strip()
    if len(text) > MAX_NAME_LENGTH:
        raise StoreError(f"{kind}_too_long", length=len(text), limit=MAX_NAME_LENGTH)
    if any(unicodedata.category(char) == "Cc" for char in text):
        raise StoreError(f"{kind}_control")
    return text


def _payload_text(payload: object) -> str:
    """The settings as JSON text, or StoreError when they are no JSON object or too large."""
    if not isinstance(payload, dict):
        raise StoreError("payload_not_object")
    try:
        text = json.dumps(payload, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as exc:
        raise StoreError("payload_not_json", reason=str(exc)) from exc
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise StoreError("payload_too_large")
    return text


def _check_version(version: object) -> int:
    """A schema version: a whole number of at least 1."""
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise StoreError("version_bad", version=version)
    return version


def _utc(moment: datetime) -> datetime:
    """The moment as timezone-aware UTC (SQLite gives naive UTC values back)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _loads(value: str | None) -> Any:
    """Stored JSON text as a value; None stays None, unreadable text becomes None."""
    if value is None:
        return None
    try:
        return json.loads(value)
    except (ValueError, RecursionError):
        return None


def _dumps(value: object) -> str | None:
    """A value as stored JSON text; None stays None."""
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _record(row: Row[Any], validate: Validator | None, current_version: int | None) -> ScenarioRecord:
    """A database row as a record with its status against the validator and the current schema version."""
    status: Status = "ok"
    problem: str | None = None
    payload = _loads(row.payload)
    if not isinstance(payload, dict):
        payload, status, problem = None, "ongeldig", translate("nl", "store.stored_unreadable")
    if payload is not None and current_version is not None and row.version > current_version:
        status = "nieuwere_versie"
        problem = translate("nl", "store.stored_newer", version=row.version, current=current_version)
    elif payload is not None and validate is not None:
        try:
            validate(payload, row.version)
        except Exception as exc:  # noqa: BLE001 - any failure of the caller's validator means "ongeldig"
            status, problem = "ongeldig", translate("nl", "store.stored_invalid", reason=str(exc))
    return ScenarioRecord(
        id=row.id,
        name=row.name,
        author=row.author,
        created_at=_utc(row.created_at),
        updated_at=_utc(row.updated_at),
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
        "settings": _loads(row.payload),
    }


def _forbidden(actor: Identity, action: roles.Action, code: str) -> None:
    """StoreError `code` unless the actor's role permits `action`."""
    if not roles.allowed(actor, action):
        raise StoreError(code, role=actor.role)


def _may_change(actor: Identity, kind: Literal["update", "rename", "delete"], row: Row[Any]) -> None:
    """StoreError unless the actor may change this scenario (planners only their own, and not the agreed baseline,
    which is the coördinator's)."""
    if not roles.may_change(actor, kind, row.owner):
        if roles.allowed(actor, f"{kind}_own"):  # type: ignore[arg-type]
            raise StoreError("forbidden_not_own", name=row.name, owner=row.author)
        raise StoreError(f"forbidden_{kind}", role=actor.role)
    if row.agreed and not roles.allowed(actor, "mark_agreed"):
        raise StoreError("forbidden_agreed_locked", name=row.name)


def _conflict(row: Row[Any]) -> StoreError:
    """The refusal of a stale change, naming who changed the scenario last and when (Dutch local time)."""
    return StoreError(
        "conflict", name=row.name, who=row.changed_by or row.author, when=date_time(_utc(row.updated_at), "nl")
    )


class ScenarioStore:
    """Named scenarios and their audit trail in one database (SQLite file by default, any SQLAlchemy URL)."""

    def __init__(self, url: str | None = None) -> None:
        url = url or scenario_db_url()
        parsed = make_url(url)
        self._sqlite = parsed.get_backend_name() == "sqlite"
        if self._sqlite and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(url, pool_pre_ping=not self._sqlite)
        if self._sqlite:
            event.listen(self.engine, "connect", _sqlite_connect)
            event.listen(self.engine, "begin", _sqlite_begin)
        self.upgrade()

    def upgrade(self) -> int:
        """Bring the schema to `SCHEMA_VERSION` (each missing migration in order, in one transaction); the
        version. StoreError "schema_newer" when a newer dashboard has upgraded the database already."""
        with self._write() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
            found = schema_version(conn)
            if found > SCHEMA_VERSION:
                raise StoreError("schema_newer", found=found, known=SCHEMA_VERSION)
            for migration in MIGRATIONS[found:]:
                migration(conn)
            if found < SCHEMA_VERSION:
                schema_info.create(conn, checkfirst=True)
                conn.execute(schema_info.delete())
                conn.execute(schema_info.insert().values(version=SCHEMA_VERSION))
        return SCHEMA_VERSION

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction (on SQLite: BEGIN IMMEDIATE, so writers queue instead of failing)."""
        with self.engine.connect() as conn:
            conn.execution_options(ros_write=True)
            with conn.begin():
                yield conn

    def _row(self, conn: Connection, scenario_id: str) -> Row[Any]:
        """The row of `scenario_id`, or StoreError "not_found"."""
        row = conn.execute(select(scenarios).where(scenarios.c.id == scenario_id)).first()
        if row is None:
            raise StoreError("not_found")
        return row

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
                value_before=_dumps(before),
                value_after=_dumps(after),
            )
        )

    def _insert(self, conn: Connection, name: str, author: str, payload: str, version: int, actor: Identity) -> str:
        """A new row in an open transaction; its id."""
        self._check_name_free(conn, name)
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
        name, author = _clean_text(name, "name"), _clean_text(author, "author")
        text, version = _payload_text(payload), _check_version(version)
        with self._write() as conn:
            new_id = self._insert(conn, name, author, text, version, actor)
            row = self._row(conn, new_id)
            self._audit(conn, actor, "save", new_id, name, None, _snapshot(row))
        return self.get(new_id)

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
        text, version = _payload_text(payload), _check_version(version)
        with self._write() as conn:
            row = self._row(conn, scenario_id)
            _may_change(actor, "update", row)
            if row.revision != expected_revision:
                raise _conflict(row)
            if (_loads(row.payload), row.version) == (payload, version):
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
                {"version": row.version, "settings": _loads(row.payload)},
                {"version": version, "settings": payload},
            )
        return self.get(scenario_id)

    def list(
        self, validate: Validator | None = None, current_version: int | None = None
    ) -> builtins.list[ScenarioRecord]:
        """Every stored scenario, newest first, each with its status ("ok", "ongeldig", "nieuwere_versie")."""
        query = select(scenarios).order_by(scenarios.c.created_at.desc(), scenarios.c.id)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [_record(row, validate, current_version) for row in rows]

    def get(
        self, scenario_id: str, validate: Validator | None = None, current_version: int | None = None
    ) -> ScenarioRecord:
        """One scenario with its status; StoreError "not_found" when it does not exist (any more)."""
        with self.engine.connect() as conn:
            return _record(self._row(conn, scenario_id), validate, current_version)

    def agreed(self, validate: Validator | None = None, current_version: int | None = None) -> ScenarioRecord | None:
        """The scenario marked as agreed baseline, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(scenarios).where(scenarios.c.agreed == true())).first()
        return None if row is None else _record(row, validate, current_version)

    def rename(
        self, scenario_id: str, new_name: str, expected_revision: int, *, actor: Identity = LOCAL_USER
    ) -> ScenarioRecord:
        """Rename when nobody changed the scenario since `expected_revision`; else StoreError "conflict"."""
        name = _clean_text(new_name, "name")
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
        return self.get(scenario_id)

    def duplicate(
        self, scenario_id: str, new_name: str, author: str, *, actor: Identity = LOCAL_USER
    ) -> ScenarioRecord:
        """A copy (same settings and version, not agreed, owned by `actor`) under a new name and author."""
        _forbidden(actor, "duplicate", "forbidden_save")
        name, author = _clean_text(new_name, "name"), _clean_text(author, "author")
        with self._write() as conn:
            source = self._row(conn, scenario_id)
            new_id = self._insert(conn, name, author, source.payload, source.version, actor)
            self._audit(
                conn,
                actor,
                "duplicate",
                new_id,
                name,
                {"id": source.id, "name": source.name},
                _snapshot(self._row(conn, new_id)),
            )
        return self.get(new_id)

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
        return self.get(scenario_id)

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

    def audit(self, scenario_id: str | None = None, limit: int | None = None) -> builtins.list[AuditEntry]:
        """The audit trail, newest first; only one scenario's history (also after it was deleted) when given."""
        query = select(audit_log).order_by(audit_log.c.id.desc())
        if scenario_id is not None:
            query = query.where(audit_log.c.scenario_id == scenario_id)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [
            AuditEntry(
                id=r.id,
                at=_utc(r.at),
                actor_id=r.actor_id,
                actor_name=r.actor_name,
                actor_role=r.actor_role,
                action=r.action,
                scenario_id=r.scenario_id,
                scenario_name=r.scenario_name,
                before=_loads(r.value_before),
                after=_loads(r.value_after),
            )
            for r in rows
        ]


def _agreed_row(conn: Connection) -> Row[Any, Any] | None:
    """Id and name of the agreed baseline, or None."""
    return conn.execute(select(scenarios.c.id, scenarios.c.name).where(scenarios.c.agreed == true())).first()


def _sqlite_connect(dbapi_connection: Any, _connection_record: Any) -> None:
    """SQLite: let SQLAlchemy issue BEGIN itself, write-ahead log (readers never block writers), wait when busy."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    """SQLite: writers take the write lock up front, so two writers queue instead of one failing halfway."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("ros_write") else "BEGIN")


def scenario_file(name: str, author: str, version: int, settings: dict[str, Any], created_at: datetime) -> bytes:
    """A scenario file (UTF-8 JSON): format, version, name, author, created_at and settings."""
    envelope = {
        "format": FILE_FORMAT,
        "version": version,
        "name": name,
        "author": author,
        "created_at": _utc(created_at).isoformat(),
        "settings": settings,
    }
    return json.dumps(envelope, ensure_ascii=False, indent=2).encode("utf-8")


def export_json(record: ScenarioRecord) -> bytes:
    """A stored scenario as a scenario file; StoreError when its stored text is unreadable."""
    if record.payload is None:
        raise StoreError("export_unreadable", name=record.name)
    return scenario_file(record.name, record.author, record.version, record.payload, record.created_at)


def _refuse_constant(name: str) -> None:
    """JSON has no NaN or Infinity; Python's reader would accept them."""
    raise ValueError(name)


def parse_scenario_file(data: bytes, current_version: int, validate: Validator) -> dict[str, Any]:
    """The checked envelope of a scenario file (name and author trimmed); otherwise StoreError naming every problem
    of the envelope (missing and bad fields, name, author, settings) together."""
    if len(data) > MAX_BYTES:
        raise StoreError("file_too_large")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StoreError("file_not_utf8") from exc
    try:
        envelope = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise StoreError("file_not_json", line=exc.lineno) from exc
    except (ValueError, RecursionError) as exc:
        raise StoreError("file_not_json_plain") from exc
    if not isinstance(envelope, dict) or envelope.get("format") != FILE_FORMAT:
        raise StoreError("file_wrong_format")
    problems: list[StoreError] = []
    missing = [field for field in ("version", "name", "author", "created_at", "settings") if field not in envelope]
    if missing:
        problems.append(StoreError("file_missing_fields", fields=", ".join(missing)))
    version = envelope.get("version")
    if "version" in envelope and (isinstance(version, bool) or not isinstance(version, int) or version < 1):
        problems.append(StoreError("file_bad_field", field="version"))
        version = None
    created_at = None
    if "created_at" in envelope:
        try:
            created_at = datetime.fromisoformat(envelope["created_at"])
        except (TypeError, ValueError):
            problems.append(StoreError("file_bad_field", field="created_at"))
    settings = envelope.get("settings")
    if "settings" in envelope and not isinstance(settings, dict):
        problems.append(StoreError("file_bad_field", field="settings"))
    texts = {}
    for kind in ("name", "author"):
        if kind in envelope:
            try:
                texts[kind] = _clean_text(envelope[kind], kind)
            except StoreError as error:
                problems.append(error)
    if isinstance(version, int) and version > current_version:
        problems.append(StoreError("file_newer_version", version=version, current=current_version))
    elif isinstance(version, int) and isinstance(settings, dict):
        try:
            validate(settings, version)
        except Exception as exc:  # noqa: BLE001 - the validator's own message is the reason shown
            problems.append(StoreError("file_invalid_settings", reason=exc if hasattr(exc, "text") else str(exc)))
    if problems:
        raise StoreError.of(problems)
    assert isinstance(version, int) and isinstance(settings, dict) and created_at is not None
    return {
        "format": FILE_FORMAT,
        "version": version,
        "name": texts["name"],
        "author": texts["author"],
        "created_at": _utc(created_at),
        "settings": settings,
    }
