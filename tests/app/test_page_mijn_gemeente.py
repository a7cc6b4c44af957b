"""AppTest of the Mijn gemeente page: the municipality picker, the figures under the session's scenario (from a
link), the budget contribution, the council's milestones, both languages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from ros.model import cost_sharing, targets
from ros.records import scenario
from tests.support.app import APP, texts
from tests.support.frames import cell

PAGE = "app_pages/mijn_gemeente.py"


def open_page(query: dict[str, str] | None = None, path_table: bool = True) -> AppTest:
    """Run app.py once (st.Page hashes its url_path 'mijn-gemeente', which AppTest learns from a first run), then
    switch to the page, with the table under the path chart opened (or not)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.session_state["alt_mijn_gemeente_path"] = path_table
    return at.switch_page(PAGE).run()


def tables(at: AppTest) -> list:
    return [t.value for t in at.table]


@pytest.fixture(scope="module")
def enschede():
    return open_page({"gemeente": "GM0153"})


def test_without_a_municipality_the_page_points_to_the_one_picker_in_the_sidebar():
    at = open_page()
    assert not at.exception
    assert "Kies in de zijbalk links uw gemeente." in texts(at)
    assert not at.header  # nothing about a municipality yet
    assert [s.key for s in at.selectbox] == ["gemeente"]  # one municipality picker, not two
    at.selectbox(key="gemeente").set_value("GM0141").run()
    assert at.session_state["gemeente"] == "GM0141"  # the sidebar's key: the choice holds on every page
    assert at.selectbox(key="gemeente").value == "GM0141"
    assert at.query_params["gemeente"] == "GM0141"
    text = texts(at)
    assert "Mijn gemeente: Almelo" in text
    assert "Almelo betaalt **€ 102.000** voor 2025–2026. Status: besloten." in text


def test_enschede_under_the_default_scenario(enschede):
    assert not enschede.exception
    text = texts(enschede)
    assert [t.value for t in enschede.title] == ["Mijn gemeente: Enschede"]  # one heading, not "Mijn gemeente" twice
    assert [s.value for s in enschede.header] == [
        "Uw deel van de doelen",
        "Het bouwpad per jaar",
        "Het tempo: nu en vroeger",
        "Geld voor het maken van de ROS",
        "Wat komt eraan voor de raad",
        "Wat vraagt dit van de raad van Enschede?",
        "Wat betekent…",
        "Bronnen en peildata",
    ]
    assert "**Scenario:** standaardscenario (uitgangspunten van het besluit)." in text
    assert "In dit scenario bouwt **Enschede** daarvan **17.415** woningen. Dat is **25,2%** van het totaal." in text
    assert "gemiddeld **670 woningen per jaar**, van 2025 tot en met 2050" in text
    assert "Dat is **1,7× het gemiddelde van 2012–2020**." in text
    assert "dan is het doel klaar in **2069**." in text
    assert "Wat Enschede betaalt voor 2025–2026, is **onbekend**." in text
    assert "Afdrukken: gebruik Ctrl+P" in text
    yearly, milestones, _decisions, _glossary, sources = tables(enschede)
    assert list(yearly.iloc[-1]) == ["2050", "669", "17.415", "10.290"]
    assert list(milestones.iloc[1]) == [
        "2026",
        "Product 1: ROS afgerond en voorgelegd in het BOL of BO MIRT van 2026",
        "◇ verwacht",
    ]
    assert list(sources.columns) == ["Cijfer", "Bron", "Peildatum"]
    assert "1 januari 2024" in list(sources["Peildatum"])
    assert len(enschede.get("plotly_chart")) == 1
    button = enschede.get("download_button")
    assert len(button) == 1
    assert button[0].proto.label == "Download als HTML-bestand"


def test_a_shared_link_with_a_scenario_changes_the_figures_and_the_scenario_contribution(region, snapshot):
    at = open_page(
        {
            "gemeente": "GM0153",
            "woningen": "80000",
            "sleutel": "equal",
            "totaalbudget": "1000000",
            "stand": "2025-04-01",
        }
    )
    assert not at.exception
    chosen = scenario.Scenario(homes_total=80_000, key="equal", budget_total=1_000_000)
    table = targets.recompute(region, chosen.target_settings()).table()
    homes = int(cell(table.set_index("code"), "GM0153", "homes"))
    assert homes in (5_714, 5_715)
    text = texts(at)
    assert "**Scenario:** eigen scenario" in text
    assert f"bouwt **Enschede** daarvan **{homes:_}** woningen. Dat is **7,1%**".replace("_", ".") in text
    amount = chosen.sharing(cost_sharing.parties_for_keys(snapshot["parties"], snapshot["municipalities"])).amount_of(
        "GM0153"
    )
    assert amount == Decimal("252397.76")  # 1.000.000 × 161.738 / 640.806
    assert (
        "**Scenario, geen besluit:** bij een totaalbudget van € 1.000.000,00 en de verdeelsleutel "
        "'Vaste aandelen + rest naar inwoners' zou Enschede **€ 252.397,76** betalen."
    ) in text
    # the scenario's 'stand per' date: on 1 April 2025 the municipal elections of 2026 still lie ahead
    assert "Stand per 1 april 2025." in text
    whats = list(tables(at)[1]["Wat"])
    assert "Gemeenteraadsverkiezingen in alle 14 gemeenten" in whats
    assert not any("Almelo" in w for w in whats)  # Almelo's own council session is not Enschede's


def test_english_page():
    at = open_page({"gemeente": "GM0141", "lang": "en"})
    assert not at.exception
    text = texts(at)
    assert [t.value for t in at.title] == ["My municipality: Almelo"]
    assert "In this scenario **Almelo** builds **8,002** of them. That is **11.6%** of the total." in text
    assert "Almelo pays **€102,000** for 2025–2026. Status: decided." in text
    assert "To print: press Ctrl+P" in text
    assert list(tables(at)[-1].columns) == ["Figure", "Source", "Reference date"]
