"""The refresh against a CBS stand-in on loopback: a version the app reads, the change report, and every fault."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from ros.base import config
from ros.base.config import ROOT, SHIPPED_DATA_DIR
from ros.data import refresh, versions
from ros.data.cbs_service import Service
from tests.support.cbs import HOLD_LIMIT, Fault, RunningService, cell, period, serve

REFRESHED_FILES = tuple(f"{name}.csv" for name in refresh.REFRESHED)
TABLES = ["81955NED", "86098NED", "37230ned", "85173NED", "83671NED", "82900NED"]
# The same request in each protocol's words: v3 entity sets and v4 lists.
ENTITY = {
    "v3": {"measures": "DataProperties", "data": "DataSet", "info": "TableInfos", "regions": "RegioS"},
    "v4": {"measures": "MeasureCodes", "data": "Observations", "info": "Properties", "regions": "RegioSCodes"},
}


@pytest.fixture(scope="module")
def stand_in() -> Iterator[RunningService]:
    """The CBS stand-in, started once for the module."""
    yield from serve()


@pytest.fixture(scope="module")
def first_version(stand_in: RunningService, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One full refresh per module, done before any test changes the stand-in; fault tests start from a copy."""
    service = Service(stand_in.url, config.cbs_timeout(), stand_in.v4_url)
    version = refresh.refresh(root=tmp_path_factory.mktemp("first"), service=service).version
    assert version is not None
    return version


@pytest.fixture
def cbs_service(stand_in: RunningService) -> Iterator[RunningService]:
    """The stand-in with the recorded tables and no faults (tests change its tables and faults)."""
    stand_in.state.reset()
    yield stand_in
    stand_in.state.release()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cbs_service: RunningService) -> Path:
    """An empty cache directory, the stand-in as ROS_CBS_URL; the versions root. The stand-in always answers, so
    the timeout is the default one: a short one would only fail a loaded machine (test_timeout sets its own)."""
    monkeypatch.setenv("ROS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ROS_CBS_URL", cbs_service.url)
    monkeypatch.setenv("ROS_CBS_V4_URL", cbs_service.v4_url)
    monkeypatch.delenv("ROS_CBS_TIMEOUT", raising=False)
    monkeypatch.delenv("ROS_DATA_DIR", raising=False)
    return tmp_path / "cache" / "data"


@pytest.fixture
def refreshed(cache: Path) -> Path:
    """One successful refresh done; the path of its version."""
    assert refresh.main([]) == 0
    (version,) = versions.version_dirs(cache)
    return version


