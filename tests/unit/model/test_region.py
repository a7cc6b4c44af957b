"""Where Twente stands: totals, growth since 1-1-2024 and derived occupancy."""

import math
from datetime import date

import pytest

from ros.model import region


def test_twente_standing(snapshot) -> None:
    now = region.standing(snapshot)
    assert (now.population, now.dwellings, now.population_now) == (640_806, 288_025, 646_449)
    assert now.growth == 5_643
    assert now.growth_share == pytest.approx(5_643 / 640_806)
    assert now.inhabitants_per_dwelling == pytest.approx(640_806 / 288_025)
    assert (now.reference_date, now.reference_date_now, now.status_now) == (
        date(2024, 1, 1),
        date(2026, 1, 1),
        "voorlopig",
    )


def test_municipality_standing_and_shrinking_haaksbergen(snapshot) -> None:
    assert region.standing(snapshot, "GM0153").growth == 162_671 - 161_738
    assert region.standing(snapshot, "GM0158").growth == -46
    with pytest.raises(KeyError):
        region.standing(snapshot, "GM9999")


def test_standing_table_is_sorted_by_name_with_growth(snapshot) -> None:
    table = region.standing_table(snapshot)
    assert table["name"].tolist()[:3] == ["Almelo", "Borne", "Dinkelland"]
    assert table["growth"].sum() == 5_643


def test_targets_scope_and_sources(snapshot) -> None:
    cities = region.target(snapshot, "rijk_homes_cities_2050")
    assert region.scope_codes(cities["scope"]) == ["GM0153", "GM0164", "GM0141"]
    assert region.scope_codes("twente") == []
    assert region.source(snapshot, cities["source_id"])["publisher"] == "Rijksoverheid"
    with pytest.raises(KeyError):
        region.target(snapshot, "nope")


def test_share_of_zero_total_is_unknown() -> None:
    assert region.share_of(5, 100) == 0.05
    assert math.isnan(region.share_of(5, 0))
