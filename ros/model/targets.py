"""The full recompute of the targets page: allocation, yearly paths, pace against history and residents.

`recompute(region, settings)` is the one entry point (used by the page, the benchmark and later scenario models).
`region_data` turns the snapshot into arrays once: CBS 85984NED key figures (1-1-2024), the current CBS 37230ned
population and CBS new construction 2012–2020 (both from `ros.data.series`: the refreshed tables when the version
has them) and the provincial plan capacity 2021. Settings
are a frozen `TargetSettings` whose defaults are the ROS totals (69.000 homes, 100.000 residents, 2025–2050).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ros.base import format as fmt
from ros.base.problems import Number, problem
from ros.data import series
from ros.data.catalog import TWENTE
from ros.data.snapshot import Snapshot
from ros.model import pace, residents, trajectory
from ros.model.allocation import (
    CITY_CODES,
    KEYS,
    AllocationError,
    KeyData,
    allocate,
    key_weights,
)

MAX_TOTAL = 10_000_000
MAX_OCCUPANCY_CHANGE = 0.05  # ±5 % a year is far outside anything observed; beyond it the input is refused
EARLY_YEAR = 2030  # the Woondeal Twente's horizon: the table shows the homes each path adds by the end of it


@dataclass(frozen=True)
class TargetSettings:
    """Everything a planner can set on the targets page; the defaults are the ROS totals and a linear path."""

    homes_total: int = 69_000
    residents_total: int = 100_000
    key: str = "population"
    city_share: float = 1.0
    custom_weights: tuple[tuple[str, float], ...] | None = None
    shape: str = "linear"
    start_year: int = 2025
    end_year: int = 2050
    outlook: str = "stop"
    outlook_pace: int = 2_000
    outlook_year: int = trajectory.LAST_YEAR
    occupancy_change: float = 0.0

    def check(self) -> None:
        """Raise AllocationError (Dutch message) for settings that cannot be computed."""
        for name, value in (("homes", self.homes_total), ("residents", self.residents_total)):
            if not isinstance(value, (int, np.integer)) or not 0 <= value <= MAX_TOTAL:
                raise AllocationError(
                    problem("input.total_range", what=problem(f"input.total_{name}"), limit=Number(MAX_TOTAL))
                )
            if value == 0:  # 0 for every municipality is never a plan; it once came from a widget race (issue 12.4)
                raise AllocationError(problem("input.total_zero", what=problem(f"input.total_{name}")))
        if self.key not in KEYS:
            raise AllocationError(problem("input.unknown_key", choice=self.key))
        if not abs(self.occupancy_change) <= MAX_OCCUPANCY_CHANGE:
            raise AllocationError(problem("input.occupancy_range"))
        if self.outlook_pace < 0:
            raise AllocationError(problem("input.pace_negative"))
        trajectory.check_period(self.start_year, self.end_year, self.outlook_year)


@dataclass(frozen=True, eq=False)
class RegionData:
    """Static figures per municipality (fixed order: by name) that every recompute starts from."""

    keys: KeyData
    history: pace.History
    population_now: np.ndarray = field(default_factory=lambda: np.zeros(0))
    reference_date: date = date(2024, 1, 1)
    reference_date_now: date | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        """CBS codes in display order."""
        return self.keys.codes

    @property
    def names(self) -> tuple[str, ...]:
        """Names in display order."""
        return self.keys.names


def region_data(snapshot: Snapshot) -> RegionData:
    """The 14 Twente municipalities from the snapshot, ordered by name."""
    base = snapshot["municipalities"].sort_values("name", ignore_index=True)
    plans = snapshot["plan_capacity"].set_index("code").reindex(base["code"])
    now = series.population_now(snapshot).set_index("code").reindex(base["code"])
    codes = tuple(base["code"])
    keys = KeyData(
        codes=codes,
        names=tuple(base["name"]),
        population=base["population"].to_numpy(float),
        dwellings=base["dwellings"].to_numpy(float),
        households=base["households"].to_numpy(float),
        plan_hard=plans["hard_plans"].to_numpy(float),
        plan_total=plans["total_plans"].to_numpy(float),
        is_city=np.array([c in CITY_CODES for c in codes]),
    )
    return RegionData(
        keys,
        pace.history(series.new_construction(snapshot), codes),
        now["population"].to_numpy(float),
        base["reference_date"].max(),
        now["reference_date"].max(),
    )


@dataclass(frozen=True, eq=False)
class TargetResult:
    """The outcome of one recompute; arrays follow the region's municipality order."""

    settings: TargetSettings
    region: RegionData
    shares: np.ndarray
    homes: np.ndarray
    residents: np.ndarray
    path: trajectory.Trajectory
    population: np.ndarray

    @property
    def last_year(self) -> int:
        """The last year worth drawing: the end year when building stops, otherwise the end of the outlook."""
        return self.settings.end_year if self.settings.outlook == "stop" else self.settings.outlook_year

    @property
    def span(self) -> int:
        """Number of years from the start year up to and including the end year."""
        return self.settings.end_year - self.settings.start_year + 1

    def cumulative_at(self, year: int) -> np.ndarray:
        """Homes added per municipality by the end of `year` (0 before the start year)."""
        if year < self.settings.start_year:
            return np.zeros(len(self.homes), dtype=np.int64)
        return self.path.cumulative[:, self.path.column(min(year, int(self.path.years[-1])))]

    def population_at(self, year: int) -> np.ndarray:
        """Whole residents per municipality at the end of `year` under the occupancy assumption."""
        keys = self.region.keys
        cumulative = self.cumulative_at(year)[:, None]
        path = residents.population_path(
            keys.population, keys.dwellings, cumulative, np.array([year]), self.settings.occupancy_change
        )
        whole: np.ndarray = np.rint(path[:, 0]).astype(np.int64)
        return whole

    def homes_needed_for_residents(self) -> float:
        """Homes (spread like this allocation) that would house the residents target by the end year."""
        keys = self.region.keys
        return residents.homes_needed(
            keys.population,
            keys.dwellings,
            self.shares,
            self.settings.residents_total,
            self.settings.end_year,
            self.settings.occupancy_change,
        )

    def occupancy_sensitivity(self) -> pd.DataFrame:
        """Homes needed for the residents target and residents housed by the allocated homes at the end year, for
        the fixed range of occupancy changes plus the one set (`is_setting`); every row is an assumption."""
        keys, s = self.region.keys, self.settings
        changes = (*residents.SENSITIVITY_CHANGES, s.occupancy_change)
        frame = residents.sensitivity(
            keys.population, keys.dwellings, self.shares, self.homes, s.residents_total, s.end_year, changes
        )
        frame["is_setting"] = np.isclose(frame["change"], s.occupancy_change)
        return frame

    def table(self) -> pd.DataFrame:
        """Per municipality plus a last totals row (code 'twente'): share, homes, residents, homes a year needed,
        history, pace ratio, reached year, growth % of stock, homes per 1,000 inhabitants and housed residents."""
        keys, hist, s = self.region.keys, self.region.history, self.settings
        window = self.path.homes[:, self.path.target_columns]
        frame = pd.DataFrame(
            {
                "code": keys.codes,
                "name": keys.names,
                "share": self.shares,
                "homes": self.homes,
                "residents": self.residents,
                "per_year": self.homes / self.span,
                "peak_year": window.max(axis=1, initial=0),
                "hist_average": hist.average,
                "hist_best": hist.best,
                "hist_best_year": hist.best_year,
                "population": keys.population,
                "dwellings": keys.dwellings,
            }
        )
        total = {
            "code": TWENTE,
            "name": TWENTE,
            "share": float(self.shares.sum()),
            "homes": int(self.homes.sum()),
            "residents": int(self.residents.sum()),
            "per_year": self.homes.sum() / self.span,
            "peak_year": int(window.sum(axis=0).max(initial=0)),
            "hist_average": hist.region_average,
            "hist_best": hist.region_best,
            "hist_best_year": hist.region_best_year,
            "population": keys.population.sum(),
            "dwellings": keys.dwellings.sum(),
        }
        frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
        frame["hist_best_year"] = best_years(frame["hist_best_year"])
        frame["pace_ratio"] = pace.ratio(frame["per_year"].to_numpy(float), frame["hist_average"].to_numpy(float))
        reached = pace.year_reached(frame["homes"].to_numpy(float), frame["hist_average"].to_numpy(float), s.start_year)
        frame["reached_year"] = pd.array(reached.tolist(), dtype="Int64")
        frame["growth_pct"] = frame["homes"] / frame["dwellings"]
        frame["per_1000"] = frame["homes"] / frame["population"] * 1000
        for year in (*residents.MILESTONES, s.end_year):
            housed = self.population_at(year)
            growth = np.append(housed, housed.sum()) - frame["population"].to_numpy()
            frame[f"growth_{year}"] = growth.astype(np.int64)
            frame[f"population_{year}"] = np.append(housed, housed.sum())
        frame["gap"] = frame[f"growth_{s.end_year}"] - frame["residents"]
        early = self.cumulative_at(EARLY_YEAR)
        frame["homes_early"] = np.append(early, early.sum())
        return frame

    def yearly_frame(self, until: int | None = None) -> pd.DataFrame:
        """Long frame: code, name, year, homes (that year), cumulative, target (the municipality's target) and
        historical (the cumulative at the 2012–2020 average pace from the start year; NaN when unknown); up to the
        year `until` when given."""
        keys, path = self.region.keys, self.path
        count, years = path.homes.shape
        elapsed = np.tile(path.years - self.settings.start_year + 1, count)
        frame = pd.DataFrame(
            {
                "code": np.repeat(keys.codes, years),
                "name": np.repeat(keys.names, years),
                "year": np.tile(path.years, count),
                "homes": path.homes.ravel(),
                "cumulative": path.cumulative.ravel(),
                "target": np.repeat(self.homes, years),
                "historical": np.repeat(self.region.history.average, years) * elapsed,
            }
        )
        return frame if until is None else frame[frame["year"] <= until].reset_index(drop=True)

    def region_path(self, until: int | None = None) -> pd.DataFrame:
        """Per year for the whole region: homes, cumulative, the cumulative at the historical average pace and the
        population growth housed (against 1-1-2024); up to the year `until` when given."""
        keys, path, s = self.region.keys, self.path, self.settings
        historical = self.region.history.region_average * (path.years - s.start_year + 1)
        population = np.rint(self.population).astype(np.int64).sum(axis=0)
        frame = pd.DataFrame(
            {
                "year": path.years,
                "homes": path.homes.sum(axis=0),
                "cumulative": path.cumulative.sum(axis=0),
                "historical": historical,
                "growth": population - int(keys.population.sum()),
            }
        )
        return frame if until is None else frame[frame["year"] <= until].reset_index(drop=True)


