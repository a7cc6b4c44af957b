"""Fixtures for every test: settings isolated from the user's, the data snapshot, a real PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.support import app
from tests.support.boundaries import TEST_BOUNDARIES

# A real PostgreSQL for the store's tests (fixtures `postgresql_server`, `postgresql_url`, `store_url`).
pytest_plugins = ["tests.support.postgres"]


@pytest.fixture(autouse=True, scope="session")
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never touch the user's cache or the network: an empty cache dir, offline, test boundaries if any."""
    os.environ["ROS_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["ROS_OFFLINE"] = "1"
    if TEST_BOUNDARIES:
        os.environ["ROS_BOUNDARIES_FILE"] = TEST_BOUNDARIES


@pytest.fixture(autouse=True)
def _caches_after(request: pytest.FixtureRequest) -> Iterator[None]:
    """Tell the AppTest helper whether this test patched anything, so the next test knows whether to clear caches."""
    yield
    app.after_test(patched="monkeypatch" in request.fixturenames)


@pytest.fixture(scope="session")
def snapshot():
    """The shipped data snapshot, validated."""
    from ros.data.snapshot import load_snapshot

    return load_snapshot()


@pytest.fixture(scope="session")
def region(snapshot):
    """The region's static figures (ros.model.targets.region_data of the shipped snapshot) that every recompute
    starts from; frozen, so one for the whole session."""
    from ros.model.targets import region_data

    return region_data(snapshot)
