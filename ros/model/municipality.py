"""One municipality under a scenario, as numbers and codes: its part of the ROS targets, its yearly path, its pace
against its own history, its known budget contribution and the milestones where its council is involved.

Nothing is computed twice: the figures come from `ros.model.targets.recompute` (allocation by the scenario's key;
history CBS 81955NED 2012–2020; inhabitants and dwellings CBS 85984NED, 1-1-2024), `ros.model.budget.budget_table` (only
Almelo's € 102.000, from its college decision, is known; the rest is unknown) and `ros.model.milestones.timeline`.
`ros.present.municipality` turns them into the plain-language briefing (B1). Unknown stays unknown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pandas as pd

from ros.base import format as fmt
from ros.data.catalog import TWENTE
from ros.model import budget as budget_model
from ros.model import milestones as ms
from ros.model import targets

COUNCIL_BODIES = ("raad", "gemeenten")  # the municipal council, and every municipality together
AHEAD = ("ongoing", "upcoming", "tentative", "overdue", "undated")  # milestones a council still has to deal with


@dataclass(frozen=True)
class Facts:
    """The targets figures of one municipality under one scenario (NaN / None = unknown)."""

    code: str
    name: str
    homes: int
    homes_total: int
    share: float
    residents: int
    residents_total: int
    start_year: int
    end_year: int
    per_year: float
    per_1000: float
    per_1000_year: float
    population: int
    reference_date: date
    hist_average: float
    hist_best: float
    hist_best_year: int | None
    pace_ratio: float
    reached_year: int | None
    key: str
    housed_growth: int
    occupancy_change: float


def facts(result: targets.TargetResult, code: str) -> Facts:
    """The figures of municipality `code` from a targets result; KeyError for a code not in the region."""
    table = result.table()
    rows = table[table["code"] == code]
    if rows.empty or code == TWENTE:
        raise KeyError(code)
    row, s = rows.iloc[0], result.settings
    reached = row["reached_year"]
    return Facts(
        code=code, name=str(row["name"]), homes=int(row["homes"]), homes_total=s.homes_total,
        share=float(row["share"]), residents=int(row["residents"]), residents_total=s.residents_total,
        start_year=s.start_year, end_year=s.end_year, per_year=float(row["per_year"]),
        per_1000=float(row["per_1000"]), per_1000_year=float(row["per_1000"]) / result.span,
        population=int(row["population"]), reference_date=result.region.reference_date,
        hist_average=float(row["hist_average"]), hist_best=float(row["hist_best"]),
        hist_best_year=None if fmt.is_unknown(row["hist_best_year"]) else int(row["hist_best_year"]),
        pace_ratio=float(row["pace_ratio"]), reached_year=None if fmt.is_unknown(reached) else int(reached),
        key=s.key, housed_growth=int(row[f"growth_{s.end_year}"]), occupancy_change=s.occupancy_change,
    )  # fmt: skip


def yearly_path(result: targets.TargetResult, code: str) -> pd.DataFrame:
    """Per year up to the last year drawn: homes that year, cumulative, and the cumulative at the municipality's
    own 2012–2020 average pace (NaN when its history is unknown)."""
    frame = result.yearly_frame(result.last_year)
    part = frame[frame["code"] == code]
    if part.empty:
        raise KeyError(code)
    return part[["year", "homes", "cumulative", "historical"]].reset_index(drop=True)


@dataclass(frozen=True)
class Contribution:
    """A municipality's known budget contribution for the period (amount None = unknown)."""

    amount: Decimal | None
    period: str
    status: str
    source_id: str


def known_contribution(budget_table: pd.DataFrame, code: str) -> Contribution:
    """The contribution of `code` in `ros.model.budget.budget_table` (unknown when the row or its amount is missing)."""
    rows = budget_table[budget_table["party_id"] == code]
    if rows.empty:
        return Contribution(None, budget_model.PERIOD, "onbekend", "besluit_almelo_2025")
    row = rows.iloc[0]
    return Contribution(
        budget_model.to_euros(row["amount"]), str(row["period"]), str(row["status"]), str(row["source_id"])
    )


def council_milestones(frame: pd.DataFrame, today: date, code: str) -> pd.DataFrame:
    """Milestones on `today` that involve the municipal council or all municipalities, are not yet done, and are
    not about another municipality only (`party`); in timeline order."""
    table = ms.timeline(frame, today)
    involved = [any(b in COUNCIL_BODIES for b in ms.bodies_of(v)) for v in table["bodies"]]
    own = [fmt.is_unknown(p) or p in ("", code) for p in table["party"]]
    keep = pd.Series(involved) & pd.Series(own) & table["status"].isin(AHEAD)
    return table[keep.to_numpy()].reset_index(drop=True)


def choices(names: Mapping[str, str]) -> list[str]:
    """Municipality codes in name order, for a picker."""
    return sorted(names, key=lambda c: names[c])


def council_decisions(gates: pd.DataFrame, milestones: pd.DataFrame, code: str) -> pd.DataFrame:
    """The decision gates of municipality `code` in file order: gate, status (besloten / gepland / onbekend), the
    milestone's start and end as written (empty when undated), its window basis, source and note. Only what
    `decision_gates.csv` documents; a gate without a row for `code` is left out rather than guessed."""
    own = gates[gates["party"] == code]
    dates = milestones.set_index("id")[["start", "end", "window_basis", "source_id"]]
    frame = own.merge(dates, how="left", left_on="milestone_id", right_index=True, suffixes=("", "_milestone"))
    return frame[["gate", "status", "milestone_id", "start", "end", "window_basis", "source_id", "note"]].reset_index(
        drop=True
    )


def own_milestones(frame: pd.DataFrame, today: date, code: str, name: str) -> pd.DataFrame:
    """Milestones that concern municipality `code` in particular: those of its own (`party`) and those whose
    Dutch title names it ('Enschede/Hengelo'), whatever their status on `today`; in timeline order."""
    table = ms.timeline(frame, today)
    named = table["title_nl"].str.contains(rf"\b{re.escape(name)}\b", regex=True)
    return table[(table["party"] == code) | named].reset_index(drop=True)


def passed_unconfirmed(frame: pd.DataFrame, today: date) -> pd.DataFrame:
    """Expected meetings whose window has passed on `today` without a confirmation in the data."""
    return ms.overdue(frame, today)
