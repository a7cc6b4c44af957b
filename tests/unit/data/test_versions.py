"""Choosing the snapshot version: ROS_DATA_DIR pins one, else the newest valid version, else the shipped data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from ros.base.config import SHIPPED_DATA_DIR
from ros.data import versions
from ros.data.snapshot import load_snapshot


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ROS_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ROS_DATA_DIR", raising=False)
    return tmp_path / "data"


def _version(root: Path, name: str, fetched_at: str = "2026-12-01T09:30:00+00:00") -> Path:
    path = root / name
    shutil.copytree(SHIPPED_DATA_DIR, path)
    (path / "manifest.json").write_text(json.dumps({"fetched_at": fetched_at}), encoding="utf-8")
    return path


@pytest.mark.usefixtures("root")
def test_without_versions_the_shipped_snapshot_is_used() -> None:
    snap = versions.load_current()
    assert (snap.version.kind, snap.version.label, snap.version.fetched_at) == ("shipped", "data/", None)
    assert "dwelling_changes" not in snap
    assert snap.get("population_monthly") is None
    assert len(snap["population_forecast"]) == 141  # the 2019 vintage is shipped


def test_the_newest_complete_version_wins_and_staging_directories_are_ignored(root: Path) -> None:
    _version(root, "20261130T080000Z")
    newest = _version(root, "20261201T093000Z")
    staging = _version(root, ".staging-20261201T100000Z-123")
    (root / "20261201T110000Z").mkdir()  # a directory without a manifest is not a version
    assert versions.version_dirs(root) == [newest, root / "20261130T080000Z"]
    snap = versions.load_current()
    assert (snap.version.kind, snap.version.label, str(snap.version.fetched_at)) == (
        "refreshed",
        "20261201T093000Z",
        "2026-12-01 09:30:00+00:00",
    )
    assert staging.exists()


def test_a_broken_newest_version_is_skipped(root: Path) -> None:
    _version(root, "20261130T080000Z")
    broken = _version(root, "20261201T093000Z")
    (broken / "municipalities.csv").write_text("code\nGM0153\n", encoding="utf-8")
    assert versions.load_current().version.label == "20261130T080000Z"


def test_ros_data_dir_pins_one_snapshot(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _version(root, "20261201T093000Z")
    pinned = tmp_path / "pinned"
    shutil.copytree(SHIPPED_DATA_DIR, pinned)
    monkeypatch.setenv("ROS_DATA_DIR", str(pinned))
    snap = versions.load_current()
    assert (snap.version.kind, snap.version.path) == ("pinned", pinned)


def test_change_report_counts_added_changed_removed_and_lists_provisional_periods() -> None:
    def rows(*records: tuple[str, str, int, str]) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {"code": c, "month": m, "population": p, "status": s, "source_id": "cbs_37230ned"}
                for c, m, p, s in records
            ]
        )

    old = rows(("GM0153", "2026-01", 100, "voorlopig"), ("GM0153", "2026-02", 110, "voorlopig"))
    new = rows(
        ("GM0153", "2026-02", 111, "voorlopig"),
        ("GM0153", "2026-03", 120, "voorlopig"),
        ("GM0153", "2026-01", 100, "definitief"),
    )
    report = versions.change_report({"population_monthly": old}, {"population_monthly": new}, ("population_monthly",))
    assert report["population_monthly"] == {
        "added": 1,
        "changed": 2,
        "removed": 0,
        "rows": 3,
        "months": ["2026-01", "2026-03"],
        "provisional": ["2026-02", "2026-03"],
    }


def test_a_forecast_outside_its_own_interval_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA_DIR, data)
    with (data / "population_forecast.csv").open("a", encoding="utf-8") as handle:
        handle.write("GM0153,2030,2022,164000,165000,170000,cbs_85173ned\n")
    with pytest.raises(ValueError, match=r"population_forecast.csv, regel 143: de prognose ligt buiten haar eigen"):
        load_snapshot(data)
