"""Scenario store: every operation, names, two writers at once, stale renames, damaged rows, scenario files."""

from __future__ import annotations

import json
import multiprocessing
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from ros.base.format import date_time
from ros.base.i18n import translate
from ros.records.errors import StoreError
from ros.records.fields import MAX_BYTES
from ros.records.scenario_file import export_json, parse_scenario_file
from ros.records.scenario_store import ScenarioStore

SETTINGS = {"homes_total": 69000, "key": "inwoners", "weights": {"GM0141": 1.5}, "note": "Één scenario"}


def check(payload: dict[str, Any], _version: int) -> None:
    """A stand-in for the scenario model's validator: needs a whole number of homes."""
    if not isinstance(payload.get("homes_total"), int):
        raise ValueError("homes_total moet een geheel getal zijn")


@pytest.fixture
def store(store_url: str) -> ScenarioStore:
    """An empty store on SQLite and on PostgreSQL (each test runs on both)."""
    return ScenarioStore(store_url)


def refused(call: Any, *args: Any) -> StoreError:
    with pytest.raises(StoreError) as info:
        call(*args)
    return info.value


def test_save_and_get_round_trip_with_metadata(store: ScenarioStore) -> None:
    before = datetime.now(UTC)
    saved = store.save("  Basis 2050  ", " Anna ", SETTINGS, 3)
    got = store.get(saved.id, check, 3)
    assert (got.name, got.author, got.version, got.payload) == ("Basis 2050", "Anna", 3, SETTINGS)
    assert (got.agreed, got.revision, got.status, got.problem) == (False, 1, "ok", None)
    assert got.created_at.tzinfo is UTC
    assert before <= got.created_at == got.updated_at <= datetime.now(UTC)
    assert len(got.id) == 36
    assert got == saved


def test_html_script_and_formula_names_are_stored_as_text(store: ScenarioStore) -> None:
    names = ["<script>alert('x')</script>", '=HYPERLINK("http://x")', "Ölß 😀 & <b>vet</b>", "ß" * 100]
    for name in names:
        store.save(name, "@auteur", {"name": name}, 1)
    assert sorted(r.name for r in store.list()) == sorted(names)
    assert {r.payload["name"] for r in store.list()} == set(names)  # type: ignore[index]


def test_names_and_authors_are_checked(store: ScenarioStore) -> None:
    assert str(refused(store.save, "   ", "Anna", SETTINGS, 1)) == "Geef het scenario een naam."
    assert str(refused(store.save, "x" * 101, "Anna", SETTINGS, 1)) == (
        "De naam is 101 tekens lang; er mogen er hoogstens 100 zijn."
    )
    assert refused(store.save, "a\nb", "Anna", SETTINGS, 1).code == "name_control"
    assert str(refused(store.save, "A", "", SETTINGS, 1)) == "Vul de naam van de auteur in."
    assert refused(store.save, "A", "y" * 101, SETTINGS, 1).code == "author_too_long"
    assert store.list() == []


def test_look_alike_names_are_one_name_or_refused(store: ScenarioStore) -> None:
    basis = store.save("Basis 2050", "Anna", SETTINGS, 1)
    for look_alike in (
        "Basis\u200b 2050",
        "\ufeffBasis\u00a0\u00a02050",
        "Basis\u2060 2050",
        "\uff22asis \uff12\uff10\uff15\uff10",
    ):
        assert str(refused(store.save, look_alike, "Bram", SETTINGS, 1)) == (
            "Er bestaat al een scenario met de naam “Basis 2050”. Kies een andere naam."
        )
    cyrillic = "B\u0430sis 2050"  # a Cyrillic a (U+0430) among Latin letters
    assert str(refused(store.save, cyrillic, "Bram", SETTINGS, 1)) == (
        "Het woord “B\u0430sis” in de naam mengt letters uit verschillende schriften (zoals Latijn en Cyrillisch), "
        "zodat het op een ander woord lijkt. Typ het opnieuw in één schrift."
    )
    assert refused(store.save, "Ander", "Ann\u0430", SETTINGS, 1).code == "author_mixed_scripts"
    other = store.save("Snel\u200d bouwen", "Anna\u200b", SETTINGS, 1)
    assert (other.name, other.author) == ("Snel bouwen", "Anna")
    assert refused(store.rename, other.id, "basis\u200c 2050", other.revision).code == "name_taken"
    assert refused(store.duplicate, basis.id, "B\u0430sis", "Anna").code == "name_mixed_scripts"
    kept = store.save("Москва plan 東京タワー", "Ωμέγα", SETTINGS, 1)  # one script per word is fine
    assert kept.name == "Москва plan 東京タワー"
    assert sorted(r.name for r in store.list()) == ["Basis 2050", "Snel bouwen", "Москва plan 東京タワー"]


