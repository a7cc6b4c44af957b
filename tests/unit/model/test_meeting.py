"""ros.model.meeting: the six steps of the Vergadermodus and what they draw on (real snapshot)."""

from __future__ import annotations

import re

import pytest

from ros.model import meeting as presentation
from ros.model import targets
from ros.present import meeting
from ros.records.scenario import Scenario


def result_for(region, chosen: Scenario) -> targets.TargetResult:
    return targets.recompute(region, chosen.target_settings())


# --- stepping ---------------------------------------------------------------------------------------------------


def test_steps_are_the_six_views_in_order():
    assert presentation.STEPS == ("headline", "map", "pace", "budget", "milestones", "progress")
    assert [presentation.view_of(s) for s in (1, 3, 5, 6)] == ["headline", "pace", "milestones", "progress"]
    assert presentation.is_last(6)
    assert not presentation.is_last(5)


@pytest.mark.parametrize("raw", ["0", "7", "-1", "drie", "", "2.5"])
def test_parse_step_refuses_what_is_no_step(raw):
    # The refusal names what was given; an empty value shows as '' (an empty pattern would match anything).
    with pytest.raises(ValueError, match=re.escape(raw) or "''"):
        presentation.parse_step(raw)


def test_parse_step_and_bounds():
    assert presentation.parse_step("3") == 3
    assert presentation.previous_step(1) == 1
    assert presentation.previous_step(3) == 2
    assert presentation.next_step(6) == 6
    assert presentation.next_step(3) == 4


def test_step_label_in_both_languages():
    assert meeting.step_label(3, "nl") == "3 / 6 · Tempo"
    assert meeting.step_label(1, "en") == "1 / 6 · Key figures"
    assert meeting.step_label(6, "nl") == "6 / 6 · Voortgang"


def test_decided_figures_are_the_decision_only(snapshot, region) -> None:
    from ros.model.region import target

    homes, residents = target(snapshot, "ros_homes_2050"), target(snapshot, "ros_residents_2050")
    default = result_for(region, Scenario()).settings
    assert presentation.homes_decided(default, homes)
    assert presentation.residents_decided(default, residents)
    later = result_for(region, Scenario(start_year=2026)).settings
    assert not presentation.homes_decided(later, homes)
    assert presentation.residents_decided(later, residents)
    more = result_for(region, Scenario(residents_total=120_000)).settings
    assert not presentation.residents_decided(more, residents)
