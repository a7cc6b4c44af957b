"""Pace against CBS new construction 2012–2020: averages, best years, ratios and the year a target is reached."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ros.model import pace


def test_history_of_almelo_and_twente(snapshot):
    codes = ["GM0141", "GM0153"]
    history = pace.history(snapshot["new_construction"], codes)
    # Almelo 2012–2020: 54+62+170+106+239+195+363+93+256 = 1.538 over 9 years; best 363 in 2018
    assert history.average[0] == pytest.approx(1_538 / 9)
    assert (history.best[0], history.best_year[0]) == (363, 2018)
    region = pace.history(snapshot["new_construction"], sorted(set(snapshot["new_construction"]["code"])))
    # Twente (facts.md): 1.383 1.445 1.340 1.326 1.664 1.966 1.811 2.041 1.719 → 14.695 / 9; best 2.041 in 2019
    assert region.region_average == pytest.approx(14_695 / 9)
    assert (region.region_best, region.region_best_year) == (2_041, 2019)


def test_incomplete_history_is_unknown_not_zero(snapshot):
    frame = snapshot["new_construction"]
    gap = frame[~((frame["code"] == "GM0141") & (frame["year"] == 2015))]
    history = pace.history(gap, ["GM0141", "GM0153"])
    assert math.isnan(history.average[0])
    assert math.isnan(history.best[0])
    assert history.average[1] > 0
    assert math.isnan(history.region_average)
    assert history.region_best_year is None


def test_ratio_and_reached_year_hand_checked():
    assert pace.ratio(2_653.85, 1_632.78) == pytest.approx(1.6254, abs=1e-4)
    assert math.isnan(pace.ratio(100, 0))
    assert math.isnan(pace.ratio(100, float("nan")))
    # 69.000 at 14.695 / 9 a year: 42,3 years → 43 years from 2025 → done in 2067
    assert pace.year_reached(69_000, 14_695 / 9, 2025) == 2067
    assert pace.year_reached(1_000, 100, 2025) == 2034  # exactly ten years: 2025 … 2034
    assert math.isnan(pace.year_reached(1_000, 0, 2025))
    assert math.isnan(pace.year_reached(0, 100, 2025))
    years = pace.year_reached(np.array([100, 250]), np.array([50.0, 100.0]), 2030)
    assert years.tolist() == [2031, 2032]


def test_incomplete_history_has_no_best_year_never_minus_one(snapshot):
    frame = snapshot["new_construction"]
    history = pace.history(frame[frame["code"] != "GM0141"], ["GM0141", "GM0153"])
    assert math.isnan(history.best_year[0])
    assert history.best_year[1] == 2013
    assert -1 not in history.best_year.tolist()


def test_per_year_from_now_counts_the_years_left_not_the_years_since_the_start() -> None:
    from datetime import date

    assert pace.years_left(2050, date(2026, 12, 1)) == pytest.approx(24 + 31 / 365)  # December's 31 days
    assert pace.years_left(2050, date(2026, 12, 7)) == pytest.approx(24 + 25 / 365)  # the day shown, not the 1st
    assert pace.years_left(2050, date(2028, 3, 1)) == pytest.approx(24 + 306 / 366 - 2)  # 2028 is a leap year
    assert pace.per_year_from_now(69_000, 2050, date(2026, 12, 1)) == pytest.approx(69_000 / (24 + 31 / 365))
    from_now = pace.per_year_from_now(69_000, 2050, date(2026, 12, 1))
    assert from_now is not None
    assert round(from_now) == 2_865  # the plan says 2.654 (÷ 26)
    assert pace.per_year_from_now(100, 2025, date(2026, 1, 1)) is None
