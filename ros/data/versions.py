"""Snapshot versions: every refresh writes a complete new snapshot beside the previous ones, never over them.

Versions live in `<ROS_CACHE_DIR>/data/<UTC timestamp>/` (for example `20261201T093000Z`), each a full copy of the
snapshot (the shipped tables plus the refreshed CBS tables) with a `manifest.json`: when it was fetched, from which
CBS address, which tables and periods, and what changed against the version before it. A refresh builds its version
in a hidden staging directory (`.staging-…`), validates it with the catalogue's row models and only then renames it
to its timestamp: the rename is the atomic switch, so an interrupted run (even kill -9) leaves at most a staging
directory that the app never reads and the next refresh removes. The app reads ROS_DATA_DIR when it is set, else the
newest valid version, else the shipped `data/`.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from ros.base import config
from ros.data.catalog import CATALOG
from ros.data.snapshot import MANIFEST, Snapshot, load_snapshot
from ros.data.validation import DataError

VERSION_NAME = re.compile(r"^\d{8}T\d{6}Z(-\d+)?$")
STAGING_PREFIX = ".staging-"
LAST_FAILURE = "last_failure.json"
_KEYS = {dataset.name: list(dataset.key) for dataset in CATALOG}


def versions_root(cache_dir: Path | None = None) -> Path:
    """The directory that holds the versions: `<cache dir>/data`."""
    return (cache_dir or config.cache_dir()) / "data"


def version_dirs(root: Path | None = None) -> list[Path]:
    """Complete versions (timestamp name and a manifest), newest first; staging directories are never listed."""
    root = root or versions_root()
    if not root.is_dir():
        return []
    found = [p for p in root.iterdir() if VERSION_NAME.match(p.name) and p.is_dir() and (p / MANIFEST).is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)


def candidates(root: Path | None = None) -> tuple[str, ...]:
    """The snapshot directories the app may read, in order of preference (cheap: one directory listing)."""
    if pinned := config.pinned_data_dir():
        return (str(pinned),)
    return (*(str(p) for p in version_dirs(root)), str(config.SHIPPED_DATA_DIR))


def load_first_valid(paths: tuple[str, ...]) -> Snapshot:
    """The first of `paths` that loads and validates; a broken version is skipped, a broken last one raises."""
    pinned = config.pinned_data_dir() is not None
    for index, path in enumerate(paths):
        try:
            return load_snapshot(Path(path), kind="pinned" if pinned else None)
        except DataError:
            if index == len(paths) - 1:
                raise
    raise DataError("geen gegevens gevonden")


def load_current(root: Path | None = None) -> Snapshot:
    """The snapshot the app uses now: ROS_DATA_DIR, else the newest valid version, else the shipped data."""
    return load_first_valid(candidates(root))


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of one version (empty for the shipped snapshot or a pinned directory without one)."""
    file = Path(path) / MANIFEST
    if not file.is_file():
        return {}
    manifest: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    return manifest


def history(root: Path | None = None) -> list[dict[str, Any]]:
    """The manifests of all versions, newest first, each with its `label` (directory name)."""
    return [{**read_manifest(p), "label": p.name} for p in version_dirs(root)]


@contextmanager
def refresh_lock(root: Path) -> Iterator[bool]:
    """Hold the refresh lock of `root`; yields False when another refresh holds it."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_stale_staging(root: Path) -> list[str]:
    """Remove staging directories left by an interrupted refresh (call while holding the lock); their names."""
    stale = [p for p in root.glob(f"{STAGING_PREFIX}*") if p.is_dir()] if root.is_dir() else []
    for path in stale:
        shutil.rmtree(path, ignore_errors=True)
    return [p.name for p in stale]


def new_version_name(now: datetime, root: Path) -> str:
    """A timestamp name not yet used in `root`."""
    name = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate, number = name, 1
    while (root / candidate).exists():
        number += 1
        candidate = f"{name}-{number}"
    return candidate


def _fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def start_staging(base_dir: Path, root: Path, name: str) -> Path:
    """A hidden staging directory holding a copy of every catalogued file of `base_dir`."""
    staging = root / f"{STAGING_PREFIX}{name}-{os.getpid()}"
    staging.mkdir(parents=True)
    for dataset in CATALOG:
        if (base_dir / dataset.file).is_file():
            shutil.copy2(base_dir / dataset.file, staging / dataset.file)
    return staging


def write_table(staging: Path, file: str, frame: pd.DataFrame) -> None:
    """Write one table as UTF-8 CSV (empty cell = unknown) into the staging directory, flushed to disk."""
    path = staging / file
    frame.to_csv(path, index=False, na_rep="", encoding="utf-8", lineterminator="\n")
    _fsync_file(path)


def write_manifest(staging: Path, manifest: Mapping[str, Any]) -> None:
    """Write (or rewrite) the staged version's manifest and flush the whole directory to disk."""
    path = staging / MANIFEST
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    for file in staging.iterdir():
        _fsync_file(file)
    _fsync_dir(staging)


