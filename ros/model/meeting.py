"""Vergadermodus: the six steps of a BOSS meeting and what each step draws on, as numbers and codes.

A meeting steps through a fixed sequence: (1) headline figures, (2) the map of homes per municipality, (3) the pace
needed against 2012–2020, (4) the budget (known and unknown), (5) the next milestones and (6) the progress: homes
realised against the path (`ros.model.progress`). The figures come from the
same places as the other pages (the targets of the decision, CBS 85984NED, 37230ned and 81955NED, `budget.csv`,
`milestones.csv`; a scenario's homes and pace from `ros.model.targets.recompute`). What the steps say is worded in
`ros.present.meeting`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd

from ros.model import milestones as ms
from ros.model.targets import TargetSettings, municipality_rows

STEPS = ("headline", "map", "pace", "budget", "milestones", "progress")
DEFAULT_STEP = 1
MILESTONE_COUNT = 6  # items on the milestones view: what fits on one projected screen in large type


def parse_step(raw: str) -> int:
    """A step number from the URL ('3'); ValueError outside 1–6."""
    step = int(raw)
    if not 1 <= step <= len(STEPS):
        raise ValueError(raw)
    return step


def previous_step(step: int) -> int:
    """The step before `step` (the first step stays first)."""
    return max(1, step - 1)


def next_step(step: int) -> int:
    """The step after `step` (the last step stays last)."""
    return min(len(STEPS), step + 1)


def view_of(step: int) -> str:
    """The view shown at `step` (1 = headline … 6 = progress)."""
    return STEPS[step - 1]


def is_last(step: int) -> bool:
    """True on the last view."""
    return step == len(STEPS)


def map_rows(shown: pd.DataFrame) -> pd.DataFrame:
    """The 14 municipalities of a shown table for the map."""
    return municipality_rows(shown)


def homes_order(shown: pd.DataFrame) -> pd.DataFrame:
    """The rows of a shown table with the municipalities by homes, most first (ties by name), then the totals row."""
    parts = municipality_rows(shown).sort_values(["homes", "name"], ascending=[False, True])
    return pd.concat([parts, shown[~shown["code"].isin(parts["code"])]])


def homes_decided(settings: TargetSettings, homes: Mapping[str, Any]) -> bool:
    """True when the scenario's homes, start year and end year are the decision's (`homes`: the targets row)."""
    return (settings.homes_total, settings.start_year, settings.end_year) == (homes["value"], 2025, homes["year"])


def residents_decided(settings: TargetSettings, residents: Mapping[str, Any]) -> bool:
    """True when the scenario's residents are the decision's (`residents`: the targets row)."""
    return bool(settings.residents_total == residents["value"])


def pace_rows(shown: pd.DataFrame) -> pd.DataFrame:
    """Per municipality (fastest required step-up first at the top of a bar chart): name, per_year, hist_average,
    their texts and the short ratio text; the totals row left out (its scale would flatten the others)."""
    parts = municipality_rows(shown).sort_values(["pace_ratio", "name"], ascending=[True, False], na_position="first")
    return parts[
        ["code", "name", "per_year", "hist_average", "per_year_text", "hist_average_text", "pace_ratio_short_text"]
    ].reset_index(drop=True)


def open_milestones(frame: pd.DataFrame, today: date, count: int = MILESTONE_COUNT) -> pd.DataFrame:
    """The milestones still open on `today` in timeline order: under way, ahead, overdue (unconfirmed) and the
    undated products; phases and horizons left out; at most `count` (a `milestones.timeline` table)."""
    table = ms.timeline(frame, today)
    return table[
        table["status"].isin(["ongoing", "upcoming", "tentative", "overdue", "undated"])
        & ~table["kind"].isin(["fase", "horizon"])
    ].head(count)
