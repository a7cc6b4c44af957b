"""Building permits per municipality, Twente (CR12) and Overijssel (PV23) from CBS 83671NED (`permits.csv`, only
after a refresh): dwellings permitted per quarter or year, split by ownership (rent / buy) or by commissioning party
(corporation / market / private), and the latest four quarters against the same quarters a year earlier.

Permits come one and a half to two years before completions, so a falling count is an early sign; that lag is an
observation about the past, not a rule, and nothing here projects with it. Every figure is CBS's own: a total is
CBS's total cell, never our sum of the parts. A sum over quarters is unknown (None) as soon as one quarter is unknown
or missing — never counted as zero — and carries the provisional quarters it includes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

Split = Literal["ownership", "client"]
Kind = Literal["quarter", "year"]


def permits_by(permits: pd.DataFrame, code: str, kind: Kind, split: Split) -> pd.DataFrame:
    """Dwellings permitted in region `code` per period of `kind` and per category of `split` (the other split at
    its total), oldest first: columns period, category, dwellings (Int64, NA = unknown), status."""
    other = "client" if split == "ownership" else "ownership"
    rows = permits[(permits["code"] == code) & (permits["period_kind"] == kind) & (permits[other] == "total")]
    frame = rows[["period", split, "dwellings", "status"]].rename(columns={split: "category"})
    frame = frame.astype({"dwellings": "Int64"})
    return frame.sort_values(["period", "category"], ignore_index=True)


def _quarter_before(quarter: str) -> str:
    """`2025Q3` → `2024Q3`."""
    return f"{int(quarter[:4]) - 1}{quarter[4:]}"


@dataclass(frozen=True)
class PermitComparison:
    """The latest four quarters against the same quarters a year earlier, for one region and one category."""

    quarters: tuple[str, ...]  # the latest four, oldest first
    latest: int | None
    year_before: int | None
    provisional: tuple[str, ...]  # quarters among the eight that CBS still marks provisional

    @property
    def change(self) -> float | None:
        """latest / year_before − 1; None when either is unknown or the year before had none."""
        if self.latest is None or not self.year_before:
            return None
        return self.latest / self.year_before - 1


def _total(cells: pd.DataFrame, quarters: list[str]) -> int | None:
    """Sum of `dwellings` over `quarters`; None when one is missing or unknown."""
    found = cells.set_index("period")["dwellings"].reindex(quarters)
    return None if found.isna().any() else int(found.sum())


def latest_four_quarters(
    permits: pd.DataFrame, code: str, ownership: str = "total", client: str = "total"
) -> PermitComparison | None:
    """The four newest quarters of region `code` against the same quarters a year earlier; None without quarters."""
    cells = permits[
        (permits["code"] == code)
        & (permits["period_kind"] == "quarter")
        & (permits["ownership"] == ownership)
        & (permits["client"] == client)
    ]
    if cells.empty:
        return None
    newest = max(cells["period"])
    latest = [newest]
    while len(latest) < 4:
        year, number = int(latest[0][:4]), int(latest[0][5])
        latest.insert(0, f"{year}Q{number - 1}" if number > 1 else f"{year - 1}Q4")
    earlier = [_quarter_before(q) for q in latest]
    status = cells.set_index("period")["status"]
    provisional = tuple(q for q in earlier + latest if q in status.index and status[q] != "definitief")
    return PermitComparison(tuple(latest), _total(cells, latest), _total(cells, earlier), provisional)


def permits_and_completions(permits: pd.DataFrame, changes: pd.DataFrame, code: str) -> pd.DataFrame:
    """Per permit year of region `code`: dwellings permitted (CBS's total) beside new construction one and two
    years later (`dwelling_changes.csv`, whole years only), to show the lag as it was; NA where a figure is unknown
    or not yet there. Columns year, permits, completions_next, completions_after_two, status (of the permits)."""
    years = permits_by(permits, code, "year", "ownership")
    years = years[years["category"] == "total"]
    built = changes[(changes["code"] == code) & (changes["period_kind"] == "year")]
    completions = pd.Series(
        built["new_construction"].astype("Int64").to_numpy(), index=built["period"].astype(int), dtype="Int64"
    )
    year = years["period"].astype(int)
    return pd.DataFrame(
        {
            "year": year.to_numpy(),
            "permits": years["dwellings"].to_numpy(),
            "completions_next": completions.reindex(year + 1).to_numpy(),
            "completions_after_two": completions.reindex(year + 2).to_numpy(),
            "status": years["status"].to_numpy(),
        }
    ).astype({"permits": "Int64", "completions_next": "Int64", "completions_after_two": "Int64"})
