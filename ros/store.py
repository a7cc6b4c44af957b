"""Named scenarios kept in a database: save, list, rename, duplicate, delete, mark one as the agreed baseline.

A scenario is stored as JSON text (the settings of the scenario model) with its schema version and metadata: name,
author, UTC timestamps, an "agreed baseline" flag and a revision number for optimistic concurrency. The store does
not know the model's fields; readers pass a validator and the current schema version, and a stored scenario that no
longer validates (or comes from a newer version) is returned with a status instead of being dropped.

By default the database is an SQLite file (`ros.config.scenario_db_url`, WAL mode, busy timeout, every write in one
`BEGIN IMMEDIATE` transaction); any SQLAlchemy URL works, for example a PostgreSQL shared by one deployment. Names
are trimmed, 1–100 characters, unique regardless of case; any text (HTML, formulas) is kept as it is — escaping is
the UI's job. Scenario files (JSON) are exported in a small envelope and checked on import. Errors are `StoreError`
with a code and a Dutch message from `ros/locales/nl/store.toml` (the UI can translate `store.<code>`).
"""

from __future__ import annotations

import builtins
import json
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import (
    Boolean, Column, Connection, DateTime, Index, Integer, MetaData, Row, String, Table, Text, create_engine, event,
    select, true, update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from ros.config import scenario_db_url
from ros.i18n import translate

FILE_FORMAT = "ros-twente-scenario"
MAX_NAME_LENGTH = 100
MAX_BYTES = 1024 * 1024  # scenario files and stored settings; a real scenario is a few kilobytes
BUSY_TIMEOUT_MS = 30_000

Status = Literal["ok", "ongeldig", "nieuwere_versie"]
Validator = Callable[[dict[str, Any], int], None]

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
)
# At most one agreed baseline, enforced by the database itself (a partial unique index).
Index("one_agreed", scenarios.c.agreed, unique=True, sqlite_where=scenarios.c.agreed,
      postgresql_where=scenarios.c.agreed)


