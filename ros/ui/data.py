"""Cached data: the snapshot, the targets arrays, the boundaries, the scenario store and the targets recompute.

The snapshot in use is ROS_DATA_DIR when set, else the newest valid refreshed version, else the shipped `data/`
(`ros.data.versions`); `data_dir()` names it and is the key of every cache built from the data (`Data`, which the
decorators in `ros.ui.cached` hand to each builder), so a refresh shows up on the next rerun without a restart.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ros.base import config
from ros.base.config import scenario_db_url
from ros.data import versions
from ros.data.geo import Boundaries, load_boundaries, settings
from ros.data.snapshot import Snapshot, load_snapshot
from ros.data.validation import DataError
from ros.model import targets
from ros.model.targets import RegionData, TargetResult, TargetSettings, recompute
from ros.records.scenario_store import ScenarioStore
from ros.ui.text import lang, t


@st.cache_resource(show_spinner=False)
def _cached_snapshot(folder: str) -> Snapshot:
    return load_snapshot(Path(folder))


@st.cache_resource(show_spinner=False, max_entries=8)
def _resolved_dir(candidates: tuple[str, ...]) -> str:
    for index, path in enumerate(candidates):
        try:
            _cached_snapshot(path)
            return path
        except DataError:
            if index == len(candidates) - 1:
                raise
    raise DataError("geen gegevens gevonden")


# The version directories are listed at most once a second per cache setting (a page asks for data_dir() often).
_LISTING_SECONDS = 1.0
_listing: dict[tuple[str, str], tuple[float, tuple[str, ...]]] = {}


def data_dir() -> str:
    """The folder of the snapshot in use: ROS_DATA_DIR, else the newest valid refreshed version, else data/."""
    setting = (str(config.pinned_data_dir() or ""), str(config.cache_dir()))
    listed_at, found = _listing.get(setting, (-_LISTING_SECONDS, ()))
    if time.monotonic() - listed_at >= _LISTING_SECONDS:
        found = versions.candidates()
        _listing[setting] = (time.monotonic(), found)
    return _resolved_dir(found)


@st.cache_resource(show_spinner=False)
def _cached_target_region(folder: str) -> RegionData:
    return targets.region_data(_cached_snapshot(folder))


@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_target_result(settings: TargetSettings, folder: str) -> TargetResult:
    return recompute(_cached_target_region(folder), settings)


@dataclass(frozen=True)
class Data:
    """One snapshot version (its folder, the key of every cache built from it) and what is loaded from it, once
    per process."""

    folder: str

    @property
    def snapshot(self) -> Snapshot:
        """The validated snapshot in `folder`."""
        return _cached_snapshot(self.folder)

    @property
    def region(self) -> RegionData:
        """The arrays the targets recompute works on (`ros.model.targets.RegionData`)."""
        return _cached_target_region(self.folder)

    def result(self, settings: TargetSettings) -> TargetResult:
        """The targets recompute for `settings` on this snapshot."""
        return _cached_target_result(settings, self.folder)


def current() -> Data:
    """The snapshot version in use; stops the page with a message if it is invalid."""
    try:
        return Data(data_dir())  # `data_dir` names only a folder whose snapshot loaded and validated
    except DataError as error:
        st.error(t("common.data_error", message=str(error)), icon=":material/error:")
        st.stop()


def snapshot() -> Snapshot:
    """The validated data snapshot (loaded once per process); stops the page with a message if it is invalid."""
    return current().snapshot


def target_region() -> RegionData:
    """The arrays the targets page recomputes from (`ros.model.targets.RegionData`), built once per process."""
    return current().region


def target_result(settings: TargetSettings) -> TargetResult:
    """The targets recompute for `settings` on the data in use, once per settings and process."""
    return current().result(settings)


@st.cache_resource(show_spinner=False, ttl=600)
def _cached_boundaries(year: int, file: str | None, cache_dir: str, url: str, offline: bool) -> Boundaries:
    return load_boundaries(year, file=file, cache_dir=Path(cache_dir), url=url, offline=offline)


def boundaries(year: int = 2024) -> Boundaries:
    """The municipal boundaries for the map (`ros.data.geo.Boundaries`), with `problem` in the UI language.

    Settings (ROS_BOUNDARIES_FILE, ROS_CACHE_DIR, ROS_PDOK_URL, ROS_OFFLINE) are read at call time. The result is
    kept for ten minutes, so a failed download is retried later but not on every rerun.
    """
    now = settings()
    result = _cached_boundaries(year, now.file, str(now.cache_dir), now.url, now.offline)
    if result.problem_key and lang() != "nl":  # `problem` is already Dutch, with Dutch decimal commas
        problem = f"{t(result.problem_key, **result.problem_values)} {t('geo.fallback')}"
        return dataclasses.replace(result, problem=problem)
    return result


@st.cache_resource(show_spinner=False)
def _cached_store(url: str) -> ScenarioStore:
    return ScenarioStore(url)


def store() -> ScenarioStore:
    """The scenario store (one engine per database URL and process)."""
    return _cached_store(scenario_db_url())
