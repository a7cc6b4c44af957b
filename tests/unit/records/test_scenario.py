"""The scenario model: defaults from the decision, round trips through JSON and links, refused input in Dutch."""

from __future__ import annotations

from dataclasses import MISSING, fields
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ros.data.catalog import TWENTE_CODES
from ros.model import trajectory
from ros.model.targets import TargetSettings
from ros.records import scenario as sc


def test_defaults_are_the_decisions_figures_and_the_targets_page_defaults(snapshot) -> None:
    targets = snapshot["targets"].set_index("id")
    assert sc.DEFAULT.homes_total == targets.loc["ros_homes_2050", "value"] == TargetSettings().homes_total
    assert sc.DEFAULT.residents_total == targets.loc["ros_residents_2050", "value"]
    assert sc.DEFAULT.end_year == targets.loc["ros_homes_2050", "year"]
    assert sc.DEFAULT.target_settings() == TargetSettings()
    assert sc.to_query(sc.DEFAULT) == {}


def test_each_shared_field_has_one_default_in_both_models() -> None:
    percent = {"city_share", "occupancy_change"}  # a fraction in the recompute, a percentage in the scenario
    shared = {f.name for f in fields(TargetSettings)} & set(sc.Scenario.model_fields)
    assert shared == {
        "homes_total",
        "residents_total",
        "key",
        "city_share",
        "shape",
        "start_year",
        "end_year",
        "outlook",
        "outlook_pace",
        "occupancy_change",
    }
    for item in fields(TargetSettings):
        if item.name in shared:
            scale = 100 if item.name in percent else 1
            assert item.default is not MISSING, item.name
            assert sc.Scenario.model_fields[item.name].default == item.default * scale, item.name
        assert getattr(sc.DEFAULT.target_settings(), item.name) == item.default, item.name


def test_link_round_trip_keeps_only_changes() -> None:
    scenario = sc.Scenario(
        homes_total=80_000,
        key="stedelijk_netwerk",
        city_share=70,
        shape="s_curve",
        occupancy_change=-0.5,
        cost_key="gelijk",
        fixed_rijk=12.5,
        budget_total=250_000.5,
        stand=date(2026, 1, 1),
    )
    query = sc.to_query(scenario)
    assert query == {
        "woningen": "80000",
        "sleutel": "stedelijk_netwerk",
        "steden": "70",
        "vorm": "s_curve",
        "bewoning": "-0.5",
        "verdeelsleutel": "equal",
        "vast_rijk": "12.5",
        "totaalbudget": "250000.5",
        "stand": "2026-01-01",
    }
    back, ignored = sc.from_query(query)
    assert (back, ignored) == (scenario, [])


def test_json_round_trip_including_ledger_and_weights() -> None:
    weights = ";".join(f"{code}:{i + 1}" for i, code in enumerate(sorted(TWENTE_CODES)))
    scenario = sc.Scenario(
        key="custom",
        weights=weights,
        ledger_entries=[{"party": "GM0141", "year": 2025, "toegezegd": 51_000, "besteed": 10_000}],
    )
    data = sc.to_json(scenario)
    assert data["grootboek"][0]["toegezegd"] == 51_000
    assert sc.from_json(data) == scenario
    custom = scenario.target_settings().custom_weights
    assert custom is not None
    assert dict(custom)["GM0141"] == 1


def test_the_target_settings_follow_the_scenario() -> None:
    settings_ = sc.Scenario(city_share=40, occupancy_change=1.5, key="stedelijk_netwerk").target_settings()
    assert (settings_.city_share, settings_.occupancy_change, settings_.key) == (0.4, 0.015, "stedelijk_netwerk")


@pytest.mark.parametrize(
    ("params", "ignored"),
    [
        ({"woningen": "-1"}, ["woningen=-1"]),
        ({"woningen": "veel"}, ["woningen=veel"]),
        ({"woningen": "1e12"}, ["woningen=1e12"]),
        ({"sleutel": "loting"}, ["sleutel=loting"]),
        ({"steden": "101"}, ["steden=101"]),
        ({"bewoning": "nan"}, ["bewoning=nan"]),
        ({"bewoning": "inf"}, ["bewoning=inf"]),
        ({"startjaar": "2049", "eindjaar": "2030"}, ["eindjaar=2030"]),
        ({"vast_rijk": "80", "vast_provincie": "30"}, ["vast_provincie=30"]),
        ({"totaalbudget": "12,3456"}, ["totaalbudget=12,3456"]),
        ({"totaalbudget": "1.0011"}, ["totaalbudget=1.0011"]),
        ({"stand": "2026-13-01"}, ["stand=2026-13-01"]),
        ({"stand": "1999-01-01"}, ["stand=1999-01-01"]),
        ({"gewichten": "GM0141:1"}, ["gewichten=GM0141:1"]),
        ({"vorm": "<script>alert(1)</script>"}, ["vorm=<script>alert(1)</script>"]),
    ],
)
def test_bad_link_values_fall_back_and_are_named(params: dict[str, str], ignored: list[str]) -> None:
    scenario, named = sc.from_query(params | {"woningen": params.get("woningen", "75000"), "lang": "en"})
    assert named == ignored
    assert scenario.homes_total == (75_000 if "woningen" not in params else 69_000)


