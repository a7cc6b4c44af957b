"""The plan register's calculations with exact figures: hardheid, pipeline, expected completions (with and without
an assumed drop-out), coverage and the 130 % line, segment shares against thresholds, slipped and stale plans."""

from __future__ import annotations

from datetime import date

import pytest

from ros.data.catalog import TWENTE_CODES
from ros.model import plans
from ros.model.plans import Category, Plan
from tests.support.plan_register import synthetic_register


def _plan(name: str, status: str | None, real: int | None, *categories: Category, **fields: object) -> Plan:
    return Plan(name, "GM0153", status_planologisch=status, realiseerbaarheid=real, categorieen=categories, **fields)  # type: ignore[arg-type]


HARD = _plan(
    "Hart van Zuid",
    "2A",
    80,
    Category("Meergezins", "Sociale huur", gepland={2026: 100, 2027: 50}, gerealiseerd={2026: 40}),
    Category("Eengezins", "Koop dure koop", gepland={2027: 50}),
    Category("Onbekend", "Onbekend koop of huur", nieuwbouw=False, gepland={2026: 20}),  # demolition: not counted
)
SOFT = _plan(
    "Ossenkoppelerhoek", "4B", 40, Category("Eengezins", "Koop betaalbare koop", gepland={2027: 100, 2028: 100})
)
NO_STATUS = _plan("Zonder status", None, None, Category("Meergezins", "Huur onbekend", gepland={2028: 50}))


def test_hardness_follows_the_grouping_in_the_data() -> None:
    assert [plans.hardness(s) for s in ("1A", "2C", "3", "4B", None, "5A")] == [
        "hard",
        "hard",
        "zacht",
        "zacht",
        "onbekend",
        "onbekend",
    ]


def test_pipeline_by_hardness_counts_new_build_only_and_from_a_year() -> None:
    assert plans.pipeline_by_hardness([HARD, SOFT, NO_STATUS]) == {"hard": 200, "zacht": 200, "onbekend": 50}
    assert plans.pipeline_by_hardness([HARD, SOFT, NO_STATUS], from_year=2027) == {
        "hard": 100,
        "zacht": 200,
        "onbekend": 50,
    }


def test_expected_completions_without_drop_out() -> None:
    # 2026: 100 × 0,8 = 80; 2027: (50 + 50) × 0,8 + 100 × 0,4 = 120; 2028: 100 × 0,4 = 40
    assert plans.expected_completions([HARD, SOFT]) == pytest.approx({2026: 80.0, 2027: 120.0, 2028: 40.0})


def test_expected_completions_with_an_assumed_drop_out_per_class() -> None:
    # hard 10 %: 2026 80 × 0,9 = 72, 2027 80 × 0,9 = 72; zacht 50 %: 2027 40 × 0,5 = 20 → 92; 2028 20
    result = plans.expected_completions([HARD, SOFT], dropout={"hard": 0.1, "zacht": 0.5})
    assert result == pytest.approx({2026: 72.0, 2027: 92.0, 2028: 20.0})


def test_expected_completions_stay_unknown_where_a_plan_or_a_rate_is_unknown() -> None:
    assert plans.expected_completions([HARD, NO_STATUS]) == {
        2026: pytest.approx(80.0),
        2027: pytest.approx(80.0),
        2028: None,
    }
    assert plans.expected_completions([HARD, SOFT], dropout={"hard": 0.1}) == {
        2026: pytest.approx(72.0),
        2027: None,
        2028: None,
    }


def test_coverage_and_the_130_percent_line() -> None:
    met = plans.coverage(13_000, 10_000)
    assert met == plans.Coverage(ratio=1.3, rule_capacity=13_000.0, meets_rule=True)
    short = plans.coverage(12_999, 10_000)
    assert (short.ratio, short.meets_rule) == (1.2999, False)
    assert plans.coverage(None, 10_000) == plans.Coverage(None, None, None)
    assert plans.coverage(5_000, 0) == plans.Coverage(None, None, None)


def test_segment_shares_against_each_threshold() -> None:
    checks = {c.threshold: c for c in plans.segment_checks([HARD, SOFT])}
    # new build 400: sociale huur 150, betaalbare koop 200, dure koop 50 → betaalbaar 350/400 = 87,5 %
    assert checks["woondeal_twente_betaalbaar"].share == 0.875
    assert checks["woondeal_twente_betaalbaar"].met is True
    assert checks["nationaal_betaalbaar"].met is True
    assert checks["nationaal_sociale_huur"].share == 0.375
    assert checks["nationaal_sociale_huur"].limit == 0.30


