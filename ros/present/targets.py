"""The Doelen page in words and figures: the results table as text with its headers, the pace and the year a target
is reached in words, the yearly tables, the sensitivity of the residents figures to the occupancy assumption, and
the page's view (`TargetsView`: table, paths and charts for one set of settings in one language) with its map, chart
of every municipality and tables.

The numbers come from `ros.model.targets.TargetResult` (allocation, paths, pace against CBS 81955NED 2012–2020,
residents
housed); nothing here computes a figure. Unknown reads 'onbekend'.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ros.base import format as fmt
from ros.base.columns import column_kind
from ros.base.i18n import section, translate
from ros.data import series
from ros.data.catalog import TWENTE
from ros.data.snapshot import Snapshot
from ros.model import pace, progress, realised, residents, targets
from ros.model.progress import Track
from ros.model.region import target as region_target
from ros.model.targets import EARLY_YEAR, TargetResult
from ros.present import exports
from ros.present.charts import targets as target_charts
from ros.present.charts.maps import municipality_map
from ros.present.realised import period_of, period_text, tables_text


def change_text(change: float, lang: str, is_setting: bool = False) -> str:
    """'−0,25% per jaar (aanname)', with '(aanname, ingesteld)' for the value the planner set."""
    shown = f"{fmt.signed(change * 100, lang, 2)}%"
    return translate(lang, "residents.change_setting" if is_setting else "residents.change_text", change=shown)


def homes_needed_text(value: float, lang: str) -> str:
    """Homes needed as a whole number; none when the existing stock already houses the target; 'onbekend'."""
    if fmt.is_unknown(value):
        return fmt.unknown(lang)
    return translate(lang, "residents.none_needed") if value <= 0 else fmt.number(value, lang)


def occupancy_sensitivity_table(
    frame: pd.DataFrame, lang: str, residents_target: int, homes: int, year: int
) -> pd.DataFrame:
    """`TargetResult.occupancy_sensitivity` as text with headers: change (each an assumption), homes needed for the
    residents target and residents housed by the allocated homes, at the end of `year`."""
    headers = {
        "change": translate(lang, "residents.col_change"),
        "homes_needed": translate(
            lang, "residents.col_homes_needed", target=fmt.number(residents_target, lang), year=year
        ),
        "residents_housed": translate(lang, "residents.col_residents_housed", homes=fmt.number(homes, lang), year=year),
    }
    return pd.DataFrame(
        {
            headers["change"]: [
                change_text(c, lang, s) for c, s in zip(frame["change"], frame["is_setting"], strict=True)
            ],
            headers["homes_needed"]: [homes_needed_text(v, lang) for v in frame["homes_needed"]],
            headers["residents_housed"]: [fmt.signed(v, lang) for v in frame["residents_housed"]],
        }
    )


def without_homes_note(names: tuple[str, ...], lang: str) -> str:
    """What a key means for the municipalities it gives nothing: 'Bij deze instelling krijgen 11 gemeenten 0
    woningen: …' (empty when every municipality gets homes)."""
    if not names:
        return ""
    return translate(lang, "targets.without_homes", count=len(names), names=", ".join(names))


def woondeal_status(homes: int, target: int, year: int, lang: str) -> tuple[str, str, bool]:
    """Whether the path reaches the Woondeal (≥ `target` homes by the end of `year`): a short badge ('niet gehaald
    (≥ 14.100)'), a sentence that says by how much, and whether it does."""
    met, values = (
        homes >= target,
        {"value": fmt.number(target, lang), "year": year, "short": fmt.number(target - homes, lang)},
    )
    state = "met" if met else "missed"
    return (
        translate(lang, f"targets.woondeal_{state}", **values),
        translate(lang, f"targets.woondeal_{state}_sentence", **values),
        met,
    )


def woondeal_note(snapshot: Snapshot, value: int, year: int, start_year: int, lang: str) -> str:
    """Why the Woondeal check counts only the building path: what was built since 2022 is not in the data, or (after
    a refresh) it is, on Voortgang, named with its tables and last period."""
    values = {"value": fmt.number(value, lang), "year": year, "start": start_year}
    built = realised.homes_since(snapshot, progress.WOONDEAL_YEARS[0])
    if built is None:
        return translate(lang, "targets.woondeal_note", last=series.new_construction(snapshot)["year"].max(), **values)
    return translate(
        lang,
        "targets.woondeal_note_refreshed",
        tables=tables_text(built, lang),
        period=period_text(built, lang),
        **values,
    )