def test_stored_settings_that_no_longer_validate_give_a_dutch_reason() -> None:
    with pytest.raises(ValueError, match="veld 'woningen' mag niet negatief zijn"):
        sc.validate_settings({"woningen": -5}, sc.VERSION)
    with pytest.raises(ValueError, match=r"kolom|veld 'onbekend'|onbekend"):
        sc.validate_settings({"onbekend": 1}, sc.VERSION)
    with pytest.raises(ValueError, match="scenarioversie 2 wordt niet ondersteund"):
        sc.validate_settings({}, 2)


@settings(max_examples=60, deadline=None)
@given(
    homes=st.integers(1, 10_000_000),
    share=st.integers(0, 100),
    change=st.floats(-5, 5, allow_nan=False).map(lambda x: round(x, 1)),
    start=st.integers(2020, 2049),
    shape=st.sampled_from(trajectory.SHAPES),
)
def test_any_valid_scenario_survives_link_and_json(
    homes: int, share: int, change: float, start: int, shape: str
) -> None:
    scenario = sc.Scenario(homes_total=homes, city_share=share, occupancy_change=change, start_year=start, shape=shape)
    assert sc.from_query(sc.to_query(scenario)) == (scenario, [])
    assert sc.from_json(sc.to_json(scenario)) == scenario


def test_widgets_read_bounds_and_options_from_the_fields():
    from ros.model import allocation, cost_sharing, trajectory

    homes = sc.setting("woningen")
    assert (homes.low, homes.high, homes.whole, homes.optional, homes.default) == (0, 10_000_000, True, False, 69_000)
    assert sc.setting("sleutel").options == allocation.KEYS
    assert sc.setting("vorm").options == trajectory.SHAPES
    assert sc.setting("doorkijk").options == trajectory.OUTLOOKS
    assert sc.setting("verdeelsleutel").options == cost_sharing.KEYS
    occupancy = sc.setting("bewoning")
    assert (occupancy.low, occupancy.high, occupancy.whole) == (-5.0, 5.0, False)
    budget = sc.setting("totaalbudget")
    assert (budget.low, budget.high, budget.optional, budget.default) == (0, sc.MAX_BUDGET, True, None)
    assert (sc.setting("startjaar").low, sc.setting("eindjaar").high) == (trajectory.FIRST_YEAR, trajectory.LAST_YEAR)


def test_one_setting_changed_is_checked_with_the_others():
    values = sc.state_values(sc.DEFAULT)
    assert sc.with_setting(values, "startjaar", 2030).start_year == 2030
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="startjaar"):
        sc.with_setting(values | {"eindjaar": 2030}, "startjaar", 2045)


def test_old_dutch_cost_sharing_keys_in_links_and_files_are_aliases() -> None:
    for old, new in (("inwoners", "population"), ("woningen", "dwellings"), ("gelijk", "equal"), ("eigen", "custom")):
        found, ignored = sc.from_query({"verdeelsleutel": old})
        assert (found.cost_key, ignored) == (new, [])
        assert sc.to_query(found).get("verdeelsleutel") == (None if new == "population" else new)
    # a scenario file or a stored scenario from before the rename
    assert sc.from_json({"verdeelsleutel": "eigen", "totaalbudget": 1000}).cost_key == "custom"
    assert sc.from_json({"verdeelsleutel": "gelijk"}).cost_key == "equal"
    assert sc.from_query({"verdeelsleutel": "loting"})[1] == ["verdeelsleutel=loting"]


def test_a_refused_combination_reads_in_the_readers_language() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as caught:
        sc.Scenario(start_year=2040, end_year=2030)
    dutch, english = sc.describe(caught.value, "nl"), sc.describe(caught.value, "en")
    assert dutch != english
    assert dutch == sc.describe(caught.value)
    with pytest.raises(ValidationError) as caught:
        sc.Scenario(fixed_rijk=60, fixed_provincie=50)
    assert sc.describe(caught.value, "en") == (
        "the fixed shares of the Rijk, the province and the water board add up to more than 100%"
    )
    assert "meer dan 100%" in sc.describe(caught.value)
