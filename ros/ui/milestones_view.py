"""The milestones page's facts for one day, body filter and language, built once and shared by all sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from ros.base.i18n import section
from ros.model import milestones as ms
from ros.present import milestones as milestone_words
from ros.ui.cached import per_language
from ros.ui.data import Data


@dataclass(frozen=True, eq=False)
class MilestonesView:
    """The timeline rows (`ms.timeline`, filtered by body), the last thing done in words, the decision moments
    ahead, the overdue warnings, the printable list, the decision-gate table and its summary lines, the download."""

    table: pd.DataFrame
    last: tuple[str, str] | None
    decisions: tuple[str, ...]
    overdue: tuple[str, ...]
    listing: pd.DataFrame
    gates: pd.DataFrame
    gate_lines: tuple[str, ...]
    export: pd.DataFrame  # the timeline rows for download


@per_language(max_entries=64)
def milestones_view(data: Data, language: str, today: date, body: str | None) -> MilestonesView:
    """What the milestones page shows on `today` for `body` (None: every body) in the chosen language (cached)."""
    snap = data.snapshot
    frame, labels = snap["milestones"], section(language, "milestones")
    table = ms.filter_by_body(ms.timeline(frame, today), body)
    last = ms.last_done(frame, today, body)
    listing = milestone_words.list_table(
        milestone_words.milestone_list(table, language, labels, snap["sources"]), language
    )
    return MilestonesView(
        table,
        None if last is None else milestone_words.last_done_text(last, language),
        tuple(milestone_words.decision_moments(table, language, labels)),
        tuple(milestone_words.overdue_warnings(ms.overdue(frame, today, body), language)),
        listing,
        milestone_words.gate_table(snap["decision_gates"], snap["parties"], frame, language),
        tuple(milestone_words.gate_summary_lines(snap["decision_gates"], language)),
        ms.export_table(table),
    )
