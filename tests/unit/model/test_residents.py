"""Residents housed under the occupancy assumption, on hand-checked numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ros.model import residents


def test_occupancy_is_derived_and_unknown_without_dwellings():
    assert residents.occupancy(np.array([200.0, 5.0]), np.array([100.0, 0.0]))[0] == 2.0
    assert math.isnan(residents.occupancy(np.array([5.0]), np.array([0.0]))[0])
    twente = residents.occupancy(np.array([640_806.0]), np.array([288_025.0]))[0]  # 1-1-2024
    assert twente == pytest.approx(2.2248, abs=1e-4)


def test_population_path_hand_checked():
    cumulative = np.array([[10.0, 20.0]])
    years = np.array([2025, 2026])
    flat = residents.population_path(np.array([200.0]), np.array([100.0]), cumulative, years, 0.0)
    assert flat.tolist() == [[220.0, 240.0]]
    # −1 % a year: end of 2025 is two years after 1-1-2024: 110 × 2 × 0,99² = 215,622
    shrinking = residents.population_path(np.array([200.0]), np.array([100.0]), cumulative, years, -0.01)
    assert shrinking[0, 0] == pytest.approx(215.622)
    assert shrinking[0, 1] == pytest.approx(120 * 2 * 0.99**3)


def test_homes_needed_hand_checked():
    # 200 people in 100 homes; 20 more by the end of 2024 (one year) at no change: 10 homes
    assert residents.homes_needed(np.array([200.0]), np.array([100.0]), np.array([1.0]), 20, 2024, 0.0) == 10
    # at −10 %: the stock houses 180, so (220 − 180) / (2 × 0,9) = 22,2 homes
    needed = residents.homes_needed(np.array([200.0]), np.array([100.0]), np.array([1.0]), 20, 2024, -0.10)
    assert needed == pytest.approx(22.222, abs=1e-3)
    assert (100 + needed) * 2 * 0.9 == pytest.approx(220)
    # two places with 2 and 3 people per home; homes split 1:1, so each new home houses 2,5 people
    two = residents.homes_needed(
        np.array([200.0, 300.0]), np.array([100.0, 100.0]), np.array([0.5, 0.5]), 100, 2030, 0.0
    )
    assert two == pytest.approx(40)
    assert math.isnan(residents.homes_needed(np.array([0.0]), np.array([100.0]), np.array([1.0]), 10, 2030, 0.0))


def test_occupancy_factor_and_refusal():
    assert residents.occupancy_factor(2050, 0.0) == 1.0
    assert residents.occupancy_factor(2050, -0.005) == pytest.approx(0.995**27)
    with pytest.raises(ValueError, match="change must be above -100 %"):
        residents.occupancy_factor(2050, -1.0)


def test_an_unknown_occupancy_makes_the_homes_needed_unknown_not_a_partial_sum():
    # the second municipality has no dwellings, so its occupancy is unknown: no answer rather than one without it
    needed = residents.homes_needed(
        np.array([200.0, 50.0]), np.array([100.0, 0.0]), np.array([0.5, 0.5]), 20, 2024, 0.0
    )
    assert math.isnan(needed)


def test_sensitivity_sets_homes_needed_and_residents_housed_side_by_side():
    # one municipality: 200 people in 100 homes (2 a home), 10 new homes by 2024, target +20 residents
    table = residents.sensitivity(
        np.array([200.0]), np.array([100.0]), np.array([1.0]), np.array([10.0]), 20, 2024, (0.0, -0.10, 0.0)
    )
    assert table["change"].tolist() == [-0.10, 0.0]  # ascending, each change once
    # at 0 %: 10 homes house 20 more; at −10 %: 110 homes × 1,8 = 198 (−2), and 20 more need (220/1,8) − 100 homes
    assert table["homes_needed"].tolist() == [pytest.approx(22.2222, abs=1e-4), 10.0]
    assert table["residents_housed"].tolist() == [-2, 20]


def test_sensitivity_of_the_ros_on_real_data(region):
    from ros.model import targets

    result = targets.recompute(region, targets.TargetSettings())
    table = result.occupancy_sensitivity()
    assert table["change"].tolist() == list(residents.SENSITIVITY_CHANGES)
    assert table["is_setting"].tolist() == [False, False, True, False, False]
    # 69.000 homes house +154.197 at 0 %, but only +53.566 when occupancy falls 0,5 % a year
    assert table["residents_housed"].tolist() == [53_566, 102_244, 154_197, 209_640, 268_799]
    assert [round(v) for v in table["homes_needed"]] == [92_790, 67_926, 44_748, 23_137, 2_983]
    assert table.loc[2, "residents_housed"] == targets.row(result.table(), None)["growth_2050"]
    assert table.loc[2, "homes_needed"] == result.homes_needed_for_residents()
    set_apart = targets.recompute(region, targets.TargetSettings(occupancy_change=-0.01))
    extra = set_apart.occupancy_sensitivity()
    assert extra["change"].tolist()[0] == -0.01
    assert extra["is_setting"].tolist() == [True] + [False] * 5
