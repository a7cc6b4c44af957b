"""ros.model.comparison: two scenarios' results side by side per municipality and for Twente, with the real snapshot."""

from __future__ import annotations

import pytest

from ros.model import comparison as compare
from ros.model import targets


@pytest.fixture(scope="module")
def results(region):
    return (
        targets.recompute(region, targets.TargetSettings()),
        targets.recompute(region, targets.TargetSettings(homes_total=80_000, key="equal")),
    )


def test_target_differences_per_municipality_and_twente(results) -> None:
    frame = compare.target_differences(*results)
    assert len(frame) == 15
    assert frame["code"].iloc[-1] == "twente"
    assert list(frame.columns[:5]) == ["code", "name", "homes_base", "homes_other", "homes_delta"]
    enschede = frame.set_index("code").loc["GM0153"]
    # by population 17.415 homes for Enschede; equal shares of 80.000 over 14: 5.714 or 5.715
    assert enschede["homes_base"] == 17_415
    assert enschede["homes_other"] in (5_714, 5_715)
    assert enschede["homes_delta"] == enschede["homes_other"] - 17_415
    total = compare.totals(frame)
    assert (total["homes_base"], total["homes_other"], total["homes_delta"]) == (69_000, 80_000, 11_000)
    assert total["residents_base"] == total["residents_other"] == 100_000
    assert total["residents_delta"] == 0
    assert total["per_year_delta"] == pytest.approx(11_000 / 26)
    assert frame["homes_delta"].iloc[:-1].sum() == 11_000


def test_municipalities_only_leaves_out_the_totals_row(results) -> None:
    rows = compare.municipalities_only(compare.target_differences(*results))
    assert len(rows) == 14
    assert "twente" not in set(rows["code"])
    assert list(rows.index) == list(range(14))


def test_the_same_scenario_differs_nowhere(results) -> None:
    frame = compare.target_differences(results[0], results[0])
    assert (frame[[f"{m}_delta" for m in compare.COMPARED]].fillna(0) == 0).all().all()


def test_key_figures_compare_each_scenario_in_its_own_target_year(region) -> None:
    base = targets.recompute(region, targets.TargetSettings())
    other = targets.recompute(region, targets.TargetSettings(homes_total=80_000, end_year=2045, shape="back"))
    figures = compare.key_figures(base, other, 2030).set_index("measure")
    assert list(figures.index) == list(compare.KEY_FIGURES)
    assert list(figures.loc["end_year"]) == [2050, 2045, -5]
    assert list(figures.loc["homes"]) == [69_000, 80_000, 11_000]
    assert list(figures.loc["residents"]) == [100_000, 100_000, 0]
    # the projections are each scenario's housed growth in its own target year, not in a common year
    assert figures.at["housed", "base"] == targets.row(base.table(), None)["growth_2050"] == 154_197
    assert figures.at["housed", "other"] == targets.row(other.table(), None)["growth_2045"]
    assert figures.at["woondeal", "base"] == targets.woondeal_check(base, 2030) == 15_949
    assert figures.at["woondeal", "other"] == targets.woondeal_check(other, 2030) < 14_100
    assert figures.at["reached_year", "base"] == 2067


def test_target_differences_carry_projected_residents_at_each_target_year(region) -> None:
    base = targets.recompute(region, targets.TargetSettings())
    other = targets.recompute(region, targets.TargetSettings(end_year=2045))
    total = compare.totals(compare.target_differences(base, other))
    assert total["housed_base"] == targets.row(base.table(), None)["growth_2050"]
    assert total["housed_other"] == targets.row(other.table(), None)["growth_2045"]
