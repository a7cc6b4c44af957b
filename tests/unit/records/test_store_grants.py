"""The PostgreSQL grants of docs/deployment.md: the app's own account keeps the audit trail but cannot rewrite it.

The owner account (the test server's `postgres`) runs the migrations with the documented command; the grants block is
read from the deployment guide itself and run as written, with the app account renamed for this test.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from ros.base.config import ROOT
from ros.model.plans import Plan
from ros.records.plan_store import PlanStore
from ros.records.roles import Identity
from ros.records.scenario_store import ScenarioStore

PLANNER = Identity("anna@enschede.nl", "Anna Planner", "planner")
COORDINATOR = Identity("coord@regiotwente.nl", "Cor Coördinator", "coordinator")


def _documented_grants() -> str:
    """The SQL block of the deployment guide that grants the app's account its rights."""
    blocks = re.findall(r"```sql\n(.*?)```", (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8"), re.S)
    [grants] = [block for block in blocks if "GRANT" in block]
    return grants


def test_the_apps_account_can_work_but_not_rewrite_the_audit_trail(postgresql_url: str) -> None:
    owner = make_url(postgresql_url)
    account = f"ros_app_{owner.database}"
    env = {**os.environ, "ROS_SCENARIO_DB_URL": postgresql_url}
    migrated = subprocess.run(
        [sys.executable, "-m", "ros.records.schema"],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrated.returncode == 0, migrated.stderr
    assert migrated.stdout.strip() == "schema 4"
    admin = f"host={owner.host} port={owner.port} user=postgres dbname={owner.database}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {account} LOGIN")
        conn.execute(re.sub(r"\bTO ros;", f"TO {account};", _documented_grants()))
    app_url = owner.set(username=account).render_as_string(hide_password=False)
    app, register = ScenarioStore(app_url), PlanStore(app_url)
    try:
        saved = app.save("Basis", "Anna", {"woningen": 69000}, 1, actor=PLANNER)
        changed = app.update(saved.id, {"woningen": 72000}, 1, saved.revision, actor=PLANNER)
        app.rename(saved.id, "Basis 2", changed.revision, actor=PLANNER)
        app.mark_agreed(saved.id, actor=COORDINATOR)
        app.delete(saved.id, actor=COORDINATOR)
        assert [e.action for e in app.audit()] == ["delete", "mark_agreed", "rename", "update", "save"]
        for statement in (
            "UPDATE audit_log SET actor_name = 'iemand anders'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "ALTER TABLE audit_log DISABLE TRIGGER ALL",
            "DROP TRIGGER audit_log_no_change ON audit_log",
            "DROP TABLE audit_log",
        ):
            with pytest.raises(DBAPIError, match=r"permission denied|must be owner"), app.engine.begin() as conn:
                conn.execute(text(statement))
        assert [e.actor_name for e in app.audit()] == ["Cor Coördinator"] * 2 + ["Anna Planner"] * 3
        plan = register.create(Plan("Hart van Zuid", "GM0153", status_planologisch="2A"), actor=COORDINATOR)
        register.update(plan.plan.id or "", replace(plan.plan, status_planologisch="1A"), 1, actor=COORDINATOR)
        register.delete(plan.plan.id or "", 2, actor=COORDINATOR)
        assert [c.action for c in register.changes()] == ["plan_delete", "plan_update", "plan_create"]
    finally:
        app.engine.dispose()
        register.engine.dispose()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP OWNED BY {account}")
            conn.execute(f"DROP ROLE {account}")
