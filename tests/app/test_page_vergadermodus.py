"""The Vergadermodus page through app.py (AppTest): stepping with Vorige/Volgende, the step in the URL, and the
scenario and data date on every view."""

from __future__ import annotations

import pytest

from tests.support.app import run_app, texts
from tests.support.markdown import shown

PAGE = "app_pages/vergadermodus.py"
DATA_DATE = "**Gegevens:** CBS per 1 januari 2024; inwoners per 1 januari 2026 (voorlopig); mijlpalen per"


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_opens_on_the_headline_figures_with_scenario_and_data_date():
    at = run_app(PAGE)
    assert not at.exception
    shown = texts(at)
    assert "## 1 / 6 · Kerncijfers" in shown
    assert "ROS Twente in cijfers" in shown
    assert "**Scenario:** standaardscenario (besluit)" in shown
    assert DATA_DATE in shown
    values = metrics(at)
    assert values["Nieuwe woningen tot 2050"] == "≥ 69.000"
    assert values["Woningen per jaar nodig, gemiddeld 2025–2050"] == "2.654"
    assert values["Inwoners op 1 januari 2026"] == "646.449"
    assert values["Woningen gebouwd sinds 2024"] == "onbekend"
    assert values["Budget ROS 2025–2026, bekend"] == "≥ € 102.000"
    assert at.button(key="meeting_previous").disabled
    assert not at.button(key="meeting_next").disabled
    assert "dia" not in at.query_params  # the first view keeps the link short


def test_volgende_and_vorige_step_through_all_views_and_keep_the_step_in_the_url():
    at = run_app(PAGE)
    headings = []
    for step in range(2, 7):
        at.button(key="meeting_next").click().run()
        assert not at.exception
        assert at.query_params["dia"] == str(step)
        shown = texts(at)
        assert f"## {step} / 6 · " in shown
        assert "**Scenario:** standaardscenario (besluit)" in shown
        assert DATA_DATE in shown
        headings.append(at.title[0].value)
    assert headings == [
        "Nieuwe woningen per gemeente",
        "Welk bouwtempo is nodig?",
        "Budget voor het opstellen van de ROS",
        "De volgende mijlpalen",
        "Liggen we op koers?",
    ]
    assert at.button(key="meeting_next").disabled
    at.button(key="meeting_previous").click().run()
    at.button(key="meeting_previous").click().run()
    assert at.query_params["dia"] == "4"
    assert "## 4 / 6 · Budget" in texts(at)


def test_a_link_opens_its_step():
    at = run_app(PAGE, {"dia": "3"}, alt_vergadermodus_tempo=True)
    assert "## 3 / 6 · Tempo" in texts(at)
    values = metrics(at)
    assert values["Tempo nodig t.o.v. 2012–2020"] == "1,6×"
    assert values["Doel bereikt in het tempo van 2012–2020"] == "2067"
    assert len(at.get("plotly_chart")) == 1
    alternative = at.table[0].value.set_index("Gemeente")  # the chart's table alternative
    assert list(alternative.loc["Enschede"]) == ["670", "396", "1,7×"]


def test_a_bad_step_in_the_link_falls_back_to_the_first_view_with_a_notice():
    at = run_app(PAGE, {"dia": "9"})
    assert not at.exception
    assert "## 1 / 6 · Kerncijfers" in texts(at)
    assert any("dia=9" in shown(w.value) for w in at.warning)


def test_the_map_view_lists_the_homes_per_municipality():
    at = run_app(PAGE, {"dia": "2"})
    assert len(at.get("plotly_chart")) == 1
    table = at.table[0].value
    assert table.iloc[0].tolist() == ["Enschede", "17.415", "25,2%"]
    assert table.iloc[-1].tolist() == ["Twente", "69.000", "100,0%"]
    assert "**aanname**" in texts(at)


