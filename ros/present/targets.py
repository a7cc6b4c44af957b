"""The Doelen page in words: the results table as text with its headers, the pace and the year a target is reached
in words, the yearly tables, and the sensitivity of the residents figures to the occupancy assumption.

The numbers come from `ros.model.targets.TargetResult` (allocation, paths, pace against CBS 81955NED 2012–2020,
residents
housed); nothing here computes a figure. Unknown reads 'onbekend'.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd

from ros.base import format as fmt
from ros.base.columns import column_kind
from ros.base.i18n import translate
from ros.model import pace, residents
from ros.model.progress import Track
from ros.model.targets import EARLY_YEAR, TOTAL_CODE
from ros.present import exports
from ros.present.realised import period_of


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
    return text.reset_index(drop=True)


def display_table(table: pd.DataFrame, lang: str, total_name: str) -> pd.DataFrame:
    """`table` with formatted text columns (`<column>_text`) for the screen, the totals row named `total_name`."""
    shown = table.copy()
    shown.loc[shown["code"] == TOTAL_CODE, "name"] = total_name
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
    return yearly.rename(columns=headers)
