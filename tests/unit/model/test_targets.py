"""The full recompute of the targets page, its results table and the settings read from the page's state."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ros.model import targets
from ros.model.allocation import KEYS, AllocationError
from ros.model.targets import TargetSettings, recompute
from ros.present import targets as target_words


def test_defaults_are_the_ros_totals_and_a_linear_path(region):
    result = recompute(region, TargetSettings())
    table = result.table()
    total = targets.row(table, None)
    assert (total["homes"], total["residents"]) == (69_000, 100_000)
    assert len(table) == 15
    assert table["code"].iloc[-1] == "twente"
    assert table["homes"].iloc[:-1].sum() == 69_000
    assert table["residents"].iloc[:-1].sum() == 100_000
    assert total["share"] == pytest.approx(1)
    assert total["per_year"] == pytest.approx(69_000 / 26)
    assert total["pace_ratio"] == pytest.approx(69_000 / 26 / (14_695 / 9))
    assert total["reached_year"] == 2067
    assert total["growth_pct"] == pytest.approx(69_000 / 288_025)
    assert total["per_1000"] == pytest.approx(69_000 / 640_806 * 1000)
    # at 0 % change every new home houses its municipality's 1-1-2024 occupancy; Twente's weighted mean ≈ 2,23
    assert 150_000 < total["growth_2050"] < 156_000
    assert total["gap"] == total["growth_2050"] - 100_000
    enschede = targets.row(table, "GM0153")
    assert enschede["homes"] == 17_415
    assert enschede["reached_year"] == 2025 + math.ceil(17_415 / (3_562 / 9)) - 1


@settings(max_examples=60, deadline=None)
@given(
    key=st.sampled_from(KEYS[:-1]),
    homes=st.integers(1, 500_000),
    people=st.integers(1, 500_000),
    start=st.integers(2020, 2040),
    length=st.integers(1, 30),
    outlook=st.sampled_from(("stop", "continue", "pace")),
    change=st.floats(-0.05, 0.05),
    share=st.floats(0, 1),
)
def test_recompute_sums_exactly_for_random_settings(region, key, homes, people, start, length, outlook, change, share):
    chosen = TargetSettings(
        homes_total=homes,
        residents_total=people,
        key=key,
        city_share=share,
        start_year=start,
        end_year=start + length,
        outlook=outlook,
        occupancy_change=change,
        shape="s_curve",
    )
    result = recompute(region, chosen)
    assert int(result.homes.sum()) == homes
    assert int(result.residents.sum()) == people
    assert result.path.homes[:, result.path.target_columns].sum(axis=1).tolist() == result.homes.tolist()
    table = result.table()
    assert table.loc[:13, f"growth_{start + length}"].sum() == table[f"growth_{start + length}"].iloc[-1]


def test_occupancy_change_lowers_the_residents_and_raises_the_homes_needed(region):
    flat = recompute(region, TargetSettings())
    shrinking = recompute(region, TargetSettings(occupancy_change=-0.005))
    assert targets.row(shrinking.table(), None)["growth_2050"] < targets.row(flat.table(), None)["growth_2050"]
    assert shrinking.homes_needed_for_residents() > flat.homes_needed_for_residents()
    # 0 %: 100.000 / (population-weighted occupancy of the new homes) — between 100.000/2,6 and 100.000/1,9
    assert 100_000 / 2.6 < flat.homes_needed_for_residents() < 100_000 / 1.9


def test_refused_settings(region):
    for bad, message in (
        (TargetSettings(homes_total=-1), "Het totaal aan woningen"),
        (TargetSettings(residents_total=10**9), "Het totaal aan inwoners"),
        (TargetSettings(start_year=2040, end_year=2030), "startjaar"),
        (TargetSettings(occupancy_change=0.2), "bewoning"),
        (TargetSettings(key="custom"), "nog geen eigen gewichten"),
        (TargetSettings(outlook_pace=-1), "niet negatief"),
    ):
        with pytest.raises(AllocationError, match=message):
            recompute(region, bad)


def test_settings_from_the_session_scenario(region):
    from ros.records import scenario

    state = {
        "woningen": 50_000,
        "inwoners": 80_000,
        "sleutel": "custom",
        "steden": 60,
        "gewichten": ";".join(f"{c}:2" for c in region.codes),
        "vorm": "back",
        "startjaar": 2026,
        "eindjaar": 2045,
        "doorkijk": "pace",
        "tempo": 500,
        "bewoning": -0.5,
    }
    chosen = scenario.from_state(state).target_settings()
    assert chosen == TargetSettings(
        50_000,
        80_000,
        "custom",
        0.6,
        tuple((c, 2.0) for c in sorted(region.codes)),
        "back",
        2026,
        2045,
        "pace",
        500,
        2100,
        -0.005,
    )
    assert scenario.from_state({}).target_settings() == TargetSettings()


def test_frames_for_charts_and_downloads(region):
    result = recompute(region, TargetSettings(outlook="continue"))
    yearly = result.yearly_frame()
    assert len(yearly) == 14 * 76
    enschede = yearly[(yearly["code"] == "GM0153") & (yearly["year"] == 2050)].iloc[0]
    assert enschede["cumulative"] == enschede["target"] == 17_415
    path = result.region_path()
    assert path.loc[path["year"] == 2050, "cumulative"].item() == 69_000
    assert path["historical"].iloc[0] == pytest.approx(14_695 / 9)
    assert targets.woondeal_check(result, 2030) == path.loc[path["year"] == 2030, "cumulative"].item()
    assert result.last_year == 2100
    assert result.yearly_frame(2050)["year"].max() == 2050
    assert len(result.region_path(2060)) == 36
    wide = target_words.wide_by_name(result.yearly_frame(2050), "cumulative", "nl", "Jaar")
    assert list(wide.columns[:2]) == ["Jaar", "Almelo"]
    assert wide["Enschede"].iloc[-1] == "17.415"
    assert targets.actual_growth(region) == (2025, 646_449 - 640_806)


def test_synthetic_national_case_is_fast_and_exact():
    from scripts.synthetic_region import synthetic_region

    region = synthetic_region()
    assert len(region.codes) == 342
    result = recompute(region, TargetSettings(homes_total=900_000, outlook="continue"))
    assert int(result.homes.sum()) == 900_000
    assert result.path.homes.shape == (342, 76)
    assert np.isfinite(result.population).all()