def from_now_text(
    homes: int, start_year: int, end_year: int, today: date, lang: str, catch_up: Track | None = None
) -> str:
    """The plan's pace counted from today instead of from the start year: with realised figures (`catch_up`, the
    track in its measure) the catch-up pace from the last realised period, otherwise what a year is needed at
    most (as if nothing had been built since the start year); empty before the start year."""
    if today.year < start_year:
        return ""
    if catch_up is not None and catch_up.last_year is not None and catch_up.last_months is not None:
        if catch_up.catch_up is None:
            return translate(lang, "targets.from_now_over", end=end_year)
        return translate(
            lang,
            "targets.from_now_catch_up",
            per_year=fmt.number(catch_up.catch_up, lang),
            target=fmt.number(catch_up.target, lang),
            realised=fmt.number(catch_up.realised, lang),
            start=catch_up.start_year,
            period=period_of(catch_up.last_year, catch_up.last_months, lang),
            end=end_year,
            measure=translate(lang, f"progress.measure_{catch_up.measure}"),
        )
    per_year = pace.per_year_from_now(homes, end_year, today)
    if per_year is None:
        return translate(lang, "targets.from_now_over", end=end_year)
    return translate(
        lang,
        "targets.from_now",
        date=fmt.short_date(today, lang),
        per_year=fmt.number(per_year, lang),
        end=end_year,
        start=start_year,
        years=fmt.number(pace.years_left(end_year, today), lang, 1),
    )


def wide_by_name(part: pd.DataFrame, column: str, lang: str, year_header: str) -> pd.DataFrame:
    """`column` of a yearly frame as formatted text, a row per year, a column per municipality."""
    wide = part.pivot(index="year", columns="name", values=column)[list(dict.fromkeys(part["name"]))]
    text = wide.apply(lambda values: [fmt.number(v, lang) for v in values])
    text.insert(0, year_header, wide.index.astype(str))
    table: pd.DataFrame = text.reset_index(drop=True)
    return table


def display_table(table: pd.DataFrame, lang: str, total_name: str) -> pd.DataFrame:
    """`table` with formatted text columns (`<column>_text`) for the screen, the totals row named `total_name`."""
    shown = table.copy()
    shown.loc[shown["code"] == TWENTE, "name"] = total_name
    numbers = dict.fromkeys(("homes", "residents", "per_year", "hist_average", "hist_best", "homes_early"), "number")
    shown = fmt.with_text_columns(shown, lang, numbers | {"share": "percent", "gap": "signed", "growth_pct": "percent"})
    for column in (c for c in shown.columns if c.startswith("growth_2")):
        shown[f"{column}_text"] = [fmt.signed(v, lang) for v in shown[column]]
    for column in (c for c in shown.columns if c.startswith("population_2")):
        shown[f"{column}_text"] = [fmt.number(v, lang) for v in shown[column]]
    shown["per_1000_text"] = [fmt.number(v, lang, 1) for v in shown["per_1000"]]
    shown["growth_pct_points"] = shown["growth_pct"] * 100  # the map's colour bar reads 23 for 23 %
    shown["pace_ratio_text"] = [ratio_text(v, lang) for v in shown["pace_ratio"]]
    shown["pace_ratio_short_text"] = [
        fmt.unknown(lang) if fmt.is_unknown(v) else f"{fmt.number(v, lang, 1)}×" for v in shown["pace_ratio"]
    ]
    shown["reached_year_text"] = [
        reached_text(y, h, a, lang)
        for y, h, a in zip(shown["reached_year"], shown["homes"], shown["hist_average"], strict=True)
    ]
    shown["hist_best_year_text"] = [
        fmt.unknown(lang) if fmt.is_unknown(v) else str(int(v)) for v in shown["hist_best_year"]
    ]
    return shown


def ratio_text(value: float, lang: str) -> str:
    """'3,1× het gemiddelde van 2012–2020' (or 'onbekend')."""
    if fmt.is_unknown(value):
        return fmt.unknown(lang)
    first, last = pace.HISTORY_YEARS
    return translate(lang, "targets.ratio_text", ratio=fmt.number(value, lang, 1), first=first, last=last)


def year_text(value: Any, lang: str) -> str:
    """A year without grouping (2061), or the word for 'not at this pace'."""
    return translate(lang, "targets.never") if fmt.is_unknown(value) else str(int(value))


