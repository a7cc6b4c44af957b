"""ros.data.series: one current series per measure, the refreshed table where the version has it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from ros.data import series
from ros.data.snapshot import Snapshot
from ros.model import pace
from tests.support.progress import CODES, REVISED, monthly_population, revised_changes


def test_shipped_snapshot_is_its_own_current_series(snapshot) -> None:
    now = series.population_now(snapshot)
    assert int(now["population"].sum()) == 646_449
    assert set(now["reference_date"]) == {date(2026, 1, 1)}
    built = series.new_construction(snapshot)
    assert len(built) == 14 * 9
    assert set(built["source_id"]) == {"cbs_81955ned"}
    assert series.construction_sources(snapshot, 2012, 2020) == ("cbs_81955ned",)


def test_a_refreshed_year_replaces_the_shipped_year_and_unknown_stays_unknown(snapshot) -> None:
    refreshed = Snapshot(dict(snapshot.tables) | {"dwelling_changes": revised_changes()})
    built = series.new_construction(refreshed).set_index(["code", "year"])
    shipped = snapshot["new_construction"].set_index(["code", "year"])
    code, year, extra = REVISED
    assert built.loc[(code, year), "new_dwellings"] == shipped.loc[(code, year), "new_dwellings"] + extra
    assert built.loc[("GM0153", 2025), "new_dwellings"] == 100 + 10 * CODES.index("GM0153") + 5 * 4
    assert series.construction_sources(refreshed, 2012, 2026) == ("cbs_81955ned", "cbs_86098ned")
    history = pace.history(series.new_construction(refreshed), CODES)
    expected = (shipped.loc[code, "new_dwellings"].sum() + extra) / 9
    assert history.average[CODES.index(code)] == pytest.approx(expected)
    blank = revised_changes()
    blank.loc[(blank["code"] == code) & (blank["period"] == str(year)), "new_construction"] = pd.NA
    holed = pace.history(series.new_construction(Snapshot(dict(snapshot.tables) | {"dwelling_changes": blank})), CODES)
    assert pd.isna(holed.average[CODES.index(code)])
    assert pd.isna(holed.region_average)


def test_refreshed_source_rows_state_the_fetch_date_and_the_periods_they_cover(snapshot) -> None:
    tables = dict(snapshot.tables) | {"dwelling_changes": revised_changes(), "population_monthly": monthly_population()}
    rows = series.current_sources(tables, datetime(2026, 12, 1, 9, 30, tzinfo=UTC)).set_index("id")
    assert rows.loc["cbs_81955ned", "date"] == "2026-12-01"
    assert rows.loc["cbs_81955ned", "note"] == (
        "Ververste cijfers, opgehaald 2026-12-01; perioden in deze gegevens: jaren 2012–2024"
    )
    assert str(rows.loc["cbs_86098ned", "note"]).endswith("jaren 2025; maanden 2024-01–2024-12, 2026-01–2026-09")
    assert str(rows.loc["cbs_37230ned", "note"]).endswith("maanden 2026-01–2026-10")
    assert rows.loc["cbs_85984ned", "date"] == snapshot["sources"].set_index("id").loc["cbs_85984ned", "date"]
    assert not rows["note"].str.contains("definitieve cijfers 2012-2020").any()
    assert series.current_sources(dict(snapshot.tables), None).equals(snapshot["sources"])
