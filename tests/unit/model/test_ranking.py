"""Who is behind: the standings of the 14 municipalities, their order and the extremes; unknown is never ranked."""

from __future__ import annotations

import math

import pytest

from ros.model import progress, ranking, targets
from ros.model.ranking import Standing
from tests.support.progress import dwelling_changes


@pytest.fixture(scope="module")
def result(snapshot) -> targets.TargetResult:
    return targets.recompute(targets.region_data(snapshot), targets.TargetSettings())


def test_refreshed_homes_are_the_tracks_of_the_progress_page(snapshot, result) -> None:
    realised = progress.cbs_years(snapshot["new_construction"], dwelling_changes())
    standings = {s.code: s for s in ranking.homes(realised, result, "net_change")}
    enschede = standings["GM0153"]
    assert (enschede.realised, enschede.required, enschede.band) == (222, 1172.5, "lt75")
    assert enschede.difference == -950.5
    assert enschede.years == (2025, 2026)
    assert enschede.last_months == 9
    assert round(enschede.pace_factor or 0, 2) == 5.59  # 709 a year needed against 127 realised
    assert ranking.last_year(realised) == 2026


def test_shipped_homes_are_not_in_the_data(snapshot, result) -> None:
    realised = progress.cbs_years(snapshot["new_construction"], None)
    standings = ranking.homes(realised, result, "net_change")
    assert {s.reason for s in standings} == {ranking.NOT_IN_DATA}
    assert all(s.ratio is None and s.difference is None for s in standings)
    assert ranking.extremes(standings) == ([], [])
    assert ranking.last_year(realised) == 2020


def test_a_missing_year_is_unranked_and_listed_after_the_ranked() -> None:
    known = [Standing(c, 10, 20.0, r, 5.0, 8.0, None) for c, r in (("A", 0.9), ("B", 0.5), ("C", 1.2))]
    gap = Standing("D", None, None, None, None, None, None, ranking.YEARS_MISSING, (2025,))
    assert [s.code for s in ranking.ordered([gap, *known], "ratio")] == ["B", "A", "C", "D"]
    assert [s.code for s in ranking.ordered([gap, *known], "catch_up")][-1] == "D"


def test_extremes_need_six_ranked_so_nobody_is_named_twice() -> None:
    five = [Standing(str(i), 1, 1.0, i / 10, 1.0, 1.0, None) for i in range(5)]
    assert ranking.extremes(five) == ([], [])
    six = [*five, Standing("9", 1, 1.0, 0.95, 1.0, 1.0, None)]
    behind, ahead = ranking.extremes(six)
    assert [s.code for s in behind] == ["0", "1", "2"]
    assert [s.code for s in ahead] == ["9", "4", "3"]


def test_a_pace_of_nothing_needs_infinitely_more() -> None:
    assert Standing("A", 0, 5.0, 0.0, 0.0, 4.0, None).pace_factor == math.inf
    assert Standing("A", -3, 5.0, -0.6, -1.5, 0.0, None).pace_factor == 0.0


def test_residents_growth_against_the_straight_line(result) -> None:
    standings = {s.code: s for s in ranking.residents(result)}
    haaksbergen = standings["GM0158"]
    assert haaksbergen.realised == -46  # 1-1-2024 to 1-1-2026
    assert round(haaksbergen.required or 0, 2) == 292.38  # its share of +100.000 × 2 of 26 years
    assert haaksbergen.band is None  # the reference bands are for homes
    assert all(s.ranked for s in standings.values())
