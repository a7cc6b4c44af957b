"""The CBS registry against the stand-in: permits and the stock by owner, successors, discontinued tables, --check."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from ros.data import refresh, versions
from ros.data.cbs_v3 import filter_parts
from ros.data.refresh import compact_periods
from tests.support.cbs import Fault, RunningService, serve
from tests.support.frames import row


@pytest.fixture
def cbs_service() -> Iterator[RunningService]:
    """A fresh CBS stand-in per test (tests change its tables and faults)."""
    yield from serve()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cbs_service: RunningService) -> Path:
    """An empty cache, the stand-in on both protocols and a short timeout; the versions root."""
    monkeypatch.setenv("ROS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ROS_CBS_URL", cbs_service.url)
    monkeypatch.setenv("ROS_CBS_V4_URL", cbs_service.v4_url)
    monkeypatch.setenv("ROS_CBS_TIMEOUT", "2")
    monkeypatch.delenv("ROS_DATA_DIR", raising=False)
    return tmp_path / "cache" / "data"


def _stopped(service: RunningService, table: str, description: str) -> None:
    """Let CBS mark `table` as discontinued, naming its successor in the description as StatLine does."""
    service.state.tables[table].status = "Gediscontinueerd"
    service.state.tables[table].description = description


@pytest.mark.usefixtures("cache")
def test_permits_and_stock_by_owner_come_with_the_refresh() -> None:
    assert refresh.main([]) == 0
    snap = versions.load_current()
    permits = snap["permits"].set_index(["code", "period", "ownership", "client"])
    enschede = permits.loc[("GM0153", "2024Q1")]
    assert isinstance(enschede, pd.DataFrame)
    assert enschede.loc[("total", "total"), "dwellings"] == 260
    assert enschede.loc[("rent", "total"), "dwellings"] == 117
    assert enschede.loc[("buy", "total"), "dwellings"] == 143
    assert enschede.loc[("total", "corporation"), "dwellings"] == 65
    assert list(row(permits, ("GM0153", "2024", "total", "total"))[["period_kind", "dwellings", "status"]]) == [
        "year",
        1037,
        "definitief",
    ]
    unknown = row(permits, ("GM0189", "2025Q4", "buy", "private"))
    assert pd.isna(unknown["dwellings"])  # CBS gives no figure: onbekend, never 0
    assert unknown["status"] == "voorlopig"
    owners = snap["stock_by_owner"].set_index(["code", "year"])
    assert list(row(owners, ("GM0153", 2023))) == [
        76289,
        43484,
        32653,
        17546,
        15107,
        152,
        "definitief",
        "cbs_82900ned",
    ]
    assert owners.loc[("GM0153", 2025), "status"] == "voorlopig"
    assert {"CR12", "PV23"} <= set(snap["stock_by_owner"]["code"])


def test_a_discontinued_table_is_read_from_its_declared_successor(
    cache: Path, cbs_service: RunningService, capsys: pytest.CaptureFixture
) -> None:
    _stopped(cbs_service, "82900NED", "Deze tabel wordt niet meer bijgewerkt. Nieuwe cijfers staan in 86286NED.")
    assert refresh.main([]) == 0
    out = capsys.readouterr().out
    assert "86286NED: CBS heeft 82900NED stopgezet; de cijfers komen uit de vastgelegde opvolger 86286NED." in out
    (version,) = versions.version_dirs(cache)
    tables = versions.read_manifest(version)["tables"]
    assert tables["86286NED"]["replaces"] == "82900NED"
    assert "82900NED" not in tables
    owners = versions.load_current()["stock_by_owner"].set_index(["code", "year"])
    # other landlords are the successor's persons + companies + other legal persons: 7.553 + 5.035 + 2.519
    assert list(row(owners, ("GM0153", 2023))) == [
        76289,
        43484,
        32653,
        17546,
        15107,
        152,
        "definitief",
        "cbs_86286ned",
    ]


def test_a_discontinued_table_without_a_successor_stops_the_refresh(
    cache: Path, cbs_service: RunningService, capsys: pytest.CaptureFixture
) -> None:
    _stopped(cbs_service, "86098NED", "Deze tabel is stopgezet; zie 86999NED.")
    assert refresh.main([]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "Beide protocollen faalden. Via OData v4: CBS-tabel 86098NED: CBS heeft de tabel stopgezet (status"
        " Gediscontinueerd; CBS noemt als opvolger: 86999NED). Leg in ros/data/cbs_tables.py een opvolger vast"
    )
    assert versions.version_dirs(cache) == []


@pytest.mark.usefixtures("cache")
def test_a_table_closed_on_purpose_is_still_read(cbs_service: RunningService) -> None:
    _stopped(cbs_service, "81955NED", "Opgevolgd door 86098NED.")
    assert refresh.main([]) == 0
    changes = versions.load_current()["dwelling_changes"].set_index(["code", "period"])
    assert changes.loc[("GM0153", "2020"), "source_id"] == "cbs_81955ned"


def test_check_reports_every_table_and_switches_nothing(cache: Path, capsys: pytest.CaptureFixture) -> None:
    assert refresh.main(["--check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Controle van de CBS-tabellen in het register (er wordt niets opgehaald of overgeschakeld):"
    assert (
        "83671NED via OData v4: gepubliceerd (status Regulier); de maten die we lezen zijn er (1); perioden 2019JJ00"
        " t/m 2025KW04; de eerste periode die we nodig hebben (2012KW01) ontbreekt" in lines
    )
    assert (
        "86098NED via OData v3: gepubliceerd (status Regulier); de maten die we lezen zijn er (7); perioden 2024JJ00"
        " t/m 2026MM09" in lines
    )
    assert len(lines) == 2 + 7 * 2  # six tables and the declared successor, through both protocols
    assert lines[-1] == "Alle tabellen zijn te lezen."
    assert not cache.exists() or versions.version_dirs(cache) == []


@pytest.mark.usefixtures("cache")
def test_check_names_discontinued_tables_and_what_the_refresh_does(
    cbs_service: RunningService, capsys: pytest.CaptureFixture
) -> None:
    _stopped(cbs_service, "82900NED", "Nieuwe cijfers staan in 86286NED.")
    _stopped(cbs_service, "81955NED", "Opgevolgd door 86098NED.")
    assert refresh.main(["--check", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert (
        "82900NED through OData v4: published (status Gediscontinueerd); the measures we read are there (6); periods"
        " 2012JJ00 to 2025JJ00; CBS marks the table as discontinued (CBS names as successor: 86286NED); the refresh"
        " reads the declared successor 86286NED" in out
    )
    assert "81955NED through OData v3: published (status Gediscontinueerd)" in out
    assert "closed after 2024JJ00, as declared: the refresh reads its last figures" in out
    _stopped(cbs_service, "86098NED", "Zie 86999NED.")
    assert refresh.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert (
        "86098NED via OData v4: gepubliceerd (status Gediscontinueerd); de maten die we lezen zijn er (7); perioden"
        " 2024JJ00 t/m 2026MM09; CBS markeert de tabel als stopgezet (CBS noemt als opvolger: 86999NED); leg een"
        " opvolger vast in ros/data/cbs_tables.py, anders stopt de verversing" in out
    )
    assert out.splitlines()[-1] == "Niet alle tabellen zijn te lezen: zie de regels hierboven."


@pytest.mark.usefixtures("cache")
def test_check_on_a_table_one_protocol_cannot_read(cbs_service: RunningService, capsys: pytest.CaptureFixture) -> None:
    cbs_service.state.faults[("37230ned", "v4")] = Fault(status=404)
    assert refresh.main(["--check"]) == 0  # v3 still serves it
    out = capsys.readouterr().out
    assert (
        f"37230ned via OData v4: niet te lezen. CBS-tabel 37230ned: de dienst op {cbs_service.v4_url} weigerde het"
        " verzoek (HTTP 404)." in out
    )
    assert "37230ned via OData v3: gepubliceerd (status Regulier)" in out
    cbs_service.state.faults[("37230ned", "*")] = Fault(status=503)
    assert refresh.main(["--check"]) == 1


@pytest.mark.usefixtures("cache")
def test_check_says_when_a_measure_is_gone(cbs_service: RunningService, capsys) -> None:
    topic = next(p for p in cbs_service.state.tables["83671NED"].properties if p["Key"] == "Woningen_2")
    topic.update(Key="Woonruimten_2", Title="Woonruimten")
    assert refresh.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert "83671NED via OData v4: niet te lezen. CBS-tabel 83671NED: de maatcode A007233" in out
    assert "83671NED via OData v3: niet te lezen. CBS-tabel 83671NED: het onderwerp Woningen" in out


def test_a_v3_request_over_the_row_limit_is_split_along_its_longest_list() -> None:
    keys = {
        "Eigendom": ["a", "b", "c"],
        "RegioS": [f"r{i}" for i in range(16)],
        "Perioden": [f"p{i}" for i in range(70)],
    }
    parts = filter_parts(keys, 1000)
    assert [len(p["Perioden"]) for p in parts] == [20, 20, 20, 10]
    assert [p for part in parts for p in part["Perioden"]] == keys["Perioden"]
    assert all(part["RegioS"] == keys["RegioS"] for part in parts)
    assert filter_parts(keys, 10_000) == [keys]


def test_provisional_quarters_and_months_are_joined_in_runs() -> None:
    periods = ["2026-02", "2025Q4", "2025", "2024Q4", "2025Q1", "2025Q3", "2026-01", "2026-03", "2025Q2"]
    assert compact_periods(periods) == "2025, 2024Q4–2025Q4, 2026-01–2026-03"
    assert compact_periods(["2023", "2024"]) == "2023, 2024"
    assert compact_periods([]) == "—"
