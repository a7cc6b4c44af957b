"""The targets page's table and charts for one set of settings in one language, built once and cached."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ros.base import format as fmt
from ros.base.i18n import Translator, section
from ros.data.geo import Boundaries
from ros.model import targets
from ros.model.region import target as region_target
from ros.model.targets import TargetResult, TargetSettings
from ros.present import targets as target_words
from ros.present.charts import targets as target_charts
from ros.present.charts.maps import municipality_map
from ros.present.targets import occupancy_sensitivity_table
from ros.ui.data import _cached_snapshot, _cached_target_result, data_dir
from ros.ui.text import lang, t


@dataclass(frozen=True, eq=False)
class TargetsView:
    """What the targets page shows for one set of settings in one language, built once and then reused."""

    result: TargetResult
    shown: pd.DataFrame
    yearly: pd.DataFrame
    path: pd.DataFrame
    region_chart: go.Figure
    residents_chart: go.Figure
    lang_code: str = "nl"
    maps: dict[tuple[str, str, int], go.Figure] = dataclasses.field(default_factory=dict)
    municipality_charts: dict[str | None, go.Figure] = dataclasses.field(default_factory=dict)
    parts: dict[tuple[str, str | None], object] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class TargetsTables:
    """The targets page's tables in the view's language: on screen, for download and as chart alternatives."""

    screen: pd.DataFrame  # the results table
    sheets: dict[str, pd.DataFrame]  # the download: results and yearly paths
    path: pd.DataFrame  # the region path as text
    wide: pd.DataFrame  # every municipality's cumulative path, a column each
    residents: pd.DataFrame  # residents added and population per milestone year
    sensitivity: pd.DataFrame  # homes needed under other occupancy assumptions


@st.cache_resource(show_spinner=False, max_entries=32)
def _targets_view(settings: TargetSettings, code: str, data_dir: str) -> TargetsView:
    result = _cached_target_result(settings, data_dir)
    text, labels, sep = (
        Translator(code),
        section(code, "targets"),
        fmt.plotly_separators(code),
    )
    yearly, path = result.yearly_frame(result.last_year), result.region_path(result.last_year)
    woondeal = region_target(_cached_snapshot(data_dir), "woondeal_homes_2030")
    wd_year, wd_value = int(woondeal["year"]), int(woondeal["value"])
    path_labels = {
        k: labels[f"path_{k}"] for k in ("line", "outlook", "historical", "target", "woondeal", "axis", "hover")
    }
    region_chart = target_charts.region_path_chart(
        path,
        path_labels | {"path": labels["path_line"], "title": text("targets.path_title", start=settings.start_year)},
        settings.end_year,
        (settings.homes_total, text("targets.path_target_text", value=fmt.number(settings.homes_total, code))),
        (wd_year, wd_value, text("targets.path_woondeal_text", value=fmt.number(wd_value, code))),
        sep,
    )
    actual = targets.actual_growth(result.region)
    residents_chart = target_charts.residents_path_chart(
        path,
        {k: labels[f"residents_{k}"] for k in ("title", "axis", "path", "target", "actual", "hover")},
        settings.end_year,
        (
            settings.residents_total,
            text("targets.residents_target_text", value=fmt.number(settings.residents_total, code)),
        ),
        actual
        and (
            *actual,
            text(
                "targets.residents_actual_text",
                date=fmt.short_date(result.region.reference_date_now, code),
                value=fmt.signed(actual[1], code),
            ),
        ),
        sep,
    )
    shown = target_words.display_table(result.table(), code, text("common.twente"))
    return TargetsView(result, shown, yearly, path, region_chart, residents_chart, code)


def targets_map(view: TargetsView, measure: str, found: Boundaries) -> go.Figure:
    """The map of the targets page for one measure, built once per view, measure and boundary source."""
    key = (measure, found.origin, found.year)
    if key not in view.maps:
        name = t(f"targets.measure_{measure}")
        hover = {f"{c}_text": t(f"targets.col_{c}") for c in ("homes", "per_year", "pace_ratio", "residents")}
        view.maps[key] = municipality_map(
            targets.municipality_rows(view.shown),
            targets.MAP_VALUE[measure],
            targets.MAP_TEXT[measure],
            {"title": t("targets.map_title", measure=name), "colorbar": name},
            found.geojson,
            fmt.plotly_separators(lang()),
            hover,
        )
    return view.maps[key]


def municipalities_chart(view: TargetsView, focus: str | None) -> go.Figure:
    """Every municipality's path in one chart with `focus` (a CBS code or None) highlighted, built once per view
    and focus."""
    if focus not in view.municipality_charts:
        title = "municipalities_title" if focus is not None else "municipalities_title_all"
        labels = {
            k: t(f"targets.{v}")
            for k, v in (
                ("title", title),
                ("path", "path_line"),
                ("historical", "path_historical"),
                ("hover", "path_hover"),
                ("others", "municipalities_others"),
                ("all", "municipalities_all"),
            )
        }
        view.municipality_charts[focus] = target_charts.municipality_paths_chart(
            view.yearly, labels, focus, fmt.plotly_separators(lang())
        )
    return view.municipality_charts[focus]


def targets_tables(view: TargetsView) -> TargetsTables:
    """The page's tables for `view`, built once per view (settings and language)."""
    if ("tables", None) not in view.parts:
        code, settings = view.lang_code, view.result.settings
        labels = section(code, "targets")
        columns = target_words.table_columns(labels, settings.end_year)
        sheets = {
            labels["sheet_table"]: target_words.export_table(view.shown, columns),
            labels["sheet_yearly"]: target_words.yearly_export(view.yearly, labels),
        }
        view.parts[("tables", None)] = TargetsTables(
            target_words.screen_table(view.shown, columns),
            sheets,
            target_words.path_display(view.path, labels, code),
            target_words.wide_by_name(view.yearly, "cumulative", code, labels["col_year"]),
            target_words.screen_table(view.shown, target_words.residents_columns(labels)),
            occupancy_sensitivity_table(
                view.result.occupancy_sensitivity(),
                code,
                settings.residents_total,
                settings.homes_total,
                settings.end_year,
            ),
        )
    return view.parts[("tables", None)]  # type: ignore[return-value]


def focus_row(view: TargetsView, code: str | None) -> pd.Series:
    """The results row of municipality `code` (None: Twente) with its text columns, once per view and code."""
    if ("row", code) not in view.parts:
        view.parts[("row", code)] = targets.row(view.shown, code)
    return view.parts[("row", code)]  # type: ignore[return-value]


def measure_table(view: TargetsView, measure: str) -> pd.DataFrame:
    """The map's table alternative for `measure`, once per view and measure."""
    if ("measure", measure) not in view.parts:
        labels = section(view.lang_code, "targets")
        view.parts[("measure", measure)] = target_words.screen_table(
            view.shown, {"name": labels["col_name"], measure: labels[f"measure_{measure}"]}
        )
    return view.parts[("measure", measure)]  # type: ignore[return-value]


def targets_view(result: TargetResult) -> TargetsView:
    """The table and charts of the targets page for `result`'s settings in the chosen language (cached)."""
    return _targets_view(result.settings, lang(), str(data_dir()))
