"""The next-milestone card in words, the same on Overzicht, Mijlpalen and the meeting view.

A countdown is shown only when it is honest: a milestone whose venues (the ROS: BOL 2026 and BO MIRT 2026) have all
passed without confirmation gets a notice first ("verwacht in 2026; BOL 2026 en BO MIRT 2026 zijn voorbij zonder
bevestiging") and no number of days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ros import format as fmt
from ros import milestones as ms
from ros.i18n import localized, section, translate


@dataclass(frozen=True)
class MilestoneCard:
    """What the next-milestone card says: a countdown (value, delta) or, instead, a notice; then title and when."""

    title: str
    when: str
    status: str
    value: str | None = None
    delta: str | None = None
    notice: str | None = None


def joined(items: Sequence[str], lang: str) -> str:
    """'A', 'A en B', 'A, B en C' (English: 'and')."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {translate(lang, 'milestones.and')} {items[-1]}"


def venue_name(frame: pd.DataFrame, venue: str, lang: str) -> str:
    """A venue's short name ('BOL 2026'), or its title when the catalogue has no short name."""
    short = section(lang, "milestones").get(f"venue_{venue}")
    if short:
        return short
    row = frame.set_index("id").loc[venue]
    return str(row[localized("title", lang)])


def days_text(days: int, lang: str) -> str:
    """'30 dagen', '1 dag'."""
    shown = fmt.number(days, lang)
    return translate(lang, "milestones.next_days_value" + ("_one" if days == 1 else ""), days=shown)


def next_milestone_card(upcoming: ms.NextMilestone, frame: pd.DataFrame, lang: str) -> MilestoneCard:
    """The card for `upcoming` (from `milestones.next_milestone` on the same `frame`)."""
    labels = section(lang, "milestones")
    when = ms.when_text(*upcoming.period, lang, upcoming.window_basis)
    title, status = upcoming.title(lang), ms.status_text(upcoming.status, labels)
    if upcoming.venues_missed:
        venues = joined([venue_name(frame, v, lang) for v in upcoming.venues_passed], lang)
        notice = translate(
            lang,
            "milestones.next_venues_passed",
            when=fmt.partial_date(upcoming.period[0], lang),
            venues=venues,
        )
        return MilestoneCard(title, when, status, notice=notice)
    days = upcoming.days_remaining
    delta = translate(
        lang,
        "milestones." + ("next_window" if upcoming.in_window else "next_days") + ("_one" if days == 1 else ""),
        days=fmt.number(days, lang),
    )
    return MilestoneCard(title, when, status, value=days_text(upcoming.days_remaining, lang), delta=delta)
