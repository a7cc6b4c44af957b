"""Store schema: numbered migrations; a database from the first version opens, is upgraded and loses nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text

from ros.records.errors import StoreError
from ros.records.roles import Identity
from ros.records.scenario_store import ScenarioStore
from ros.records.schema import SCHEMA_VERSION, schema_version

# The DDL that the first version of the scenario store created (before roles and the audit trail), per database.
TODAY_DDL = {
    "sqlite": [
        """CREATE TABLE scenarios (
            id VARCHAR(36) NOT NULL, name VARCHAR(100) NOT NULL, name_key VARCHAR(400) NOT NULL,
            author VARCHAR(100) NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL,
            version INTEGER NOT NULL, payload TEXT NOT NULL, agreed BOOLEAN NOT NULL, revision INTEGER NOT NULL,
            PRIMARY KEY (id), UNIQUE (name_key))""",
        "CREATE UNIQUE INDEX one_agreed ON scenarios (agreed) WHERE agreed",
    ],
    "postgresql": [
        """CREATE TABLE scenarios (
            id VARCHAR(36) NOT NULL, name VARCHAR(100) NOT NULL, name_key VARCHAR(400) NOT NULL,
            author VARCHAR(100) NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL,
            updated_at TIMESTAMP WITH TIME ZONE NOT NULL, version INTEGER NOT NULL, payload TEXT NOT NULL,
            agreed BOOLEAN NOT NULL, revision INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE (name_key))""",
        "CREATE UNIQUE INDEX one_agreed ON scenarios (agreed) WHERE agreed",
    ],
}
ROWS: list[dict[str, Any]] = [
    {
        "id": "11111111-1111-1111-1111-111111111111",
        "name": "Basis",
        "name_key": "basis",
        "author": "Anna",
        "created_at": datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
        "updated_at": datetime(2026, 11, 3, 14, 30, tzinfo=UTC),
        "version": 1,
        "payload": json.dumps({"woningen": 70000, "vorm": "s_curve"}),
        "agreed": True,
        "revision": 3,
    },
    {
        "id": "22222222-2222-2222-2222-222222222222",
        "name": "Snel <b>bouwen</b>",
        "name_key": "snel <b>bouwen</b>",
        "author": "Bram",
        "created_at": datetime(2026, 11, 4, 10, 0, tzinfo=UTC),
        "updated_at": datetime(2026, 11, 4, 10, 0, tzinfo=UTC),
        "version": 1,
        "payload": json.dumps({"woningen": 90000, "note": "Één"}, ensure_ascii=False),
        "agreed": False,
        "revision": 1,
    },
]


def _todays_database(url: str) -> None:
    """A database exactly as today's version leaves it: its DDL and two saved scenarios, one agreed."""
    engine = create_engine(url)
    with engine.begin() as conn:
        for statement in TODAY_DDL[conn.dialect.name]:
            conn.execute(text(statement))
        for row in ROWS:
            conn.execute(
                text(
                    "INSERT INTO scenarios VALUES (:id, :name, :name_key, :author, :created_at, :updated_at,"
                    " :version, :payload, :agreed, :revision)"
                ),
                row,
            )
    engine.dispose()


def test_a_database_from_today_opens_and_is_upgraded_with_nothing_lost(store_url: str) -> None:
    _todays_database(store_url)
    store = ScenarioStore(store_url)
    with store.engine.connect() as conn:
        assert schema_version(conn) == SCHEMA_VERSION == 4
        assert {"scenarios", "audit_log", "schema_info", "plans", "plan_versions"} <= set(
            inspect(conn).get_table_names()
        )
    records = {r.id: r for r in store.list()}
    assert [r.name for r in store.list()] == ["Snel <b>bouwen</b>", "Basis"]
    for row in ROWS:
        record = records[row["id"]]
        assert (
            record.name,
            record.author,
            record.created_at,
            record.updated_at,
            record.version,
            record.agreed,
            record.revision,
        ) == (
            row["name"],
            row["author"],
            row["created_at"],
            row["updated_at"],
            row["version"],
            row["agreed"],
            row["revision"],
        )
        assert record.payload == json.loads(row["payload"])
        assert (record.owner, record.changed_by) == (None, None)  # saved before there were owners
    assert store.agreed().id == ROWS[0]["id"]  # type: ignore[union-attr]
    assert store.audit() == []

    # the upgraded database works as a new one: the one-agreed index is still there, changes are recorded
    renamed = store.rename(ROWS[1]["id"], "Snel bouwen", 1)
    assert renamed.revision == 2
    assert [e.action for e in store.audit()] == ["rename"]
    with pytest.raises(StoreError) as refusal:  # a planner cannot take over a scenario without an owner
        store.delete(ROWS[1]["id"], actor=Identity("anna@enschede.nl", "Anna", "planner"))
    assert refusal.value.code == "forbidden_not_own"
    with pytest.raises(Exception, match=r"(?i)unique"), store.engine.begin() as conn:
        conn.execute(text("UPDATE scenarios SET agreed = true"))

    again = ScenarioStore(store_url)  # opening an up-to-date database again changes nothing
    assert again.list() == store.list()
    assert [e.action for e in again.audit()] == ["rename"]


def test_a_new_database_gets_every_migration(store_url: str) -> None:
    store = ScenarioStore(store_url)
    with store.engine.connect() as conn:
        assert schema_version(conn) == 4
        columns = {c["name"] for c in inspect(conn).get_columns("scenarios")}
    assert {"owner", "changed_by", "revision", "agreed"} <= columns
    assert store.upgrade() == 4


def test_a_database_from_a_newer_dashboard_is_refused(store_url: str) -> None:
    store = ScenarioStore(store_url)
    store.save("Basis", "Anna", {"woningen": 1}, 1)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE schema_info SET version = 5"))
    with pytest.raises(StoreError) as refusal:
        ScenarioStore(store_url)
    assert str(refusal.value) == (
        "De scenariodatabase is al bijgewerkt door een nieuwere versie van het dashboard "
        "(schema 5; deze versie kent t/m 4). Werk het dashboard bij."
    )
    assert [r.name for r in store.list()] == ["Basis"]  # nothing was touched
