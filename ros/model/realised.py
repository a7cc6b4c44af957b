"""What has been realised since the start year, from the refreshed CBS tables: homes built, net change, inhabitants.

Pure functions over the snapshot, each returning the number with its period, status and sources, or None when the
table is not in the data. Homes come from `progress.cbs_years` (`series.new_construction`, then
`dwelling_changes.csv`: 81955NED to 2024, 86098NED from 2025, the months of a running year counted "t/m <maand>");
a sum is unknown (None) as soon as one municipality or one year in the span is unknown — never counted as zero.
The current population is `ros.data.series.population_now`. The progress page reuses these.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ros.data import series
from ros.model import progress
from ros.model.targets import TargetResult


@dataclass(frozen=True)
class RealisedHomes:
    """Homes realised from `first_year` through `last_year` (its first `months` months when a running year)."""

    new_construction: int | None
    net_change: int | None
    first_year: int
    last_year: int
    months: int
    status: str
    source_ids: tuple[str, ...]

    @property
    def partial(self) -> bool:
        """True when the last year is a running year counted by its months."""
        return self.months < 12

    @property
    def years(self) -> float:
        """The span in years, a running year by its months (for a pace per year)."""
        return self.last_year - self.first_year + self.months / 12


def _codes(snapshot: Mapping[str, pd.DataFrame], code: str | None) -> list[str]:
    return [code] if code is not None else sorted(snapshot["municipalities"]["code"])


def _total(values: pd.Series) -> int | None:
    """The sum, or None when any value is unknown (never counted as zero)."""
    return None if values.empty or values.isna().any() else int(values.sum())


def _least_final(statuses: list[object]) -> str:
    """The least final of the statuses (the status of a sum)."""
    known = [s for s in statuses if s in progress.STATUS_ORDER]
    return max(known, key=progress.STATUS_ORDER.index) if known else progress.STATUS_ORDER[0]


def homes_since(snapshot: Mapping[str, pd.DataFrame], first_year: int, code: str | None = None) -> RealisedHomes | None:
    """New construction and net change of Twente (code None) or one municipality from `first_year` to the latest
    CBS period; None when the refreshed dwelling changes are not in the data or have nothing from `first_year`."""
    changes = snapshot.get("dwelling_changes")
    if changes is None:
        return None
    codes = _codes(snapshot, code)
    years = progress.cbs_years(series.new_construction(snapshot), changes)
    years = years[years["code"].isin(codes) & (years["year"] >= first_year)]
    if years.empty:
        return None
    area = progress.area_years(years, code, codes)
    last = area.iloc[-1]
    complete = len(area) == int(last["year"]) - first_year + 1 and int(area["year"].min()) == first_year
    values = {v: _total(area[v]) if complete else None for v in ("new_construction", "net_change")}
    in_span = changes[changes["code"].isin(codes) & (changes["period"].str[:4].astype(int) >= first_year)]
    return RealisedHomes(
        new_construction=values["new_construction"],
        net_change=values["net_change"],
        first_year=first_year,
        last_year=int(last["year"]),
        months=int(last["months"]),
        status=_least_final(list(area["status"])),
        source_ids=tuple(sorted(set(in_span["source_id"]))),
    )


def catch_up(
    snapshot: Mapping[str, pd.DataFrame],
    result: TargetResult,
    code: str | None = None,
    measure: str = progress.MEASURES[0],
) -> progress.Track | None:
    """The track of Twente (code None) or one municipality under `result` from the refreshed CBS figures, measured
    as `measure` (net additions unless asked, as Voortgang opens; `progress.track`): its `catch_up` is the homes a
    year still needed from the last realised period; None without refreshed figures or when a year since the start
    year is unknown."""
    changes = snapshot.get("dwelling_changes")
    if changes is None:
        return None
    codes = _codes(snapshot, code)
    years = progress.cbs_years(series.new_construction(snapshot), changes)
    area = progress.area_years(years[years["code"].isin(codes)], code, codes)
    s = result.settings
    target = int(result.homes.sum()) if code is None else int(result.homes[result.region.codes.index(code)])
    tr = progress.track(area, progress.path_by_year(result, code), measure, s.start_year, s.end_year, target)
    return tr if tr.in_data and not tr.years_missing else None