def reached_text(year: object, homes: float, average: float, lang: str) -> str:
    """The year a target is reached at the historical pace: 'n.v.t.' without a target, 'onbekend' without a
    known history, 'niet in dit tempo' when nothing was built, otherwise the year."""
    if homes == 0:
        return translate(lang, "targets.not_applicable")
    if fmt.is_unknown(average):
        return fmt.unknown(lang)
    return year_text(year, lang)


def export_table(shown: pd.DataFrame, columns: Mapping[str, str]) -> pd.DataFrame:
    """The numeric columns named in `columns` (column → header), renamed for a download, with their number kinds."""
    renamed = shown[list(columns)].rename(columns=dict(columns))
    return exports.with_formats(renamed, {header: column_kind(c) for c, header in columns.items()})


def table_columns(labels: Mapping[str, str], end_year: int) -> dict[str, str]:
    """The columns of the results table (column → header) for labels of the 'targets' area; the pace ratio is shown
    short ('1,6×') with the period in its header."""
    columns = {
        c: labels[f"col_{c}"]
        for c in (
            "share",
            "homes",
            "residents",
            "per_year",
            "hist_average",
            "pace_ratio",
            "reached_year",
            "growth_pct",
            "per_1000",
        )
    }
    columns["homes_early"] = labels["col_homes_early"].format(year=EARLY_YEAR)
    return {
        "name": labels["col_name"],
        **columns,
        f"growth_{end_year}": labels["col_growth_end"].format(year=end_year),
        "gap": labels["col_gap"],
    }


_SCREEN_TEXT = {"name": "name", "pace_ratio": "pace_ratio_short_text"}


def residents_columns(labels: Mapping[str, str]) -> dict[str, str]:
    """The residents table: residents added and population at the end of each milestone year."""
    columns = {"name": labels["col_name"]}
    for year in residents.MILESTONES:
        columns[f"growth_{year}"] = labels["col_growth_end"].format(year=year)
        columns[f"population_{year}"] = labels["col_population"].format(year=year)
    return columns


def screen_table(shown: pd.DataFrame, columns: Mapping[str, str]) -> pd.DataFrame:
    """The text columns of `display_table` for `columns` (column → header), renamed for the screen."""
    picked = {_SCREEN_TEXT.get(c, f"{c}_text"): header for c, header in columns.items()}
    return shown[list(picked)].rename(columns=picked)


def path_display(path: pd.DataFrame, labels: Mapping[str, str], lang: str) -> pd.DataFrame:
    """The region path as formatted text with headers, as the table alternative of its charts."""
    return pd.DataFrame(
        {
            labels["col_year"]: path["year"].astype(str),
            labels["col_homes_year"]: [fmt.number(v, lang) for v in path["homes"]],
            labels["col_cumulative"]: [fmt.number(v, lang) for v in path["cumulative"]],
            labels["col_historical"]: [fmt.number(v, lang) for v in path["historical"]],
            labels["col_growth"]: [fmt.signed(v, lang) for v in path["growth"]],
        }
    )


