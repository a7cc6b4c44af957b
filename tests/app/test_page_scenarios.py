"""AppTest: save, list, open, rename, duplicate, mark, delete and import scenarios; compare against a baseline."""

from __future__ import annotations

import json

import pytest

from ros.records import scenario as sc
from ros.records.scenario_store import ScenarioStore
from tests.support.app import run_app, texts
from tests.support.markdown import shown

PAGE, COMPARE = "app_pages/scenarios.py", "app_pages/vergelijken.py"


@pytest.fixture(autouse=True)
def own_database(tmp_path, monkeypatch) -> ScenarioStore:
    """Each test gets an empty scenario database."""
    path = tmp_path / "scenarios.db"
    monkeypatch.setenv("ROS_SCENARIO_DB", str(path))
    monkeypatch.delenv("ROS_SCENARIO_DB_URL", raising=False)
    return ScenarioStore(f"sqlite:///{path}")


def _save(at, name: str, author: str = "Planner"):
    inputs = {w.label: w for w in at.text_input}
    inputs["Naam van het scenario"].input(name)
    inputs["Uw naam"].input(author)
    next(b for b in at.button if b.label == "Opslaan").click()
    return at.run()


def test_the_current_scenario_is_described_and_shareable() -> None:
    at = run_app(PAGE, query={"woningen": "80000", "vorm": "s_curve"})
    assert not at.exception
    changed = at.dataframe[0].value
    assert changed["setting"].tolist() == ["Nieuwe woningen voor heel Twente", "Vorm van het bouwpad"]
    assert changed["value"].tolist() == ["80.000", "S-curve (op gang komen, piek halverwege, afbouwen)"]
    assert at.code[0].value == "doelen?woningen=80000&vorm=s_curve"


def test_save_open_rename_duplicate_mark_and_delete(own_database: ScenarioStore) -> None:
    at = _save(run_app(PAGE, query={"woningen": "80000"}), "Snel <b>bouwen</b>", "Planner A")
    assert "Het scenario is opgeslagen." in texts(at)
    [record] = own_database.list()
    assert record.payload is not None
    assert (record.name, record.author, record.payload["woningen"]) == ("Snel <b>bouwen</b>", "Planner A", 80_000)
    assert at.dataframe[1].value["name"].tolist() == ["Snel <b>bouwen</b>"]

    again = _save(at, "snel <b>bouwen</b> ")
    assert "Er bestaat al een scenario met de naam" in texts(again) or any("al" in e.value for e in again.error)
    assert len(own_database.list()) == 1

    at.text_input(key=f"rename_{record.id}").input("Versneld")
    next(b for b in at.button if b.label == "Naam wijzigen").click()
    at.run()
    assert own_database.get(record.id).name == "Versneld"

    next(b for b in at.button if b.label == "Dupliceren").click()
    at.run()
    assert sorted(r.name for r in own_database.list()) == ["Kopie van Versneld", "Versneld"]

    at.selectbox(key="scenario_choice").set_value(record.id)
    at.run()
    next(b for b in at.button if b.label == "Markeren als afgesproken basis").click()
    at.run()
    assert own_database.agreed() is None  # asked first
    assert "aanwijzen als de afgesproken basis voor iedereen?" in texts(at)
    next(b for b in at.button if b.label == "Ja, aanwijzen").click()
    at.run()
    agreed = own_database.agreed()
    assert agreed is not None
    assert agreed.id == record.id

    fresh = run_app(PAGE)
    fresh.selectbox(key="scenario_choice").set_value(record.id).run()
    next(b for b in fresh.button if b.label == "Openen").click()
    fresh.run()
    assert "Scenario ‘Versneld’ is geopend" in texts(fresh)
    fresh.switch_page("app_pages/doelen.py").run()
    assert fresh.text_input(key="woningen").value == "80.000"

    copy = next(r for r in own_database.list() if r.name.startswith("Kopie"))
    fresh.switch_page(PAGE).run()
    fresh.selectbox(key="scenario_choice").set_value(copy.id).run()
    next(b for b in fresh.button if b.label == "Verwijderen").click()
    fresh.run()
    assert len(own_database.list()) == 2
    assert "Scenario ‘Kopie van Versneld’ verwijderen?" in texts(fresh)
    next(b for b in fresh.button if b.label == "Ja, verwijderen").click()
    fresh.run()
    assert [r.name for r in own_database.list()] == ["Versneld"]


def test_a_stored_scenario_that_no_longer_validates_is_shown_not_dropped(own_database: ScenarioStore) -> None:
    old = own_database.save("Oud", "Planner", {"woningen": -1}, sc.VERSION)
    at = run_app(PAGE)
    at.selectbox(key="scenario_choice").set_value(old.id).run()
    assert at.dataframe[0].value["status"].tolist() == ["ongeldig"]
    assert any("kan niet worden geopend" in w.value for w in at.warning)
    assert next(b for b in at.button if b.label == "Openen").disabled