@pytest.mark.parametrize("step", [1, 2, 3, 4, 5])
def test_a_shared_scenario_is_named_on_every_view(step):
    at = run_app(
        PAGE, {"dia": str(step), "woningen": "80000", "sleutel": "stedelijk_netwerk", "totaalbudget": "300000"}
    )
    assert not at.exception
    shown = texts(at)
    assert (
        "**Scenario (aanname, geen besluit):** Woningen tot het eindjaar: 80.000; Verdeelsleutel woningen: "
        "Stedelijk netwerk (Rijk, 12-11-2024); Totaalbudget: € 300.000"
    ) in shown
    assert DATA_DATE in shown


def test_budget_view_says_what_matters_in_one_line_with_and_without_a_scenario_total():
    at = run_app(PAGE, {"dia": "4", "stand": "2026-12-01"})
    assert len(at.get("plotly_chart")) == 0  # no more 17 bars of which 16 read 'onbekend'
    assert (
        "## **1 van 17** bijdragen bekend: **€ 102.000** (Almelo). De budgetperiode eindigt op **31-12-2026**, "
        "over 30 dagen: **wat daarna?** Geen bron noemt budget of afspraken na die datum."
    ) in texts(at)
    assert at.info[0].value.startswith("Dit scenario heeft geen totaalbudget")
    assert metrics(at)["Kassier en budgethouder"] == "Hengelo"
    at = run_app(PAGE, {"dia": "4", "stand": "2027-01-04"})
    assert "De budgetperiode is geëindigd op **31-12-2026**: **wat daarna?**" in texts(at)
    at = run_app(PAGE, {"dia": "4", "totaalbudget": "300000", "vast_rijk": "20"}, alt_vergadermodus_bijdragen=True)
    assert len(at.get("plotly_chart")) == 1
    assert at.table[0].value.set_index("Partij").loc["Rijk", "Bijdrage (scenario)"] == "€ 60.000,00"
    assert "**Scenario, geen besluit**: Vaste aandelen + rest naar inwoners, totaal € 300.000,00." in texts(at)


def test_milestones_view_on_a_chosen_day():
    at = run_app(PAGE, {"dia": "5", "stand": "2026-03-01"})
    shown = texts(at)
    assert "mijlpalen per 1 maart 2026" in shown
    assert "Stand per: 1 maart 2026" in shown
    assert metrics(at)["Eerstvolgende"] == "17 dagen"
    assert "#### ○ gepland · Gemeenteraadsverkiezingen in alle 14 gemeenten" in shown
    assert "**gemeenteraad betrokken**" in shown


def test_english():
    at = run_app(PAGE, {"dia": "3", "lang": "en"})
    shown = texts(at)
    assert "## 3 / 6 · Pace" in shown
    assert "What building pace is needed?" in shown
    assert "**Scenario:** default scenario (decision)" in shown
    assert "**Data:** CBS as of 1 January 2024; residents as of 1 January 2026 (provisional)" in shown
    assert metrics(at)["Homes a year needed, average 2025–2050"] == "2,654"


def test_the_pace_from_now_stands_next_to_the_plan_figure():
    at = run_app(PAGE, {"stand": "2026-12-01"})
    card = next(m for m in at.metric if m.label == "Woningen per jaar nodig, gemiddeld 2025–2050")
    assert card.value == "2.654"
    assert "1,6× het gemiddelde van 2012–2020. Vanaf nu: ten hoogste 2.865 per jaar (gebouwd sinds 2025: onbekend)" in [
        m.value for m in at.markdown
    ]


def test_progress_step_says_why_the_ratio_is_unknown_with_the_shipped_snapshot():
    at = run_app(PAGE, {"dia": "6"})
    assert not at.exception
    shown = texts(at)
    assert "## 6 / 6 · Voortgang" in shown
    assert "Liggen we op koers?" in shown
    assert (
        "## Leveringsratio: onbekend — de realisatie sinds 2025 staat nog niet in de gegevens (CBS tot en met 2020)."
    ) in shown
    assert not at.metric
