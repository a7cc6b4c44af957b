"""Settings (ros/base/config.py): read from the environment there only, and at call time."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ros.base import config
from ros.data import geo
from ros.data.snapshot import load_snapshot


def test_the_environment_is_read_in_config_only() -> None:
    readers = re.compile(r"os\.environ|os\.getenv|getenv\(")
    found = [
        str(path.relative_to(config.ROOT))
        for path in sorted((config.ROOT / "ros").rglob("*.py"))
        if path.name != "config.py" and readers.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_every_setting_is_read_at_call_time(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ROS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ROS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ROS_BOUNDARIES_FILE", str(tmp_path / "grenzen.geojson"))
    monkeypatch.setenv("ROS_PDOK_URL", "http://127.0.0.1:9/items")
    monkeypatch.setenv("ROS_OFFLINE", "1")
    monkeypatch.delenv("ROS_SCENARIO_DB_URL", raising=False)
    monkeypatch.delenv("ROS_SCENARIO_DB", raising=False)
    assert config.data_dir() == tmp_path / "data"
    assert geo.settings() == geo.Settings(
        str(tmp_path / "grenzen.geojson"), tmp_path / "cache", "http://127.0.0.1:9/items", True
    )
    assert config.scenario_db_url() == f"sqlite:///{tmp_path / 'cache' / 'scenarios.db'}"
    monkeypatch.delenv("ROS_DATA_DIR")
    monkeypatch.delenv("ROS_PDOK_URL")
    monkeypatch.setenv("ROS_OFFLINE", "0")
    assert config.data_dir() == config.ROOT / "data"
    assert config.pdok_url() == config.DEFAULT_PDOK_URL
    assert config.offline() is False


def test_a_test_can_point_the_snapshot_elsewhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "data"
    shutil.copytree(config.ROOT / "data", target)
    frame = (target / "budget.csv").read_text(encoding="utf-8").replace("102000", "103000")
    (target / "budget.csv").write_text(frame, encoding="utf-8")
    monkeypatch.setenv("ROS_DATA_DIR", str(target))
    assert 103_000 in load_snapshot()["budget"]["amount"].tolist()
    monkeypatch.delenv("ROS_DATA_DIR")
    assert 103_000 not in load_snapshot()["budget"]["amount"].tolist()