def test_payload_and_version_are_checked(store: ScenarioStore) -> None:
    assert refused(store.save, "A", "Anna", [1, 2], 1).code == "payload_not_object"
    assert refused(store.save, "A", "Anna", {"x": float("nan")}, 1).code == "payload_not_json"
    assert refused(store.save, "A", "Anna", {"x": {1, 2}}, 1).code == "payload_not_json"
    assert refused(store.save, "A", "Anna", {"x": "a" * MAX_BYTES}, 1).code == "payload_too_large"
    assert str(refused(store.save, "A", "Anna", SETTINGS, 0)) == (
        "De scenarioversie moet een geheel getal van 1 of meer zijn, niet “0”."
    )
    assert refused(store.save, "A", "Anna", SETTINGS, True).code == "version_bad"
    assert store.list() == []


def test_names_are_unique_regardless_of_case(store: ScenarioStore) -> None:
    first = store.save("Basis", "Anna", SETTINGS, 1)
    other = store.save("Hoog", "Bram", SETTINGS, 1)
    error = refused(store.save, " BASIS ", "Bram", SETTINGS, 1)
    assert str(error) == "Er bestaat al een scenario met de naam “BASIS”. Kies een andere naam."
    assert translate("en", f"store.{error.code}", **error.params).startswith("A scenario named “BASIS” already")
    assert refused(store.rename, other.id, "basis", 1).code == "name_taken"
    assert refused(store.duplicate, other.id, "bAsIs", "Cor").code == "name_taken"
    assert store.rename(first.id, "basis", 1).name == "basis"  # its own name in other case is fine
    assert len(store.list()) == 2


def test_list_is_newest_first(store: ScenarioStore) -> None:
    for name in ("eerste", "tweede", "derde"):
        store.save(name, "Anna", SETTINGS, 1)
    assert [r.name for r in store.list()] == ["derde", "tweede", "eerste"]


def test_rename_bumps_revision_and_refuses_a_stale_one(store: ScenarioStore) -> None:
    saved = store.save("Basis", "Anna", SETTINGS, 1)
    renamed = store.rename(saved.id, " Basis v2 ", saved.revision)
    assert (renamed.name, renamed.revision, renamed.payload) == ("Basis v2", 2, SETTINGS)
    assert renamed.updated_at > renamed.created_at == saved.created_at
    error = refused(store.rename, saved.id, "Mijn versie", 1)
    assert str(error) == (
        f"Het scenario “Basis v2” is intussen gewijzigd door lokale gebruiker ({date_time(renamed.updated_at, 'nl')}). "
        "Er is niets overschreven; sla uw versie op onder een nieuwe naam of laad het scenario opnieuw."
    )
    assert store.get(saved.id).name == "Basis v2"
    assert refused(store.rename, "geen-id", "X", 1).code == "not_found"


def test_duplicate_copies_settings_under_a_new_name(store: ScenarioStore) -> None:
    source = store.mark_agreed(store.save("Basis", "Anna", SETTINGS, 2).id)
    copy = store.duplicate(source.id, "Basis (kopie)", "Bram")
    assert (copy.name, copy.author, copy.payload, copy.version) == ("Basis (kopie)", "Bram", SETTINGS, 2)
    assert (copy.agreed, copy.revision) == (False, 1)
    assert copy.id != source.id
    assert store.get(source.id) == source
    assert refused(store.duplicate, "geen-id", "X", "Bram").code == "not_found"


def test_delete_removes_and_reports_a_missing_scenario(store: ScenarioStore) -> None:
    keep, drop = store.save("Blijft", "Anna", SETTINGS, 1), store.save("Weg", "Anna", SETTINGS, 1)
    store.delete(drop.id)
    assert [r.id for r in store.list()] == [keep.id]
    assert str(refused(store.get, drop.id)) == (
        "Dit scenario bestaat niet (meer); misschien heeft iemand anders het verwijderd."
    )
    assert refused(store.delete, drop.id).code == "not_found"


