"""AppTest: the Scenario's page per role (lokale modus, signed out, lezer, planner, coördinator), the audit trail,
stale and destructive actions on what the user sees selected (issue 12.2), one save per double click (issue 12.3)."""

from __future__ import annotations

import json

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ros.records import scenario as sc
from ros.records.roles import Identity
from ros.records.scenario_store import ScenarioStore
from tests.support.app import APP, texts, widget_labels
from tests.support.markdown import live_markup, shown

PAGE = "app_pages/scenarios.py"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "ros",
    "client_secret": "geheim",
    "server_metadata_url": "http://localhost:9/.well-known/openid-configuration",
}
ROLES = {"emails": {"anna@enschede.nl": "planner", "cor@regiotwente.nl": "coordinator"}}
ANNA = Identity("anna@enschede.nl", "Anna de Vries", "planner")
BRAM = Identity("bram@almelo.nl", "Bram Bos", "planner")
COR = Identity("cor@regiotwente.nl", "Cor Coördinator", "coordinator")
SETTINGS = sc.to_json(sc.Scenario(homes_total=75_000))


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch) -> ScenarioStore:
    """Each test gets an empty scenario database (the app's own connection is a second one to it)."""
    path = tmp_path / "scenarios.db"
    monkeypatch.setenv("ROS_SCENARIO_DB", str(path))
    monkeypatch.delenv("ROS_SCENARIO_DB_URL", raising=False)
    monkeypatch.delenv("ROS_ROLES_FILE", raising=False)
    return ScenarioStore(f"sqlite:///{path}")


def app(email: str | None = None, name: str = "", signed_in: bool = True, auth: bool = True) -> AppTest:
    """The Scenario's page with sign-in configured (or not), as the user with `email` (None: signed out)."""
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(PAGE)
    if auth:
        at.secrets["auth"], at.secrets["roles"] = AUTH, ROLES
    at.user = {"is_logged_in": True, "email": email, "name": name} if email and signed_in else {"is_logged_in": False}
    return at.run()


def labels(at: AppTest) -> set[str]:
    return {b.label for b in at.button} | set(widget_labels(at, "form_submit_button"))


def click(at: AppTest, label: str) -> AppTest:
    next(b for b in [*at.button, *at.get("form_submit_button")] if b.label == label).click()
    return at.run()


def choose(at: AppTest, record_id: str) -> AppTest:
    return at.selectbox(key="scenario_choice").set_value(record_id).run()


def save(at: AppTest, name: str, author: str = "Anna") -> AppTest:
    at.text_input(key="save_name").input(name)
    at.text_input(key="save_author").input(author)
    return click(at, "Opslaan")


def test_lokale_modus_says_so_in_one_line_and_allows_everything(db: ScenarioStore) -> None:
    record = db.save("Basis", "Anna", SETTINGS, sc.VERSION)
    at = choose(app(auth=False), record.id)
    assert not at.exception
    [line] = [c.value for c in at.caption if "Lokale modus" in c.value]
    assert line.startswith("Lokale modus: één gebruiker, zonder aanmelding")
    assert {
        "Opslaan",
        "Openen",
        "Markeren als afgesproken basis",
        "Dupliceren",
        "Verwijderen",
        "Naam wijzigen",
    } <= labels(at)
    assert "Aanmelden" not in labels(at)


@pytest.mark.usefixtures("db")
def test_the_sign_in_line_in_english() -> None:
    local = app(auth=False)
    local.sidebar.radio(key="lang").set_value("en").run()
    assert any(c.value.startswith("Local mode: one user, no sign-in") for c in local.caption)
    planner = app("anna@enschede.nl", "Anna <b>de</b> Vries")
    planner.sidebar.radio(key="lang").set_value("en").run()
    assert "Signed in as **Anna <b>de</b> Vries** (anna@" in texts(planner)
    assert "role **planner**." in texts(planner)
    assert "Sign out" in labels(planner)


def test_hostile_names_are_escaped_in_the_save_changes_button(db: ScenarioStore) -> None:
    record = db.save("[klik](https://evil.example/)", "Anna", SETTINGS, sc.VERSION, actor=ANNA)
    at = click(choose(app("anna@enschede.nl", "Anna"), record.id), "Openen")
    [button] = [b for b in at.button if b.key == "scenario_update"]
    assert live_markup(button.label) == []
    assert shown(button.label).replace("\u2060", "") == "Wijzigingen opslaan in ‘[klik](https://evil.example/)’"


