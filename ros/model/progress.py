"""Are we on track? Homes realised per year against the scenario's path, the delivery ratio and the catch-up pace.

Realisation comes from CBS: new construction 2012–2020 from the shipped `new_construction.csv` (81955NED, new
construction only, so the net change is unknown there) and, after a refresh, `dwelling_changes.csv` (81955NED to
2024, 86098NED from 2025: new construction, demolition, other changes and the net change, whole years and the
months of a running year). Where CBS has nothing yet a planner may add the municipality's own figures ("eigen
opgave"); CBS wins where both exist, measure by measure, and every value keeps its origin. Unknown values stay
unknown (NA): a region total is unknown when one municipality is, a ratio names the years it uses and the years it
could not use. A running year counts its months ("t/m september") and the path's homes for it pro rata. The
reference bands are England's Housing Delivery Test (95 / 85 / 75 %), shown as a reference, not a ROS rule.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import pandas as pd

from ros.model import trajectory
from ros.model.targets import TargetResult

MEASURES = ("net_change", "new_construction")
VALUES = ("new_construction", "demolition", "net_change")
COLUMNS = ("code", "year", "months", *VALUES, *(f"{v}_origin" for v in VALUES), "status")
# The least final status of the parts is the status of a sum; own figures are less final than any CBS figure.
STATUS_ORDER = ("definitief", "nader voorlopig", "voorlopig", "eigen")
PROVISIONAL = ("nader voorlopig", "voorlopig")
REFERENCE_BANDS = (0.95, 0.85, 0.75)  # England's Housing Delivery Test; a reference, not a ROS rule
WOONDEAL_YEARS = (2022, 2030)
CBS, OWN = "cbs", "eigen"


def _least_final(statuses: Sequence[str]) -> str:
    known = [s for s in statuses if s in STATUS_ORDER]
    return max(known, key=STATUS_ORDER.index) if known else STATUS_ORDER[0]


def _int_or_na(values: pd.Series) -> object:
    """The sum of `values` as an int, or NA when one of them is unknown (never counted as zero)."""
    return pd.NA if values.isna().any() or values.empty else int(values.sum())


def cbs_years(new_construction: pd.DataFrame, dwelling_changes: pd.DataFrame | None) -> pd.DataFrame:
    """CBS realisation per municipality and year (COLUMNS; `months` 12 for a whole year, fewer for a running
    year built from its months). Rows of `dwelling_changes` replace the shipped new construction of that year; its
    monthly rows are used only for years without a year row, and a gap in the months makes the sums unknown."""
    rows: dict[tuple[Any, Any], dict[str, object]] = {}
    for record in new_construction.to_dict(orient="records"):
        rows[(record["code"], int(record["year"]))] = {
            "new_construction": record["new_dwellings"],
            "demolition": pd.NA,
            "net_change": pd.NA,
            "months": 12,
            "status": record.get("status") or STATUS_ORDER[0],
        }
    if dwelling_changes is not None and not dwelling_changes.empty:
        changes = dwelling_changes[dwelling_changes["code"].str.startswith("GM")].copy()
        changes["year"] = changes["period"].str[:4].astype(int)
        whole = changes[changes["period_kind"] == "year"]
        for record in whole.to_dict(orient="records"):
            rows[(record["code"], record["year"])] = {v: _na(record.get(v)) for v in VALUES} | {
                "months": 12,
                "status": record["status"],
            }
        months = changes[(changes["period_kind"] == "month")]
        whole_keys = set(zip(whole["code"], whole["year"], strict=True))
        for (code, year), part in months.groupby(["code", "year"], sort=True):
            if (code, year) in whole_keys:
                continue
            numbers = sorted(int(p[5:7]) for p in part["period"])
            complete = numbers == list(range(1, numbers[-1] + 1))
            values = {v: (_int_or_na(part[v].astype("Int64")) if complete else pd.NA) for v in VALUES}
            rows[(code, year)] = values | {"months": numbers[-1], "status": _least_final(list(part["status"]))}
    frame = pd.DataFrame([{"code": c, "year": y, **v} for (c, y), v in sorted(rows.items())])
    if frame.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    for value in VALUES:
        frame[value] = frame[value].astype("Int64")
        frame[f"{value}_origin"] = [None if missing else CBS for missing in frame[value].isna()]
    return frame[list(COLUMNS)]


def _na(value: Any) -> Any:
    """NA for every form of missing (None, NaN, NA); other values unchanged."""
    return pd.NA if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA else value


def merge_own(cbs: pd.DataFrame, own: pd.DataFrame | None) -> pd.DataFrame:
    """CBS rows with own figures (columns code, year, new_construction, demolition, net_change) filled in where CBS
    has no value for that municipality, year and measure; CBS wins where both exist. Own figures are whole years."""
    if own is None or own.empty:
        return cbs.copy()
    rows: dict[tuple[Any, int], dict[Any, Any]] = {
        (r["code"], int(r["year"])): r for r in cbs.to_dict(orient="records")
    }
    for record in own.to_dict(orient="records"):
        key = (record["code"], int(record["year"]))
        row = rows.setdefault(
            key,
            {"code": key[0], "year": key[1], "months": 12, "status": OWN}
            | dict.fromkeys(VALUES, pd.NA)
            | {f"{v}_origin": None for v in VALUES},
        )
        for value in VALUES:
            given = _na(record.get(value))
            if given is not pd.NA and _na(row[value]) is pd.NA:
                row[value], row[f"{value}_origin"] = int(given), OWN
    frame = pd.DataFrame([rows[k] for k in sorted(rows)], columns=list(COLUMNS))
    for value in VALUES:
        frame[value] = frame[value].astype("Int64")
    frame["months"] = frame["months"].astype(int)
    return frame


def area_years(realised: pd.DataFrame, code: str | None, codes: Sequence[str]) -> pd.DataFrame:
    """Realisation per year of one municipality, or (code None) the sum of `codes`: one row per year from the first
    to the last year with any figure (years without one are rows of unknowns, never left out), with the values,
    months, status and origin per measure ('cbs', 'eigen', 'mix' or None when unknown). A region value is
    unknown when one municipality's is, or when their months differ."""
    if code is not None:
        return _every_year(realised[realised["code"] == code].drop(columns="code").reset_index(drop=True))
    rows = []
    for key, part in realised[realised["code"].isin(codes)].groupby("year", sort=True):
        months = set(part["months"])
        row: dict[str, object] = {
            "year": int(cast(int, key)),
            "months": min(months),
            "status": _least_final(list(part["status"])),
        }
        for value in VALUES:
            complete = len(part) == len(codes) and len(months) == 1
            row[value] = _int_or_na(part[value]) if complete else pd.NA
            origins = set(part[f"{value}_origin"].dropna())
            row[f"{value}_origin"] = None if row[value] is pd.NA else (origins.pop() if len(origins) == 1 else "mix")
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "code"])
    for value in VALUES:
        frame[value] = frame[value].astype("Int64")
    return _every_year(frame)


