"""Which series is current for each measure: the refreshed table of the version in use where it has the figures,
else the table shipped with the app. Pages and calculations ask here, never a shipped file a refresh supersedes.

- Population now: CBS 37230ned. The newest month that every municipality has in `population_monthly.csv` (a
  refresh) when it is after the shipped count (`population_2026.csv`, 1-1-2026, provisional), else that count.
- New construction per year: the whole years of `dwelling_changes.csv` (a refresh: 81955NED to 2024, 86098NED from
  2025) where it has them, else the shipped `new_construction.csv` (81955NED, final figures 2012–2020). A refreshed
  year replaces the shipped year as a whole: an unknown refreshed figure stays unknown.
- Sources: a refreshed table's source rows carry the day it was fetched and the periods it now covers, never the
  shipped row's date and periods (`current_sources`, applied when a snapshot is loaded).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

import pandas as pd

# The shipped tables that a refreshed table can supersede; only this module reads them (tests/test_series.py).
SUPERSEDED = {"population_2026": "population_monthly", "new_construction": "dwelling_changes"}
POPULATION_COLUMNS = ["code", "population", "reference_date", "status", "source_id"]
CONSTRUCTION_COLUMNS = ["code", "year", "new_dwellings", "status", "source_id"]


def population_now(snapshot: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Per municipality the current population count: code, population, reference_date (date), status, source_id."""
    shipped = snapshot["population_2026"][POPULATION_COLUMNS]
    monthly = snapshot.get("population_monthly")
    if monthly is None:
        return shipped.reset_index(drop=True)
    codes = set(shipped["code"])
    rows = monthly[monthly["code"].isin(codes)]
    counts = rows.groupby("month")["code"].nunique()
    complete = sorted(counts.index[counts == len(codes)])
    if not complete or date.fromisoformat(complete[-1] + "-01") <= max(shipped["reference_date"]):
        return shipped.reset_index(drop=True)
    latest = rows[rows["month"] == complete[-1]].assign(reference_date=date.fromisoformat(complete[-1] + "-01"))
    current: pd.DataFrame = latest[POPULATION_COLUMNS]
    return current.reset_index(drop=True)


def new_construction(snapshot: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """New construction per municipality and whole year: code, year, new_dwellings (Int64, NA unknown), status,
    source_id; sorted by code and year."""
    shipped = snapshot["new_construction"][CONSTRUCTION_COLUMNS].astype({"new_dwellings": "Int64"})
    changes = snapshot.get("dwelling_changes")
    if changes is None or changes.empty:
        return shipped.sort_values(["code", "year"], ignore_index=True)
    years = changes[(changes["period_kind"] == "year") & changes["code"].isin(set(shipped["code"]))]
    refreshed = pd.DataFrame(
        {
            "code": years["code"],
            "year": years["period"].str[:4].astype(int),
            "new_dwellings": years["new_construction"].astype("Int64"),
            "status": years["status"],
            "source_id": years["source_id"],
        }
    )
    kept = shipped[~shipped.set_index(["code", "year"]).index.isin(refreshed.set_index(["code", "year"]).index)]
    return pd.concat([kept, refreshed]).sort_values(["code", "year"], ignore_index=True)


def construction_sources(snapshot: Mapping[str, pd.DataFrame], first: int, last: int) -> tuple[str, ...]:
    """The tables the new construction of `first`–`last` comes from, in the order they cover the years."""
    frame = new_construction(snapshot)
    within = frame[(frame["year"] >= first) & (frame["year"] <= last)].sort_values("year")
    return tuple(dict.fromkeys(within["source_id"]))


def _span(values: list[str]) -> str:
    """Runs of consecutive years ('2012') or months ('2026-01') joined: '2012–2025', '2026-01–2026-09'."""
    runs: list[list[tuple[str, int]]] = []
    for value in sorted(values):
        number = int(value[:4]) * 12 + int(value[5:7]) if len(value) == 7 else int(value)
        if runs and number == runs[-1][-1][1] + 1:
            runs[-1].append((value, number))
        else:
            runs.append([(value, number)])
    return ", ".join(run[0][0] if len(run) == 1 else f"{run[0][0]}–{run[-1][0]}" for run in runs)


def current_sources(tables: Mapping[str, pd.DataFrame], fetched: datetime | None) -> pd.DataFrame:
    """The sources table with the rows that the refreshed tables (dwelling changes, monthly population) point to
    stating what the version holds: the fetch date (when known) and the years and months covered."""
    table = tables["sources"].copy()
    periods: dict[str, dict[str, list[str]]] = {}
    changes = tables.get("dwelling_changes")
    if changes is not None:
        for (source_id, kind), part in changes.groupby(["source_id", "period_kind"]):
            periods.setdefault(str(source_id), {}).setdefault(str(kind), []).extend(set(part["period"]))
    monthly = tables.get("population_monthly")
    if monthly is not None:
        for source_id, part in monthly.groupby("source_id"):
            periods.setdefault(str(source_id), {}).setdefault("month", []).extend(set(part["month"]))
    for source_id, kinds in periods.items():
        covered = "; ".join(
            f"{'jaren' if kind == 'year' else 'maanden'} {_span(values)}"
            for kind, values in sorted(kinds.items(), key=lambda item: item[0] != "year")
        )
        rows = table["id"] == source_id
        fetched_text = f"opgehaald {fetched.date().isoformat()}; " if fetched else ""
        table.loc[rows, "note"] = f"Ververste cijfers, {fetched_text}perioden in deze gegevens: {covered}"
        if fetched is not None:
            table.loc[rows, "date"] = fetched.date().isoformat()
    return table
