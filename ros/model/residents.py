"""Residents that a homes path can house, under an assumption about how many people live in a dwelling.

Inhabitants per dwelling are derived (population / dwelling stock, both CBS 85984NED on 1-1-2024), per
municipality. The yearly change in that occupancy is an assumption (default 0 % a year): a negative change means
smaller households, so the existing stock houses fewer people and more homes are needed for the same growth.
Population at the end of year y = (dwellings on 1-1-2024 + homes added from the start year up to y)
× occupancy on 1-1-2024 × (1 + change)^(y + 1 − 2024). Homes built before the start year are not in the data
(CBS figures after 2020 are missing) and are not counted.

How much the answer rests on the occupancy assumption is shown by `sensitivity`: the homes needed and the residents
housed side by side for a small, fixed range of yearly changes (`SENSITIVITY_CHANGES`). Every row is an assumption;
none is a forecast or a trend (no source for a trend is in the data).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BASE_YEAR = 2024  # the CBS reference date 1-1-2024 of population and dwellings
MILESTONES = (2030, 2040, 2050)
# Yearly changes in inhabitants per dwelling to set side by side: a small symmetric range around "no change",
# chosen to show the sensitivity, not taken from any source.
SENSITIVITY_CHANGES = (-0.005, -0.0025, 0.0, 0.0025, 0.005)


def occupancy(population: np.ndarray, dwellings: np.ndarray) -> np.ndarray:
    """Derived inhabitants per dwelling (NaN without dwellings)."""
    population, dwellings = np.asarray(population, dtype=float), np.asarray(dwellings, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(dwellings > 0, population / dwellings, np.nan)


def occupancy_factor(years: np.ndarray | int, change: float, base_year: int = BASE_YEAR) -> np.ndarray:
    """Occupancy at the end of each year relative to the base date (1-1-`base_year`)."""
    if change <= -1:
        raise ValueError("change must be above -100 %")
    return (1 + change) ** (np.asarray(years, dtype=float) + 1 - base_year)


def population_path(
    population: np.ndarray,
    dwellings: np.ndarray,
    cumulative_homes: np.ndarray,
    years: np.ndarray,
    change: float,
    base_year: int = BASE_YEAR,
) -> np.ndarray:
    """Population at the end of each year (rows: municipalities, columns: `years`), unrounded."""
    stock = np.asarray(dwellings, dtype=float)[:, None] + cumulative_homes
    population_path: np.ndarray = (
        stock * occupancy(population, dwellings)[:, None] * occupancy_factor(years, change, base_year)[None, :]
    )
    return population_path


def homes_needed(
    population: np.ndarray,
    dwellings: np.ndarray,
    shares: np.ndarray,
    growth: float,
    year: int,
    change: float,
    base_year: int = BASE_YEAR,
) -> float:
    """Homes (spread by `shares`) that house `growth` more residents than on 1-1-`base_year` by the end of `year`.

    Solves Σ (dwellings_i + shares_i·H) · occ_i · f = Σ population_i + growth for H, with f the occupancy factor.
    NaN when the new homes would house nobody or a municipality's occupancy is unknown (no dwellings).
    """
    occ = occupancy(population, dwellings)
    if np.isnan(occ).any():
        return float("nan")  # a municipality without dwellings has no occupancy: the answer is unknown, not a guess
    factor = float(occupancy_factor(year, change, base_year))
    per_home = float(np.sum(np.asarray(shares) * occ)) * factor
    if per_home <= 0:
        return float("nan")
    existing = float(np.sum(np.asarray(dwellings) * occ)) * factor
    return (float(np.sum(population)) + growth - existing) / per_home


def housed_growth(
    population: np.ndarray,
    dwellings: np.ndarray,
    homes: np.ndarray,
    year: int,
    change: float,
    base_year: int = BASE_YEAR,
) -> int:
    """Whole residents more than on 1-1-`base_year` that the stock plus `homes` (per municipality, added by the end
    of `year`) houses at the end of `year` (each municipality rounded to whole residents, as the tables show)."""
    path = population_path(
        population, dwellings, np.asarray(homes, dtype=float)[:, None], np.array([year]), change, base_year
    )
    return int(np.rint(path[:, 0]).astype(np.int64).sum() - np.asarray(population).sum())


def sensitivity(
    population: np.ndarray,
    dwellings: np.ndarray,
    shares: np.ndarray,
    homes: np.ndarray,
    residents_target: int,
    year: int,
    changes: tuple[float, ...] = SENSITIVITY_CHANGES,
    base_year: int = BASE_YEAR,
) -> pd.DataFrame:
    """Per yearly occupancy change (ascending): `homes_needed` for `residents_target` more residents by the end of
    `year` (spread by `shares`; NaN when unknown) and `residents_housed` by the `homes` (per municipality) then."""
    ordered = sorted(set(changes))
    return pd.DataFrame(
        {
            "change": ordered,
            "homes_needed": [
                homes_needed(population, dwellings, shares, residents_target, year, c, base_year) for c in ordered
            ],
            "residents_housed": [housed_growth(population, dwellings, homes, year, c, base_year) for c in ordered],
        }
    )