def test_signed_out_is_a_lezer_with_a_sign_in_button(db: ScenarioStore) -> None:
    record = db.save("Basis", "Anna", SETTINGS, sc.VERSION, actor=ANNA)
    at = choose(app(None), record.id)
    assert not at.exception
    assert "U bent **niet aangemeld** en werkt als lezer" in texts(at)
    assert "Lokale modus" not in texts(at)
    shown = labels(at)
    assert {"Aanmelden", "Openen"} <= shown
    assert not shown & {"Opslaan", "Markeren als afgesproken basis", "Dupliceren", "Verwijderen", "Naam wijzigen"}
    assert "Met de rol lezer kunt u scenario's openen en downloaden" in texts(at)


def test_a_lezer_opens_and_downloads_but_sees_no_changes(db: ScenarioStore) -> None:
    record = db.save("Basis", "Anna", SETTINGS, sc.VERSION, actor=ANNA)
    at = choose(app("lees@hengelo.nl", "Lia Lezer"), record.id)  # in no role list: a lezer
    assert "Aangemeld als **Lia Lezer** (lees@" in texts(at)
    assert "rol **lezer**." in texts(at)
    assert {"Afmelden", "Openen"} <= labels(at)
    assert not labels(at) & {
        "Opslaan",
        "Markeren als afgesproken basis",
        "Dupliceren",
        "Verwijderen",
        "Naam wijzigen",
        "Opslaan in de lijst",
    }
    assert "Download scenariobestand (JSON)" in widget_labels(at, "download_button")
    click(at, "Openen")
    assert "Scenario ‘Basis’ is geopend" in texts(at)
    assert "Wijzigingen opslaan in ‘Basis’" not in labels(at)


@pytest.mark.usefixtures("db")
def test_a_lezer_is_offered_to_open_an_imported_file_and_told_only_that() -> None:
    envelope = {
        "format": "ros-twente-scenario",
        "version": sc.VERSION,
        "name": "Uit bestand",
        "author": "Collega",
        "created_at": "2026-11-01T10:00:00+00:00",
        "settings": {"woningen": 72000},
    }
    at = app("lees@hengelo.nl", "Lia Lezer")
    at.file_uploader(key="scenario_upload").upload("s.json", json.dumps(envelope).encode(), "application/json").run()
    [done] = [s.value for s in at.success if "is gecontroleerd" in s.value]
    assert done == "Scenario ‘Uit bestand’ van Collega is gecontroleerd en kan worden geopend."
    assert "Openen" in labels(at)
    assert "Opslaan in de lijst" not in labels(at)
    planner = app("anna@enschede.nl", "Anna")
    planner.file_uploader(key="scenario_upload").upload("s.json", json.dumps(envelope).encode(), "application/json")
    assert "kan worden geopend of opgeslagen." in texts(planner.run())


def test_a_planner_changes_her_own_scenarios_only(db: ScenarioStore) -> None:
    bram = db.save("Van Bram", "Bram", SETTINGS, sc.VERSION, actor=BRAM)
    at = save(app("anna@enschede.nl", "Anna de Vries"), "Van Anna", "Anna")
    assert "Het scenario is opgeslagen." in texts(at)
    anna = next(r for r in db.list() if r.name == "Van Anna")
    assert anna.owner == "anna@enschede.nl"
    assert at.selectbox(key="scenario_choice").value == anna.id  # the saved one is selected
    assert {"Openen", "Dupliceren", "Verwijderen", "Naam wijzigen", "Wijzigingen opslaan in ‘Van Anna’"} <= labels(at)
    assert "Markeren als afgesproken basis" not in labels(at)
    choose(at, bram.id)
    assert {"Openen", "Dupliceren"} <= labels(at)
    assert not labels(at) & {"Verwijderen", "Naam wijzigen", "Markeren als afgesproken basis"}
    assert [(e.actor_name, e.actor_role, e.action) for e in db.audit()] == [
        ("Anna de Vries", "planner", "save"),
        ("Bram Bos", "planner", "save"),
    ]


def test_the_list_shows_whose_scenario_it_is_not_the_typed_author(db: ScenarioStore) -> None:
    db.save("Basis", "Anna de Vries", SETTINGS, sc.VERSION, actor=ANNA)
    copy = db.save("Basis 2", "Anna de Vries", SETTINGS, sc.VERSION, actor=BRAM)  # Bram types Anna's name
    at = choose(app("cor@regiotwente.nl", "Cor Coördinator"), copy.id)
    table = at.dataframe[0].value
    assert "author" not in table.columns  # labels come from column_config: "Eigenaar (account)"
    assert table[["name", "owner"]].values.tolist() == [
        ["Basis 2", "bram@almelo.nl"],
        ["Basis", "anna@enschede.nl"],
    ]
    assert at.selectbox(key="scenario_choice").options == [  # the picker's labels
        "Basis 2 — bram@almelo.nl",
        "Basis — anna@enschede.nl",
    ]
    save(at, "Ba\u200bsis", "Cor")
    assert "Er bestaat al een scenario met de naam “Basis”. Kies een andere naam." in texts(at)
    assert len(db.list()) == 2


