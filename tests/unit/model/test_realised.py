"""Realised homes and the latest population from a refreshed snapshot: exact sums, periods, status, unknowns."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from ros.base import format as fmt
from ros.data import refresh, series
from ros.data.cbs_service import Service
from ros.data.snapshot import Snapshot, load_snapshot
from ros.model import realised
from ros.model import region as region_model
from ros.present import realised as realised_words
from tests.support.cbs import RecordedTable, serve
from tests.support.frames import cell


@pytest.fixture(scope="module")
def fetched(tmp_path_factory: pytest.TempPathFactory) -> tuple[Snapshot, dict[str, RecordedTable]]:
    """A snapshot refreshed from the CBS stand-in, and the tables the stand-in served."""
    root = tmp_path_factory.mktemp("realised") / "data"
    for service in serve():
        outcome = refresh.refresh(
            root=root, service=Service(service.url, 5, service.v4_url), now=datetime(2026, 12, 1, tzinfo=UTC)
        )
        tables = service.state.tables
    assert outcome.version is not None
    return load_snapshot(outcome.version), tables


def _served(table: RecordedTable, measure: str, periods: list[str], codes: list[str]) -> int:
    return sum(int(table.row(RegioS=c, Perioden=p)[measure]) for c in codes for p in periods)


def test_homes_since_2024_sum_81955ned_2024_86098ned_2025_and_the_months_of_2026(fetched) -> None:
    snap, tables = fetched
    codes = sorted(snap["municipalities"]["code"])
    months = [f"2026MM{m:02d}" for m in range(1, 10)]
    homes = realised.homes_since(snap, 2024)
    assert homes is not None
    expected_new = _served(tables["81955NED"], "Nieuwbouw_2", ["2024JJ00"], codes) + _served(
        tables["86098NED"], "NieuwbouwTotaal_6", ["2025JJ00", *months], codes
    )
    expected_net = _served(tables["81955NED"], "SaldoVoorraad_7", ["2024JJ00"], codes) + _served(
        tables["86098NED"], "SaldoVoorraad_21", ["2025JJ00", *months], codes
    )
    assert (homes.new_construction, homes.net_change) == (expected_new, expected_net)
    assert (homes.first_year, homes.last_year, homes.months, homes.partial) == (2024, 2026, 9, True)
    assert homes.years == pytest.approx(2.75)
    assert homes.status == "voorlopig"
    assert homes.source_ids == ("cbs_81955ned", "cbs_86098ned")


def test_homes_of_one_municipality(fetched) -> None:
    snap, tables = fetched
    homes = realised.homes_since(snap, 2025, "GM0153")
    assert homes is not None
    months = [f"2026MM{m:02d}" for m in range(1, 10)]
    assert homes.new_construction == _served(tables["86098NED"], "NieuwbouwTotaal_6", ["2025JJ00", *months], ["GM0153"])
    assert homes.source_ids == ("cbs_86098ned",)


def test_one_unknown_municipality_year_makes_the_sum_unknown_not_smaller(fetched) -> None:
    snap, _ = fetched
    changes = snap["dwelling_changes"].copy()
    hole = (changes["code"] == "GM1774") & (changes["period"] == "2025")
    changes.loc[hole, "new_construction"] = pd.NA
    holed = Snapshot({**snap.tables, "dwelling_changes": changes})
    homes = realised.homes_since(holed, 2024)
    assert homes is not None
    assert homes.new_construction is None
    assert homes.net_change is not None
    enschede = realised.homes_since(holed, 2024, "GM0153")
    assert enschede is not None
    assert enschede.new_construction is not None


def test_without_refreshed_tables_nothing_is_claimed(snapshot) -> None:
    assert realised.homes_since(snapshot, 2024) is None
    now = series.population_now(snapshot)
    assert set(now["reference_date"]) == {date(2026, 1, 1)}
    assert set(now["source_id"]) == {"cbs_37230ned"}
    assert int(now["population"].sum()) == 646_449


def test_latest_population_is_the_newest_complete_month_after_1_1_2026(fetched) -> None:
    snap, tables = fetched
    now = series.population_now(snap)
    codes = sorted(snap["municipalities"]["code"])
    assert int(now["population"].sum()) == _served(
        tables["37230ned"], "BevolkingAanHetBeginVanDePeriode_1", ["2026MM11"], codes
    )
    assert set(now["reference_date"]) == {date(2026, 11, 1)}
    assert set(now["status"]) == {"voorlopig"}
    assert set(now["source_id"]) == {"cbs_37230ned"}
    assert int(now["population"].sum()) == 646_449 + 14 * 100  # the stand-in adds 10 a month per municipality
    assert int(cell(now.set_index("code"), "GM0153", "population")) == 162_671 + 100


def test_a_month_missing_for_one_municipality_is_not_the_latest(fetched) -> None:
    snap, _ = fetched
    monthly = snap["population_monthly"]
    gap = monthly[~((monthly["code"] == "GM0183") & (monthly["month"] == "2026-11"))].reset_index(drop=True)
    now = series.population_now(Snapshot({**snap.tables, "population_monthly": gap}))
    assert set(now["reference_date"]) == {date(2026, 10, 1)}


def test_standing_uses_the_latest_month_where_it_is_newer_than_1_1_2026(fetched, snapshot) -> None:
    snap, _ = fetched
    now = region_model.standing(snap)
    assert (now.population_now, now.reference_date_now, now.status_now) == (
        646_449 + 1_400,
        date(2026, 11, 1),
        "voorlopig",
    )
    assert now.growth == 646_449 + 1_400 - 640_806
    enschede = region_model.standing_table(snap).set_index("code").loc["GM0153"]
    assert (enschede["population_now"], enschede["reference_date_now"]) == (162_771, date(2026, 11, 1))
    shipped = region_model.standing(snapshot)  # without the refreshed table: the shipped 1-1-2026 count
    assert (shipped.population_now, shipped.reference_date_now) == (646_449, date(2026, 1, 1))


@pytest.mark.usefixtures("snapshot")
def test_homes_in_words_with_period_tables_and_status(fetched) -> None:
    snap, _ = fetched
    homes = realised.homes_since(snap, 2024)
    assert homes is not None
    text = realised_words.homes_sentence(homes, 2024, "nl")
    assert text.startswith("Woningen sinds 1-1-2024 t/m september 2026 (CBS 81955NED en 86098NED, voorlopig): **")
    assert f"**{fmt.number(homes.new_construction, 'nl')}** nieuw gebouwd" in text
    assert f"met **{fmt.number(homes.net_change, 'nl')}**" in text
    english = realised_words.pace_sentence(homes, 2024, "en")
    assert english.startswith("Realised since 1-1-2024 to September 2026 (CBS 81955NED and 86098NED, provisional)")
    assert homes.new_construction is not None
    assert f"**{fmt.number(homes.new_construction / 2.75, 'en')}** new construction" in english
    assert realised_words.homes_sentence(None, 2024, "nl").startswith("Woningen gebouwd sinds 2024: **onbekend**")


def test_mijn_gemeente_briefing_adds_the_realised_pace_from_the_start_year(fetched, snapshot, region) -> None:
    from ros.model import targets
    from ros.present import municipality as municipality_words
    from ros.records.scenario import DEFAULT

    snap, _ = fetched
    result = targets.recompute(targets.region_data(snap), targets.TargetSettings())
    brief = municipality_words.briefing(snap, result, DEFAULT, "GM0153", date(2026, 12, 1), "nl")
    pace = next(part for part in brief.sections if part.key == "pace")
    homes = realised.homes_since(snap, result.settings.start_year, "GM0153")
    sentence = realised_words.pace_sentence(homes, result.settings.start_year, "nl")
    assert sentence in pace.paragraphs
    assert sentence.startswith("Gerealiseerd sinds 1-1-2025 t/m september 2026 (CBS 86098NED, voorlopig)")
    assert "Levensloop van woningen" in pace.caption
    shipped = municipality_words.briefing(
        snapshot,
        targets.recompute(region, targets.TargetSettings()),
        DEFAULT,
        "GM0153",
        date(2026, 12, 1),
        "nl",
    )
    assert not any("Gerealiseerd sinds" in p for part in shipped.sections for p in part.paragraphs)
