"""Where Twente stands: today's inhabitants, dwellings and households against the regional targets.

Figures come from CBS (85984NED for 1-1-2024, 37230ned for the provisional 1-1-2026 population, or for the start of
the newest month after that when a refresh brought `population_monthly.csv`); the targets from `targets.csv`.
Inhabitants per dwelling are derived here (population / dwelling stock) and labelled so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from ros.data import series
from ros.data.catalog import TWENTE
from ros.data.snapshot import Snapshot


@dataclass(frozen=True)
class Standing:
    """Twente's (or one municipality's) figures on their reference dates."""

    population: int
    dwellings: int
    households: int
    reference_date: date
    population_now: int
    reference_date_now: date
    status_now: str

    @property
    def growth(self) -> int:
        """Inhabitants gained between the two reference dates."""
        return self.population_now - self.population

    @property
    def growth_share(self) -> float:
        """Growth as a share of the earlier population."""
        return self.growth / self.population if self.population else float("nan")

    @property
    def inhabitants_per_dwelling(self) -> float:
        """Derived occupancy: inhabitants per dwelling on the earlier reference date."""
        return self.population / self.dwellings if self.dwellings else float("nan")


def population_now(snapshot: Snapshot) -> pd.DataFrame:
    """Per municipality the current population (`series.population_now`): code, population_now,
    reference_date_now, status_now, source_id_now."""
    names = {"population": "population_now", "reference_date": "reference_date_now", "status": "status_now",
             "source_id": "source_id_now"}  # fmt: skip
    return series.population_now(snapshot).rename(columns=names)


def standing_table(snapshot: Snapshot) -> pd.DataFrame:
    """Per municipality: code, name, population, dwellings, households, population_now (the latest count, see
    `population_now`), growth, growth_share, inhabitants_per_dwelling; sorted by name."""
    base = snapshot["municipalities"][["code", "name", "population", "dwellings", "households", "reference_date"]]
    now = population_now(snapshot).drop(columns="source_id_now")
    table = base.merge(now, on="code", validate="one_to_one")
    table["growth"] = table["population_now"] - table["population"]
    table["growth_share"] = table["growth"] / table["population"]
    table["inhabitants_per_dwelling"] = table["population"] / table["dwellings"]
    return table.sort_values("name", ignore_index=True)


def standing(snapshot: Snapshot, code: str | None = None) -> Standing:
    """The standing of Twente (code None) or of one municipality (CBS code)."""
    table = standing_table(snapshot)
    if code is not None:
        table = table[table["code"] == code]
        if table.empty:
            raise KeyError(code)
    return Standing(
        population=int(table["population"].sum()),
        dwellings=int(table["dwellings"].sum()),
        households=int(table["households"].sum()),
        reference_date=table["reference_date"].max(),
        population_now=int(table["population_now"].sum()),
        reference_date_now=table["reference_date_now"].max(),
        status_now=str(table["status_now"].iloc[0]) if table["status_now"].nunique() == 1 else "voorlopig",
    )


def target(snapshot: Snapshot, target_id: str) -> dict[str, Any]:
    """One target row as a dict (id, measure, comparator, value, unit, year, scope, wording, source_id, …)."""
    rows = snapshot["targets"][snapshot["targets"]["id"] == target_id]
    if rows.empty:
        raise KeyError(target_id)
    return {str(name): value for name, value in rows.iloc[0].items()}


def scope_codes(scope: str) -> list[str]:
    """The municipality codes a target's scope covers ('twente' is all 14 — returned as an empty list)."""
    return [] if scope == TWENTE else scope.split()


def municipality_names(snapshot: Snapshot) -> dict[str, str]:
    """Display names by CBS code, sorted by name."""
    frame = snapshot["municipalities"].sort_values("name")
    return dict(zip(frame["code"], frame["name"], strict=True))


def source(snapshot: Snapshot, source_id: str) -> dict[str, Any]:
    """One source row as a dict (id, title, publisher, date, reference, licence, note)."""
    rows = snapshot["sources"][snapshot["sources"]["id"] == source_id]
    if rows.empty:
        raise KeyError(source_id)
    return {str(name): value for name, value in rows.iloc[0].items()}


def share_of(value: float, total: float) -> float:
    """`value` as a share of `total` (NaN when the total is zero or unknown)."""
    return value / total if total else float("nan")