def _every_year(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with a row of unknowns for every missing year between its first and last year."""
    if frame.empty:
        return frame
    present = set(frame["year"])
    gaps = [y for y in range(int(frame["year"].min()), int(frame["year"].max()) + 1) if y not in present]
    if not gaps:
        return frame
    filler = pd.DataFrame({"year": gaps, "months": 12, "status": None})
    for value in VALUES:
        filler[value] = pd.array([pd.NA] * len(gaps), dtype="Int64")
        filler[f"{value}_origin"] = None
    result = pd.concat([frame, filler[frame.columns]], ignore_index=True).sort_values("year", ignore_index=True)
    for value in VALUES:
        result[value] = result[value].astype("Int64")
    return result


@dataclass(frozen=True)
class Track:
    """Realised against a path from `start_year` to `end_year` for one measure (homes; None = unknown)."""

    measure: str
    start_year: int
    end_year: int
    target: int
    years_used: tuple[int, ...]
    years_missing: tuple[int, ...]
    last_year: int | None
    last_months: int | None
    provisional_years: tuple[int, ...]
    own_years: tuple[int, ...]
    realised: int | None
    required: float | None
    ratio: float | None
    pace: float | None
    catch_up: float | None
    reached_year: int | None

    @property
    def in_data(self) -> bool:
        """True when at least one year since the start year has a known realisation."""
        return bool(self.years_used)

    @property
    def running(self) -> bool:
        """True when the last year used is a running year (fewer than 12 months)."""
        return self.last_months is not None and self.last_months < 12

    @property
    def band(self) -> str | None:
        """The reference band of the ratio: 'ge95', '85_95', '75_85', 'lt75' (None when unknown)."""
        return reference_band(self.ratio)


def reference_band(ratio: float | None) -> str | None:
    """Where a delivery ratio falls in the Housing Delivery Test's bands (a reference, not a ROS rule)."""
    if ratio is None or math.isnan(ratio):
        return None
    high, middle, low = REFERENCE_BANDS
    return "ge95" if ratio >= high else "85_95" if ratio >= middle else "75_85" if ratio >= low else "lt75"


def track(
    years: pd.DataFrame, path: Mapping[int, int], measure: str, start_year: int, end_year: int, target: int
) -> Track:
    """The delivery track of one area: realised (`years` from `area_years`) since `start_year` against `path`
    (homes per year of the scenario), the ratio over the years that are known (a running year with its months and
    the path pro rata), the realised pace, the pace still needed a year to reach `target` by the end of
    `end_year`, and the year the target is reached at the realised pace. With a year in the range unknown (a
    whole year, or one municipality's month of the running year) the pace still needed and the year reached are
    unknown (None) and `years_missing` names it."""
    known = years[(years["year"] >= start_year) & (years["year"] <= end_year) & years[measure].notna()]
    if known.empty:
        return Track(
            measure, start_year, end_year, target, (), (), None, None, (), (), None, None, None, None, None, None
        )
    used = tuple(int(y) for y in known["year"])
    last_year, last_months = used[-1], int(known["months"].iloc[-1])
    # A year with rows but an unknown value is missing too when it is the newest (a running year with one
    # municipality's month missing), so it is never dropped silently.
    newest = int(years.loc[(years["year"] >= start_year) & (years["year"] <= end_year), "year"].max())
    missing = tuple(y for y in range(start_year, newest + 1) if y not in used)
    fractions = known["months"].astype(float).to_numpy() / 12
    realised = int(known[measure].astype(int).sum())
    required = float(sum(path.get(y, 0) * f for y, f in zip(used, fractions, strict=True)))
    ratio = realised / required if required > 0 else None
    elapsed = float(fractions.sum())
    pace = realised / elapsed if elapsed > 0 else None
    remaining = max(target - realised, 0)
    left = end_year + 1 - (last_year + last_months / 12)
    catch_up = (remaining / left if left > 0 else None) if remaining else 0.0
    reached = None
    if remaining == 0:
        reached = last_year
    elif pace is not None and pace > 0:
        reached = math.ceil(round(last_year + last_months / 12 + remaining / pace, 9)) - 1
    if missing:  # what is still to build depends on the unknown years: never count them as 0 built
        catch_up, reached = None, None
    provisional = tuple(int(y) for y, s in zip(known["year"], known["status"], strict=True) if s in PROVISIONAL)
    own = tuple(int(y) for y, o in zip(known["year"], known[f"{measure}_origin"], strict=True) if o in (OWN, "mix"))
    return Track(
        measure,
        start_year,
        end_year,
        target,
        used,
        missing,
        last_year,
        last_months,
        provisional,
        own,
        realised,
        required,
        ratio,
        pace,
        catch_up,
        reached,
    )


def woondeal_path(target: int, years: tuple[int, int] = WOONDEAL_YEARS) -> dict[int, int]:
    """The Woondeal's homes per year: `target` spread linearly over its years in whole homes."""
    built = trajectory.build(np.array([target]), "linear", years[0], years[1], outlook_year=years[1])
    return dict(zip((int(y) for y in built.years), (int(h) for h in built.homes[0]), strict=True))


def cumulative_frame(
    years: pd.DataFrame, path: Mapping[int, int], measure: str, start_year: int, until: int
) -> pd.DataFrame:
    """Per year from `start_year` to `until`: months covered, the path's cumulative homes (a running year pro rata)
    and the realised cumulative (NA from the first unknown year on, so a line never runs through a gap as if
    nothing was built)."""
    by_year = years.set_index("year")
    rows, total, path_total, broken = [], 0, 0.0, False
    for year in range(start_year, until + 1):
        value = by_year[measure].get(year, pd.NA) if year in by_year.index else pd.NA
        months = int(by_year["months"].get(year, 12)) if year in by_year.index else 12
        path_total += path.get(year, 0) * months / 12
        broken = broken or pd.isna(value)
        if not broken:
            total += int(cast(int, value))
        rows.append({"year": year, "months": months, "path": path_total, "realised": pd.NA if broken else total})
    frame = pd.DataFrame(rows, columns=["year", "months", "path", "realised"])
    frame["realised"] = frame["realised"].astype("Int64")
    return frame


def path_by_year(result: TargetResult, code: str | None) -> dict[int, int]:
    """Homes per year of the scenario's path for one municipality, or the region for None (year → homes)."""
    homes = result.path.homes if code is None else result.path.homes[[result.region.codes.index(code)]]
    return {int(y): int(v) for y, v in zip(result.path.years, homes.sum(axis=0), strict=True)}