def publish(staging: Path, root: Path, name: str) -> Path:
    """Make the validated staging directory the newest version with one atomic rename."""
    target = root / name
    os.rename(staging, target)
    _fsync_dir(root)
    return target


def record_failure(root: Path, failure: Mapping[str, Any]) -> None:
    """Remember the last failed refresh (written to a temporary file, then swapped in atomically)."""
    root.mkdir(parents=True, exist_ok=True)
    temporary = root / f".{LAST_FAILURE}.{os.getpid()}"
    temporary.write_text(json.dumps(failure, ensure_ascii=False, default=str), encoding="utf-8")
    os.replace(temporary, root / LAST_FAILURE)


def clear_failure(root: Path) -> None:
    """Forget the last failure after a successful refresh."""
    (root / LAST_FAILURE).unlink(missing_ok=True)


def last_failure(root: Path | None = None) -> dict[str, Any] | None:
    """The last failed refresh since the last successful one, or None."""
    file = (root or versions_root()) / LAST_FAILURE
    try:
        failure: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return failure


# --- What changed between two versions ------------------------------------------------------------------------------
def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as text, unknown as empty, so that two loads of the same CSV compare equal."""
    return frame.astype("string").fillna("")


def row_changes(old: pd.DataFrame | None, new: pd.DataFrame, key: list[str]) -> dict[str, int]:
    """Rows added, changed (same key, other values) and removed from `old` to `new`."""
    if old is None or old.empty:
        return {"added": len(new), "changed": 0, "removed": 0}
    before, after = _as_text(old).set_index(key), _as_text(new).set_index(key)
    common = before.index.intersection(after.index)
    columns = [c for c in after.columns if c in before.columns]
    differing = (before.loc[common, columns] != after.loc[common, columns]).any(axis=1)
    return {
        "added": len(after.index.difference(before.index)),
        "changed": int(differing.sum()),
        "removed": len(before.index.difference(after.index)),
    }


def coverage(name: str, frame: pd.DataFrame) -> dict[str, Any]:
    """Periods a table covers (first and last year, quarter, month) and the periods still provisional."""
    result: dict[str, Any] = {"rows": len(frame)}
    if name == "dwelling_changes":
        years = sorted(frame.loc[frame["period_kind"] == "year", "period"])
        months = sorted(frame.loc[frame["period_kind"] == "month", "period"])
        result["years"] = [years[0], years[-1]] if years else None
        result["months"] = [months[0], months[-1]] if months else None
        result["provisional"] = sorted(set(frame.loc[frame["status"] != "definitief", "period"]))
    elif name == "population_monthly":
        months = sorted(frame["month"])
        result["months"] = [months[0], months[-1]] if months else None
        result["provisional"] = sorted(set(frame.loc[frame["status"] != "definitief", "month"]))
    elif name == "permits":
        years = sorted(frame.loc[frame["period_kind"] == "year", "period"])
        quarters = sorted(frame.loc[frame["period_kind"] == "quarter", "period"])
        result["years"] = [years[0], years[-1]] if years else None
        result["quarters"] = [quarters[0], quarters[-1]] if quarters else None
        result["provisional"] = sorted(set(frame.loc[frame["status"] != "definitief", "period"]))
    elif name == "stock_by_owner":
        years = sorted(str(y) for y in frame["year"])
        result["years"] = [years[0], years[-1]] if years else None
        result["provisional"] = sorted({str(y) for y in frame.loc[frame["status"] != "definitief", "year"]})
    elif name == "population_forecast":
        result["vintages"] = {
            str(v): [int(g["year"].min()), int(g["year"].max())] for v, g in frame.groupby("vintage", sort=True)
        }
    return result


def change_report(
    previous: Mapping[str, pd.DataFrame] | None, new: Mapping[str, pd.DataFrame], names: tuple[str, ...]
) -> dict[str, dict[str, Any]]:
    """Per refreshed table: rows added / changed / removed against `previous`, periods covered, provisional ones."""
    report = {}
    for name in names:
        old = previous.get(name) if previous is not None else None
        report[name] = {**row_changes(old, new[name], _KEYS[name]), **coverage(name, new[name])}
    return report


def fetched_at_now() -> datetime:
    """The current moment in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)