def best_years(values: Sequence[Any] | pd.Series) -> pd.Series:
    """Best years as whole years (Int64), an unknown year as NA: never −1 or 0."""
    return pd.Series(pd.array([pd.NA if fmt.is_unknown(v) else int(v) for v in values], dtype="Int64"))


def recompute(region: RegionData, settings: TargetSettings) -> TargetResult:
    """Allocate the totals, spread the homes over the years and compute the residents they house."""
    settings.check()
    keys = region.keys
    custom = dict(settings.custom_weights) if settings.custom_weights is not None else None
    shares = key_weights(settings.key, keys, settings.city_share, custom)
    homes = allocate(settings.homes_total, settings.key, keys, settings.city_share, custom)
    people = allocate(settings.residents_total, settings.key, keys, settings.city_share, custom)
    path = trajectory.build(
        homes,
        settings.shape,
        settings.start_year,
        settings.end_year,
        settings.outlook,
        settings.outlook_pace,
        shares,
        settings.outlook_year,
    )
    population = residents.population_path(
        keys.population, keys.dwellings, path.cumulative, path.years, settings.occupancy_change
    )
    return TargetResult(settings, region, shares, homes, people, path, population)


def row(table: pd.DataFrame, code: str | None) -> pd.Series:
    """One row of a result table: the municipality `code`, or the totals row for None."""
    return table[table["code"] == (code or TWENTE)].iloc[0]


