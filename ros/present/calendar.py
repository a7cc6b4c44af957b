"""The upcoming ROS milestones as an iCalendar (RFC 5545) file, built with the `icalendar` package.

Input is a `ros.model.milestones.timeline` table (from `data/milestones.csv`) for a chosen day. Every milestone that is
still ahead or running on that day (upcoming, tentative, ongoing; phases, horizons and undated products left out)
becomes
an all-day event: DTSTART is its first day, DTEND the day after its last day (exclusive, as RFC 5545 wants for
dates). Expected events get STATUS:TENTATIVE and their window in the description, confirmed ones STATUS:CONFIRMED.
Events never block time (TRANSP:TRANSPARENT), so a three-month window does not fill a calendar. UIDs depend only
on the milestone id, so importing the file again updates events instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pandas as pd
from icalendar import Calendar, Event

from ros.base.i18n import localized
from ros.model.milestones import bodies_of
from ros.present.milestones import when_of

PRODID = "-//ROS Twente//Mijlpalen ROS Twente//NL"
UID_DOMAIN = "ros-twente.nl"
CALENDAR_STATUSES = ("upcoming", "tentative", "ongoing")


def uid(milestone_id: str) -> str:
    """The stable UID of a milestone's calendar event."""
    return f"{milestone_id}@{UID_DOMAIN}"


def calendar_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a timeline table that go into the calendar: dated events (no phase or horizon) still ahead or
    running."""
    keep = table["status"].isin(CALENDAR_STATUSES) & ~table["kind"].isin(["fase", "horizon"])
    keep &= table["start_date"].notna()
    return table[keep].reset_index(drop=True)


def milestones_ics(
    table: pd.DataFrame,
    today: date,
    lang: str,
    labels: Mapping[str, str],
    source_titles: Mapping[str, str] | None = None,
) -> bytes:
    """An .ics file of the upcoming milestones of `table` (a `timeline` table for `today`). `labels` are the
    `milestones` texts (ics_calendar_name, ics_window, ics_bodies, ics_source, body_<code>, kind_<code>);
    `source_titles` maps source ids to a readable title for the description."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", labels["ics_calendar_name"])
    stamp = datetime.combine(today, time(0, 0), tzinfo=UTC)
    title_column = localized("title", lang)
    for row in calendar_rows(table).to_dict(orient="records"):
        event = Event()
        event.add("uid", uid(row["id"]))
        event.add("dtstamp", stamp)
        event.add("summary", row[title_column])
        event.add("dtstart", row["start_date"])
        event.add("dtend", row["end_date"] + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("status", "CONFIRMED" if row["confidence"] == "bevestigd" else "TENTATIVE")
        event.add("categories", [labels["kind_" + row["kind"]]])
        event.add("description", _description(row, lang, labels, source_titles or {}))
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


def _description(row: Mapping[Hashable, Any], lang: str, labels: Mapping[str, str], titles: Mapping[str, str]) -> str:
    """The event text: the window for expected events, the bodies involved, the note and the source."""
    lines = []
    if row["confidence"] != "bevestigd":
        lines.append(labels["ics_window"].format(when=when_of(row, lang)))
    bodies = [labels["body_" + b] for b in bodies_of(row["bodies"])]
    if bodies:
        lines.append(labels["ics_bodies"].format(bodies=", ".join(bodies)))
    note = row.get(localized("note", lang))
    if isinstance(note, str) and note:
        lines.append(note)
    source_id = str(row["source_id"])
    lines.append(labels["ics_source"].format(source=titles.get(source_id, source_id)))
    return "\n".join(lines)