def test_import_a_scenario_file_and_refuse_a_broken_one(own_database: ScenarioStore) -> None:
    good = json.dumps(
        {
            "format": "ros-twente-scenario",
            "version": 1,
            "name": "Uit bestand",
            "author": "Collega",
            "created_at": "2026-11-01T10:00:00+00:00",
            "settings": {"woningen": 72000, "vorm": "back"},
        }
    )
    at = run_app(PAGE)
    at.file_uploader(key="scenario_upload").upload("scenario.json", good.encode(), "application/json").run()
    assert "Scenario ‘Uit bestand’ van Collega is gecontroleerd" in texts(at)
    next(b for b in at.button if b.label == "Opslaan in de lijst").click()
    at.run()
    assert [r.name for r in own_database.list()] == ["Uit bestand"]

    bad = run_app(PAGE, query={"woningen": "81000"})
    bad.file_uploader(key="scenario_upload").upload("kapot.json", b"{niet: json", "application/json").run()
    [error] = bad.error
    assert shown(error.value) == (
        "Het bestand kapot.json is niet ingelezen. Het bestand is geen geldige "
        "JSON (fout op regel 1); het is misschien "
        "beschadigd of met de hand bewerkt. Uw huidige instellingen zijn niet veranderd."
    )
    assert bad.code[0].value == "doelen?woningen=81000"


def test_compare_the_agreed_baseline_with_the_current_scenario(own_database: ScenarioStore) -> None:
    record = own_database.save("Basis", "BOSS", sc.to_json(sc.Scenario(homes_total=70_000)), sc.VERSION)
    own_database.mark_agreed(record.id)
    at = run_app(COMPARE, query={"woningen": "80000"})
    assert not at.exception
    assert "afgesproken basis ‘Basis’" in texts(at)
    changes = at.dataframe[0].value
    assert changes.to_dict("records") == [
        {"setting": "Nieuwe woningen voor heel Twente", "base": "70.000", "other": "80.000"}
    ]
    key_figures = at.table[0].value.set_index("Kerncijfer")
    assert list(key_figures.loc["Nieuwe woningen tot het doeljaar (doel)"]) == ["70.000", "80.000", "+10.000"]
    table = at.dataframe[1].value
    assert table["homes_delta"].iloc[-1] == "+10.000"
    assert table["name"].iloc[-1] == "Twente"


def test_compare_the_default_with_itself_says_so() -> None:
    at = run_app(COMPARE, query={"lang": "en"})
    assert "Both scenarios have the same settings" in texts(at)
    assert "the default scenario of the decision" in texts(at)


def test_compare_reads_only_the_chosen_saved_scenario_and_names_a_broken_one(own_database: ScenarioStore) -> None:
    good = own_database.save("Hoger", "Planner", sc.to_json(sc.Scenario(homes_total=75_000)), sc.VERSION)
    broken = own_database.save("Oud", "Planner", {"woningen": -1}, sc.VERSION)
    newer = own_database.save("Toekomst", "Planner", {}, sc.VERSION + 1)
    assert own_database.names(sc.VERSION) == {broken.id: "Oud", good.id: "Hoger"}  # no settings read
    assert newer.id in own_database.names()
    at = run_app(COMPARE, query={"vergelijk": good.id})
    assert not at.exception
    assert list(at.table[0].value.set_index("Kerncijfer").loc["Nieuwe woningen tot het doeljaar (doel)"]) == [
        "69.000",
        "75.000",
        "+6.000",
    ]
    at.selectbox(key="vergelijk").set_value(broken.id).run()
    assert not at.exception
    assert any(w.value.startswith("Scenario ‘Oud’ kan niet worden geopend.") for w in at.warning)
    assert "Beide scenario's hebben dezelfde instellingen" in texts(at)  # the current one is compared instead


def test_compare_two_saved_scenarios_changes_nothing_shared(own_database: ScenarioStore) -> None:
    lower = own_database.save("Lager", "Planner", sc.to_json(sc.Scenario(homes_total=65_000)), sc.VERSION)
    higher = own_database.save("Hoger", "Planner", sc.to_json(sc.Scenario(homes_total=75_000)), sc.VERSION)
    history = own_database.audit_count()
    at = run_app(COMPARE, query={"basis": lower.id, "vergelijk": higher.id})
    assert not at.exception
    assert list(at.table[0].value.set_index("Kerncijfer").loc["Nieuwe woningen tot het doeljaar (doel)"]) == [
        "65.000",
        "75.000",
        "+10.000",
    ]
    at.selectbox(key="basis").set_value("standaard").run()
    assert list(at.table[0].value.set_index("Kerncijfer").loc["Nieuwe woningen tot het doeljaar (doel)"]) == [
        "69.000",
        "75.000",
        "+6.000",
    ]
    assert own_database.audit_count() == history  # nothing logged
    assert own_database.agreed() is None  # and nobody's baseline changed