def test_a_coordinator_marks_the_agreed_baseline_after_confirming(db: ScenarioStore) -> None:
    record = db.save("Van Bram", "Bram", SETTINGS, sc.VERSION, actor=BRAM)
    at = choose(app("cor@regiotwente.nl", "Cor Coördinator"), record.id)
    assert "rol **coördinator**" in texts(at)
    assert {"Markeren als afgesproken basis", "Verwijderen", "Naam wijzigen"} <= labels(at)
    click(at, "Markeren als afgesproken basis")
    assert db.agreed() is None
    click(at, "Annuleren")
    assert db.agreed() is None
    assert "Ja, aanwijzen" not in labels(at)
    click(click(at, "Markeren als afgesproken basis"), "Ja, aanwijzen")
    assert db.agreed().id == record.id  # type: ignore[union-attr]
    assert db.audit()[0].actor_name == "Cor Coördinator"
    assert db.audit()[0].action == "mark_agreed"


def test_the_audit_trail_newest_first_filtered_and_downloadable(db: ScenarioStore) -> None:
    kept = db.save("Blijft", "Anna", SETTINGS, sc.VERSION, actor=ANNA)
    gone = db.save("Weg", "Anna", SETTINGS, sc.VERSION, actor=ANNA)
    db.rename(kept.id, "Blijft 2", kept.revision, actor=ANNA)
    db.delete(gone.id, actor=COR)
    at = app("anna@enschede.nl", "Anna de Vries")
    table = at.dataframe[-1].value
    assert list(table.columns) == ["Wanneer", "Wie", "Rol", "Wat", "Scenario", "Wijziging", "Ervoor", "Erna"]
    assert table[["Wie", "Rol", "Wat", "Scenario", "Wijziging"]].values.tolist() == [
        ["Cor Coördinator", "coördinator", "verwijderd", "Weg", ""],
        ["Anna de Vries", "planner", "naam gewijzigd", "Blijft 2", "Blijft → Blijft 2"],
        ["Anna de Vries", "planner", "opgeslagen", "Weg", ""],
        ["Anna de Vries", "planner", "opgeslagen", "Blijft", ""],
    ]
    picker = at.selectbox(key="audit_filter")
    assert picker.options == ["alle scenario's", "Weg (verwijderd)", "Blijft 2"]
    picker.set_value(gone.id).run()
    assert at.dataframe[-1].value["Wat"].tolist() == ["verwijderd", "opgeslagen"]
    downloads = set(widget_labels(at, "download_button"))
    assert {"Download CSV", "Download CSV voor Excel (NL)", "Download Excel"} <= downloads
    coordinator = app("cor@regiotwente.nl", "Cor Coördinator").dataframe[-1].value  # the accounts too
    assert coordinator[["Wie", "Account (e-mail)", "Wat"]].values.tolist()[:2] == [
        ["Cor Coördinator", "cor@regiotwente.nl", "verwijderd"],
        ["Anna de Vries", "anna@enschede.nl", "naam gewijzigd"],
    ]


def test_double_click_on_save_saves_once_without_an_error(db: ScenarioStore) -> None:
    at = save(app(auth=False), "Snel bouwen", "Anna")
    again = click(at, "Opslaan")  # the second click of a double click, or Enter twice
    assert [r.name for r in db.list()] == ["Snel bouwen"]
    assert not again.error
    assert "Het scenario is opgeslagen." in texts(again)
    assert "Geef het scenario een naam." not in texts(again)
    assert [e.action for e in db.audit()] == ["save"]


def test_a_refused_stale_rename_keeps_the_selection_and_names_who(db: ScenarioStore) -> None:
    first = db.save("Eerste", "Bram", SETTINGS, sc.VERSION, actor=BRAM)
    shared = db.save("Gedeeld", "Bram", SETTINGS, sc.VERSION, actor=BRAM)
    at = choose(app(auth=False), shared.id)
    db.rename(shared.id, "Gedeeld 2", shared.revision, actor=BRAM)  # someone else, meanwhile
    at.text_input(key=f"rename_{shared.id}").input("Mijn naam")
    click(at, "Naam wijzigen")
    [error] = at.error
    assert error.value.startswith("Het scenario “Gedeeld 2” is intussen gewijzigd door Bram Bos (")
    assert at.selectbox(key="scenario_choice").value == shared.id  # not moved to "Eerste"
    click(at, "Verwijderen")
    assert "Scenario ‘Gedeeld 2’ verwijderen?" in texts(at)  # the one the user sees, by its current name
    click(at, "Ja, verwijderen")
    assert [r.id for r in db.list()] == [first.id]