@pytest.fixture(params=["v4", "v3"])
def protocol(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test on one protocol only (ROS_CBS_PROTOCOLS), so a fault there is not rescued by the other."""
    monkeypatch.setenv("ROS_CBS_PROTOCOLS", request.param)
    return str(request.param)


def _files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


def test_refresh_writes_a_validated_version_the_app_then_reads(refreshed: Path, cbs_service: RunningService) -> None:
    snap = versions.load_current()
    assert (snap.version.kind, snap.version.label, snap.version.path) == ("refreshed", refreshed.name, refreshed)
    changes = snap["dwelling_changes"]
    twente_new = changes[changes["code"].str.startswith("GM") & (changes["period_kind"] == "year")]
    per_year = twente_new.groupby("period")["new_construction"].sum()
    # 81955NED's Nieuwbouw for 2012–2020 equals the shipped CBS figures (the stand-in serves them).
    assert per_year.loc[[str(y) for y in range(2012, 2021)]].tolist() == [
        1383,
        1445,
        1340,
        1326,
        1664,
        1966,
        1811,
        2041,
        1719,
    ]
    enschede = changes.set_index(["code", "period"])
    assert enschede.loc[("GM0153", "2024"), "source_id"] == "cbs_81955ned"  # overlap year from 81955NED
    assert list(enschede.loc[("GM0153", "2025"), ["source_id", "status"]]) == ["cbs_86098ned", "voorlopig"]
    month = enschede.loc[("GM0153", "2026-09")]
    assert isinstance(month, pd.Series)
    served = cbs_service.state.tables["86098NED"].row(RegioS="GM0153", Perioden="2026MM09")
    assert month["period_kind"] == "month"
    assert month["status"] == "voorlopig"
    assert month["other_additions"] == int(served["ToevoegingenTotaal_13"]) - int(served["NieuwbouwTotaal_6"])
    assert month["other_withdrawals"] == int(served["Onttrekkingen_16"]) - int(served["Sloop_15"])
    assert pd.isna(month["correction"])
    assert not any(p.startswith("2025-") for p in changes["period"])  # 2025 is a whole year: its months are not kept
    assert {"PV23", "CR12"} <= set(changes["code"])  # padded keys were asked for padded and stored trimmed
    population = snap["population_monthly"].set_index(["code", "month"])
    assert list(population.loc[("GM0153", "2026-11"), ["population", "status"]]) == [162671 + 100, "voorlopig"]
    assert population.loc[("GM0153", "2024-01"), "status"] == "definitief"
    forecast = snap["population_forecast"].set_index(["code", "year", "vintage"])
    served = {
        r["PrognoseInterval"]: r["TotaleBevolking_1"]
        for r in cbs_service.state.tables["85173NED"].rows
        if (r["RegioIndeling2021"], r["Perioden"], r["Leeftijd"]) == ("GM0153", "2030JJ00", "10000")
    }
    assert served == {"MW00000": "   164.0", "MOG0067": "   158.8", "MBG0067": "   169.2"}  # thousands
    assert list(forecast.loc[("GM0153", 2030, "2022"), ["forecast", "lower", "upper"]]) == [
        164_000,
        158_800,
        169_200,
    ]
    assert forecast.loc[("CR12", 2050, "2019"), "forecast"] == 608_200  # the shipped vintage is kept
    manifest = versions.read_manifest(refreshed)
    assert manifest["cbs_url"] == cbs_service.url
    assert manifest["previous"] == "data/"
    assert manifest["cbs_v4_url"] == cbs_service.v4_url
    assert {table: entry["protocol"] for table, entry in manifest["tables"].items()} == dict.fromkeys(TABLES, "v4")
    assert manifest["tables"]["37230ned"]["dataset"] == "population_monthly"
    assert manifest["changes"]["dwelling_changes"]["added"] == 16 * 23
    assert _files(SHIPPED_DATA_DIR)["municipalities.csv"] == _files(refreshed)["municipalities.csv"]


def test_dry_run_prints_the_change_report_and_switches_nothing(cache: Path, capsys: pytest.CaptureFixture) -> None:
    assert refresh.main(["--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Wijzigingen ten opzichte van data/:" in out
    assert (
        "dwelling_changes: 368 rijen nieuw, 0 gewijzigd, 0 vervallen; jaren 2012–2025; maanden 2026-01–2026-09" in out
    )
    assert (
        "population_monthly: 560 rijen nieuw, 0 gewijzigd, 0 vervallen; maanden 2024-01–2026-11;"
        " nog voorlopig: 2025-01–2026-11" in out
    )
    assert "population_forecast: 448 rijen nieuw" in out
    assert "Proefrun" in out
    assert versions.version_dirs(cache) == []
    assert not list(cache.glob(".staging-*"))
    assert versions.load_current().version.kind == "shipped"


def test_second_refresh_with_changed_figures_reports_what_changed(
    refreshed: Path, cbs_service: RunningService, capsys: pytest.CaptureFixture
) -> None:
    tables = cbs_service.state.tables
    old = tables["81955NED"]
    old.row(RegioS="GM0153", Perioden="2020JJ00")["Nieuwbouw_2"] = cell(1234)
    old.dimensions["Perioden"] = [p for p in old.dimensions["Perioden"] if p["Key"] != "2012JJ00"]
    new = tables["86098NED"]
    new.dimensions["Perioden"] = [
        period(p["Key"], "Definitief") if p["Key"] == "2025JJ00" else p for p in new.dimensions["Perioden"]
    ] + [period("2026MM10", "Voorlopig")]
    september = [r for r in new.rows if r["Perioden"] == "2026MM09"]
    new.rows += [{**r, "Perioden": "2026MM10"} for r in september]
    capsys.readouterr()
    assert refresh.main(["--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"Wijzigingen ten opzichte van {refreshed.name}:" in out
    # 16 regions: 2026-10 added, 2012 removed, 2025 changed status, plus Enschede's 2020.
    assert (
        "dwelling_changes: 16 rijen nieuw, 17 gewijzigd, 16 vervallen; jaren 2013–2025; maanden 2026-01–2026-10;"
        " nog voorlopig: 2026-01–2026-10" in out
    )
    assert "population_monthly: 0 rijen nieuw, 0 gewijzigd, 0 vervallen" in out
    assert refresh.main([]) == 0
    newest, first = versions.version_dirs(cache_root(refreshed))
    assert first == refreshed
    assert newest.name > refreshed.name
    report = versions.read_manifest(newest)["changes"]["dwelling_changes"]
    assert (report["added"], report["changed"], report["removed"]) == (16, 17, 16)
    assert versions.read_manifest(refreshed)["changes"]["dwelling_changes"]["added"] == 368  # kept as it was
    assert (
        versions.load_current()["dwelling_changes"]
        .set_index(["code", "period"])
        .loc[("GM0153", "2020"), "new_construction"]
        == 1234
    )


def cache_root(version: Path) -> Path:
    return version.parent


# --- Faults: one paragraph naming table and problem, exit status 1, the current version untouched ---------------------
def _assert_failed_cleanly(cache: Path, before: list[Path], contents: dict[str, bytes], capsys, *phrases: str) -> str:
    err = capsys.readouterr().err
    for phrase in phrases:
        assert phrase in err
    assert "de huidige gegevens blijven in gebruik" in err
    assert err.count("\n") == 1
    assert versions.version_dirs(cache) == before
    assert _files(before[0]) == contents
    assert not list(cache.glob(".staging-*"))
    assert versions.load_current().version.label == before[0].name
    failure = versions.last_failure(cache)
    assert failure is not None
    assert all(failure[k] for k in ("nl", "en", "table", "problem"))
    return err


@pytest.fixture
def current(first_version: Path, cache: Path) -> tuple[list[Path], dict[str, bytes]]:
    """The version in use: a copy of the module's first refresh in this test's cache; the versions and its files."""
    version = shutil.copytree(first_version, cache / first_version.name)
    return versions.version_dirs(cache), _files(version)


@pytest.mark.usefixtures("protocol")
def test_no_network(cache: Path, current, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("ROS_CBS_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("ROS_CBS_V4_URL", f"http://127.0.0.1:{port}/odata/v1/CBS")
    assert refresh.main([]) == 1
    _assert_failed_cleanly(cache, *current, capsys, "CBS-tabel 81955NED", "niet bereikbaar (geen verbinding)")


@pytest.mark.parametrize(
    ("protocols", "message"),
    [
        ("v3", "CBS table 81955NED: the name of the service in http://opendata.cbs.invalid cannot be resolved (DNS)."),
        (
            "v4",
            "CBS table 81955NED: the name of the service in http://datasets.cbs.invalid/v1 cannot be resolved (DNS).",
        ),
        (
            "v4,v3",
            "Both protocols failed. Through OData v4: CBS table 81955NED: the name of the service in"
            " http://datasets.cbs.invalid/v1 cannot be resolved (DNS). Check the network connection or ROS_CBS_URL."
            " Through OData v3: CBS table 81955NED: the name of the service in http://opendata.cbs.invalid",
        ),
    ],
)
def test_dns_failure(cache: Path, current, capsys, monkeypatch: pytest.MonkeyPatch, protocols, message) -> None:
    monkeypatch.setenv("ROS_CBS_PROTOCOLS", protocols)
    monkeypatch.setenv("ROS_CBS_URL", "http://opendata.cbs.invalid")
    monkeypatch.setenv("ROS_CBS_V4_URL", "http://datasets.cbs.invalid/v1")
    assert refresh.main(["--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert versions.version_dirs(cache) == current[0]


def test_timeout(cache: Path, current, capsys, cbs_service: RunningService, monkeypatch, protocol: str) -> None:
    # The stand-in holds the request until the test ends: only the client's own timeout can end the refresh, however
    # slow the machine is. Held past HOLD_LIMIT the stand-in would answer and the refresh succeed.
    monkeypatch.setenv("ROS_CBS_TIMEOUT", "0.5")
    hold = threading.Event()
    cbs_service.state.faults[("86098NED", ENTITY[protocol]["measures"])] = Fault(hold=hold)
    started = time.monotonic()
    assert refresh.main([]) == 1
    assert time.monotonic() - started < HOLD_LIMIT
    _assert_failed_cleanly(cache, *current, capsys, "CBS-tabel 86098NED", "binnen 0,5 seconden geen antwoord")


@pytest.mark.parametrize(("table", "entity", "status"), [("37230ned", "data", 503), ("85173NED", "info", 404)])
def test_http_errors(
    cache: Path, current, capsys, cbs_service: RunningService, table, entity, status, protocol
) -> None:
    cbs_service.state.faults[(table, ENTITY[protocol][entity])] = Fault(status=status)
    assert refresh.main([]) == 1
    _assert_failed_cleanly(cache, *current, capsys, f"CBS-tabel {table}", f"weigerde het verzoek (HTTP {status})")


@pytest.mark.usefixtures("protocol")
def test_empty_result(cache: Path, current, capsys, cbs_service: RunningService) -> None:
    cbs_service.state.tables["37230ned"].rows = []
    assert refresh.main([]) == 1
    _assert_failed_cleanly(cache, *current, capsys, "CBS-tabel 37230ned", "gaf geen cijfers")


@pytest.mark.usefixtures("protocol")
@pytest.mark.parametrize(
    ("protocol", "phrases"),
    [
        ("v3", ("het onderwerp Sloop", "ontbreekt of is hernoemd in DataProperties")),
        ("v4", ("de maatcode M000304 (onderwerp met 'sloop') staat niet in MeasureCodes", "XAfbraak_4")),
    ],
    indirect=["protocol"],
)
def test_renamed_measure(cache: Path, current, capsys, cbs_service: RunningService, phrases) -> None:
    sloop = next(p for p in cbs_service.state.tables["81955NED"].properties if p["Key"] == "Sloop_4")
    sloop.update(Key="Afbraak_4", Title="Afbraak")
    assert refresh.main([]) == 1
    _assert_failed_cleanly(cache, *current, capsys, "CBS-tabel 81955NED", *phrases)


@pytest.mark.usefixtures("protocol")
def test_missing_municipality(cache: Path, current, capsys, cbs_service: RunningService) -> None:
    table = cbs_service.state.tables["86098NED"]
    table.dimensions["RegioS"] = [r for r in table.dimensions["RegioS"] if r["Key"] != "GM1774"]
    assert refresh.main([]) == 1
    _assert_failed_cleanly(cache, *current, capsys, "CBS-tabel 86098NED", "geen cijfers voor gemeente(n) GM1774")


@pytest.mark.usefixtures("protocol")
def test_value_failing_validation(cache: Path, current, capsys, cbs_service: RunningService) -> None:
    cbs_service.state.tables["86098NED"].row(RegioS="GM0164", Perioden="2026MM03")["NieuwbouwTotaal_6"] = cell(-5)
    assert refresh.main([]) == 1
    _assert_failed_cleanly(
        cache,
        *current,
        capsys,
        "CBS-tabel 86098NED",
        "voldoet niet aan de controle",
        "GM0164 2026-03",
        "'new_construction' mag niet negatief zijn",
    )


@pytest.mark.usefixtures("protocol")
@pytest.mark.parametrize(
    ("protocol", "measure"), [("v3", "TotaleBevolking_1"), ("v4", "M001589")], indirect=["protocol"]
)
def test_value_that_is_not_a_number(cache: Path, current, capsys, cbs_service: RunningService, measure) -> None:
    cbs_service.state.tables["85173NED"].row(
        RegioIndeling2021="GM0147", Perioden="2031JJ00", Leeftijd="10000", PrognoseInterval="MOG0067"
    )["TotaleBevolking_1"] = "  12,5a"
    assert refresh.main([]) == 1
    _assert_failed_cleanly(
        cache,
        *current,
        capsys,
        "CBS-tabel 85173NED",
        f"'12,5a' van {measure} voor GM0147 in 2031JJ00",
        "geen geldig getal",
    )


def test_answer_that_is_not_odata(cache: Path, current, capsys, cbs_service: RunningService, protocol: str) -> None:
    cbs_service.state.faults[("37230ned", ENTITY[protocol]["regions"])] = Fault(garbage=True)
    assert refresh.main([]) == 1
    _assert_failed_cleanly(cache, *current, capsys, "CBS-tabel 37230ned", "geen bruikbare OData-tabel")


def test_a_second_refresh_at_the_same_time_does_not_start(cache: Path, current, capsys) -> None:
    with versions.refresh_lock(cache) as locked:
        assert locked
        assert refresh.main([]) == 1
    assert "Er loopt al een verversing" in capsys.readouterr().err
    assert versions.version_dirs(cache) == current[0]


def test_kill_during_a_refresh_leaves_the_current_version_in_use(
    cache: Path, current, capsys, cbs_service: RunningService
) -> None:
    hold = threading.Event()
    cbs_service.state.faults[("85173NED", "*")] = Fault(hold=hold)
    cbs_service.state.reached.clear()
    with subprocess.Popen(
        [sys.executable, "-m", "ros.data.refresh"],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        try:
            assert cbs_service.state.reached.wait(60), process.communicate(timeout=5)
            (staging,) = cache.glob(".staging-*")
            assert {"dwelling_changes.csv", "population_monthly.csv"} <= {p.name for p in staging.iterdir()}
            process.send_signal(signal.SIGKILL)
            assert process.wait(30) == -signal.SIGKILL
        finally:
            hold.set()
            if process.poll() is None:
                process.kill()
    assert versions.version_dirs(cache) == current[0]
    assert _files(current[0][0]) == current[1]
    assert versions.load_current().version.label == current[0][0].name  # the half version is never picked up
    del cbs_service.state.faults[("85173NED", "*")]
    assert refresh.main([]) == 0
    assert f"onderbroken; haar onvolledige map {staging.name} is verwijderd" in capsys.readouterr().out
    assert not staging.exists()
    assert len(versions.version_dirs(cache)) == 2


def test_make_refresh_runs_the_module() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "refresh: install\n\t$(BIN)/python -m ros.data.refresh $(ARGS)" in makefile


@pytest.mark.usefixtures("protocol")
def test_a_fixed_dimension_key_that_is_gone(cache: Path, current, capsys, cbs_service: RunningService) -> None:
    table = cbs_service.state.tables["86098NED"]
    table.dimensions["Gebruiksfunctie"] = [{"Key": "A045365", "Title": "Niet-woning", "Description": ""}]
    assert refresh.main([]) == 1
    _assert_failed_cleanly(cache, *current, capsys, "CBS-tabel 86098NED", "Gebruiksfunctie A045364 ontbreekt")


def test_service_address_scheme_host_and_path() -> None:
    assert (Service("https://opendata.cbs.nl", 30).host, Service("https://opendata.cbs.nl", 30).https) == (
        "opendata.cbs.nl",
        True,
    )
    mirror = Service("http://127.0.0.1:8080/cbs/", 5)
    assert (mirror.host, mirror.https) == ("127.0.0.1:8080/cbs", False)


def test_a_cache_that_cannot_be_written(tmp_path: Path, cbs_service: RunningService, capsys, monkeypatch) -> None:
    (tmp_path / "data").write_text("not a directory", encoding="utf-8")  # the versions root cannot be created
    monkeypatch.setenv("ROS_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("ROS_CBS_URL", cbs_service.url)
    assert refresh.main([]) == 1
    err = capsys.readouterr().err
    assert f"De nieuwe versie kon niet worden weggeschreven in {tmp_path / 'data'}" in err
    assert (tmp_path / "data").read_text(encoding="utf-8") == "not a directory"


# --- Two protocols: the same rows from each, v3 when v4 fails ------------------------------------------------
def test_v4_and_v3_give_identical_snapshots(tmp_path: Path, cbs_service: RunningService) -> None:
    state = cbs_service.state
    v4 = refresh.refresh(root=tmp_path / "v4", service=Service("", 5, cbs_service.v4_url)).version
    pages = [r for r in state.requests if "/odata/v1/CBS/81955NED/Observations" in r]
    v3 = refresh.refresh(root=tmp_path / "v3", service=Service(cbs_service.url, 5)).version
    assert v4 is not None
    assert v3 is not None
    assert {f: (v4 / f).read_bytes() for f in REFRESHED_FILES} == {f: (v3 / f).read_bytes() for f in REFRESHED_FILES}
    assert len(pages) == 4
    assert "%24skip=1500" in pages[-1]  # 1.664 cells of 81955NED in pages of 500
    protocols = {
        name: {t: e["protocol"] for t, e in versions.read_manifest(path)["tables"].items()}
        for name, path in (("v4", v4), ("v3", v3))
    }
    assert protocols == {name: dict.fromkeys(TABLES, name) for name in protocols}


def test_an_empty_cell_is_absent_in_v4_and_stays_unknown(tmp_path: Path, cbs_service: RunningService) -> None:
    cbs_service.state.tables["86098NED"].row(RegioS="GM0153", Perioden="2026MM02")["Sloop_15"] = cell(None)
    cells = cbs_service.state.tables["86098NED"].v4_sets()["Observations"]
    february = [c for c in cells if c["RegioS"] == "GM0153" and c["Perioden"] == "2026MM02"]
    assert "M000304" not in {c["Measure"] for c in february}
    assert len(february) == 8
    version = refresh.refresh(root=tmp_path, service=Service("", 5, cbs_service.v4_url)).version
    assert version is not None
    row = pd.read_csv(version / "dwelling_changes.csv", dtype=str, keep_default_na=False).set_index(["code", "period"])
    assert list(row.loc[("GM0153", "2026-02"), ["demolition", "other_withdrawals"]]) == ["", ""]


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        (("86098NED", "v4"), "CBS-tabel 86098NED: de dienst op {v4} weigerde het verzoek (HTTP 503)."),
        (("37230ned", "Properties"), "CBS-tabel 37230ned: de dienst op {v4} weigerde het verzoek (HTTP 404)."),
    ],
)
def test_a_v4_failure_falls_back_to_v3(
    cache: Path, cbs_service: RunningService, capsys: pytest.CaptureFixture, fault, reason
) -> None:
    cbs_service.state.faults[fault] = Fault(status=int(reason[-5:-2]))
    assert refresh.main([]) == 0
    out = capsys.readouterr().out
    reason = reason.format(v4=cbs_service.v4_url)
    assert f"{fault[0]}: gelezen via OData v3, omdat OData v4 faalde: {reason}" in out
    (version,) = versions.version_dirs(cache)
    tables = versions.read_manifest(version)["tables"]
    assert {t for t, e in tables.items() if e["protocol"] == "v3"} == {fault[0]}
    assert tables[fault[0]]["v4_failure"]["nl"].startswith(reason)
    assert (
        versions.load_current()["population_monthly"]
        .set_index(["code", "month"])
        .loc[("GM0153", "2026-11"), "population"]
        == 162671 + 100
    )


def test_both_protocols_failing_stop_with_one_paragraph(cache: Path, current, capsys, cbs_service) -> None:
    cbs_service.state.faults[("37230ned", "*")] = Fault(status=503)
    assert refresh.main([]) == 1
    err = _assert_failed_cleanly(
        cache,
        *current,
        capsys,
        "Beide protocollen faalden. Via OData v4: CBS-tabel 37230ned",
        "Via OData v3: CBS-tabel",
    )
    assert err.count("(HTTP 503)") == 2