def test_a_threshold_the_unknown_segment_could_tip_is_undecided() -> None:
    # new build 450 of which 50 unknown: betaalbaar 350/450 = 77,8 %; at 80 % the unknown 11,1 % decides
    threshold = [{"id": "streng", "segment": "betaalbaar", "share": 0.8}]
    [check] = plans.segment_checks([HARD, SOFT, NO_STATUS], threshold)
    assert check.share == pytest.approx(350 / 450)
    assert check.unknown_share == pytest.approx(50 / 450)
    assert check.met is None
    [missed] = plans.segment_checks([HARD], [{"id": "hoog", "segment": "sociale_huur", "share": 0.9}])
    assert (missed.share, missed.met) == (0.75, False)
    [empty] = plans.segment_checks([], threshold)
    assert (empty.share, empty.met) == (None, None)


def test_slipped_plans_name_the_homes_not_realised_in_past_years() -> None:
    # up to 2026: planned 100, realised 40 → 60 slipped; in 2026 itself nothing has slipped yet
    assert plans.slipped_plans([HARD, SOFT], date(2027, 3, 1)) == {"Hart van Zuid": 60}
    assert plans.slipped_plans([HARD, SOFT], date(2026, 12, 31)) == {}
    assert plans.slipped_plans([HARD, SOFT], date(2029, 1, 1)) == {"Hart van Zuid": 160, "Ossenkoppelerhoek": 200}


def test_stale_plans_are_not_confirmed_for_more_than_six_months() -> None:
    fresh = _plan("Vers", "1A", 100, laatst_bevestigd_op=date(2026, 6, 7))
    old = _plan("Oud", "1A", 100, laatst_bevestigd_op=date(2026, 6, 6))
    never = _plan("Nooit", "1A", 100)
    assert plans.stale_plans([fresh, old, never], date(2026, 12, 7)) == ["Oud", "Nooit"]
    assert plans.months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)


def test_value_lists_follow_planmonitor_wonen() -> None:
    assert len(plans.value_list("betaalbaarheid")) == 8
    assert plans.value_list("status_planologisch") == ("1A", "1B", "1C", "2A", "2B", "2C", "3", "4A", "4B")
    assert plans.value_list("realiseerbaarheid") == (20, 40, 60, 80, 100)


def test_problems_name_every_value_outside_the_lists() -> None:
    bad = Plan(
        "Fout",
        "GM9999",
        status_planologisch="5A",
        knelpunten_meerkeuze=("Netcongestie",),
        geometrie="LINESTRING (0 0, 1 1)",
        categorieen=(Category("Villa", "Sociale huur", gepland={2026: -5}),),
    )
    assert plans.plan_problems(bad, TWENTE_CODES) == [
        ("plan_municipality_unknown", {"value": "GM9999"}),
        ("plan_number_bad", {"year": 2026, "value": -5}),
        ("plan_value_unknown", {"field": "status_planologisch", "value": "5A"}),
        ("plan_value_unknown", {"field": "knelpunten", "value": "Netcongestie"}),
        ("plan_value_unknown", {"field": "woning_type", "value": "Villa"}),
        ("plan_geometry_bad", {}),
    ]
    assert plans.plan_problems(HARD, TWENTE_CODES) == []


def test_geometry_converts_from_rd_new_to_wgs84() -> None:
    # Amersfoort's reference point (155000, 463000) is 52,1552° N 5,3872° E
    point = plans.geometry_wgs84(Plan("Referentie", "GM0153", geometrie="POINT (155000 463000)"))
    assert point is not None
    assert (round(point.x, 4), round(point.y, 4)) == (5.3872, 52.1552)


def test_a_plan_survives_its_stored_form() -> None:
    stored = HARD.__class__(
        **{**HARD.__dict__, "laatst_bevestigd_op": date(2026, 5, 1), "knelpunten_meerkeuze": ("Nuts",)}
    )
    assert plans.plan_from_dict(plans.plan_to_dict(stored)) == stored


def test_the_synthetic_register_is_labelled_and_valid() -> None:
    register = synthetic_register(20)
    assert all(p.plan_naam.startswith("Synthetisch") for p in register)
    assert all(plans.plan_problems(p, TWENTE_CODES) == [] for p in register)


def test_price_limits_per_year_come_with_their_source_and_no_year_is_guessed() -> None:
    social = plans.price_limit("Sociale huur", 2026)
    assert social is not None
    assert (social.limit, social.source.startswith("Liberalisatiegrens 2026")) == (932.93, True)
    koop = plans.price_limit("Koop betaalbare koop", 2025)
    assert koop is not None
    assert koop.limit == 405_000
    assert plans.price_limit("Koop betaalbare koop", 2026) is None  # only a blog gives 2026 (UNVERIFIED)
    assert plans.price_limit("Huur dure huur", 2026) is None
