"""The register of housing plans (Plannen): a plan, its categories and their numbers per year, and what they add up to.

The fields and value lists follow Planmonitor Wonen, the model several provinces and BZK use (`plan_naam`, `gemeente`,
`status_planologisch` 1A–4B, `betaalbaarheid` in 8 values, …); the lists, the groupings (hard/zacht, betaalbaar),
the thresholds, the 130 % rule of thumb and the price limits are data with their source in `data/plan_register.toml`.
A geometry is WKT in RD New (EPSG:28992). The calculations take plans and return numbers and codes; what is not
known stays None and is never counted as 0.
"""

from __future__ import annotations

import calendar
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache
from typing import Any, Literal

import pyproj
import shapely
from shapely import wkt
from shapely.geometry.base import BaseGeometry

from ros.base.config import SHIPPED_DATA_DIR

REGISTER_FILE = SHIPPED_DATA_DIR / "plan_register.toml"
RD_NEW, WGS84 = "EPSG:28992", "EPSG:4326"
Hardness = Literal["hard", "zacht", "onbekend"]
HARDNESS: tuple[Hardness, ...] = ("hard", "zacht", "onbekend")
STALE_MONTHS = 6


@cache
def register_data() -> dict[str, Any]:
    """The value lists, groupings, thresholds, rule of thumb and price limits of `data/plan_register.toml`."""
    with REGISTER_FILE.open("rb") as handle:
        return tomllib.load(handle)


def value_list(name: str) -> tuple[Any, ...]:
    """One Planmonitor Wonen value list (`status_planologisch`, `betaalbaarheid`, …) in its order."""
    return tuple(register_data()["lists"][name])


@dataclass(frozen=True)
class PriceLimit:
    """The upper price of a betaalbaarheid segment in one year (euros: monthly rent or purchase price), with source."""

    segment: str
    year: int
    limit: float
    source: str


def price_limit(segment: str, year: int) -> PriceLimit | None:
    """The segment's price limit in `year` from the register data; None when no source gives one for that year
    (never the nearest year's)."""
    for row in register_data()["price_limits"]:
        if (row["segment"], row["year"]) == (segment, year):
            return PriceLimit(row["segment"], row["year"], float(row["limit"]), row["source"])
    return None