def yearly_export(yearly: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """The yearly frame with translated headers, for the Excel download."""
    headers = {
        "code": "code",
        "name": labels["col_name"],
        "year": labels["col_year"],
        "homes": labels["col_homes_year"],
        "cumulative": labels["col_cumulative"],
        "target": labels["col_homes"],
        "historical": labels["col_historical"],
    }
    return exports.with_formats(yearly.rename(columns=headers), {labels["col_year"]: "year"})  # 2025, not 2.025


@dataclass(frozen=True, eq=False)
class TargetsView:
    """What the Doelen page shows for one set of settings in one language: the result, its table with text
    columns, the yearly and region paths, and the region's homes and residents charts."""

    result: TargetResult
    shown: pd.DataFrame  # `display_table` of the result
    yearly: pd.DataFrame  # every municipality's yearly path up to the last year
    path: pd.DataFrame  # the region path up to the last year
    region_chart: go.Figure
    residents_chart: go.Figure
    language: str


@dataclass(frozen=True)
class TargetsTables:
    """The Doelen page's tables in the view's language: on screen, for download and as chart alternatives."""

    screen: pd.DataFrame  # the results table
    sheets: Mapping[str, pd.DataFrame]  # the download: results and yearly paths
    path: pd.DataFrame  # the region path as text
    wide: pd.DataFrame  # every municipality's cumulative path, a column each
    residents: pd.DataFrame  # residents added and population per milestone year
    sensitivity: pd.DataFrame  # homes needed under other occupancy assumptions


def targets_view(snapshot: Snapshot, result: TargetResult, lang: str) -> TargetsView:
    """The table and the two region charts of the Doelen page for `result` in `lang`."""
    settings, labels, sep = result.settings, section(lang, "targets"), fmt.plotly_separators(lang)
    yearly, path = result.yearly_frame(result.last_year), result.region_path(result.last_year)
    woondeal = region_target(snapshot, "woondeal_homes_2030")
    wd_year, wd_value = int(woondeal["year"]), int(woondeal["value"])
    path_labels = {
        k: labels[f"path_{k}"] for k in ("line", "outlook", "historical", "target", "woondeal", "axis", "hover")
    }
    region_chart = target_charts.region_path_chart(
        path,
        path_labels
        | {"path": labels["path_line"], "title": translate(lang, "targets.path_title", start=settings.start_year)},
        settings.end_year,
        (
            settings.homes_total,
            translate(lang, "targets.path_target_text", value=fmt.number(settings.homes_total, lang)),
        ),
        (wd_year, wd_value, translate(lang, "targets.path_woondeal_text", value=fmt.number(wd_value, lang))),
        sep,
    )
    actual = targets.actual_growth(result.region)
    residents_chart = target_charts.residents_path_chart(
        path,
        {k: labels[f"residents_{k}"] for k in ("title", "axis", "path", "target", "actual", "hover")},
        settings.end_year,
        (
            settings.residents_total,
            translate(lang, "targets.residents_target_text", value=fmt.number(settings.residents_total, lang)),
        ),
        actual
        and (
            *actual,
            translate(
                lang,
                "targets.residents_actual_text",
                date=fmt.short_date(result.region.reference_date_now, lang),
                value=fmt.signed(actual[1], lang),
            ),
        ),
        sep,
    )
    shown = display_table(result.table(), lang, translate(lang, "common.twente"))
    return TargetsView(result, shown, yearly, path, region_chart, residents_chart, lang)


def targets_map(view: TargetsView, measure: str, geojson: dict[str, Any] | None) -> go.Figure:
    """The Doelen map of `measure` (a key of `targets.MAP_VALUE`) on the boundaries `geojson`."""
    labels = section(view.language, "targets")
    name = labels[f"measure_{measure}"]
    hover = {f"{c}_text": labels[f"col_{c}"] for c in ("homes", "per_year", "pace_ratio", "residents")}
    return municipality_map(
        targets.municipality_rows(view.shown),
        targets.MAP_VALUE[measure],
        targets.MAP_TEXT[measure],
        {"title": translate(view.language, "targets.map_title", measure=name), "colorbar": name},
        geojson,
        fmt.plotly_separators(view.language),
        hover,
    )


def municipalities_chart(view: TargetsView, focus: str | None) -> go.Figure:
    """Every municipality's path in one chart with `focus` (a CBS code or None) highlighted."""
    labels = section(view.language, "targets")
    title = "municipalities_title" if focus is not None else "municipalities_title_all"
    chart_labels = {
        k: labels[v]
        for k, v in (
            ("title", title),
            ("path", "path_line"),
            ("historical", "path_historical"),
            ("hover", "path_hover"),
            ("others", "municipalities_others"),
            ("all", "municipalities_all"),
        )
    }
    return target_charts.municipality_paths_chart(
        view.yearly, chart_labels, focus, fmt.plotly_separators(view.language)
    )


def targets_tables(view: TargetsView) -> TargetsTables:
    """The page's tables for `view`: on screen, the download's sheets and the charts' table alternatives."""
    lang, settings = view.language, view.result.settings
    labels = section(lang, "targets")
    columns = table_columns(labels, settings.end_year)
    sheets = MappingProxyType(
        {
            labels["sheet_table"]: export_table(view.shown, columns),
            labels["sheet_yearly"]: yearly_export(view.yearly, labels),
        }
    )
    return TargetsTables(
        screen_table(view.shown, columns),
        sheets,
        path_display(view.path, labels, lang),
        wide_by_name(view.yearly, "cumulative", lang, labels["col_year"]),
        screen_table(view.shown, residents_columns(labels)),
        occupancy_sensitivity_table(
            view.result.occupancy_sensitivity(), lang, settings.residents_total, settings.homes_total, settings.end_year
        ),
    )


def measure_table(view: TargetsView, measure: str) -> pd.DataFrame:
    """The map's table alternative for `measure`: the municipality and the measure as text."""
    labels = section(view.language, "targets")
    return screen_table(view.shown, {"name": labels["col_name"], measure: labels[f"measure_{measure}"]})