def test_a_confirmation_on_a_scenario_changed_meanwhile_is_refused(db: ScenarioStore) -> None:
    shared = db.save("Gedeeld", "Bram", SETTINGS, sc.VERSION, actor=BRAM)
    at = click(choose(app(auth=False), shared.id), "Verwijderen")
    db.update(shared.id, sc.to_json(sc.Scenario(homes_total=90_000)), sc.VERSION, shared.revision, actor=BRAM)
    click(at, "Ja, verwijderen")
    assert "is intussen gewijzigd door Bram Bos" in at.error[0].value
    assert [r.name for r in db.list()] == ["Gedeeld"]
    assert at.selectbox(key="scenario_choice").value == shared.id


def test_a_scenario_deleted_by_someone_else_cannot_be_opened_or_deleted(db: ScenarioStore) -> None:
    db.save("Ander", "Bram", SETTINGS, sc.VERSION, actor=BRAM)
    gone = db.save("Weg", "Bram", SETTINGS, sc.VERSION, actor=BRAM)
    at = choose(app(auth=False), gone.id)
    db.delete(gone.id, actor=COR)
    click(at, "Openen")
    assert "Scenario ‘Weg’ is verwijderd en kan niet meer worden geopend." in texts(at)
    assert "is geopend" not in texts(at)
    assert "Het gekozen scenario ‘Weg’ bestaat niet meer" in texts(at)
    assert at.selectbox(key="scenario_choice").value is None  # nothing else got selected
    assert not labels(at) & {"Verwijderen", "Openen"}


def test_the_second_save_of_an_opened_scenario_does_not_overwrite(db: ScenarioStore) -> None:
    shared = db.save("Gedeeld", "Bram", SETTINGS, sc.VERSION, actor=BRAM)
    at = click(choose(app("cor@regiotwente.nl", "Cor Coördinator"), shared.id), "Openen")
    db.update(shared.id, sc.to_json(sc.Scenario(homes_total=72_000)), sc.VERSION, shared.revision, actor=BRAM)
    click(at, "Wijzigingen opslaan in ‘Gedeeld’")
    [error] = at.error
    assert error.value.startswith("Het scenario “Gedeeld” is intussen gewijzigd door Bram Bos (")
    assert "sla uw versie op onder een nieuwe naam" in error.value
    assert db.get(shared.id).payload["woningen"] == 72_000  # type: ignore[index]
    assert at.text_input(key="save_as_name").value == "Gedeeld (versie Cor Coördinator)"
    click(at, "Opslaan als nieuw scenario")
    assert {r.name: r.payload["woningen"] for r in db.list()} == {  # type: ignore[index]
        "Gedeeld": 72_000,
        "Gedeeld (versie Cor Coördinator)": 75_000,
    }


def _budget(email: str, name: str) -> AppTest:
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("app_pages/budget.py")
    at.secrets["auth"], at.secrets["roles"] = AUTH, ROLES
    at.user = {"is_logged_in": True, "email": email, "name": name}
    return at.run()


def test_a_ledger_upload_is_recorded_and_a_lezer_only_reads_the_ledger(db: ScenarioStore) -> None:
    lezer = _budget("lees@hengelo.nl", "Lia Lezer")
    assert not lezer.exception
    with pytest.raises(KeyError):
        lezer.file_uploader(key="budget_ledger_upload")
    assert "Met de rol lezer kunt u het kasboek bekijken en downloaden" in texts(lezer)
    assert "Kasboek leegmaken" not in labels(lezer)

    planner = _budget("anna@enschede.nl", "Anna de Vries")
    data = "party_id;name;year;toegezegd;gefactureerd;ontvangen;besteed\nAlmelo;Almelo;2026;€ 51.000;51.000,00;;\n"
    planner.file_uploader(key="budget_ledger_upload").upload("kasboek.csv", data.encode(), "text/csv").run()
    assert not planner.exception
    [entry] = db.audit()
    assert (entry.actor_name, entry.actor_role, entry.action) == ("Anna de Vries", "planner", "ledger_upload")
    assert entry.before == {"bekend": 0, "toegezegd": None, "gefactureerd": None, "ontvangen": None, "besteed": None}
    assert entry.after == {
        "file": "kasboek.csv",
        "bekend": 2,
        "toegezegd": "51000.00",
        "gefactureerd": "51000.00",
        "ontvangen": None,
        "besteed": None,
    }


