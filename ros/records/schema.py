"""The tables of the shared records, their numbered migrations, and the database connection they live in.

`MIGRATIONS` creates and upgrades the schema step by step (the version is kept in `schema_info`), so a database from an
older version opens and is upgraded in place; a new table or column is a new function appended to `MIGRATIONS`, never
an edit of an old one. The audit trail is append-only: the database itself refuses UPDATE and DELETE on it.

By default the database is an SQLite file (`ros.base.config.scenario_db_url`, WAL mode, busy timeout, every write in
one `BEGIN IMMEDIATE` transaction); any SQLAlchemy URL works, for example a PostgreSQL shared by several app servers
(`postgresql+psycopg://…`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import InterfaceError, OperationalError

from ros.base.config import scenario_db_url
from ros.records.errors import StoreError
from ros.records.fields import MAX_ID_LENGTH, MAX_NAME_LENGTH

BUSY_TIMEOUT_MS = 30_000
PG_MIGRATION_LOCK = 0x524F53  # any constant: serialises the migrations of app servers starting at once

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
# The plan register (schema 4): each plan as it is now, and every version it had with the moments it was valid.
plans = Table(
    "plans",
    _metadata,
    Column("id", String(36), primary_key=True),
    Column("gemeente", String(6), nullable=False),
    Column("plan_naam", String(MAX_NAME_LENGTH), nullable=False),
    Column("name_key", String(4 * MAX_NAME_LENGTH), nullable=False),  # case-folded: unique per municipality
    Column("vertrouwelijkheid", String(20), nullable=False),
    Column("payload", Text, nullable=False),  # the plan with its categories and years as JSON
    Column("revision", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("changed_by", String(MAX_ID_LENGTH), nullable=False),
    UniqueConstraint("gemeente", "name_key", name="plan_name_per_municipality"),
)
plan_versions = Table(
    "plan_versions",
    _metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", String(36), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("gemeente", String(6), nullable=False),
    Column("vertrouwelijkheid", String(20), nullable=False),
    Column("payload", Text, nullable=False),
    Column("valid_from", DateTime(timezone=True), nullable=False),
    Column("valid_to", DateTime(timezone=True)),  # None: the current version; a deleted plan's last one is closed
)
Index("plan_versions_by_plan", plan_versions.c.plan_id, plan_versions.c.revision, unique=True)
Index("plan_versions_by_moment", plan_versions.c.valid_from, plan_versions.c.valid_to)

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


def _migrate_3(conn: Connection) -> None:
    """Schema 3: SQLite also refuses `INSERT OR REPLACE` of an existing audit row (its implicit delete fires no
    trigger without `recursive_triggers`); PostgreSQL's `ON CONFLICT DO UPDATE` is refused by its UPDATE trigger."""
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log "
                "WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) "
                "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            )
        )


def _migrate_4(conn: Connection) -> None:
    """Schema 4: the plan register, its current plans and their versions (grants: SELECT, INSERT, UPDATE, DELETE on
    plans; SELECT, INSERT, UPDATE on plan_versions and USAGE on plan_versions_id_seq)."""
    plans.create(conn)
    plan_versions.create(conn)


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_migrate_1, _migrate_2, _migrate_3, _migrate_4)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: Connection) -> int:
    """The schema version of the database: 0 when empty, 1 for a database from before versioning."""
    tables = set(inspect(conn).get_table_names())
    if "schema_info" in tables:
        return int(conn.execute(select(schema_info.c.version)).scalar_one())
    return 1 if "scenarios" in tables else 0


def upgrade(engine: Engine) -> int:
    """Bring the schema to `SCHEMA_VERSION` (each missing migration in order, in one transaction); the version.
    StoreError "schema_newer" when a newer dashboard has upgraded the database already."""
    with write(engine) as conn:
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


def connect(url: str) -> Engine:
    """An engine for `url` (an SQLite file's folder is created), with SQLite's write locking and waiting set up."""
    parsed = make_url(url)
    sqlite = parsed.get_backend_name() == "sqlite"
    if sqlite and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=not sqlite)
    if sqlite:
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


@contextmanager
def reachable() -> Iterator[None]:
    """StoreError "database_unreachable" when the database cannot be reached or the connection breaks (a stopped
    PostgreSQL, a lost network, an SQLite file locked beyond the busy timeout); what was being written is rolled
    back."""
    try:
        yield
    except (OperationalError, InterfaceError) as exc:
        raise StoreError("database_unreachable") from exc


@contextmanager
def read(engine: Engine) -> Iterator[Connection]:
    """A connection for reading (see `reachable`)."""
    with reachable(), engine.connect() as conn:
        yield conn


@contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """One write transaction (on SQLite: BEGIN IMMEDIATE, so writers queue instead of failing; see `reachable`)."""
    with reachable(), engine.connect() as conn:
        conn.execution_options(ros_write=True)
        with conn.begin():
            yield conn


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


if __name__ == "__main__":  # run the migrations with the owner's account (docs/deployment.md)
    print(f"schema {upgrade(connect(scenario_db_url()))}")
