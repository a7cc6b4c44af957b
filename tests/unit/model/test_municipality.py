"""ros.model.municipality: one municipality's figures, contribution and council milestones (the briefing's words are
tested in tests/unit/present/test_municipality.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from ros.model import cost_sharing, municipality, targets
from ros.model.budget import budget_table
from ros.records import scenario

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def default_result(region):
    return targets.recompute(region, scenario.DEFAULT.target_settings())


def test_enschede_share_follows_its_population_under_the_default_scenario(default_result):
    facts = municipality.facts(default_result, "GM0153")
    assert facts.name == "Enschede"
    assert facts.share == pytest.approx(161_738 / 640_806)
    table = default_result.table().set_index("code")
    assert facts.homes == table.at["GM0153", "homes"] == 17_415  # 69.000 × 161.738 / 640.806 = 17.415,5 → 17.415
    assert facts.residents == 25_240
    assert facts.per_year == pytest.approx(17_415 / 26)
    assert facts.per_1000 == pytest.approx(17_415 / 161_738 * 1000)
    assert facts.per_1000_year == pytest.approx(17_415 / 161_738 * 1000 / 26)
    assert facts.hist_average == pytest.approx(3562 / 9)  # CBS 81955NED, 2012–2020
    assert (facts.hist_best, facts.hist_best_year) == (587, 2013)
    assert facts.pace_ratio == pytest.approx((17_415 / 26) / (3562 / 9))
    assert facts.reached_year == 2069
    assert facts.housed_growth == table.at["GM0153", "growth_2050"] == 36_552
    with pytest.raises(KeyError):
        municipality.facts(default_result, "twente")
    with pytest.raises(KeyError):
        municipality.facts(default_result, "GM9999")


def test_yearly_path_adds_up_to_the_target_and_carries_the_historical_pace(default_result):
    path = municipality.yearly_path(default_result, "GM0153")
    assert list(path["year"]) == list(range(2025, 2051))
    assert path["homes"].sum() == 17_415
    assert path["cumulative"].iloc[-1] == 17_415
    assert path["historical"].iloc[0] == pytest.approx(3562 / 9)
    assert path["historical"].iloc[-1] == pytest.approx(26 * 3562 / 9)


def test_known_contribution_is_almelos_102000_and_unknown_for_the_others(snapshot):
    table = budget_table(snapshot)
    almelo = municipality.known_contribution(table, "GM0141")
    assert almelo.amount == Decimal("102000.00")
    assert almelo.status == "besloten"
    assert almelo.period == "2025-2026"
    assert almelo.source_id == "besluit_almelo_2025"
    assert municipality.known_contribution(table, "GM0153").amount is None
    assert municipality.known_contribution(table[table["party_id"] != "GM0153"], "GM0153").amount is None


def test_scenario_contribution_splits_the_total_by_inhabitants_or_says_why_not(snapshot):
    parties = cost_sharing.parties_for_keys(snapshot["parties"], snapshot["municipalities"])
    none = scenario.DEFAULT.sharing(parties)
    assert none.amount_of("GM0153") is None
    assert none.reason == "no_total"
    chosen = scenario.Scenario(budget_total=1_000_000, fixed_rijk=20)
    share = chosen.sharing(parties)
    exact = Fraction(100_000_000) * Fraction(80, 100) * Fraction(161_738, 640_806)  # cents
    assert share.reason is None
    assert share.total == Decimal("1000000.00")
    enschede = share.amount_of("GM0153")
    assert enschede is not None
    assert abs(enschede * 100 - Decimal(exact.numerator) / Decimal(exact.denominator)) < 1
    assert share.amount_of("GM0153") == Decimal("201918.21")
    own = scenario.Scenario(budget_total=500, cost_key="eigen").sharing(parties)
    assert own.amount_of("GM0153") is None
    assert own.reason == "custom_key"


def test_council_milestones_are_the_councils_and_all_municipalities_not_yet_done(snapshot):
    frame = snapshot["milestones"]
    ahead = municipality.council_milestones(frame, TODAY, "GM0153")
    assert list(ahead["id"]) == ["ros_opstellen", "ros", "uitvoeringsagenda", "investeringsagenda"]
    spring_2025 = date(2025, 4, 1)
    almelo = list(municipality.council_milestones(frame, spring_2025, "GM0141")["id"])
    enschede = list(municipality.council_milestones(frame, spring_2025, "GM0153")["id"])
    assert "beraad_almelo" in almelo
    assert "collegebesluit_almelo" in almelo  # Almelo's own council
    assert "beraad_almelo" not in enschede
    assert "collegebesluit_almelo" not in enschede
    assert "gr2026" in enschede
    assert "gr2026" in almelo  # council elections in all 14
    assert "bol_2026" not in enschede  # BOL: Rijk, regions and BOSS, not the councils
