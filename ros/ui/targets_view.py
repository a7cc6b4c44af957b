"""The Doelen page's view (`ros.present.targets`) for one set of settings in one language, built once and shared by
all sessions; each part (map, chart, tables, row) is cached apart, so that the shared view is never changed.

The parts are keyed by the settings' `repr`: Streamlit hashes a settings dataclass field by field (about 0,3 ms a
call), and a page asks for six parts of the same view on every rerun.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ros.data.geo import Boundaries
from ros.model import targets
from ros.model.targets import TargetResult, TargetSettings
from ros.present import targets as present
from ros.present.targets import TargetsTables, TargetsView
from ros.ui.cached import per_language
from ros.ui.data import Data


@per_language(max_entries=32)
def cached_view(data: Data, language: str, settings: TargetSettings) -> TargetsView:
    """The Doelen view for `settings` in `language` (`ros.present.targets.targets_view`), shared by all sessions."""
    return present.targets_view(data.snapshot, data.result(settings), language)


def targets_view(result: TargetResult) -> TargetsView:
    """The table and charts of the targets page for `result`'s settings in the chosen language (cached)."""
    return cached_view(result.settings)


@per_language(max_entries=64)
def _map(
    data: Data,
    language: str,
    key: str,  # noqa: ARG001 - the cache key of the unhashed `_settings`
    measure: str,
    origin: str,  # noqa: ARG001 - with `year`, the cache key of the unhashed `_found`
    year: int,  # noqa: ARG001 - see `origin`
    _settings: TargetSettings,
    _found: Boundaries,
) -> go.Figure:
    return present.targets_map(cached_view.cached(data, language, _settings), measure, _found.geojson)


def targets_map(view: TargetsView, measure: str, found: Boundaries) -> go.Figure:
    """The map of the targets page for one measure, built once per view, measure and boundary source."""
    settings = view.result.settings
    return _map(repr(settings), measure, found.origin, found.year, settings, found)


@per_language(max_entries=128)
def _municipalities_chart(
    data: Data,
    language: str,
    key: str,  # noqa: ARG001 - the cache key of the unhashed `_settings`
    focus: str | None,
    _settings: TargetSettings,
) -> go.Figure:
    return present.municipalities_chart(cached_view.cached(data, language, _settings), focus)


def municipalities_chart(view: TargetsView, focus: str | None) -> go.Figure:
    """Every municipality's path in one chart with `focus` (a CBS code or None) highlighted, built once per view
    and focus."""
    return _municipalities_chart(repr(view.result.settings), focus, view.result.settings)


@per_language(max_entries=32)
def _tables(
    data: Data,
    language: str,
    key: str,  # noqa: ARG001 - the cache key of the unhashed `_settings`
    _settings: TargetSettings,
) -> TargetsTables:
    return present.targets_tables(cached_view.cached(data, language, _settings))


def targets_tables(view: TargetsView) -> TargetsTables:
    """The page's tables for `view`, built once per view (settings and language)."""
    return _tables(repr(view.result.settings), view.result.settings)


@per_language(max_entries=512)
def _row(
    data: Data,
    language: str,
    key: str,  # noqa: ARG001 - the cache key of the unhashed `_settings`
    code: str | None,
    _settings: TargetSettings,
) -> pd.Series:
    return targets.row(cached_view.cached(data, language, _settings).shown, code)


def focus_row(view: TargetsView, code: str | None) -> pd.Series:
    """The results row of municipality `code` (None: Twente) with its text columns, once per view and code."""
    return _row(repr(view.result.settings), code, view.result.settings)


@per_language(max_entries=128)
def _measure_table(
    data: Data,
    language: str,
    key: str,  # noqa: ARG001 - the cache key of the unhashed `_settings`
    measure: str,
    _settings: TargetSettings,
) -> pd.DataFrame:
    return present.measure_table(cached_view.cached(data, language, _settings), measure)


def measure_table(view: TargetsView, measure: str) -> pd.DataFrame:
    """The map's table alternative for `measure`, once per view and measure."""
    return _measure_table(repr(view.result.settings), measure, view.result.settings)
