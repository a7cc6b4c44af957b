"""The population forecast against the ambition of more than 100.000 extra residents by 2050.

Forecasts come from `population_forecast.csv`: the PBL/CBS regional forecast of 2019 (shipped; per municipality
2021–2030 and, for Twente as COROP CR12, 2050 only) and, after a refresh, the 2022 forecast (85173NED) with its
67 % interval. Years are populations on 1 January. Where a Twente figure is missing for a year in which all 14
municipalities have one, their sum is used and marked as derived. The ambition line is an assumption: linear from
the 1-1-2024 population to that population plus the scenario's residents target in the end year. CBS and PBL
withdrew the detail of these forecasts in July 2023; the totals remained within their margins (caveat shown).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import pandas as pd

from ros.data.catalog import TWENTE_COROP

BASE_YEAR = 2024


def vintages(forecast: pd.DataFrame) -> list[str]:
    """The vintages present, newest first."""
    return sorted(set(forecast["vintage"].astype(str)), reverse=True)


def series(forecast: pd.DataFrame, code: str | None, vintage: str, codes: Sequence[str]) -> pd.DataFrame:
    """One area's forecast of one vintage: year, forecast, lower, upper (Int64, NA = not given) and derived (True
    where a Twente figure is the sum of the municipalities)."""
    part = forecast[forecast["vintage"].astype(str) == vintage]
    wanted = part[part["code"] == (code or TWENTE_COROP)][["year", "forecast", "lower", "upper"]].copy()
    wanted["derived"] = False
    if code is None:
        towns = part[part["code"].isin(codes)]
        sums = []
        for key, rows in towns.groupby("year", sort=True):
            year = int(cast(int, key))
            if len(rows) == len(codes) and year not in set(wanted["year"]):
                sums.append(
                    {
                        "year": year,
                        "forecast": int(rows["forecast"].sum()),
                        "lower": pd.NA,
                        "upper": pd.NA,
                        "derived": True,
                    }
                )
        if sums:
            wanted = pd.concat([wanted, pd.DataFrame(sums)], ignore_index=True)
    wanted = wanted.sort_values("year", ignore_index=True)
    wanted["year"] = wanted["year"].astype(int)
    for column in ("forecast", "lower", "upper"):
        wanted[column] = wanted[column].astype("Int64")
    return wanted


def ambition(base_population: int, residents_target: int, end_year: int, year: int) -> int | None:
    """The ambition line on 1 January of `year` (assumption: linear from the base on 1-1-2024 to base + target at
    the end of `end_year`, where the homes scenario places it); None before the base (there is no ambition then)."""
    if year < BASE_YEAR:
        return None
    share = min((year - BASE_YEAR) / (end_year + 1 - BASE_YEAR), 1.0)
    return round(base_population + residents_target * share)


@dataclass(frozen=True)
class Comparison:
    """The forecast against today and the ambition (persons; None = not in the data)."""

    vintage: str
    last_year: int | None
    forecast_last: int | None
    lower_last: int | None
    upper_last: int | None
    ambition_last: int | None
    above_trend: int | None
    today_year: int | None
    today: int | None
    forecast_today: int | None
    today_difference: int | None
    derived: bool
    today_derived: bool = False


def compare(
    forecast: pd.DataFrame,
    vintage: str,
    base_population: int,
    residents_target: int,
    end_year: int,
    today: tuple[int, int] | None,
) -> Comparison:
    """How far the ambition lies above the forecast in the forecast's last year up to `end_year`, and today's
    population (year on 1 January, persons) against the forecast for that year. `forecast` is one `series`."""
    usable = forecast[forecast["year"] <= end_year]
    if usable.empty:
        return Comparison(vintage, None, None, None, None, None, None, None, None, None, None, False)
    last = usable.iloc[-1]
    year = int(last["year"])
    goal = ambition(base_population, residents_target, end_year, year)
    value = int(last["forecast"])
    if goal is None:
        return Comparison(vintage, None, None, None, None, None, None, None, None, None, None, False)
    today_year = today_value = forecast_today = difference = None
    today_derived = False
    if today is not None:
        today_year, today_value = today
        match = forecast[forecast["year"] == today_year]
        if not match.empty and not pd.isna(match["forecast"].iloc[0]):
            forecast_today = int(match["forecast"].iloc[0])
            difference = today_value - forecast_today
            today_derived = bool(match["derived"].iloc[0])
    return Comparison(
        vintage,
        year,
        value,
        _int(last["lower"]),
        _int(last["upper"]),
        goal,
        goal - value,
        today_year,
        today_value,
        forecast_today,
        difference,
        bool(last["derived"]),
        today_derived,
    )


def _int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)