@dataclass(frozen=True)
class Category:
    """One category of a plan: new build or demolition of one woningtype × betaalbaarheid (optionally wonen en zorg),
    with the planned and realised numbers of homes per year."""

    woning_type: str
    betaalbaarheid: str
    nieuwbouw: bool = True
    wonen_en_zorg: str | None = None
    gepland: Mapping[int, int] = field(default_factory=dict)
    gerealiseerd: Mapping[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    """One housing plan as Planmonitor Wonen describes it; `geometrie` is WKT in RD New (EPSG:28992)."""

    plan_naam: str
    gemeente: str  # CBS code, GM0153
    plaatsnaam: str | None = None
    geometrie: str | None = None
    plantype: str | None = None
    status_planologisch: str | None = None
    status_project: str | None = None
    realiseerbaarheid: int | None = None  # per cent: 20, 40, 60, 80 or 100
    knelpunten_meerkeuze: tuple[str, ...] = ()
    opdrachtgever_type: str | None = None
    opdrachtgever_naam: str | None = None
    vertrouwelijkheid: str = "Openbaar"
    sleutelproject: bool = False
    opmerkingen: str | None = None
    laatst_bevestigd_door: str | None = None
    laatst_bevestigd_op: date | None = None
    categorieen: tuple[Category, ...] = ()
    id: str | None = None  # given by the store


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as JSON-ready values (years as text keys, the date as ISO text)."""
    values = asdict(plan)
    values["knelpunten_meerkeuze"] = list(plan.knelpunten_meerkeuze)
    values["laatst_bevestigd_op"] = plan.laatst_bevestigd_op.isoformat() if plan.laatst_bevestigd_op else None
    values["categorieen"] = [
        {**asdict(c), "gepland": _text_keys(c.gepland), "gerealiseerd": _text_keys(c.gerealiseerd)}
        for c in plan.categorieen
    ]
    return values


def _text_keys(numbers: Mapping[int, int]) -> dict[str, int]:
    """Numbers per year with the years as text (JSON object keys)."""
    return {str(year): count for year, count in numbers.items()}


def plan_from_dict(values: Mapping[str, Any]) -> Plan:
    """The plan that `plan_to_dict` wrote."""
    confirmed = values.get("laatst_bevestigd_op")
    categories = tuple(
        Category(
            **{k: v for k, v in c.items() if k not in ("gepland", "gerealiseerd")},
            gepland={int(y): n for y, n in c.get("gepland", {}).items()},
            gerealiseerd={int(y): n for y, n in c.get("gerealiseerd", {}).items()},
        )
        for c in values.get("categorieen", [])
    )
    return Plan(
        **{k: v for k, v in values.items() if k not in ("knelpunten_meerkeuze", "laatst_bevestigd_op", "categorieen")},
        knelpunten_meerkeuze=tuple(values.get("knelpunten_meerkeuze", ())),
        laatst_bevestigd_op=date.fromisoformat(confirmed) if confirmed else None,
        categorieen=categories,
    )


Problem = tuple[str, dict[str, object]]  # a code and its values, for a message in a language


def plan_problems(plan: Plan, municipalities: Iterable[str]) -> list[Problem]:
    """What is wrong with the plan's values against the value lists (codes with their values); empty when none."""
    problems: list[Problem] = []
    if plan.gemeente not in set(municipalities):
        problems.append(("plan_municipality_unknown", {"value": plan.gemeente}))
    single = {
        "plantype": plan.plantype,
        "status_planologisch": plan.status_planologisch,
        "status_project": plan.status_project,
        "realiseerbaarheid": plan.realiseerbaarheid,
        "opdrachtgever_type": plan.opdrachtgever_type,
        "vertrouwelijkheid": plan.vertrouwelijkheid,
    }
    checks = [(name, value) for name, value in single.items() if value is not None]
    checks += [("knelpunten", value) for value in plan.knelpunten_meerkeuze]
    for category in plan.categorieen:
        checks += [("woning_type", category.woning_type), ("betaalbaarheid", category.betaalbaarheid)]
        if category.wonen_en_zorg is not None:
            checks.append(("wonen_en_zorg", category.wonen_en_zorg))
        for year, count in [*category.gepland.items(), *category.gerealiseerd.items()]:
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                problems.append(("plan_number_bad", {"year": year, "value": count}))
    problems += [("plan_value_unknown", {"field": n, "value": v}) for n, v in checks if v not in value_list(n)]
    if plan.geometrie is not None and geometry(plan.geometrie) is None:
        problems.append(("plan_geometry_bad", {}))
    return problems


def geometry(text: str) -> BaseGeometry | None:
    """The point or polygon of a WKT text in RD New; None when it is neither or not valid."""
    try:
        shape = wkt.loads(text)
    except shapely.errors.ShapelyError:
        return None
    kinds = ("Point", "Polygon", "MultiPolygon")
    return shape if shape.geom_type in kinds and shape.is_valid and not shape.is_empty else None


@cache
def _to_wgs84() -> pyproj.Transformer:
    """RD New → WGS84 (longitude, latitude order)."""
    return pyproj.Transformer.from_crs(RD_NEW, WGS84, always_xy=True)


def geometry_wgs84(plan: Plan) -> BaseGeometry | None:
    """The plan's point or polygon in WGS84 (longitude, latitude); None when it has none."""
    shape = geometry(plan.geometrie) if plan.geometrie else None
    return None if shape is None else shapely.transform(shape, _to_wgs84().transform, interleaved=False)


def hardness(status: str | None) -> Hardness:
    """Hard (1A–2C), zacht (3–4B) or onbekend, by the grouping in the register data."""
    groups = register_data()["hardheid"]
    return "hard" if status in groups["hard"] else "zacht" if status in groups["zacht"] else "onbekend"


def _building(plan: Plan) -> list[Category]:
    """The plan's new-build categories (demolition is counted apart)."""
    return [c for c in plan.categorieen if c.nieuwbouw]


def planned_homes(plan: Plan, from_year: int | None = None) -> int:
    """The new homes the plan has planned, in `from_year` and later when given."""
    return sum(n for c in _building(plan) for y, n in c.gepland.items() if from_year is None or y >= from_year)


def pipeline_by_hardness(plans: Iterable[Plan], from_year: int | None = None) -> dict[Hardness, int]:
    """Planned new homes (from `from_year` on when given) per hardheid: hard, zacht and onbekend (no status)."""
    totals: dict[Hardness, int] = dict.fromkeys(HARDNESS, 0)
    for plan in plans:
        totals[hardness(plan.status_planologisch)] += planned_homes(plan, from_year)
    return totals


def expected_completions(
    plans: Iterable[Plan], dropout: Mapping[Hardness, float] | None = None
) -> dict[int, float | None]:
    """Expected new homes per year: planned × realiseerbaarheid, × (1 − drop-out of the plan's hardheid class) when
    a drop-out is assumed. A year is None when a plan planning homes in it has no realiseerbaarheid, or (with a
    drop-out) its class has no rate: unknown, not 0. There is no default drop-out: none is official."""
    years: dict[int, float | None] = {}
    for plan in plans:
        share = None if plan.realiseerbaarheid is None else plan.realiseerbaarheid / 100
        if share is not None and dropout is not None:
            rate = dropout.get(hardness(plan.status_planologisch))
            share = None if rate is None else share * (1 - rate)
        for category in _building(plan):
            for year, count in category.gepland.items():
                known = years.get(year, 0.0)
                years[year] = None if known is None or share is None else known + count * share
    return dict(sorted(years.items()))


@dataclass(frozen=True)
class Coverage:
    """Plan capacity against what must still be built: the ratio, the capacity the 130 % rule asks, whether met."""

    ratio: float | None
    rule_capacity: float | None
    meets_rule: bool | None


def coverage(capacity: int | None, remaining_target: int | None) -> Coverage:
    """Capacity ÷ remaining target and the 130 % line (the rule of thumb in the register data); None when either is
    unknown or nothing remains to be built."""
    factor = float(register_data()["rule_of_thumb"]["capacity_factor"])
    if capacity is None or remaining_target is None or remaining_target <= 0:
        return Coverage(None, None, None)
    rule = remaining_target * factor
    return Coverage(capacity / remaining_target, rule, capacity >= rule)


@dataclass(frozen=True)
class SegmentCheck:
    """One threshold against the planned new homes: the segment's share, the share of unknown segment, and whether
    the threshold is met (None: the unknown homes decide)."""

    threshold: str
    segment: str
    limit: float
    share: float | None
    unknown_share: float | None
    met: bool | None


def segment_checks(plans: Iterable[Plan], thresholds: Iterable[Mapping[str, Any]] | None = None) -> list[SegmentCheck]:
    """Each threshold (the register data's, or given ones with id, segment, share) against the planned new homes;
    shares are None when no homes are planned."""
    segments = register_data()["segments"]
    by_value: Counter[str] = Counter()
    for plan in plans:
        for category in _building(plan):
            by_value[category.betaalbaarheid] += sum(category.gepland.values())
    total = sum(by_value.values())
    unknown = sum(by_value.get(v, 0) for v in segments["onbekend"])
    checks = []
    for threshold in thresholds if thresholds is not None else register_data()["thresholds"]:
        limit = float(threshold["share"])
        if total == 0:
            checks.append(SegmentCheck(threshold["id"], threshold["segment"], limit, None, None, None))
            continue
        share = sum(by_value.get(v, 0) for v in segments[threshold["segment"]]) / total
        met = True if share >= limit else False if share + unknown / total < limit else None
        checks.append(SegmentCheck(threshold["id"], threshold["segment"], limit, share, unknown / total, met))
    return checks


def slipped_homes(plan: Plan, today: date) -> int:
    """New homes planned in years before `today`'s year that were not realised by then (0 when on track)."""
    building = _building(plan)
    planned = sum(n for c in building for y, n in c.gepland.items() if y < today.year)
    realised = sum(n for c in building for y, n in c.gerealiseerd.items() if y < today.year)
    return max(planned - realised, 0)


def slipped_plans(plans: Iterable[Plan], today: date) -> dict[str, int]:
    """Plan name → homes slipped, for the plans whose planned years passed without (full) realisation."""
    return {p.plan_naam: n for p in plans if (n := slipped_homes(p, today)) > 0}


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day when it is shorter: 31 August − 6 → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def stale_plans(plans: Iterable[Plan], today: date, months: int = STALE_MONTHS) -> list[str]:
    """Names of the plans not confirmed since `months` months before `today` (or never confirmed)."""
    since = months_before(today, months)
    return [p.plan_naam for p in plans if p.laatst_bevestigd_op is None or p.laatst_bevestigd_op < since]
