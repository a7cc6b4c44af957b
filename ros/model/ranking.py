"""Who is behind: the 14 municipalities side by side on their delivery since the scenario's start year.

Homes come from the same tracks as the progress page (`progress.track` on CBS realisation with own figures merged
in, against each municipality's share of the scenario's path). Residents compare the growth since 1-1-2024 (CBS
85984NED) up to the newest count (37230ned) with the ambition line of `forecast.ambition`: linear from 1-1-2024 to
the municipality's share of the residents target on 1-1 of the end year. A municipality whose figures are not all
known is not ranked: it carries the reason (`not_in_data`, `years_missing`) and is listed after the ranked ones,
never as last. Codes and numbers only; the bands are England's Housing Delivery Test, a reference.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from ros.model import progress
from ros.model.targets import TargetResult

KINDS = ("homes", "residents")
SORTS = ("ratio", "difference", "catch_up")
NOT_IN_DATA, YEARS_MISSING = "not_in_data", "years_missing"


@dataclass(frozen=True)
class Standing:
    """One municipality's delivery to date (homes or residents; None = unknown) and why it is not ranked."""

    code: str
    realised: int | None
    required: float | None
    ratio: float | None
    pace: float | None
    catch_up: float | None
    band: str | None
    reason: str | None = None
    missing: tuple[int, ...] = ()
    years: tuple[int, ...] = ()
    last_months: int | None = None

    @property
    def ranked(self) -> bool:
        """True when every figure the ranking uses is known."""
        return self.reason is None

    @property
    def difference(self) -> float | None:
        """Realised minus required to date: a surplus above zero, a shortfall below it."""
        return None if self.realised is None or self.required is None else self.realised - self.required

    @property
    def pace_factor(self) -> float | None:
        """The pace still needed as a multiple of the realised pace (inf when nothing is being added)."""
        if self.catch_up is None or self.pace is None:
            return None
        if self.pace <= 0:
            return math.inf if self.catch_up > 0 else 0.0
        return self.catch_up / self.pace


def homes(realised: pd.DataFrame, result: TargetResult, measure: str) -> list[Standing]:
    """Per municipality (the region's order) its homes track since the scenario's start year; `realised` as from
    `progress.merge_own`. Unranked when no year since the start is known, or a year in between is not."""
    s, codes = result.settings, list(result.region.codes)
    standings = []
    for index, code in enumerate(codes):
        track = progress.track(
            progress.area_years(realised, code, codes),
            progress.path_by_year(result, code),
            measure,
            s.start_year,
            s.end_year,
            int(result.homes[index]),
        )
        reason = NOT_IN_DATA if not track.in_data else YEARS_MISSING if track.years_missing else None
        known = reason is None
        standings.append(
            Standing(
                code,
                track.realised if known else None,
                track.required if known else None,
                track.ratio if known else None,
                track.pace if known else None,
                track.catch_up if known else None,
                track.band if known else None,
                reason,
                track.years_missing,
                track.years_used,
                track.last_months,
            )
        )
    return standings


def residents(result: TargetResult) -> list[Standing]:
    """Per municipality (the region's order) the growth in residents from 1-1-2024 to the newest count against the
    ambition line to that date; pace and catch-up in residents a year. Unranked when a count is missing."""
    region, end = result.region, result.settings.end_year
    start, counted = region.reference_date, region.reference_date_now
    span = end - start.year
    standings = []
    for index, code in enumerate(region.codes):
        base, now = _count(region.keys.population, index), _count(region.population_now, index)
        if counted is None or base is None or now is None or span <= 0:
            standings.append(Standing(code, None, None, None, None, None, None, NOT_IN_DATA))
            continue
        target = int(result.residents[index])
        elapsed = _years_between(start, counted)
        growth = now - base
        required = target * min(elapsed / span, 1.0)
        left = span - elapsed
        remaining = max(target - growth, 0)
        standings.append(
            Standing(
                code,
                growth,
                required,
                growth / required if required > 0 else None,
                growth / elapsed if elapsed > 0 else None,
                (remaining / left if left > 0 else None) if remaining else 0.0,
                None,
            )
        )
    return standings


def _count(values: np.ndarray, index: int) -> int | None:
    """The count at `index`, None when it is missing (NaN, or no count at all)."""
    value = float(values[index]) if index < len(values) else math.nan
    return None if math.isnan(value) else int(value)


def _years_between(start: date, end: date) -> float:
    """Whole months from the first count to the newest (both on the first of a month), in years."""
    return ((end.year - start.year) * 12 + end.month - start.month) / 12


def ordered(standings: Sequence[Standing], sort: str) -> list[Standing]:
    """The ranked municipalities furthest behind first by `sort` (ratio, difference or catch-up against pace),
    then the unranked ones in their given order."""
    ranked = [s for s in standings if s.ranked]
    if sort == "catch_up":
        ranked.sort(key=lambda s: -(s.pace_factor if s.pace_factor is not None else -math.inf))
    else:
        ranked.sort(key=lambda s: v if (v := getattr(s, sort)) is not None else math.inf)
    return ranked + [s for s in standings if not s.ranked]


def extremes(standings: Sequence[Standing], count: int = 3) -> tuple[list[Standing], list[Standing]]:
    """The `count` ranked municipalities with the lowest and the highest delivery ratio (highest first); empty
    when fewer than twice `count` are ranked, so no municipality is named as both."""
    ranked = [s for s in ordered(standings, "ratio") if s.ranked]
    if len(ranked) < 2 * count:
        return [], []
    return ranked[:count], ranked[::-1][:count]


def last_year(realised: pd.DataFrame) -> int | None:
    """The last year with any known value in `realised` (`progress.cbs_years` form), None when there is none."""
    known = realised[realised[list(progress.MEASURES)].notna().any(axis=1)]
    return int(known["year"].max()) if not known.empty else None
