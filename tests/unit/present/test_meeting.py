"""ros.present.meeting: what each Vergadermodus view says, with the real snapshot."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ros.base.i18n import section
from ros.model import cost_sharing, targets
from ros.model import meeting as presentation
from ros.model import region as region_model
from ros.present import meeting
from ros.records import scenario
from ros.records.scenario import LedgerEntry, Scenario


def result_for(region, chosen: Scenario) -> targets.TargetResult:
    return targets.recompute(region, chosen.target_settings())


# --- scenario and data date ---------------------------------------------------------------------------------------


def test_default_scenario_is_named_as_the_decision():
    assert meeting.scenario_settings(scenario.DEFAULT, "nl") == []
    assert meeting.scenario_text(scenario.DEFAULT, "nl") == "**Scenario:** standaardscenario (besluit)"
    assert meeting.scenario_text(scenario.DEFAULT, "en") == "**Scenario:** default scenario (decision)"


def test_changed_settings_are_listed_in_words():
    chosen = Scenario(
        homes_total=80_000,
        key="stedelijk_netwerk",
        city_share=80,
        budget_total=300_000,
        fixed_rijk=20,
        occupancy_change=-0.5,
        stand="2026-03-01",
    )
    assert meeting.scenario_settings(chosen, "nl") == [
        "Woningen tot het eindjaar: 80.000",
        "Verdeelsleutel woningen: Stedelijk netwerk (Rijk, 12-11-2024)",
        "Deel voor Enschede, Hengelo en Almelo: 80,0%",
        "Verandering bewoning: -0,5% per jaar",
        "Vast aandeel Rijk: 20,0%",
        "Totaalbudget: € 300.000",
        "Stand per: 1 maart 2026",
    ]
    text = meeting.scenario_text(chosen, "en")
    assert text.startswith("**Scenario (assumption, not decided):** Homes by the end year: 80,000; ")
    assert "Total budget: €300,000" in text
    assert "Status as of: 1 March 2026" in text


def test_other_settings_in_words():
    chosen = Scenario(
        shape="s_curve",
        outlook="pace",
        outlook_pace=1500,
        start_year=2027,
        end_year=2045,
        cost_key="gelijk",
        budget_total=1234.5,
    )
    lines = meeting.scenario_settings(chosen, "nl")
    assert "Bouwpad: S-curve (op gang komen, piek halverwege, afbouwen)" in lines
    assert "Na het eindjaar: Door in een zelfgekozen tempo" in lines
    assert "Tempo na het eindjaar (woningen per jaar): 1.500" in lines
    assert "Startjaar: 2027" in lines
    assert "Eindjaar: 2045" in lines  # years without a thousands point
    assert "Verdeelsleutel budget: Gelijke delen (1/17)" in lines
    assert "Totaalbudget: € 1.234,50" in lines


def test_ledger_entries_count_as_a_change():
    chosen = Scenario(ledger_entries=[LedgerEntry(party="GM0141", year=2025, toegezegd=51_000)])
    assert meeting.scenario_settings(chosen, "nl") == ["Kasboek: 1 ingevulde regels"]


def test_a_chosen_stand_date_is_a_change_and_today_is_not():
    assert meeting.scenario_settings(Scenario(stand=None), "nl") == []
    assert meeting.scenario_settings(Scenario(stand=date(2026, 3, 1)), "nl") == ["Stand per: 1 maart 2026"]


def test_data_date_names_every_reference_date(snapshot):
    text = meeting.data_date_text(region_model.standing(snapshot), date(2026, 3, 1), "nl")
    assert text == (
        "**Gegevens:** CBS per 1 januari 2024; inwoners per 1 januari 2026 (voorlopig); mijlpalen per 1 maart 2026"
    )


# --- headline figures, map and pace -------------------------------------------------------------------------------


def test_headline_facts_of_the_default_scenario(snapshot, region):
    facts = meeting.headline_facts(snapshot, result_for(region, scenario.DEFAULT), "nl")
    assert list(facts) == ["targets", "standing", "money"]
    values = {f.label: (f.value, f.note) for group in facts.values() for f in group}
    assert values["Nieuwe woningen tot 2050"] == ("≥ 69.000", "Uit het besluit (Almelo, 2025).")
    assert values["Extra inwoners tot 2050"] == ("> 100.000", "Uit het besluit (Almelo, 2025).")
    # 69.000 homes over the 26 years 2025–2050 = 2.653,8 a year, 1,6× the 1.633 a year of 2012–2020
    assert values["Woningen per jaar nodig, gemiddeld 2025–2050"] == ("2.654", "1,6× het gemiddelde van 2012–2020")
    # CBS: 646.449 (1-1-2026, provisional) − 640.806 (1-1-2024) = +5.643, 5,6% of 100.000
    assert values["Inwoners op 1 januari 2026"][0] == "646.449"
    assert values["Inwoners op 1 januari 2026"][1].startswith("+5.643 sinds 1 januari 2024 (voorlopig): 5,6% van")
    assert values["Woningen op 1 januari 2024"][0] == "288.025"
    assert values["Woningen gebouwd sinds 2024"][0] == "onbekend"  # never 0
    assert values["Budget ROS 2025–2026, bekend"][0] == "≥ € 102.000"
    assert values["Bijdragen met onbekend bedrag"][0] == "16 van 17"


def test_headline_facts_show_the_scenario_figures_next_to_the_decision(snapshot, region):
    chosen = Scenario(homes_total=80_000, end_year=2040)
    facts = meeting.headline_facts(snapshot, result_for(region, chosen), "nl")["targets"]
    assert facts[0].value == "≥ 69.000"  # the decision's target stays what the decision says
    assert facts[0].note == "Scenario: 80.000 in 2025–2040."
    assert facts[1].note == "Uit het besluit (Almelo, 2025)."
    assert facts[2].label == "Woningen per jaar nodig, gemiddeld 2025–2040"
    assert facts[2].value == "5.000"  # 80.000 / 16


def test_pace_facts_for_twente(region):
    facts = meeting.pace_facts(result_for(region, scenario.DEFAULT), "nl")
    assert [(f.value) for f in facts] == ["2.654", "1.633", "1,6×", "2067"]
    assert facts[1].note == "Beste jaar: 2.041 (2019)."
    assert facts[3].note == "In plaats van 2050."


def test_pace_rows_are_the_14_municipalities_by_ratio(region):
    rows = presentation.pace_rows(meeting.shown_table(result_for(region, scenario.DEFAULT), "nl"))
    assert len(rows) == 14
    assert "twente" not in set(rows["code"])
    assert list(rows["pace_ratio_short_text"].iloc[[0, -1]]) == ["0,9×", "2,3×"]
    assert list(rows["name"].iloc[[0, -1]]) == ["Borne", "Oldenzaal"]
    enschede = rows[rows["name"] == "Enschede"].iloc[0]
    assert (enschede["per_year_text"], enschede["hist_average_text"]) == ("670", "396")


def test_homes_list_most_first_then_twente(region):
    shown = meeting.shown_table(result_for(region, scenario.DEFAULT), "nl")
    listed = meeting.homes_list(shown)
    assert len(listed) == 15
    assert listed.iloc[0].tolist() == ["Enschede", "17.415", "25,2%"]
    assert listed.iloc[-1].tolist() == ["Twente", "69.000", "100,0%"]
    assert presentation.map_rows(shown)["homes"].sum() == 69_000


def test_key_note_marks_the_split_as_an_assumption(region):
    note = meeting.key_note(result_for(region, Scenario(key="dwellings")), "nl")
    assert note.startswith("Verdeling over de gemeenten: Naar woningvoorraad (1-1-2024) — **aanname**")


# --- budget -------------------------------------------------------------------------------------------------------


def test_budget_facts(snapshot):
    facts = meeting.budget_facts(snapshot, "nl")
    assert [f.value for f in facts] == ["≥ € 102.000", "1 van 17", "16 van 17", "Hengelo"]
    assert facts[0].note == "ten minste € 102.000 bekend; 16 bijdragen onbekend"


def test_contribution_rows_keep_unknown_unknown(snapshot):
    rows = meeting.contribution_rows(snapshot, "nl")
    assert len(rows) == 17
    almelo = rows[rows["name"] == "Almelo"].iloc[0]
    assert (almelo["amount"], almelo["amount_text"]) == (102_000.0, "€ 102.000")
    unknown = rows[rows["name"] != "Almelo"]
    assert unknown["amount"].isna().all()
    assert set(unknown["amount_text"]) == {"onbekend"}


def sharing(snapshot, chosen):
    return chosen.sharing(cost_sharing.parties_for_keys(snapshot["parties"], snapshot["municipalities"]))


def test_scenario_contribution_needs_a_total(snapshot):
    none = sharing(snapshot, scenario.DEFAULT)
    assert none.allocation is None
    assert none.total is None
    assert meeting.contribution_reason(none, "nl").startswith("Dit scenario heeft geen totaalbudget")
    custom = sharing(snapshot, Scenario(cost_key="eigen", budget_total=1000))
    assert custom.allocation is None
    assert "eigen gewichten" in meeting.contribution_reason(custom, "nl")


def test_scenario_contribution_splits_the_total_to_the_cent(snapshot):
    chosen = Scenario(budget_total=300_000, fixed_rijk=20)
    result = sharing(snapshot, chosen)
    amounts = dict(zip(result.allocation["name"], result.allocation["amount"], strict=True))
    assert result.total == Decimal("300000.00")
    assert amounts["Rijk"] == Decimal("60000.00")
    assert amounts["Provincie Overijssel"] == Decimal("0.00")
    assert sum(amounts.values()) == Decimal("300000.00")


# --- milestones ---------------------------------------------------------------------------------------------------


def test_milestones_before_the_elections(snapshot):
    labels = section("nl", "milestones")
    items = meeting.milestone_items(snapshot["milestones"], date(2026, 3, 1), "nl", labels)
    assert len(items) == presentation.MILESTONE_COUNT
    first = items[0]
    assert first.title == "Gemeenteraadsverkiezingen in alle 14 gemeenten"
    assert (first.when, first.status, first.council) == ("18 maart 2026", "○ gepland", True)
    assert first.source_id == "kiesraad_gr2026"
    assert not any(i.status.startswith("✓") for i in items)  # nothing that has happened
    fact = meeting.next_fact(snapshot["milestones"], date(2026, 3, 1), "nl")
    assert fact.value == "17 dagen"
    assert fact.note.startswith("Gemeenteraadsverkiezingen in alle 14 gemeenten — 18 maart")


def test_milestones_late_in_2026_show_overdue_and_undated(snapshot):
    labels = section("nl", "milestones")
    items = meeting.milestone_items(snapshot["milestones"], date(2026, 11, 27), "nl", labels)
    assert [i.status for i in items] == [
        "! over tijd, onbevestigd",
        "◇ verwacht",
        "◇ verwacht",
        "? geen datum",
        "? geen datum",
    ]
    assert items[0].title.startswith("BO Leefomgeving 2026")
    assert items[-1].when == "onbekend"


def test_on_1_december_2026_the_meeting_view_gives_no_countdown_for_the_ros(snapshot):
    fact = meeting.next_fact(snapshot["milestones"], date(2026, 12, 1), "nl")
    assert fact.value == "niet bevestigd"
    assert fact.note == (
        "Verwacht in 2026; BOL 2026 en BO MIRT 2026 zijn voorbij zonder bevestiging. "
        "Product 1: ROS afgerond en voorgelegd in het BOL of BO MIRT van 2026 — 2026 (◇ verwacht)"
    )


def test_no_next_milestone_after_the_horizon(snapshot):
    fact = meeting.next_fact(snapshot["milestones"], date(2099, 1, 1), "nl")
    assert fact.value == "onbekend"
    assert fact.note == "Geen gedateerde mijlpaal meer na deze datum."


# --- what the page draws ------------------------------------------------------------------------------------------


def test_the_page_pieces_carry_headers_labels_and_values(snapshot, region):
    result = result_for(region, scenario.DEFAULT)
    shown = meeting.shown_table(result, "nl")
    homes = meeting.homes_table(shown, "nl")
    assert list(homes.columns) == ["Gemeente", "Woningen", "Aandeel"]
    assert homes.iloc[-1].tolist() == ["Twente", "69.000", "100,0%"]
    figure = meeting.map_figure(shown, None, result, "nl")
    assert "Nieuwe woningen per gemeente, 2025–2050" in figure.layout.title.text
    assert figure.layout.font.size == 20
    rows = presentation.pace_rows(shown)
    table = meeting.pace_table(rows, "en")
    assert next(iter(table.columns)) == "Municipality"
    assert len(table) == 14
    pace = meeting.pace_figure(rows, result, "nl")
    assert list(pace.data[0].x) == list(rows["per_year"])
    parties = cost_sharing.parties_for_keys(snapshot["parties"], snapshot["municipalities"])
    split = Scenario(budget_total=1_734_000, cost_key="gelijk").sharing(parties)
    assert split.allocation is not None
    assert meeting.contribution_note(split, "nl").startswith("**Scenario, geen besluit**: Gelijke delen (1/17)")
    parts = meeting.contribution_table(split.allocation, "nl")
    assert list(parts.columns) == ["Partij", "Soort", "Aandeel", "Bijdrage (scenario)"]
    assert parts.iloc[3].tolist() == ["Almelo", "Gemeente", "5,88%", "€ 102.000,00"]
    bars = meeting.contribution_figure(split.allocation, "nl")
    assert len(bars.data[0].y) == 17


def test_an_open_milestone_reads_as_two_lines(snapshot):
    [first, *_] = meeting.milestone_items(snapshot["milestones"], date(2026, 3, 1), "nl", section("nl", "milestones"))
    assert meeting.milestone_line(first, "nl") == (
        "#### ○ gepland · Gemeenteraadsverkiezingen in alle 14 gemeenten\n"
        "18 maart 2026 · Gemeenteraad, Alle gemeenten · **gemeenteraad betrokken**"
    )
