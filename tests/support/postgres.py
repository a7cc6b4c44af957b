"""A real PostgreSQL server for the tests, started once per test session (pytest-postgresql's executor, psycopg 3).

Debian puts the server binaries in /usr/lib/postgresql/<major>/bin (package `postgresql`; `.ci/run` installs it).
PostgreSQL refuses to run as root, so under root `pg_ctl` runs as the `postgres` user through a small wrapper, with
its data directory in a temporary directory that user owns. Without a server the PostgreSQL tests are skipped with a
reason, except when `CI` is set, where they fail.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import tempfile
import time
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest

_databases = count(1)


def pg_ctl() -> str | None:
    """The newest Debian pg_ctl (or one on PATH), or None when the PostgreSQL server is not installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    return found[-1] if found else shutil.which("pg_ctl")


def _runnable_as_postgres(real: str, workdir: Path) -> str:
    """A pg_ctl that runs as the `postgres` user (PostgreSQL will not run as root); `workdir` becomes theirs."""
    account = pwd.getpwnam("postgres")
    os.chown(workdir, account.pw_uid, account.pw_gid)
    wrapper = workdir / "pg_ctl"
    wrapper.write_text(f'#!/bin/sh\nexec runuser -u postgres -- "{real}" "$@"\n')
    wrapper.chmod(0o755)
    return str(wrapper)


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[object]:
    """A running PostgreSQL server on 127.0.0.1 (trust authentication, user `postgres`), stopped at the end."""
    real = pg_ctl()
    if real is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but the PostgreSQL server is not installed (apt-get install postgresql)")
        pytest.skip("PostgreSQL server not installed (apt-get install postgresql); PostgreSQL tests skipped")
    import port_for
    from pytest_postgresql.executors import PostgreSQLExecutor

    workdir = Path(tempfile.mkdtemp(prefix="ros-postgresql-"))
    executable = _runnable_as_postgres(real, workdir) if os.geteuid() == 0 else real
    server = PostgreSQLExecutor(
        executable=executable,
        host="127.0.0.1",
        port=port_for.select_random(),
        datadir=str(workdir / "data"),
        unixsocketdir=str(workdir),
        logfile=str(workdir / "postgresql.log"),
        startparams="-w",
        dbname="ros",
        user="postgres",
    )
    server.start()
    _wait_until_ready(server.port)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def _wait_until_ready(port: int, timeout: float = 60) -> None:
    """Wait until the server accepts connections (its port opens while it is still "starting up")."""
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        try:
            psycopg.connect(f"host=127.0.0.1 port={port} user=postgres dbname=postgres", connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def database_url(server: object, name: str) -> str:
    """The SQLAlchemy URL of database `name` on the test server."""
    return f"postgresql+psycopg://postgres@127.0.0.1:{server.port}/{name}"  # type: ignore[attr-defined]


@pytest.fixture
def postgresql_url(postgresql_server: object) -> Iterator[str]:
    """A fresh, empty database on the test server for one test; dropped afterwards."""
    import psycopg

    name = f"ros_test_{os.getpid()}_{next(_databases)}"
    admin = f"host=127.0.0.1 port={postgresql_server.port} user=postgres dbname=postgres"  # type: ignore[attr-defined]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield database_url(postgresql_server, name)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty scenario database: an SQLite file, and (second run of the test) a database on the PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'scenarios.db'}"
    return str(request.getfixturevalue("postgresql_url"))
