"""Is the pace realistic? Homes per year a path needs against what was actually built.

History is CBS 81955NED (new construction, use 'woning', final figures 2012–2020, `data/new_construction.csv`):
per municipality and for Twente the yearly average and the best year. A municipality whose history is incomplete
gets an unknown average (NaN), never a zero. The ratio is needed pace / historical average; the 'reached' year is
the year in which the target would be complete if the municipality kept building at its historical average from
the start year on. The Woondeal Twente (at least 14.100 homes by the end of 2030) is read from `targets.csv`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

HISTORY_YEARS = (2012, 2020)


@dataclass(frozen=True, eq=False)
class History:
    """Historical new construction per municipality (in the given order) and for the whole region."""

    average: np.ndarray
    best: np.ndarray
    best_year: np.ndarray  # float: the year, NaN when the history is incomplete (never a made-up year)
    region_average: float
    region_best: float
    region_best_year: int | None


def history(new_construction: pd.DataFrame, codes: Sequence[str], years: tuple[int, int] = HISTORY_YEARS) -> History:
    """Average and best year of new construction per municipality over `years` (inclusive); unknown when a year
    is missing. The region figures come from the yearly regional sums (unknown if any municipality is incomplete)."""
    first, last = years
    within = new_construction[(new_construction["year"] >= first) & (new_construction["year"] <= last)]
    frame = within.dropna(subset=["new_dwellings"])  # an unknown year stays unknown (a sum would make it 0)
    table = frame.pivot_table(index="code", columns="year", values="new_dwellings", aggfunc="sum")
    table = table.reindex(index=list(codes), columns=range(first, last + 1)).astype(float)
    values = table.to_numpy()
    complete = ~np.isnan(values).any(axis=1)
    average = np.where(complete, np.nanmean(np.where(complete[:, None], values, 0.0), axis=1), np.nan)
    best = np.where(complete, np.nanmax(np.where(complete[:, None], values, 0.0), axis=1), np.nan)
    best_year = np.where(complete, first + np.argmax(np.where(complete[:, None], values, -1.0), axis=1), np.nan)
    if complete.all() and len(codes):
        region = values.sum(axis=0)
        region_average, region_best = float(region.mean()), float(region.max())
        region_best_year: int | None = first + int(np.argmax(region))
    else:
        region_average, region_best, region_best_year = float("nan"), float("nan"), None
    return History(average, best, best_year, region_average, region_best, region_best_year)


def ratio(needed: np.ndarray | float, historical: np.ndarray | float) -> np.ndarray:
    """Needed pace as a multiple of the historical pace (NaN when the history is unknown or zero)."""
    needed, historical = np.asarray(needed, dtype=float), np.asarray(historical, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(historical > 0, needed / historical, np.nan)


def year_reached(target: np.ndarray | float, per_year: np.ndarray | float, start_year: int) -> np.ndarray:
    """The year in which `target` homes are complete at `per_year` homes a year from `start_year` on.

    NaN when the pace is unknown or zero (never reached) or the target is zero (nothing to reach).
    """
    target, per_year = np.asarray(target, dtype=float), np.asarray(per_year, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        years = np.ceil(np.round(target / per_year, 9))
    return np.where((per_year > 0) & (target > 0), start_year + years - 1, np.nan)


def years_left(end_year: int, today: date) -> float:
    """Years from `today` itself (not its month's first day) to the end of `end_year` (24,08 on 1-12-2026 to the end
    of 2050, 24,07 on 7-12-2026)."""
    first = date(today.year, 1, 1)
    return end_year + 1 - today.year - (today - first).days / (date(today.year + 1, 1, 1) - first).days


def per_year_from_now(remaining: float, end_year: int, today: date) -> float | None:
    """Homes a year still needed from `today` to add `remaining` homes by the end of `end_year`; None when no time
    is left."""
    left = years_left(end_year, today)
    return remaining / left if left > 0 else None