@pytest.mark.usefixtures("db")
def test_a_lezer_sees_own_figures_but_cannot_enter_them() -> None:
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("app_pages/voortgang.py")
    at.secrets["auth"], at.secrets["roles"] = AUTH, ROLES
    at.user = {"is_logged_in": True, "email": "lees@hengelo.nl", "name": "Lia Lezer"}
    at.run()
    assert not at.exception
    assert "Met de rol lezer kunt u de eigen opgave bekijken" in texts(at)
    assert not [u for u in at.get("file_uploader") if "own_upload" in str(u.proto.id)]
    planner = AppTest.from_file(APP, default_timeout=60)
    planner.switch_page("app_pages/voortgang.py")
    planner.secrets["auth"], planner.secrets["roles"] = AUTH, ROLES
    planner.user = {"is_logged_in": True, "email": "anna@enschede.nl", "name": "Anna"}
    planner.run()
    assert [u for u in planner.get("file_uploader") if "own_upload" in str(u.proto.id)]
    assert "Met de rol lezer kunt u de eigen opgave bekijken" not in texts(planner)


def test_a_ledger_edit_stays_in_the_session_until_the_scenario_is_saved(db: ScenarioStore, snapshot) -> None:
    from ros.model import ledger

    note = "blijft in uw sessie: het wordt niet gedeeld en niet in de geschiedenis vastgelegd."
    assert note not in texts(_budget("lees@hengelo.nl", "Lia Lezer"))  # a lezer cannot edit it
    at = _budget("anna@enschede.nl", "Anna de Vries")
    assert note in texts(at)
    book = ledger.empty_ledger(dict(zip(snapshot["parties"]["id"], snapshot["parties"]["name"], strict=True)))
    book.loc[(book[ledger.PARTY] == "GM0141") & (book[ledger.YEAR] == 2025), "toegezegd"] = 51_000.0
    at.session_state["budget_ledger"] = book  # as if typed into the table
    at.run()
    assert not at.exception
    assert db.audit() == []  # the edit itself is nowhere shared
    at.switch_page(PAGE)
    at = save(at.run(), "Met kasboek")
    assert "Het scenario is opgeslagen." in texts(at)
    [entry] = db.audit()
    assert (entry.actor_name, entry.action) == ("Anna de Vries", "save")
    history = next(d.value for d in at.dataframe if "Wijziging" in d.value.columns)
    assert history["Wijziging"].tolist() == ["grootboek + GM0141 2025: toegezegd 51000.00"]


def test_many_scenarios_and_their_history_come_a_page_at_a_time(db: ScenarioStore) -> None:
    saved = [db.save(f"Scenario {n:02d}", "Anna", SETTINGS, sc.VERSION, actor=ANNA) for n in range(30)]
    for record in saved[:25]:
        db.update(record.id, sc.to_json(sc.Scenario(homes_total=80_000)), sc.VERSION, record.revision, actor=ANNA)
    at = choose(app("cor@regiotwente.nl", "Cor Coördinator"), saved[29].id)
    scenarios, history = at.dataframe[0].value, at.dataframe[-1].value
    assert scenarios["name"].tolist() == [f"Scenario {n:02d}" for n in range(29, 4, -1)]
    assert "Scenario's 1–25 van 30, nieuwste eerst." in [c.value for c in at.caption]
    assert len(history) == 50
    assert "Wijzigingen 1–50 van 55, nieuwste eerst. De downloads bevatten de nieuwste 5.000." in [
        c.value for c in at.caption
    ]
    at.selectbox(key="scenario_page").set_value(2).run()
    assert at.dataframe[0].value["name"].tolist() == [f"Scenario {n:02d}" for n in range(4, -1, -1)]
    picker = at.selectbox(key="scenario_choice")
    assert picker.value == saved[29].id  # the choice stays, though it is on the first page
    assert picker.options[-1] == "Scenario 29 — anna@enschede.nl"
    at.selectbox(key="audit_page").set_value(2).run()
    assert at.dataframe[-1].value["Wat"].tolist() == ["opgeslagen"] * 5
    db.delete(saved[0].id, actor=COR)  # fewer scenarios: the page still exists
    at.run()
    assert at.dataframe[0].value["name"].tolist() == [f"Scenario {n:02d}" for n in range(4, 0, -1)]
    assert not at.exception