def test_at_most_one_scenario_is_agreed(store: ScenarioStore) -> None:
    a, b = store.save("A", "Anna", SETTINGS, 1), store.save("B", "Anna", SETTINGS, 1)
    assert store.agreed() is None
    assert store.mark_agreed(a.id).agreed
    store.mark_agreed(b.id)
    assert [(r.name, r.agreed) for r in store.list()] == [("B", True), ("A", False)]
    assert store.agreed().id == b.id  # type: ignore[union-attr]
    with pytest.raises(IntegrityError), store.engine.begin() as conn:  # the database itself refuses two
        conn.execute(text("UPDATE scenarios SET agreed = true"))
    store.clear_agreed()
    assert store.agreed() is None
    assert refused(store.mark_agreed, "geen-id").code == "not_found"


def test_damaged_and_outdated_rows_are_listed_with_a_status(store: ScenarioStore) -> None:
    good = store.save("Goed", "Anna", SETTINGS, 2)
    old = store.save("Oud model", "Anna", {"homes_total": "veel"}, 1)
    broken = store.save("Kapot", "Anna", SETTINGS, 2)
    array = store.save("Lijst", "Anna", SETTINGS, 2)
    future = store.save("Toekomst", "Anna", SETTINGS, 7)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE scenarios SET payload = '{\"homes_total\": 69' WHERE id = :i"), {"i": broken.id})
        conn.execute(text("UPDATE scenarios SET payload = '[1]' WHERE id = :i"), {"i": array.id})
    listed = {r.name: r for r in store.list(check, 2)}
    assert {n: r.status for n, r in listed.items()} == {
        "Goed": "ok",
        "Oud model": "ongeldig",
        "Kapot": "ongeldig",
        "Lijst": "ongeldig",
        "Toekomst": "nieuwere_versie",
    }
    assert listed["Oud model"].problem == (
        "Klopt niet meer met deze versie van het dashboard: homes_total moet een geheel getal zijn."
    )
    assert listed["Oud model"].payload == {"homes_total": "veel"}
    assert listed["Kapot"].payload is None
    assert listed["Kapot"].problem == "De opgeslagen instellingen zijn beschadigd en niet meer te lezen."
    assert listed["Toekomst"].problem == (
        "Opgeslagen met een nieuwere versie van het dashboard (scenarioversie 7; deze versie kent t/m 2)."
    )
    assert store.get(good.id, check, 2).status == "ok"
    assert store.get(old.id).status == "ok"  # no validator given
    assert store.get(future.id).status == "ok"
    assert refused(export_json, listed["Kapot"]).code == "export_unreadable"


def test_default_location_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROS_SCENARIO_DB_URL", raising=False)
    monkeypatch.setenv("ROS_SCENARIO_DB", str(tmp_path / "sub" / "eigen.db"))
    ScenarioStore().save("A", "Anna", SETTINGS, 1)
    monkeypatch.setenv("ROS_SCENARIO_DB_URL", f"sqlite:///{tmp_path / 'url.db'}")
    ScenarioStore().save("B", "Anna", SETTINGS, 1)
    assert [r.name for r in ScenarioStore(f"sqlite:///{tmp_path / 'sub' / 'eigen.db'}").list()] == ["A"]
    assert [r.name for r in ScenarioStore(f"sqlite:///{tmp_path / 'url.db'}").list()] == ["B"]
    monkeypatch.delenv("ROS_SCENARIO_DB_URL")
    monkeypatch.delenv("ROS_SCENARIO_DB")
    monkeypatch.setenv("ROS_CACHE_DIR", str(tmp_path / "cache"))
    ScenarioStore().save("C", "Anna", SETTINGS, 1)
    assert (tmp_path / "cache" / "scenarios.db").is_file()


def _save_many(url: str, writer: str, count: int) -> None:
    store = ScenarioStore(url)
    for number in range(count):
        store.save(f"{writer}-{number}", writer, {"writer": writer, "number": number}, 1)


