"""The milestones page's facts for one day, body filter and language, built once and shared by all sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from ros.base.i18n import section
from ros.model import milestones as ms
from ros.present import milestones as milestone_words
from ros.ui.data import _cached_snapshot, data_dir, snapshot
from ros.ui.text import lang


@dataclass(frozen=True, eq=False)
class MilestonesView:
    """The timeline rows (`ms.timeline`, filtered by body), the last thing done in words, the decision moments
    ahead, the overdue warnings, the printable list, the decision-gate table and its summary lines, the download."""

    table: pd.DataFrame
    last: tuple[str, str] | None
    decisions: list[str]
    overdue: list[str]
    listing: pd.DataFrame
    gates: pd.DataFrame
    gate_lines: list[str]
    export: pd.DataFrame  # the timeline rows for download


@st.cache_resource(show_spinner=False, max_entries=64)
def _milestones_view(today: date, body: str | None, code: str, folder: str) -> MilestonesView:
    snap = _cached_snapshot(folder)
    frame, labels = snap["milestones"], section(code, "milestones")
    table = ms.filter_by_body(ms.timeline(frame, today), body)
    last = ms.last_done(frame, today, body)
    listing = milestone_words.list_table(milestone_words.milestone_list(table, code, labels, snap["sources"]), code)
    return MilestonesView(
        table,
        None if last is None else milestone_words.last_done_text(last, code),
        milestone_words.decision_moments(table, code, labels),
        milestone_words.overdue_warnings(ms.overdue(frame, today, body), code),
        listing,
        milestone_words.gate_table(snap["decision_gates"], snap["parties"], frame, code),
        milestone_words.gate_summary_lines(snap["decision_gates"], code),
        ms.export_table(table),
    )


def milestones_view(today: date, body: str | None) -> MilestonesView:
    """What the milestones page shows on `today` for `body` (None: every body) in the chosen language (cached)."""
    snapshot()
    return _milestones_view(today, body, lang(), str(data_dir()))
