"""Milestone data, status on a fixed day, next milestone, body filter, printable list and the decision-gate matrix."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from ros.base.i18n import section
from ros.base.options import one_of
from ros.data.catalog import DecisionGateRow, MilestoneRow
from ros.data.validation import DataError, validate_table
from ros.model import milestones as ms
from ros.present import milestones as milestone_words
from tests.support.frames import cell

TODAY = date(2026, 11, 27)
NL = section("nl", "milestones")


@pytest.fixture(scope="module")
def frame(snapshot) -> pd.DataFrame:
    return snapshot["milestones"]


def statuses(frame: pd.DataFrame, today: date) -> dict[str, str]:
    table = ms.timeline(frame, today)
    return dict(zip(table["id"], table["status"], strict=True))


# --- the data -------------------------------------------------------------------------------------------------------


def test_every_milestone_of_the_facts_table_is_there_with_its_source(frame):
    rows = frame.set_index("id")
    expected = {
        "woondeal_twente": ("2022-12-21", "woondeal_twente_2022"),
        "bo_2024_start": ("2024-11-06", "kamerbrief_2024D43452"),
        "kamerbrief_2024_11_12": ("2024-11-12", "rijk_persbericht_2024_11_12"),
        "npvr_start": ("2024-12-20", "npvr_2024_12_20"),
        "plan_van_aanpak": ("2025-04-04", "besluit_almelo_2025"),
        "beraad_almelo": ("2025-04-09", "besluit_almelo_2025"),
        "programmaoverleg_almelo": ("2025-05-19", "besluit_almelo_2025"),
        "collegebesluit_almelo": ("2025-05-20", "besluit_almelo_2025"),
        "bol_2025": ("2025-06-10", "kamerbrief_2025D27614"),
        "nota_ruimte_ontwerp": ("2025-09-26", "nota_ruimte_ontwerp_2025"),
        "bo_mirt_2025": ("2026-01-05", "kamerstuk_2026D00875"),
        "gr2026": ("2026-03-18", "kiesraad_gr2026"),
        "bol_2026": ("2026-06", "besluit_almelo_2025"),
        "bo_mirt_2026": ("2026-09", "besluit_almelo_2025"),
        "horizon_2050": ("2050", "besluit_almelo_2025"),
        "doorkijk_2100": ("2100", "besluit_almelo_2025"),
    }
    for row_id, (start, source_id) in expected.items():
        assert (rows.at[row_id, "start"], rows.at[row_id, "source_id"]) == (start, source_id), row_id
    assert rows.at["bo_mirt_2025", "end"] == "2026-01-08"
    assert rows.at["bol_2025", "end"] == "2025-06-11"


def test_tentative_bo_moments_are_windows_marked_expected(frame):
    rows = frame.set_index("id")
    assert rows.loc["bol_2026", ["start", "end", "confidence"]].tolist() == ["2026-06", "2026-06", "verwacht"]
    assert rows.loc["bo_mirt_2026", ["start", "end", "confidence"]].tolist() == ["2026-09", "2026-11", "verwacht"]


def test_three_products_in_sequence_and_the_last_two_without_dates(frame):
    rows = frame.set_index("id")
    assert rows.at["uitvoeringsagenda", "after"] == "ros"
    assert rows.at["investeringsagenda", "after"] == "uitvoeringsagenda"
    assert rows.loc[["ros", "uitvoeringsagenda", "investeringsagenda"], "kind"].tolist() == ["product"] * 3
    assert rows.loc[["uitvoeringsagenda", "investeringsagenda"], "start"].isna().all()
    order = list(ms.timeline(frame, TODAY)["id"])
    assert order.index("ros") < order.index("uitvoeringsagenda") < order.index("investeringsagenda")
    assert order.index("bo_mirt_2026") < order.index("ros")
    assert order[-2:] == ["horizon_2050", "doorkijk_2100"]


def test_elections_carry_the_note_on_current_and_new_councils(frame):
    election = frame.set_index("id").loc["gr2026"]
    assert (election["kind"], election["start"]) == ("verkiezing", "2026-03-18")
    assert "Huidige en nieuwe gemeenteraden worden betrokken bij belangrijke mijlpalen" in election["note_nl"]
    assert set(ms.bodies_of(election["bodies"])) == {"raad", "gemeenten"}


def test_decision_gates_cover_every_party_and_only_almelo_is_documented(snapshot):
    gates, parties = snapshot["decision_gates"], snapshot["parties"]
    for gate, group in gates.groupby("gate"):
        assert sorted(group["party"]) == sorted(parties["id"]), gate
    assert set(gates["milestone_id"]) <= set(snapshot["milestones"]["id"])
    known = gates[gates["status"] != "onbekend"]
    assert set(known["party"]) == {"GM0141"}
    assert dict(zip(known["gate"], known["status"], strict=True)) == {
        "plan_van_aanpak": "besloten",
        "bijdrage_2025_2026": "besloten",
        "volmacht_hengelo": "besloten",
        "ros_voorgelegd": "gepland",
        "uitvoeringsagenda": "gepland",
        "investeringsagenda": "gepland",
    }


def test_a_milestone_ending_before_it_starts_is_refused_in_dutch():
    bad = pd.DataFrame([{"id": "x", "start": "2026-06", "end": "2026-05", "title_nl": "a", "title_en": "a",
                         "bodies": "rijk", "kind": "besluit", "confidence": "verwacht", "source_id": "s"}])  # fmt: skip
    with pytest.raises(DataError, match=r"milestones.csv, regel 2: veld 'end' is ongeldig \(gekregen: '2026-05'\)"):
        validate_table(bad, MilestoneRow, "milestones.csv")


def test_an_undated_row_must_be_onbekend_and_bodies_must_be_known_codes():
    undated = {
        "id": "x",
        "title_nl": "a",
        "title_en": "a",
        "kind": "product",
        "confidence": "verwacht",
        "source_id": "s",
    }
    with pytest.raises(DataError, match="veld 'confidence' is ongeldig"):
        validate_table(pd.DataFrame([undated]), MilestoneRow, "milestones.csv")
    body = dict(undated, confidence="onbekend", bodies="rijk minister")
    with pytest.raises(DataError, match="veld 'bodies' heeft niet de vorm"):
        validate_table(pd.DataFrame([body]), MilestoneRow, "milestones.csv")
    gate = {"gate": "g", "milestone_id": "m", "party": "GM0141", "status": "misschien", "source_id": "s"}
    with pytest.raises(DataError, match="veld 'status' is geen toegestane waarde"):
        validate_table(pd.DataFrame([gate]), DecisionGateRow, "decision_gates.csv")


# --- status on a fixed day -------------------------------------------------------------------------------------------


def test_partial_dates_become_first_and_last_days():
    assert (ms.first_day("2026"), ms.last_day("2026")) == (date(2026, 1, 1), date(2026, 12, 31))
    assert (ms.first_day("2026-06"), ms.last_day("2026-06")) == (date(2026, 6, 1), date(2026, 6, 30))
    assert ms.last_day("2028-02") == date(2028, 2, 29)
    assert ms.first_day(None) is None
    assert ms.last_day("") is None


@pytest.mark.parametrize(
    ("start", "end", "kind", "confidence", "today", "status"),
    [
        (date(2026, 3, 18), date(2026, 3, 18), "verkiezing", "bevestigd", date(2026, 3, 19), "done"),
        (date(2026, 3, 18), date(2026, 3, 18), "verkiezing", "bevestigd", date(2026, 3, 18), "ongoing"),
        (date(2026, 3, 18), date(2026, 3, 18), "verkiezing", "bevestigd", date(2026, 3, 17), "upcoming"),
        (date(2026, 9, 1), date(2026, 11, 30), "bestuurlijk_overleg", "verwacht", date(2026, 8, 31), "tentative"),
        (date(2026, 9, 1), date(2026, 11, 30), "bestuurlijk_overleg", "verwacht", date(2026, 11, 30), "tentative"),
        (date(2026, 9, 1), date(2026, 11, 30), "bestuurlijk_overleg", "verwacht", date(2026, 12, 1), "overdue"),
        (date(2025, 5, 20), date(2025, 12, 31), "besluit", "bevestigd", date(2025, 6, 1), "tentative"),
        (date(2025, 4, 4), date(2026, 12, 31), "fase", "verwacht", date(2026, 1, 1), "ongoing"),
        (None, None, "product", "onbekend", date(2026, 1, 1), "undated"),
    ],
)
def test_status_on(start, end, kind, confidence, today, status):
    assert ms.status_on(start, end, kind, confidence, today) == status


def test_statuses_on_27_november_2026(frame):
    status = statuses(frame, TODAY)
    assert status["gr2026"] == "done"
    assert status["bo_mirt_2025"] == "done"
    assert status["bol_2026"] == "overdue"  # June window passed, presentation not confirmed: never "done"
    assert status["bo_mirt_2026"] == "tentative"  # window still open until 30 November
    assert status["ros"] == "tentative"
    assert status["ros_opstellen"] == "ongoing"
    assert status["uitvoeringsagenda"] == status["investeringsagenda"] == "undated"
    assert status["horizon_2050"] == status["doorkijk_2100"] == "upcoming"
    assert ms.status_counts(ms.timeline(frame, TODAY)) == {
        "done": 12, "ongoing": 2, "upcoming": 2, "tentative": 2, "overdue": 1, "undated": 2,
    }  # fmt: skip


def test_nothing_about_the_2026_presentation_turns_done_after_the_year(frame):
    status = statuses(frame, date(2027, 1, 1))
    assert {status[i] for i in ("bol_2026", "bo_mirt_2026", "ros", "ros_opstellen")} == {"overdue"}
    assert "done" not in {s for i, s in status.items() if frame.set_index("id").at[i, "confidence"] != "bevestigd"}


def test_a_two_day_bo_is_ongoing_on_its_first_day(frame):
    assert statuses(frame, date(2024, 11, 6))["bo_2024_start"] == "ongoing"
    assert statuses(frame, date(2024, 11, 8))["bo_2024_start"] == "done"


def test_days_to_start_and_end(frame):
    table = ms.timeline(frame, TODAY).set_index("id")
    assert (table.at["bo_mirt_2026", "days_to_start"], table.at["bo_mirt_2026", "days_to_end"]) == (-87, 3)
    assert table.at["gr2026", "days_to_end"] == -254
    assert pd.isna(cell(table, "uitvoeringsagenda", "days_to_start"))


# --- next milestone, last one, body filter ---------------------------------------------------------------------------


def test_next_milestone_on_27_november_2026_is_the_bo_mirt_window_closing_in_3_days(frame):
    upcoming = ms.next_milestone(frame, TODAY)
    assert upcoming is not None
    assert (upcoming.id, upcoming.status, upcoming.in_window, upcoming.days_remaining) == (
        "bo_mirt_2026",
        "tentative",
        True,
        3,
    )
    assert upcoming.title("en") == "BO MIRT 2026: possible moment to present the ROS"
    assert milestone_words.when_text(*upcoming.period, "nl") == "september 2026 – november 2026"


def test_next_milestone_moves_on_and_ends(frame):
    after_mirt = ms.next_milestone(frame, date(2026, 12, 1))
    assert after_mirt is not None
    assert (after_mirt.id, after_mirt.days_remaining) == ("ros", 30)
    before_elections = ms.next_milestone(frame, date(2026, 1, 9))
    assert before_elections is not None
    assert (before_elections.id, before_elections.in_window, before_elections.days_remaining) == ("gr2026", False, 68)
    assert ms.next_milestone(frame, date(2027, 1, 1)) is None  # only undated products and horizons are left


def test_next_milestone_for_a_council(frame):
    upcoming = ms.next_milestone(frame, date(2025, 1, 1), body="raad")
    assert upcoming is not None
    assert (upcoming.id, upcoming.days_remaining, upcoming.status) == ("beraad_almelo", 98, "upcoming")
    assert ms.next_milestone(frame, TODAY, body="raad") is None


def test_last_done_and_overdue(frame):
    done = ms.last_done(frame, TODAY)
    assert done is not None
    assert done["id"] == "gr2026"
    assert ms.last_done(frame, date(2022, 1, 1)) is None
    assert list(ms.overdue(frame, TODAY)["id"]) == ["bol_2026"]
    assert list(ms.overdue(frame, date(2026, 12, 1))["id"]) == ["bol_2026", "bo_mirt_2026"]


def test_filter_by_body(frame):
    council = ms.filter_by_body(ms.timeline(frame, TODAY), "raad")
    assert list(council["id"]) == ["beraad_almelo", "collegebesluit_almelo", "gr2026", "horizon_2050", "doorkijk_2100"]
    boss = ms.filter_by_body(frame, "boss")
    assert set(boss["id"]) == {"bol_2026", "bo_mirt_2026", "horizon_2050", "doorkijk_2100"}
    assert len(ms.filter_by_body(frame, None)) == len(frame)
    with pytest.raises(KeyError):
        ms.filter_by_body(frame, "minister")


# --- texts, list, matrix, URL values -------------------------------------------------------------------------------


def test_url_values():
    from ros.records import scenario

    assert scenario.from_query({"stand": "2026-11-27"})[0].stand == TODAY
    for bad in ("morgen", "1999-01-01", "2026-13-01"):
        assert scenario.from_query({"stand": bad})[1] == [f"stand={bad}"]
    assert ms.parse_body("Raad") == "raad"
    with pytest.raises(KeyError):
        ms.parse_body("minister")
    with pytest.raises(ValueError, match="kaart"):
        one_of(ms.VIEWS)("kaart")


def test_export_table_keeps_codes_and_iso_dates(frame):
    export = ms.export_table(ms.timeline(frame, TODAY)).set_index("id")
    assert export.at["bol_2026", "status"] == "overdue"
    assert export.at["bol_2026", "end_date"] == date(2026, 6, 30)
    assert pd.isna(cell(export, "uitvoeringsagenda", "start_date"))