def test_two_processes_saving_at_once_lose_nothing(store_url: str) -> None:
    url = store_url
    fork = multiprocessing.get_context("fork")
    workers = [fork.Process(target=_save_many, args=(url, name, 50)) for name in ("anna", "bram")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0, 0]
    store = ScenarioStore(url)
    records = store.list()
    assert len(records) == 100
    assert len({r.id for r in records}) == 100
    assert all(r.payload == {"writer": r.author, "number": int(r.name.split("-")[1])} for r in records)
    if url.startswith("sqlite"):
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_threads_saving_and_renaming_at_once(store: ScenarioStore) -> None:
    # savers share one store (as the app's cached store), renamers each have their own
    url = store.engine.url.render_as_string(hide_password=False)
    save = lambda writer: [store.save(f"{writer}-{n}", writer, {"n": n}, 1) for n in range(20)]  # noqa: E731
    threads = [threading.Thread(target=save, args=(f"t{n}",)) for n in range(3)]
    saved = store.save("Gedeeld", "Anna", SETTINGS, 1)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def rename(new_name: str) -> None:
        barrier.wait()
        try:
            outcomes.append(ScenarioStore(url).rename(saved.id, new_name, saved.revision).name)
        except StoreError as error:
            outcomes.append(error.code)

    threads += [threading.Thread(target=rename, args=(name,)) for name in ("Versie Anna", "Versie Bram")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert len(store.list()) == 61
    winners = [outcome for outcome in outcomes if outcome != "conflict"]
    assert len(outcomes) == 2
    assert len(winners) == 1
    assert winners[0] in ("Versie Anna", "Versie Bram")
    assert (store.get(saved.id).name, store.get(saved.id).revision) == (winners[0], 2)


def test_export_and_import_round_trip(store: ScenarioStore) -> None:
    record = store.save("<b>Basis</b> =1+1", "Anna", SETTINGS, 2)
    data = export_json(record)
    assert json.loads(data)["format"] == "ros-twente-scenario"
    assert "Één scenario" in data.decode("utf-8")
    parsed = parse_scenario_file(data, 2, check)
    assert parsed == {
        "format": "ros-twente-scenario",
        "version": 2,
        "name": "<b>Basis</b> =1+1",
        "author": "Anna",
        "created_at": record.created_at,
        "settings": SETTINGS,
    }
    assert parse_scenario_file(b"\xef\xbb\xbf" + data, 3, check)["settings"] == SETTINGS  # BOM, older version


def _file(**changes: Any) -> bytes:
    envelope = {
        "format": "ros-twente-scenario",
        "version": 2,
        "name": "Basis",
        "author": "Anna",
        "created_at": "2026-11-27T12:00:00+00:00",
        "settings": dict(SETTINGS),
    }
    envelope.update(changes)
    return json.dumps({k: v for k, v in envelope.items() if v is not None}).encode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"{" + b" " * MAX_BYTES + b"}",
            "Het bestand is groter dan 1 MB; een scenariobestand is veel kleiner. Kies het juiste bestand.",
        ),
        (
            "Één".encode("latin-1"),
            "Het bestand is geen tekstbestand in UTF-8; kies een scenariobestand (.json) dat "
            "met dit dashboard is gemaakt.",
        ),
        (
            b'{\n"format": "ros-twente-scenario",\n"version": }',
            "Het bestand is geen geldige JSON (fout op regel 3); het is misschien beschadigd of met de hand bewerkt.",
        ),
        (
            _file(settings={"homes_total": float("nan")}),
            "Het bestand is geen geldige JSON; het is misschien beschadigd of met de hand bewerkt.",
        ),
        (b"[1, 2]", "Dit is geen scenariobestand van het ROS Twente-dashboard."),
        (_file(format="iets-anders"), "Dit is geen scenariobestand van het ROS Twente-dashboard."),
        (_file(author=None, settings=None), "Het scenariobestand is onvolledig; dit ontbreekt: author, settings."),
        (_file(version="2"), "Het veld “version” in het scenariobestand heeft geen geldige waarde."),
        (_file(created_at="gisteren"), "Het veld “created_at” in het scenariobestand heeft geen geldige waarde."),
        (_file(settings=[1]), "Het veld “settings” in het scenariobestand heeft geen geldige waarde."),
        (
            _file(version=3),
            "Dit scenariobestand is gemaakt met een nieuwere versie van het dashboard "
            "(scenarioversie 3; deze versie kent t/m 2). Gebruik de nieuwere versie of vraag om een bestand uit deze "
            "versie.",
        ),
        (
            _file(settings={"homes_total": 1.5}),
            "De instellingen in het scenariobestand kloppen niet: homes_total moet een geheel getal zijn.",
        ),
        (_file(name=" "), "Geef het scenario een naam."),
    ],
    ids=[
        "te-groot",
        "geen-utf8",
        "geen-json",
        "nan",
        "geen-object",
        "ander-formaat",
        "velden-ontbreken",
        "versie-tekst",
        "datum",
        "settings-lijst",
        "nieuwere-versie",
        "validatie",
        "lege-naam",
    ],
)
def test_refused_scenario_files(data: bytes, message: str) -> None:
    assert str(refused(parse_scenario_file, data, 2, check)) == message


def test_a_name_finds_its_scenario_by_the_name_rule(store: ScenarioStore) -> None:
    saved = store.save("Basis 2050", "Anna", SETTINGS, 1)
    assert store.named("basis\u200b  2050") == saved
    assert store.named("Basis 2051") is None
    assert store.named("   ") is None
