"""ros.present.milestones: dates, statuses, the list, the gate matrix and the next-milestone card in words — a countdown
only while it is honest (day fixed, through the public functions)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from ros.base.i18n import section
from ros.model import milestones as ms
from ros.present import milestones as milestone_words
from ros.present.milestones import joined, next_milestone_card

TODAY = date(2026, 11, 27)
NL = section("nl", "milestones")


@pytest.fixture(scope="module")
def frame(snapshot) -> pd.DataFrame:
    return snapshot["milestones"]


def test_on_1_december_2026_the_ros_is_next_but_both_venues_have_passed(
    snapshot,
) -> None:
    frame = snapshot["milestones"]
    upcoming = ms.next_milestone(frame, date(2026, 12, 1))
    assert upcoming is not None
    assert upcoming.id == "ros"
    assert upcoming.days_remaining == 30
    assert upcoming.venues == ("bol_2026", "bo_mirt_2026")
    assert upcoming.venues_passed == ("bol_2026", "bo_mirt_2026")
    assert upcoming.venues_missed
    card = next_milestone_card(upcoming, frame, "nl")
    assert card.value is None
    assert card.delta is None
    assert card.notice == "Verwacht in 2026; BOL 2026 en BO MIRT 2026 zijn voorbij zonder bevestiging."
    assert card.title == "Product 1: ROS afgerond en voorgelegd in het BOL of BO MIRT van 2026"
    assert card.when == "2026"
    assert card.status == "◇ verwacht"
    english = next_milestone_card(upcoming, frame, "en")
    assert english.notice == "Expected in 2026; BOL 2026 and BO MIRT 2026 have passed without confirmation."


def test_while_a_venue_is_ahead_the_card_counts_down(snapshot) -> None:
    frame = snapshot["milestones"]
    upcoming = ms.next_milestone(frame, date(2026, 11, 27))
    assert upcoming is not None
    assert upcoming.id == "bo_mirt_2026"
    assert not upcoming.venues_missed
    card = next_milestone_card(upcoming, frame, "nl")
    assert (card.value, card.delta, card.notice) == (
        "3 dagen",
        "venster sluit over 3 dagen",
        None,
    )
    assert card.when == "september 2026 – november 2026, aanname"


def test_one_venue_passed_is_not_yet_all_of_them(snapshot) -> None:
    frame = snapshot["milestones"]
    table = ms.timeline(frame, date(2026, 8, 1)).set_index("id")
    assert table.at["bol_2026", "status"] == "overdue"
    assert table.at["bo_mirt_2026", "status"] == "tentative"
    upcoming = ms.next_milestone(frame, date(2026, 8, 1))
    assert upcoming is not None
    assert upcoming.id == "bo_mirt_2026"
    card = next_milestone_card(upcoming, frame, "nl")
    assert card.value == "31 dagen"
    assert card.delta == "begint over 31 dagen"


def test_one_day_is_singular(snapshot) -> None:
    frame = snapshot["milestones"]
    upcoming = ms.next_milestone(frame, date(2026, 3, 17))
    assert upcoming is not None
    card = next_milestone_card(upcoming, frame, "en")
    assert (card.value, card.delta, card.title) == (
        "1 day",
        "starts in 1 day",
        "Municipal elections in all 14 municipalities",
    )


def test_joined_lists_read_as_sentences() -> None:
    assert joined(["BOL 2026"], "nl") == "BOL 2026"
    assert joined(["A", "B", "C"], "nl") == "A, B en C"
    assert joined(["A", "B"], "en") == "A and B"


def test_the_assumed_windows_are_labelled_wherever_they_are_written(snapshot) -> None:
    frame = snapshot["milestones"].set_index("id")
    assert set(frame.index[frame["window_basis"] == "aanname"]) == {
        "bol_2026",
        "bo_mirt_2026",
    }
    assert milestone_words.when_of(frame.loc["bol_2026"], "nl") == "juni 2026, aanname"
    assert milestone_words.when_of(frame.loc["bo_mirt_2026"], "en") == "September 2026 – November 2026, assumption"
    assert milestone_words.when_of(frame.loc["gr2026"], "nl") == "18 maart 2026"
    for venue in ("bol_2026", "bo_mirt_2026"):
        assert frame.at[venue, "note_nl"].startswith("Aanname: het besluit noemt alleen „2026”")
        assert frame.at[venue, "note_en"].startswith("Assumption: the decision says only „2026”")
    listing = milestone_words.milestone_list(
        ms.timeline(snapshot["milestones"], date(2026, 12, 1)),
        "nl",
        section("nl", "milestones"),
    ).set_index("id")
    assert listing.at["bol_2026", "when"] == "juni 2026, aanname"


def test_every_venue_is_a_milestone(snapshot) -> None:
    frame = snapshot["milestones"]
    venues = {v for cell in frame["venues"] for v in ms.bodies_of(cell)}
    assert venues == {"bol_2026", "bo_mirt_2026"}
    assert venues <= set(frame["id"])


def test_the_page_tables_carry_their_headers(snapshot) -> None:
    frame = snapshot["milestones"]
    table = ms.timeline(frame, date(2026, 12, 1))
    listing = milestone_words.list_table(
        milestone_words.milestone_list(table, "nl", section("nl", "milestones"), snapshot["sources"]), "nl"
    )
    assert list(listing.columns) == ["Wanneer", "Status", "Mijlpaal", "Betrokken", "Toelichting", "Bron"]
    assert len(listing) == len(frame)
    gates = milestone_words.gate_table(snapshot["decision_gates"], snapshot["parties"], frame, "nl")
    assert gates.columns[0] == "Partij"
    assert gates.shape == (17, 8)
    assert "Plan van aanpak (4 april 2025)" in gates.columns
    assert gates.set_index("Partij").at["Almelo", "Plan van aanpak (4 april 2025)"] == "✓ besloten"
    lines = milestone_words.gate_summary_lines(snapshot["decision_gates"], "en")
    assert len(lines) == 7
    assert lines[0].startswith("Plan of approach: 1 decided")


def test_overdue_warnings_and_the_last_event_in_words(snapshot) -> None:
    frame = snapshot["milestones"]
    warnings = milestone_words.overdue_warnings(ms.overdue(frame, date(2026, 12, 1)), "nl")
    assert [w.split("**")[1] for w in warnings] == [
        "BO Leefomgeving 2026: mogelijk moment om de ROS voor te leggen",
        "BO MIRT 2026: mogelijk moment om de ROS voor te leggen",
    ]
    assert "(september 2026 – november 2026, aanname) was verwacht" in warnings[1]
    done = ms.last_done(frame, date(2026, 12, 1))
    assert done is not None
    what, when = milestone_words.last_done_text(done, "nl")
    assert (what, when) == ("✓ Gemeenteraadsverkiezingen in alle 14 gemeenten", "18 maart 2026")


def test_the_printable_list_speaks_the_chosen_language(frame):
    english = milestone_words.milestone_list(ms.timeline(frame, TODAY), "en", section("en", "milestones")).set_index(
        "id"
    )
    dutch = milestone_words.milestone_list(ms.timeline(frame, TODAY), "nl", NL).set_index("id")
    assert str(english.loc["gr2026", "note"]).startswith("Current and new municipal councils are involved")
    assert str(dutch.loc["gr2026", "note"]).startswith("Huidige en nieuwe gemeenteraden")
    assert (english["note"] != "").sum() == (dutch["note"] != "").sum()


def test_when_text():
    assert milestone_words.when_text("2024-11-06", "2024-11-07", "nl") == "6 november 2024 – 7 november 2024"
    assert milestone_words.when_text("2026-06", "2026-06", "nl") == "juni 2026"
    assert milestone_words.when_text("2026-09", "2026-11", "en") == "September 2026 – November 2026"
    assert milestone_words.when_text(None, None, "nl") == "onbekend"


def test_milestone_list_is_text_with_status_symbols(frame):
    listing = milestone_words.milestone_list(ms.timeline(frame, TODAY), "nl", NL).set_index("id")
    assert listing.at["bol_2026", "status"] == "! over tijd, onbevestigd"
    assert listing.at["gr2026", "status"] == "✓ gebeurd"
    assert listing.at["uitvoeringsagenda", "when"] == "onbekend"
    assert listing.at["bo_mirt_2026", "bodies"] == "Rijk, Regio's (bestuurlijk overleg), BOSS"
    assert listing.at["ros", "confidence"] == "verwacht"
    assert listing.at["ros", "source_id"] == "besluit_almelo_2025"


def test_milestone_list_names_the_source_by_publisher_and_date(snapshot, frame):
    listing = milestone_words.milestone_list(ms.timeline(frame, TODAY), "nl", NL, snapshot["sources"]).set_index("id")
    assert listing.at["gr2026", "source_id"] == "Kiesraad (18 maart 2026)"
    assert listing.at["bo_2024_start", "source_id"] == "Tweede Kamer (12 november 2024)"


def test_decision_moments_list_what_is_still_to_be_decided(frame):
    items = milestone_words.decision_moments(ms.timeline(frame, TODAY), "nl", NL)
    assert (
        items[0] == "BO MIRT 2026: mogelijk moment om de ROS voor te leggen (september 2026 – november 2026, aanname, "
        "◇ verwacht)"
    )
    assert items[-1].endswith("(? geen datum)")
    assert items[-1].startswith("Product 3: investeringsagenda")
    assert len(items) == 4


def test_gate_matrix_and_summary(snapshot):
    matrix = milestone_words.gate_matrix(snapshot["decision_gates"], snapshot["parties"], NL).set_index("party")
    assert matrix.shape == (17, 7)
    assert matrix.at["Almelo", "plan_van_aanpak"] == "✓ besloten"
    assert matrix.at["Almelo", "ros_voorgelegd"] == "◷ gepland"
    assert matrix.at["Enschede", "plan_van_aanpak"] == "? onbekend"
    assert matrix.at["Rijk", "ros_vastgesteld"] == "? onbekend"
    summary = ms.gate_summary(snapshot["decision_gates"]).set_index("gate")
    assert list(summary.loc["plan_van_aanpak", ["besloten", "gepland", "onbekend"]]) == [1, 0, 16]
    assert list(summary.loc["ros_vastgesteld", ["besloten", "gepland", "onbekend"]]) == [0, 0, 17]


def test_gate_headers_carry_the_date_of_the_gate(snapshot):
    headers = milestone_words.gate_headers(snapshot["decision_gates"], snapshot["milestones"], "nl", NL)
    assert headers["plan_van_aanpak"] == "Plan van aanpak (4 april 2025)"
    assert headers["ros_voorgelegd"] == "ROS voorgelegd (BOL/BO MIRT 2026) (2026)"
    assert headers["investeringsagenda"] == "Investeringsagenda (onbekend)"
    assert headers["bijdrage_2025_2026"] == "Bijdrage 2025–2026 (2025 – 2026)"


def test_a_missing_gate_cell_shows_as_unknown(snapshot):
    gates = snapshot["decision_gates"]
    partial = gates[~((gates["gate"] == "plan_van_aanpak") & (gates["party"] == "GM0141"))]
    matrix = milestone_words.gate_matrix(partial, snapshot["parties"], NL).set_index("party")
    assert matrix.at["Almelo", "plan_van_aanpak"] == "? onbekend"