def municipality_rows(table: pd.DataFrame) -> pd.DataFrame:
    """A result table without its totals row."""
    return table[table["code"] != TWENTE]


def without_homes(region: RegionData, key: str, city_share: float) -> tuple[str, ...]:
    """The names of the municipalities that a key gives no homes at all (for instance the eleven outside the three
    cities under the stedelijk-netwerk key at a 100 % city share); custom weights are not looked at here."""
    if key == "custom":
        return ()
    shares = key_weights(key, region.keys, city_share)
    return tuple(name for name, share in zip(region.names, shares, strict=True) if share == 0)


def woondeal_check(result: TargetResult, year: int) -> int:
    """Homes the path adds in the region from the start year to the end of `year`."""
    return int(result.cumulative_at(year).sum())


MAP_MEASURES = ("homes", "per_1000", "growth_pct", "residents", "pace_ratio")
# The number (colour) and preformatted text columns of `display_table` shown on the map for each measure.
MAP_VALUE = {
    "homes": "homes",
    "per_1000": "per_1000",
    "growth_pct": "growth_pct_points",
    "residents": "residents",
    "pace_ratio": "pace_ratio",
}
MAP_TEXT = {
    "homes": "homes_text",
    "per_1000": "per_1000_text",
    "growth_pct": "growth_pct_text",
    "residents": "residents_text",
    "pace_ratio": "pace_ratio_short_text",
}
_KEY_SOURCES = {
    "population": ["cbs_85984ned"],
    "dwellings": ["cbs_85984ned"],
    "households": ["cbs_85984ned"],
    "stedelijk_netwerk": ["rijk_persbericht_2024_11_12", "cbs_85984ned"],
    "plan_hard": ["plancapaciteit_2021"],
    "plan_total": ["plancapaciteit_2021"],
}


def key_sources(key: str) -> list[str]:
    """The source ids an allocation key is built from (none for equal shares and custom weights)."""
    return _KEY_SOURCES.get(key, [])


def occupancy_twente(region: RegionData) -> float:
    """Derived inhabitants per dwelling of the whole region on the reference date."""
    return float(region.keys.population.sum() / region.keys.dwellings.sum())


def actual_growth(region: RegionData) -> tuple[float, int] | None:
    """(year, growth): the population change from the reference date to the later (provisional) count, placed on
    the path's year-end axis (a count on 1-1-2026 at the end of 2025, on 1-10-2026 three quarters later); None
    when there is no later count."""
    if region.reference_date_now is None or not len(region.population_now):
        return None
    growth = int(region.population_now.sum() - region.keys.population.sum())
    return region.reference_date_now.year - 1 + (region.reference_date_now.month - 1) / 12, growth
