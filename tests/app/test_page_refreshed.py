"""AppTest: with a refreshed version in the cache the pages read it and say so; the failure of a later refresh shows."""

from __future__ import annotations

import re
from calendar import isleap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ros.base import format as fmt
from ros.base.config import ROOT
from ros.data import refresh, versions
from ros.data.cbs_service import Service
from ros.model import milestones as ms
from ros.model import realised
from ros.present import realised as realised_words
from ros.records import scenario as sc
from tests.support.app import run_app, texts
from tests.support.cbs import serve


@pytest.fixture(scope="module")
def refreshed_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache directory holding one version refreshed from the CBS stand-in on 1-12-2026 at 09:30 UTC."""
    cache = tmp_path_factory.mktemp("refreshed-cache")
    for service in serve():
        refresh.refresh(
            root=cache / "data",
            service=Service(service.url, 5, service.v4_url),
            now=datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
        )
    return cache


@pytest.fixture
def use_refreshed(refreshed_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ROS_CACHE_DIR", str(refreshed_cache))
    monkeypatch.delenv("ROS_DATA_DIR", raising=False)
    return refreshed_cache


@pytest.mark.usefixtures("use_refreshed")
def test_sources_page_lists_the_version_and_its_changes() -> None:
    at = run_app("app_pages/bronnen.py", dataset_dwelling_changes=True, dataset_population_forecast=True)
    assert not at.exception
    shown = texts(at)
    assert "Gegevens van 1-12-2026 10:30 (CBS-verversing)" in [c.value for c in at.sidebar.caption]
    assert "In gebruik: Gegevens van 1-12-2026 10:30 (CBS-verversing)." in shown
    table = next(d.value for d in at.dataframe if "rijen nieuw" in d.value.columns)
    first = table.iloc[0]
    assert (first["versie"], first["in gebruik"], first["vergeleken met"]) == ("20261201T093000Z", "ja", "data/")
    dwellings = table.set_index("tabel").loc["Mutaties van de woningvoorraad (CBS 81955NED en 86098NED)"]
    assert (dwellings["rijen nieuw"], dwellings["rijen gewijzigd"], dwellings["rijen vervallen"]) == (368, 0, 0)
    assert dwellings["perioden"] == "jaren 2012–2025; maanden 2026-01–2026-09"
    assert dwellings["nog voorlopig"] == "2025, 2026-01–2026-09"
    assert dwellings["bron en protocol"] == "81955NED via OData v4, 86098NED via OData v4"
    labels = [e.label for e in at.expander]
    assert "Bevolking aan het begin van elke maand (CBS 37230ned)" in labels
    assert "Bestand 20261201T093000Z/dwelling_changes.csv, 368 regels." in shown
    assert "CBS en PBL de details (leeftijd, huishoudens) van de regionale prognoses 2019 en 2022 ingetrokken" in shown


@pytest.mark.usefixtures("use_refreshed")
def test_every_page_says_which_data_it_shows() -> None:
    at = run_app("app_pages/overzicht.py", query={"lang": "en"})
    assert not at.exception
    assert "Data of 1/12/2026 10:30 (CBS refresh)" in [c.value for c in at.sidebar.caption]


def test_shipped_data_are_named_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROS_CACHE_DIR", str(tmp_path))
    at = run_app("app_pages/bronnen.py")
    assert "Gegevens van de meegeleverde momentopname" in [c.value for c in at.sidebar.caption]
    assert "Er is nog geen verversing gedaan" in texts(at)


def test_a_failed_refresh_is_shown_with_its_message(use_refreshed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROS_CBS_PROTOCOLS", "v3")
    monkeypatch.setenv("ROS_CBS_URL", "http://opendata.cbs.invalid")
    assert refresh.main([]) == 1
    try:
        at = run_app("app_pages/bronnen.py")
        warning = next(w.value for w in at.warning if "verversing" in w.value)
        assert "is mislukt: CBS-tabel 81955NED: de naam van de dienst in http://opendata.cbs.invalid" in warning
        assert versions.version_dirs(use_refreshed / "data")[0].name == "20261201T093000Z"
    finally:
        versions.clear_failure(use_refreshed / "data")


def test_ui_caches_are_keyed_by_the_snapshot_in_use() -> None:
    # A cache keyed by config.data_dir() (ROS_DATA_DIR or data/) would keep showing old figures after a refresh:
    # the UI keys its caches by ros.ui.data.data_dir(), the snapshot version in use.
    ui = ROOT / "ros" / "ui"
    pattern = re.compile(r"from ros\.base\.config import [^\n]*\b(data_dir|DATA_DIR)\b|config\.data_dir\(")
    assert [p.name for p in sorted(ui.glob("*.py")) if pattern.search(p.read_text(encoding="utf-8"))] == []


@pytest.mark.usefixtures("use_refreshed")
def test_pages_show_the_refreshed_figures_with_table_period_and_status() -> None:
    snap = versions.load_current()
    since_2024 = realised.homes_since(snap, 2024)
    since_2025 = realised.homes_since(snap, 2025)
    assert since_2024 is not None
    assert since_2025 is not None
    overview = run_app("app_pages/overzicht.py")
    shown = texts(overview)
    assert realised_words.homes_sentence(since_2024, 2024, "nl") in shown
    assert "Woningen sinds 1-1-2024 t/m september 2026 (CBS 81955NED en 86098NED, voorlopig)" in shown
    metrics = {m.label: m.value for m in overview.metric}
    assert metrics["Inwoners op 1-11-2026"] == "647.849"  # 37230ned's newest month instead of 1-1-2026
    targets_page = run_app("app_pages/doelen.py")
    assert realised_words.pace_sentence(since_2025, 2025, "nl") in texts(targets_page)
    meeting = run_app("app_pages/vergadermodus.py", query={"dia": "3"})
    assert realised_words.pace_sentence(since_2025, 2025, "nl") in texts(meeting)


def test_without_refreshed_figures_the_pace_pages_add_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROS_CACHE_DIR", str(tmp_path))
    shown = texts(run_app("app_pages/doelen.py")) + texts(run_app("app_pages/vergadermodus.py", query={"dia": "3"}))
    assert "Gerealiseerd sinds" not in shown
    assert "Woningen gebouwd sinds" not in shown
    assert "Woningen gebouwd sinds 2024: **onbekend**" in texts(run_app("app_pages/overzicht.py"))


@pytest.mark.usefixtures("use_refreshed")
def test_voortgang_reads_the_refreshed_version() -> None:
    at = run_app("app_pages/voortgang.py")
    assert not at.exception
    shown = texts(at)
    assert "Gegevens van 1-12-2026 10:30 (CBS-verversing)" in [c.value for c in at.sidebar.caption]
    assert "86098NED" in shown


@pytest.mark.usefixtures("use_refreshed")
def test_per_year_from_now_is_one_catch_up_pace_on_doelen_vergadermodus_and_voortgang() -> None:
    # The default 69.000 homes 2025–2050 minus CBS net additions 2025 to September 2026, over the years left: the
    # same measure as Voortgang opens with, so the three pages show one figure for "from now".
    snap = versions.load_current()
    built = realised.homes_since(snap, 2025)
    assert built is not None
    assert built.net_change is not None
    assert (built.last_year, built.months) == (2026, 9)
    homes = sc.Scenario().homes_total
    figure = fmt.number((homes - built.net_change) / (2051 - (2026 + 9 / 12)), "nl")
    assert homes == 69_000
    shown = texts(run_app("app_pages/doelen.py"))
    assert (
        f"Vanaf nu: **{figure} per jaar** nodig tot eind 2050 (inhaaltempo: het doel van 69.000 min de "
        f"{fmt.number(built.net_change, 'nl')} woningen netto toevoeging sinds 2025 t/m september 2026 volgens CBS, "
        "verdeeld over de tijd die daarna overblijft). Het gemiddelde hierboven geldt voor het hele bouwpad "
        "2025–2050." in shown
    )
    assert "ten hoogste" not in shown
    meeting = run_app("app_pages/vergadermodus.py")
    notes = texts(meeting)
    assert (
        f"Vanaf nu: {figure} per jaar nodig tot eind 2050 (inhaaltempo; netto toevoeging t/m september 2026 "
        "afgetrokken)" in notes
    )
    assert "gebouwd sinds 2025: onbekend" not in notes
    progress_page = run_app("app_pages/voortgang.py")
    metrics = {m.label: m.value for m in progress_page.metric}
    assert metrics["Nodig per jaar vanaf nu tot eind 2050 (netto toevoeging)"] == figure
    english = texts(run_app("app_pages/vergadermodus.py", query={"lang": "en"}))
    assert f"From now: {fmt.number(float(figure.replace('.', '')), 'en')} a year needed" in english


def test_without_refreshed_figures_from_now_keeps_the_at_most_wording(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ROS_CACHE_DIR", str(tmp_path))
    # From the day shown (the system clock): 69.000 homes over the years left to the end of 2050, counted in days.
    today = ms.clock_today()
    figure = fmt.number(
        69_000 / (2051 - today.year - (today.timetuple().tm_yday - 1) / (365 + isleap(today.year))), "nl"
    )
    doelen = texts(run_app("app_pages/doelen.py"))
    assert f"**ten hoogste {figure} per jaar** tot eind 2050; minder naarmate er sinds 2025 al gebouwd is" in doelen
    assert f"Vanaf nu: ten hoogste {figure} per jaar (gebouwd sinds 2025: onbekend)" in texts(
        run_app("app_pages/vergadermodus.py")
    )


@pytest.mark.usefixtures("use_refreshed")
def test_the_meeting_view_counts_the_homes_built_since_2024() -> None:
    since = realised.homes_since(versions.load_current(), 2024)
    assert since is not None
    assert since.new_construction is not None
    shown = texts(run_app("app_pages/vergadermodus.py", query={"dia": "1"}))
    assert "Woningen gebouwd sinds 2024" in shown
    assert "onbekend" not in shown.split("Woningen gebouwd sinds 2024")[1][:40]
    assert fmt.number(since.new_construction, "nl") in shown
    assert "Nieuwbouw t/m september 2026 (CBS 81955NED en 86098NED, voorlopig)" in shown
    assert f"per saldo groeide de voorraad met {fmt.number(since.net_change, 'nl')}" in shown
