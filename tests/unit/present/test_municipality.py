"""ros.present.municipality: the plain-language briefing of one municipality, with the real snapshot."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from ros.base import format as fmt
from ros.data.snapshot import Snapshot
from ros.model import cost_sharing, municipality, targets
from ros.present import municipality as municipal_words
from ros.records import scenario
from tests.support.frames import cell
from tests.support.weights import weights_link

TODAY = date(2026, 11, 27)
OWN_WEIGHTS = {"GM0153": 3.5, "GM0164": 1.5}  # Enschede and Hengelo only; the other twelve get 0
WEIGHTS = weights_link(OWN_WEIGHTS)


@pytest.fixture(scope="module")
def default_result(region):
    return targets.recompute(region, scenario.DEFAULT.target_settings())


def texts_of(brief) -> str:
    parts = [brief.title, *brief.meta]
    for part in brief.sections:
        parts += [part.heading, *part.paragraphs, part.caption]
        for frame in (part.table, part.figure_table):
            if frame is not None:
                parts.append(" | ".join(map(str, frame.columns)))
                parts += [" | ".join(map(str, r)) for r in frame.itertuples(index=False)]
    return "\n".join(parts)


def test_briefing_in_dutch_names_scenario_data_figures_and_sources(snapshot, default_result):
    brief = municipal_words.briefing(snapshot, default_result, scenario.DEFAULT, "GM0153", TODAY, "nl")
    text = texts_of(brief)
    assert brief.title == "Mijn gemeente: Enschede"
    assert brief.lang == "nl"
    assert "**Scenario:** standaardscenario (uitgangspunten van het besluit)." in text
    assert (
        "inwoners en woningen op 1 januari 2024 (CBS); nieuwbouw 2012–2020 (CBS); mijlpalen stand per 27 november 2026"
    ) in text
    assert "In dit scenario bouwt **Enschede** daarvan **17.415** woningen. Dat is **25,2%** van het totaal." in text
    assert "gemiddeld **670 woningen per jaar**" in text
    assert "Per 1.000 inwoners zijn dat **107,7 nieuwe woningen**, ongeveer 4,1 per jaar." in text
    # one inhabitants figure, and what it means: the target share that counts (no projection beside it)
    assert (
        "**Inwoners:** Twente wil er meer dan 100.000 inwoners bij. Het deel van Enschede daarvan is "
        "**25.240 inwoners**. Dat is het doel dat voor de ROS telt"
    ) in text
    assert "+36.552" not in text
    assert "gemiddeld **396 woningen per jaar**. Het beste jaar was 2013, met 587 woningen." in text
    assert "Dat is **1,7× het gemiddelde van 2012–2020**." in text
    assert "dan is het doel klaar in **2069**." in text
    assert "Wat Enschede betaalt voor 2025–2026, is **onbekend**." in text
    assert "In dit scenario is geen totaalbudget ingevuld." in text
    assert "2026 | Product 1: ROS afgerond en voorgelegd in het BOL of BO MIRT van 2026 | ◇ verwacht" in text
    assert "onbekend | Product 2: uitvoeringsagenda (uitvoeringsprojecten en nader onderzoek) | ? geen datum" in text
    assert "Nieuwbouw vroeger (tempo, beste jaar) | CBS, Voorraad woningen en niet-woningen" in text
    assert "| 1 januari 2024" in text
    assert "| 2012–2020" in text
    # the yearly table: last year, its homes, added up, added up at the 2012–2020 pace
    assert "2050 | 669 | 17.415 | 10.290" in text
    assert [s.key for s in brief.sections] == [
        "share",
        "path",
        "pace",
        "money",
        "milestones",
        "council",
        "glossary",
        "sources",
    ]
    assert brief.sections[1].figure is not None
    assert brief.sections[1].figure.layout.title.text == "Enschede: nieuwe woningen opgeteld vanaf 2025"


def test_briefing_in_english_with_a_scenario_budget_for_almelo(snapshot, region):
    chosen = scenario.Scenario(homes_total=80_000, key="equal", budget_total=1_000_000)
    result = targets.recompute(region, chosen.target_settings())
    homes = int(cell(result.table().set_index("code"), "GM0141", "homes"))
    assert homes in (5_714, 5_715)  # 80.000 / 14
    brief = municipal_words.briefing(snapshot, result, chosen, "GM0141", TODAY, "en", scenario_name="Snel bouwen")
    text = texts_of(brief)
    assert brief.title == "My municipality: Almelo"
    assert '**Scenario:** "Snel bouwen" — own scenario' in text
    assert "80,000 more homes and 100,000 more residents; allocation key: Equal share per municipality" in text
    assert f"**Almelo** builds **{homes:,}** of them. That is **7.1%** of the total." in text
    assert "Almelo pays **€102,000** for 2025–2026. Status: decided." in text
    amount = chosen.sharing(cost_sharing.parties_for_keys(snapshot["parties"], snapshot["municipalities"])).amount_of(
        "GM0141"
    )
    assert amount == Decimal("115974.26")  # 1.000.000 × 74.317 / 640.806
    assert (
        "**Scenario, not a decision:** with a total budget of €1,000,000.00 and the cost-sharing key "
        "'Fixed shares + rest by inhabitants', Almelo would pay **€115,974.26**."
    ) in text


def test_no_homes_and_unknown_history_read_as_such(snapshot, region):
    cities = scenario.Scenario(key="stedelijk_netwerk")
    result = targets.recompute(region, cities.target_settings())
    borne = texts_of(municipal_words.briefing(snapshot, result, cities, "GM0147", TODAY, "nl"))
    assert "bouwt **Borne** daarvan **0** woningen" in borne
    assert "In dit scenario bouwt Borne geen woningen voor de ROS." in borne
    assert "× het gemiddelde" not in borne
    # Without Enschede's 2015 figure its history is unknown: 'onbekend', never a zero.
    construction = snapshot["new_construction"]
    gap = construction[~((construction["code"] == "GM0153") & (construction["year"] == 2015))]
    holed = Snapshot({**snapshot.tables, "new_construction": gap.reset_index(drop=True)})
    result = targets.recompute(targets.region_data(holed), scenario.DEFAULT.target_settings())
    facts = municipality.facts(result, "GM0153")
    assert pd.isna(facts.hist_average)
    assert facts.reached_year is None
    assert pd.isna(facts.pace_ratio)
    text = texts_of(municipal_words.briefing(holed, result, scenario.DEFAULT, "GM0153", TODAY, "nl"))
    assert "Hoeveel woningen Enschede in 2012–2020 bouwde, is **onbekend**." in text
    assert "2050 | 669 | 17.415 | onbekend" in text


@pytest.mark.usefixtures("snapshot")
def test_scenario_lines_name_the_scenario():
    assert municipal_words.scenario_lines(scenario.DEFAULT, "en")[0] == (
        "**Scenario:** default scenario (starting points of the decision)."
    )
    own = municipal_words.scenario_lines(replace_scenario(), "nl")
    assert own[0].startswith("**Scenario:** eigen scenario")
    assert "totaalbudget: € 250.000" in own[2]


def replace_scenario() -> scenario.Scenario:
    return scenario.Scenario(budget_total=250_000)


@pytest.mark.parametrize(
    "settings",
    [
        {"sleutel": "plan_total", "vorm": "s_curve", "doorkijk": "continue"},
        {"sleutel": "stedelijk_netwerk", "steden": 60, "vorm": "front", "startjaar": 2027, "eindjaar": 2040},
        {"sleutel": "custom", "gewichten": WEIGHTS, "doorkijk": "pace", "tempo": 500, "bewoning": -1},
    ],
)
def test_every_municipality_gets_a_briefing_whose_homes_add_up_to_the_total(snapshot, region, settings):
    chosen = scenario.Scenario(**settings)
    result = targets.recompute(region, chosen.target_settings())
    total = 0
    for code in region.codes:
        for lang in ("nl", "en"):
            brief = municipal_words.briefing(snapshot, result, chosen, code, TODAY, lang)
            facts = municipality.facts(result, code)
            homes = fmt.number(facts.homes, lang)
            assert f"**{homes}**" in brief.sections[0].paragraphs[0]
            path = brief.sections[1].figure_table
            assert path is not None
            assert path.iloc[-1, 0] == str(result.last_year)
        total += facts.homes
    assert total == chosen.homes_total


def _section(brief, key):
    return next(s for s in brief.sections if s.key == key)


def test_what_it_asks_of_the_council_of_hengelo(snapshot, default_result):
    brief = municipal_words.briefing(snapshot, default_result, scenario.DEFAULT, "GM0164", date(2026, 12, 1), "nl")
    council = _section(brief, "council")
    assert council.heading == "Wat vraagt dit van de raad van Hengelo?"
    decisions = council.table
    assert list(decisions.columns) == ["Besluit", "Wanneer", "Stand voor deze gemeente"]
    assert decisions["Besluit"].tolist() == [
        "Plan van aanpak",
        "Bijdrage 2025–2026",
        "Volmacht Hengelo",
        "ROS voorgelegd (BOL/BO MIRT 2026)",
        "ROS vastgesteld",
        "Uitvoeringsagenda",
        "Investeringsagenda",
    ]
    assert set(decisions["Stand voor deze gemeente"]) == {"onbekend"}  # no source documents Hengelo's decisions
    assert decisions["Wanneer"].tolist()[0] == "4 april 2025"
    assert decisions["Wanneer"].tolist()[-1] == "onbekend"
    text = "\n".join(council.paragraphs)
    assert "Voor geen van de 7 besluiten noemt een bron de stand voor Hengelo" in text
    assert (
        "10 juni 2025 – 11 juni 2025 · BO's Leefomgeving 2025: Enschede/Hengelo nieuwe grootschalige "
        "woningbouwlocatie (✓ gebeurd)"
    ) in text
    assert "26 september 2025 · Ontwerp-Nota Ruimte naar de Tweede Kamer" in text
    assert (
        "Voorbij zonder bevestiging in de gegevens: BO Leefomgeving 2026: mogelijk moment om de ROS voor te "
        "leggen (juni 2026"
    ) in text
    assert "BO MIRT 2026" in text
    assert "Tweede Kamer, Uitkomsten BO's Leefomgeving 2025 (2025D27614)" in council.caption


def test_almelo_reads_its_documented_decisions(snapshot, default_result):
    brief = municipal_words.briefing(snapshot, default_result, scenario.DEFAULT, "GM0141", date(2026, 12, 1), "nl")
    decisions = _section(brief, "council").table.set_index("Besluit")["Stand voor deze gemeente"]
    assert decisions["Plan van aanpak"] == "besloten"
    assert decisions["ROS vastgesteld"] == "onbekend"
    assert "Voor 6 van de 7 besluiten noemt een bron de stand voor Almelo" in _section(brief, "council").paragraphs[0]
    assert "Enschede/Hengelo" not in texts_of(brief).split("Wat vraagt dit")[1].split("Wat betekent")[0]


def test_the_glossary_and_the_cashier_role_in_plain_words(snapshot, default_result):
    hengelo = municipal_words.briefing(snapshot, default_result, scenario.DEFAULT, "GM0164", date(2026, 12, 1), "nl")
    glossary = _section(hengelo, "glossary").table
    assert glossary["Woord"].tolist() == [
        "BOSS",
        "BOL",
        "BO MIRT",
        "Verdeelsleutel",
        "Kassier en budgethouder",
        "Scenario",
    ]
    assert glossary.set_index("Woord").at["Scenario", "Betekenis"].endswith("Een scenario is geen besluit.")
    money = "\n".join(_section(hengelo, "money").paragraphs)
    assert "Wat Hengelo betaalt voor 2025–2026, is **onbekend**." in money
    assert (
        "Voor Hengelo betekent de rol van kassier: in 2025–2026 komen de bijdragen van de gemeenten, het "
        "waterschap en de provincie bij Hengelo binnen"
    ) in money
    assert "niet de eigen bijdrage van Hengelo" in money
    enschede = municipal_words.briefing(snapshot, default_result, scenario.DEFAULT, "GM0153", date(2026, 12, 1), "nl")
    assert "rol van kassier" not in "\n".join(_section(enschede, "money").paragraphs)
    # no web-only instruction in what is printed or written to the HTML file
    assert "pagina Budget" not in texts_of(hengelo)
    assert "Ctrl+P" not in texts_of(hengelo)
