"""Homes per year: how each municipality's target is spread over the years from a start year to the target year.

The ROS names 2050 as the horizon with an outlook to 2100 but no base year, so start and end year are settings.
Four shapes spread a target: linear (the same every year), front-loaded (most early, falling linearly),
back-loaded (rising linearly) and an S-curve (slow start, peak half-way, tailing off: the yearly differences of a
logistic curve). Every row is whole homes summing exactly to its target (largest-remainder method). After the
target year the outlook either stops, continues at the pace of the target year, or continues at a chosen
regional pace spread like the targets. These are assumptions, not forecasts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ros.base.problems import problem
from ros.model.allocation import AllocationError, largest_remainder, largest_remainder_rows

SHAPES = ("linear", "front", "back", "s_curve")
OUTLOOKS = ("stop", "continue", "pace")
FIRST_YEAR, LAST_YEAR = 2020, 2100
# Steepness of the S-curve: the logistic runs from -S to +S over the period, so the first and last year get ~1 %.
_S_STEEPNESS = 5.0


@dataclass(frozen=True, eq=False)
class Trajectory:
    """Homes per municipality (rows) per year (columns), including the outlook after the target year."""

    years: np.ndarray
    homes: np.ndarray
    end_year: int

    @property
    def cumulative(self) -> np.ndarray:
        """Homes added since the start year, at the end of each year."""
        return np.cumsum(self.homes, axis=1)

    @property
    def target_columns(self) -> slice:
        """The columns of the start year up to and including the target year."""
        return slice(0, int(self.end_year - self.years[0] + 1))

    def column(self, year: int) -> int:
        """The column index of `year` (KeyError when outside the path)."""
        index = int(year - self.years[0])
        if not 0 <= index < len(self.years):
            raise KeyError(year)
        return index


def shape_profile(shape: str, years: int) -> np.ndarray:
    """Positive relative weights of each year for a shape over `years` years."""
    if shape not in SHAPES:
        raise AllocationError(problem("input.unknown_shape", shape=shape))
    if years < 1:
        raise AllocationError(problem("input.period_empty"))
    steps = np.arange(years, dtype=float)
    if shape == "linear":
        return np.ones(years)
    if shape == "front":
        return years - steps
    if shape == "back":
        return steps + 1
    edges = 1 / (1 + np.exp(-np.linspace(-_S_STEEPNESS, _S_STEEPNESS, years + 1)))
    return np.diff(edges)


def check_period(start_year: int, end_year: int, outlook_year: int = LAST_YEAR) -> None:
    """Raise AllocationError unless FIRST_YEAR <= start <= end <= outlook <= LAST_YEAR."""
    if not FIRST_YEAR <= start_year <= end_year:
        raise AllocationError(problem("input.start_range", first=FIRST_YEAR))
    if not end_year <= outlook_year <= LAST_YEAR:
        raise AllocationError(problem("input.end_range", last=LAST_YEAR))


def build(
    targets: np.ndarray,
    shape: str,
    start_year: int,
    end_year: int,
    outlook: str = "stop",
    outlook_pace: int = 0,
    pace_weights: np.ndarray | None = None,
    outlook_year: int = LAST_YEAR,
) -> Trajectory:
    """The yearly homes of every municipality: its target spread over start..end by `shape`, then the outlook.

    `outlook` 'continue' repeats each municipality's homes of the target year; 'pace' spreads `outlook_pace`
    regional homes a year by `pace_weights` (default: the targets); 'stop' adds nothing.
    """
    check_period(start_year, end_year, outlook_year)
    if outlook not in OUTLOOKS:
        raise AllocationError(problem("input.unknown_outlook", outlook=outlook))
    targets = np.asarray(targets, dtype=np.int64)
    span = end_year - start_year + 1
    profile = np.broadcast_to(shape_profile(shape, span), (len(targets), span))
    within = largest_remainder_rows(profile, targets)
    extra = outlook_year - end_year
    if outlook == "continue":
        after = np.repeat(within[:, -1:], extra, axis=1)
    elif outlook == "pace" and extra:
        if outlook_pace < 0:
            raise AllocationError(problem("input.pace_negative"))
        weights = targets if pace_weights is None else pace_weights
        yearly = largest_remainder(weights, int(outlook_pace)) if outlook_pace else np.zeros(len(targets), np.int64)
        after = np.repeat(yearly[:, None], extra, axis=1)
    else:
        after = np.zeros((len(targets), extra), dtype=np.int64)
    return Trajectory(np.arange(start_year, outlook_year + 1), np.hstack([within, after]), end_year)