class StoreError(ValueError):
    """A refused store operation or scenario file; `code` names the case, the message says it in Dutch."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(translate("nl", f"store.{code}", **params))
        self.code, self.params = code, params


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


def _record(row: Row[Any], validate: Validator | None, current_version: int | None) -> ScenarioRecord:
    """A database row as a record with its status against the validator and the current schema version."""
    status: Status = "ok"
    problem: str | None = None
    try:
        payload = json.loads(row.payload)
        if not isinstance(payload, dict):
            raise ValueError("geen JSON-object")
    except (ValueError, RecursionError):
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
        id=row.id, name=row.name, author=row.author, created_at=_utc(row.created_at), updated_at=_utc(row.updated_at),
        version=row.version, payload=payload, agreed=bool(row.agreed), revision=row.revision, status=status,
        problem=problem,
    )


class ScenarioStore:
    """Named scenarios in one database (SQLite file by default, any SQLAlchemy URL)."""

    def __init__(self, url: str | None = None) -> None:
        url = url or scenario_db_url()
        parsed = make_url(url)
        self._sqlite = parsed.get_backend_name() == "sqlite"
        if self._sqlite and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(url)
        if self._sqlite:
            event.listen(self.engine, "connect", _sqlite_connect)
            event.listen(self.engine, "begin", _sqlite_begin)
        with self._write() as conn:
            _metadata.create_all(conn)

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

    def _insert(self, conn: Connection, name: str, author: str, payload: str, version: int) -> str:
        """A new row in an open transaction; its id."""
        self._check_name_free(conn, name)
        now, new_id = datetime.now(UTC), str(uuid.uuid4())
        values = {"id": new_id, "name": name, "name_key": name.casefold(), "author": author, "created_at": now,
                  "updated_at": now, "version": version, "payload": payload, "agreed": False, "revision": 1}
        try:
            with conn.begin_nested():
                conn.execute(scenarios.insert().values(values))
        except IntegrityError as exc:  # a concurrent writer took the name between check and insert
            raise StoreError("name_taken", name=name) from exc
        return new_id

    def save(self, name: str, author: str, payload: dict[str, Any], version: int) -> ScenarioRecord:
        """Store a new scenario; StoreError when the name is taken or the input is not storable."""
        name, author = _clean_text(name, "name"), _clean_text(author, "author")
        text, version = _payload_text(payload), _check_version(version)
        with self._write() as conn:
            new_id = self._insert(conn, name, author, text, version)
        return self.get(new_id)

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

    def rename(self, scenario_id: str, new_name: str, expected_revision: int) -> ScenarioRecord:
        """Rename when nobody changed the scenario since `expected_revision`; else StoreError "conflict"."""
        name = _clean_text(new_name, "name")
        with self._write() as conn:
            row = self._row(conn, scenario_id)
            if row.revision != expected_revision:
                raise StoreError("conflict", name=row.name)
            self._check_name_free(conn, name, scenario_id)
            changes = {"name": name, "name_key": name.casefold(), "updated_at": datetime.now(UTC),
                       "revision": row.revision + 1}
            where = (scenarios.c.id == scenario_id) & (scenarios.c.revision == expected_revision)
            try:
                with conn.begin_nested():
                    changed = conn.execute(update(scenarios).where(where).values(changes)).rowcount
            except IntegrityError as exc:
                raise StoreError("name_taken", name=name) from exc
            if changed != 1:  # another server changed it between our read and write (not possible on SQLite)
                raise StoreError("conflict", name=row.name)
        return self.get(scenario_id)

    def duplicate(self, scenario_id: str, new_name: str, author: str) -> ScenarioRecord:
        """A copy (same settings and version, not agreed) under a new name and author."""
        name, author = _clean_text(new_name, "name"), _clean_text(author, "author")
        with self._write() as conn:
            source = self._row(conn, scenario_id)
            new_id = self._insert(conn, name, author, source.payload, source.version)
        return self.get(new_id)

    def delete(self, scenario_id: str) -> None:
        """Remove a scenario; StoreError "not_found" when it is already gone."""
        with self._write() as conn:
            if conn.execute(scenarios.delete().where(scenarios.c.id == scenario_id)).rowcount != 1:
                raise StoreError("not_found")

    def mark_agreed(self, scenario_id: str) -> ScenarioRecord:
        """Make this scenario the agreed baseline (the previous one, if any, stops being agreed)."""
        with self._write() as conn:
            self._row(conn, scenario_id)
            conn.execute(update(scenarios).where(scenarios.c.agreed == true()).values(agreed=False))
            try:
                with conn.begin_nested():
                    conn.execute(update(scenarios).where(scenarios.c.id == scenario_id).values(agreed=True))
            except IntegrityError as exc:  # a concurrent marker won (PostgreSQL); the index keeps one
                raise StoreError("agreed_conflict") from exc
        return self.get(scenario_id)

    def clear_agreed(self) -> None:
        """No scenario is the agreed baseline any more (the default becomes the baseline)."""
        with self._write() as conn:
            conn.execute(update(scenarios).where(scenarios.c.agreed == true()).values(agreed=False))


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
    envelope = {"format": FILE_FORMAT, "version": version, "name": name, "author": author,
                "created_at": _utc(created_at).isoformat(), "settings": settings}
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
    """The checked envelope of a scenario file (name and author trimmed); StoreError with a Dutch reason otherwise."""
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
    missing = [field for field in ("version", "name", "author", "created_at", "settings") if field not in envelope]
    if missing:
        raise StoreError("file_missing_fields", fields=", ".join(missing))
    version = envelope["version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise StoreError("file_bad_field", field="version")
    try:
        created_at = datetime.fromisoformat(envelope["created_at"])
    except (TypeError, ValueError) as exc:
        raise StoreError("file_bad_field", field="created_at") from exc
    if not isinstance(envelope["settings"], dict):
        raise StoreError("file_bad_field", field="settings")
    if version > current_version:
        raise StoreError("file_newer_version", version=version, current=current_version)
    try:
        validate(envelope["settings"], version)
    except Exception as exc:  # noqa: BLE001 - the validator's own message is the reason shown
        raise StoreError("file_invalid_settings", reason=str(exc)) from exc
    return {"format": FILE_FORMAT, "version": version, "name": _clean_text(envelope["name"], "name"),
            "author": _clean_text(envelope["author"], "author"), "created_at": _utc(created_at),
            "settings": envelope["settings"]}
