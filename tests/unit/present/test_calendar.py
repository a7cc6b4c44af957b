"""The ICS export parses back with icalendar and holds exactly the upcoming milestones, as all-day events."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from icalendar import Calendar, Component

from ros.base.i18n import section
from ros.model import milestones as ms
from ros.present.calendar import PRODID, milestones_ics, uid

NL, EN = section("nl", "milestones"), section("en", "milestones")


def events(snapshot, today: date, lang: str = "nl", body: str | None = None) -> tuple[Calendar, dict[str, Component]]:
    table = ms.filter_by_body(ms.timeline(snapshot["milestones"], today), body)
    titles = dict(zip(snapshot["sources"]["id"], snapshot["sources"]["title"], strict=True))
    calendar = Calendar.from_ical(milestones_ics(table, today, lang, NL if lang == "nl" else EN, titles))
    return calendar, {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_calendar_header(snapshot):
    calendar, _ = events(snapshot, date(2026, 11, 27))
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "ROS Twente – mijlpalen"


def test_on_27_november_2026_only_the_open_bo_mirt_window_and_the_ros_remain(snapshot):
    _, found = events(snapshot, date(2026, 11, 27))
    assert set(found) == {uid("bo_mirt_2026"), uid("ros")}  # BOL 2026 is overdue: not offered as upcoming
    mirt = found[uid("bo_mirt_2026")]
    assert str(mirt["SUMMARY"]) == "BO MIRT 2026: mogelijk moment om de ROS voor te leggen"
    assert mirt.decoded("DTSTART") == date(2026, 9, 1)
    assert not isinstance(mirt.decoded("DTSTART"), datetime)  # all-day (VALUE=DATE)
    assert mirt.decoded("DTEND") == date(2026, 12, 1)  # exclusive end: the day after 30 November
    assert str(mirt["STATUS"]) == "TENTATIVE"
    assert str(mirt["TRANSP"]) == "TRANSPARENT"
    description = str(mirt["DESCRIPTION"])
    assert "Verwacht venster: september 2026 – november 2026, aanname. Niet bevestigd." in description
    assert "Bron: Collegebesluit Plan van aanpak Ruimtelijke Ontwikkelstrategie Twente" in description


def test_confirmed_upcoming_events_are_confirmed_all_day_events(snapshot):
    _, found = events(snapshot, date(2025, 1, 1))
    assert uid("woondeal_twente") not in found
    assert uid("npvr_start") not in found  # already done
    assert uid("ros_opstellen") not in found
    assert uid("horizon_2050") not in found  # phases and horizons left out
    assert uid("uitvoeringsagenda") not in found  # no date, so no calendar event
    council = found[uid("beraad_almelo")]
    assert (council.decoded("DTSTART"), council.decoded("DTEND")) == (date(2025, 4, 9), date(2025, 4, 10))
    assert str(council["STATUS"]) == "CONFIRMED"
    mirt_2025 = found[uid("bo_mirt_2025")]
    assert (mirt_2025.decoded("DTSTART"), mirt_2025.decoded("DTEND")) == (date(2026, 1, 5), date(2026, 1, 9))
    assert str(found[uid("gr2026")]["STATUS"]) == "CONFIRMED"
    assert str(found[uid("bol_2026")]["STATUS"]) == "TENTATIVE"
    assert set(found) == {
        uid(i)
        for i in (
            "plan_van_aanpak",
            "beraad_almelo",
            "programmaoverleg_almelo",
            "collegebesluit_almelo",
            "bol_2025",
            "nota_ruimte_ontwerp",
            "bo_mirt_2025",
            "gr2026",
            "bol_2026",
            "bo_mirt_2026",
            "ros",
        )
    }


def test_english_summary_and_filter_by_body(snapshot):
    _, found = events(snapshot, date(2026, 1, 9), "en", body="raad")
    assert list(found) == [uid("gr2026")]
    assert str(found[uid("gr2026")]["SUMMARY"]) == "Municipal elections in all 14 municipalities"
    assert "Involved: Municipal council, All municipalities" in str(found[uid("gr2026")]["DESCRIPTION"])


def test_uids_are_stable_across_days(snapshot):
    _, first = events(snapshot, date(2026, 10, 1))
    _, later = events(snapshot, date(2026, 11, 27))
    assert set(later) <= set(first)
    assert uid("bo_mirt_2026") == "bo_mirt_2026@ros-twente.nl"


@pytest.mark.parametrize("today", [date(2027, 1, 1), date(2099, 1, 1)])
def test_nothing_dated_left_gives_an_empty_but_valid_calendar(snapshot, today):
    calendar, found = events(snapshot, today)
    assert found == {}
    assert str(calendar["PRODID"]) == PRODID
