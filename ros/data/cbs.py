"""Reading the CBS StatLine tables of the registry (`ros.data.cbs_tables`) into the rows of our data contract.

Each table is read through OData v4 first (`ros.data.cbs_v4`) and, when v4 fails or lacks the table or one of our
measures, through OData v3 (`ros.data.cbs_v3`); both readers hand over the same shapes, so the rows come out the same.
Region keys are trimmed; each row keeps the status of its period (definitief / voorlopig / nader voorlopig) and its
table as source. A table CBS marks as discontinued is read from its declared successor, or the refresh stops naming
it. Every failure becomes a `CbsError` that names the table and the problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd

from ros.data.catalog import DwellingChangeRow
from ros.data.cbs_service import CbsError, Reader, Service
from ros.data.cbs_tables import CLIENTS, DWELLING_LIFECYCLE, FORECAST_INTERVALS, OWNERSHIP, STOCK_MUTATIONS, TableSpec
from ros.data.cbs_v3 import V3
from ros.data.cbs_v4 import V4

# From this year on the refresh takes dwelling changes from 86098NED and population per month from 37230ned.
FIRST_REFRESH_YEAR = 2024
# Cells CBS leaves without a figure: not available, secret, not applicable. They stay unknown, never 0.
_NO_FIGURE = {"", ".", "x", "-", "?"}
# TableInfos / Properties status of a table CBS still updates; anything else means it has stopped.
_REGULAR = {"", "regulier"}


@dataclass(frozen=True)
class Period:
    """One entry of a table's time dimension."""

    key: str
    year: int
    kind: str  # "year" | "quarter" | "month" | "other"
    label: str  # "2023", "2024Q3" or "2025-03"
    status: str
    raw: str = ""  # the key exactly as CBS spells it (a filter must match it, padding included)


@dataclass(frozen=True)
class Fetched:
    """The raw rows of one table, with what is needed to read them."""

    spec: TableSpec
    rows: list[dict[str, Any]]
    measures: Mapping[str, str]  # column → CBS measure key
    geo: str  # name of the region dimension
    time: str  # name of the time dimension
    regions: Mapping[str, str]  # trimmed region key → our code
    periods: Mapping[str, Period]  # CBS period key → period
    info: Mapping[str, Any]  # Title, Modified, Status, Description
    protocol: str = ""  # "v4" or "v3": which one served the table
    fallback: CbsError | None = None  # why v4 did not serve it, when v3 did
    replaces: str = ""  # the discontinued table this successor was read for


def _status(entry: Mapping[str, Any]) -> str:
    """Status of a period: CBS's Status field, else the asterisks in its title (* voorlopig, ** nader voorlopig)."""
    status = str(entry.get("Status") or "").strip().lower()
    if status in ("definitief", "voorlopig", "nader voorlopig"):
        return status
    title = str(entry.get("Title", "")).strip()
    return "nader voorlopig" if title.endswith("**") else "voorlopig" if title.endswith("*") else "definitief"


def parse_period(entry: Mapping[str, Any]) -> Period:
    """A time dimension entry as a period: `2023JJ00` → 2023, `2024KW03` → 2024Q3, `2025MM03` → 2025-03."""
    raw = str(entry["Key"])
    key = raw.strip()
    match = re.fullmatch(r"(\d{4})(JJ|MM|KW)(\d{2})", key)
    if not match:
        return Period(key, 0, "other", key, _status(entry), raw)
    year, kind, number = int(match[1]), match[2], int(match[3])
    if kind == "JJ":
        return Period(key, year, "year", str(year), _status(entry), raw)
    if kind == "MM" and 1 <= number <= 12:
        return Period(key, year, "month", f"{year}-{number:02d}", _status(entry), raw)
    if kind == "KW" and 1 <= number <= 4:
        return Period(key, year, "quarter", f"{year}Q{number}", _status(entry), raw)
    return Period(key, year, "other", key, _status(entry), raw)


def _regions(spec: TableSpec, entries: Iterable[Mapping[str, Any]], codes: Iterable[str]) -> dict[str, str]:
    """Raw region key → our code for the municipalities, Overijssel (PV23) and Twente (its COROP region)."""
    raw = {str(e["Key"]).strip(): (str(e["Key"]), str(e.get("Title", ""))) for e in entries}
    wanted = sorted(codes)
    missing = [code for code in wanted if code not in raw]
    if missing:
        raise CbsError(spec.id, "region_missing", codes=", ".join(missing))
    chosen = {raw[code][0]: code for code in wanted}
    if "PV23" in raw:
        chosen[raw["PV23"][0]] = "PV23"
    twente = [key for key, (_, title) in raw.items() if key.startswith("CR") and "twente" in title.lower()]
    if len(twente) == 1:
        chosen[raw[twente[0]][0]] = twente[0]
    return chosen


def reader(protocol: str, service: Service) -> Reader:
    """The reader of `protocol` ("v4" or "v3") for `service`."""
    return V4(service) if protocol == "v4" else V3(service)


def discontinued(info: Mapping[str, Any]) -> bool:
    """Whether CBS marks the table as no longer updated (a status other than Regulier)."""
    return str(info.get("Status", "")).strip().lower() not in _REGULAR


def named_successors(table: str, info: Mapping[str, Any]) -> list[str]:
    """Table ids CBS names in the table's description (where it points to a successor), other than its own."""
    found = re.findall(r"\b\d{5}(?:NED|ned|ENG|eng)\b", str(info.get("Description", "")))
    return sorted({t for t in found if t.upper() != table.upper()})


def _read(source: Reader, spec: TableSpec, codes: list[str], choose: Callable[[list[Period]], list[Period]]) -> Fetched:
    """One table through one protocol, or its declared successor when CBS has discontinued it."""
    url = source.service.address(source.protocol)
    info = source.info(spec.id)
    if discontinued(info) and not spec.closed:
        if spec.successor is None:
            named = ", ".join(named_successors(spec.id, info)) or "—"
            raise CbsError(spec.id, "discontinued", status=info.get("Status", ""), named=named)
        return replace(_read(source, spec.successor, codes, choose), replaces=spec.id)
    measures = source.measures(spec)
    kinds = source.dimensions(spec.id)
    geo = [name for name, kind in kinds.items() if kind == "GeoDimension"]
    time = [name for name, kind in kinds.items() if kind == "TimeDimension"]
    if len(geo) != 1 or len(time) != 1:
        raise CbsError(spec.id, "dimension_missing", dimension="regio/perioden")
    dimensions = [name for name, kind in kinds.items() if kind == "Dimension"]
    unexpected = [d for d in dimensions if d not in spec.fixed]
    if unexpected:
        raise CbsError(spec.id, "dimension_unexpected", dimension=", ".join(unexpected))
    keys: dict[str, list[str]] = {}
    for dimension, wanted in spec.fixed.items():
        if dimension not in dimensions:
            raise CbsError(spec.id, "dimension_missing", dimension=dimension)
        present = {str(e["Key"]).strip(): str(e["Key"]) for e in source.codes(spec.id, dimension)}
        gone = [key for key in wanted if key not in present]
        if gone:
            raise CbsError(spec.id, "dimension_missing", dimension=f"{dimension} {', '.join(gone)}")
        keys[dimension] = [present[key] for key in wanted]
    regions = _regions(spec, source.codes(spec.id, geo[0]), codes)
    periods = choose([parse_period(e) for e in source.codes(spec.id, time[0])])
    if not periods:
        raise CbsError(spec.id, "empty", url=url)
    keys[geo[0]], keys[time[0]] = list(regions), [p.raw for p in periods]
    rows = source.rows(spec.id, keys, list(measures.values()))
    if not rows:
        raise CbsError(spec.id, "empty", url=url)
    fetched = Fetched(
        spec,
        rows,
        measures,
        geo[0],
        time[0],
        {k.strip(): v for k, v in regions.items()},
        {p.key: p for p in periods},
        info,
        source.protocol,
    )
    covered = {fetched.regions.get(str(row.get(geo[0], "")).strip()) for row in rows}
    absent = sorted(set(codes) - covered)
    if absent:
        raise CbsError(spec.id, "region_missing", codes=", ".join(absent))
    return fetched


def fetch(
    spec: TableSpec, service: Service, codes: Iterable[str], choose: Callable[[list[Period]], list[Period]]
) -> Fetched:
    """The rows of one table for the municipalities `codes` (plus PV23/Twente) and the periods `choose` keeps, read
    through each of the service's protocols in turn until one succeeds; CbsError naming every failure otherwise."""
    codes = list(codes)
    failures: dict[str, CbsError] = {}
    for protocol in service.protocols:
        try:
            fetched = _read(reader(protocol, service), spec, codes, choose)
        except CbsError as error:
            failures[protocol] = error
            continue
        return replace(fetched, fallback=failures.get("v4"))
    if len(failures) == 1:
        raise next(iter(failures.values()))
    raise CbsError(spec.id, "protocols", **failures)


@dataclass(frozen=True)
class TableCheck:
    """What `--check` found for one table through one protocol (codes and keys; the refresh words them)."""

    table: str
    protocol: str
    failure: CbsError | None = None  # not published, unreachable, or a measure gone
    status: str = ""
    measures: int = 0
    first: str = ""
    newest: str = ""
    expected: str = ""  # the first period the registry says we need
    expected_first: bool = True  # and it is there
    discontinued: bool = False
    named: tuple[str, ...] = ()  # successors CBS names in its description
    successor: str = ""  # the successor the registry declares
    closed: str = ""
    replaces: str = ""  # the registry table this one is the declared successor of

    @property
    def usable(self) -> bool:
        """Readable, and either still updated, closed on purpose, or with a declared successor to read instead."""
        return self.failure is None and (not self.discontinued or bool(self.closed or self.successor))


def check(source: Reader, spec: TableSpec, replaces: str = "") -> TableCheck:
    """Whether `spec` is still published through `source` with our measures, its periods and CBS's status."""
    successor = spec.successor.id if spec.successor else ""
    base = TableCheck(
        spec.id, source.protocol, successor=successor, closed=spec.closed, replaces=replaces, expected=spec.first
    )
    try:
        info = source.info(spec.id)
        measures = source.measures(spec)
        times = [name for name, kind in source.dimensions(spec.id).items() if kind == "TimeDimension"]
        if len(times) != 1:
            raise CbsError(spec.id, "dimension_missing", dimension="perioden")
        keys = sorted(str(e["Key"]).strip() for e in source.codes(spec.id, times[0]))
    except CbsError as error:
        return replace(base, failure=error)
    return replace(
        base,
        status=info.get("Status", ""),
        measures=len(measures),
        first=keys[0] if keys else "",
        newest=keys[-1] if keys else "",
        expected_first=not spec.first or spec.first in keys,
        discontinued=discontinued(info),
        named=tuple(named_successors(spec.id, info)),
    )


def checks(service: Service, specs: Iterable[TableSpec]) -> list[TableCheck]:
    """`check` for every table of `specs` and its declared successors, through each of the service's protocols."""
    found = []
    for spec in specs:
        chain: TableSpec | None = spec
        while chain is not None:
            found += [
                check(reader(protocol, service), chain, "" if chain is spec else spec.id)
                for protocol in service.protocols
            ]
            chain = chain.successor
    return found


def checks_pass(found: list[TableCheck]) -> bool:
    """Whether the refresh can read every registry table: through some protocol, from a successor where it must."""
    usable = {item.table for item in found if item.usable}
    stopped = {item.table: item.successor for item in found if item.usable and item.discontinued and not item.closed}
    tables = {item.table for item in found if not item.replaces}
    return all(table in usable and (table not in stopped or stopped[table] in usable) for table in tables)


def number(fetched: Fetched, row: Mapping[str, Any], column: str) -> Decimal | None:
    """The figure of `column` in one raw row; None where CBS gives none; CbsError when it is not a number."""
    raw = row.get(fetched.measures[column])
    text = "" if raw is None else str(raw).strip()
    if text in _NO_FIGURE:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise CbsError(
            fetched.spec.id,
            "value_invalid",
            measure=fetched.measures[column],
            value=text,
            region=str(row.get(fetched.geo, "")).strip(),
            period=str(row.get(fetched.time, "")),
        )
    return value


def whole(fetched: Fetched, row: Mapping[str, Any], column: str, scale: int = 1) -> int | None:
    """The figure of `column` as a whole number (after multiplying by `scale`); CbsError when it has a fraction."""
    value = number(fetched, row, column)
    if value is None:
        return None
    scaled = value * scale
    if scale == 1 and scaled != scaled.to_integral_value():
        raise CbsError(
            fetched.spec.id,
            "value_invalid",
            measure=fetched.measures[column],
            value=str(value),
            region=str(row.get(fetched.geo, "")).strip(),
            period=str(row.get(fetched.time, "")),
        )
    return int(scaled.to_integral_value())


def _where(fetched: Fetched, row: Mapping[str, Any]) -> tuple[str, Period]:
    """Our region code and the period of one raw row; CbsError for a row we did not ask for."""
    region, period = str(row.get(fetched.geo, "")).strip(), str(row.get(fetched.time, "")).strip()
    if region not in fetched.regions or period not in fetched.periods:
        raise CbsError(fetched.spec.id, "bad_response", url="", detail=f"{region} {period}")
    return fetched.regions[region], fetched.periods[period]


def _difference(total: int | None, part: int | None) -> int | None:
    """total − part, unknown when either is unknown."""
    return None if total is None or part is None else total - part


def _whole_numbers(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Figure columns as nullable integers (unknown stays NA, never becomes a float or 0)."""
    for column in columns:
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    return frame


def dwelling_rows(fetched: Fetched) -> pd.DataFrame:
    """Rows of dwelling_changes.csv from 81955NED or 86098NED (86098NED: other = total − its main part)."""
    records = []
    for row in fetched.rows:
        code, period = _where(fetched, row)
        values = {column: whole(fetched, row, column) for column in fetched.measures}
        if "additions_total" in values:
            values["other_additions"] = _difference(values.pop("additions_total"), values["new_construction"])
            values["other_withdrawals"] = _difference(values.pop("withdrawals_total"), values["demolition"])
            values["correction"] = None
        records.append(
            {
                "code": code,
                "period": period.label,
                "period_kind": period.kind,
                **values,
                "status": period.status,
                "source_id": fetched.spec.source_id,
            }
        )
    columns = list(DwellingChangeRow.model_fields)  # the data contract's columns, in its order
    return _whole_numbers(pd.DataFrame.from_records(records, columns=columns), columns[3:11])


def population_rows(fetched: Fetched) -> pd.DataFrame:
    """Rows of population_monthly.csv from 37230ned: population at the start of each month."""
    records = []
    for row in fetched.rows:
        code, period = _where(fetched, row)
        records.append(
            {
                "code": code,
                "month": period.label,
                "population": whole(fetched, row, "population"),
                "status": period.status,
                "source_id": fetched.spec.source_id,
            }
        )
    frame = pd.DataFrame.from_records(records, columns=["code", "month", "population", "status", "source_id"])
    return _whole_numbers(frame, ["population"])


def forecast_rows(fetched: Fetched, vintage: str = "2022") -> pd.DataFrame:
    """Rows of population_forecast.csv from 85173NED: forecast and 67% bounds per year, thousands → persons."""
    cells: dict[tuple[str, int], dict[str, int | None]] = {}
    for row in fetched.rows:
        code, period = _where(fetched, row)
        interval = FORECAST_INTERVALS.get(str(row.get("PrognoseInterval", "")).strip(), "")
        if not interval:
            raise CbsError(fetched.spec.id, "bad_response", url="", detail=str(row.get("PrognoseInterval")))
        cells.setdefault((code, period.year), {})[interval] = whole(fetched, row, "population", scale=1000)
    records = [
        {
            "code": code,
            "year": year,
            "vintage": vintage,
            **{k: v.get(k) for k in ("forecast", "lower", "upper")},
            "source_id": fetched.spec.source_id,
        }
        for (code, year), v in sorted(cells.items())
    ]
    frame = pd.DataFrame.from_records(
        records, columns=["code", "year", "vintage", "forecast", "lower", "upper", "source_id"]
    )
    return _whole_numbers(frame, ["forecast", "lower", "upper"])


def permit_rows(fetched: Fetched) -> pd.DataFrame:
    """Rows of permits.csv from 83671NED: dwellings permitted per quarter or year, by ownership and by client."""
    records = []
    for row in fetched.rows:
        code, period = _where(fetched, row)
        ownership = OWNERSHIP.get(str(row.get("Eigendom", "")).strip())
        client = CLIENTS.get(str(row.get("Opdrachtgever", "")).strip())
        if ownership is None or client is None:
            raise CbsError(
                fetched.spec.id, "bad_response", url="", detail=f"{row.get('Eigendom')} {row.get('Opdrachtgever')}"
            )
        records.append(
            {
                "code": code,
                "period": period.label,
                "period_kind": period.kind,
                "ownership": ownership,
                "client": client,
                "dwellings": whole(fetched, row, "dwellings"),
                "status": period.status,
                "source_id": fetched.spec.source_id,
            }
        )
    columns = ["code", "period", "period_kind", "ownership", "client", "dwellings", "status", "source_id"]
    frame = pd.DataFrame.from_records(records, columns=columns)
    return _whole_numbers(frame.sort_values(columns[:5], ignore_index=True), ["dwellings"])


STOCK_BY_OWNER_COLUMNS = [
    "total",
    "owner_occupied",
    "rented",
    "housing_association",
    "other_landlords",
    "unknown_owner",
]
_OTHER_LANDLORDS = ("private_persons", "companies", "other_legal")  # 86286NED splits them; we keep their sum


def stock_by_owner_rows(fetched: Fetched) -> pd.DataFrame:
    """Rows of stock_by_owner.csv from 82900NED or 86286NED: the stock on 1 January by owner."""
    records = []
    for row in fetched.rows:
        code, period = _where(fetched, row)
        values = {column: whole(fetched, row, column) for column in fetched.measures}
        if _OTHER_LANDLORDS[0] in values:
            parts = [values.pop(column) for column in _OTHER_LANDLORDS]
            values["other_landlords"] = None if None in parts else sum(p for p in parts if p is not None)
        records.append(
            {
                "code": code,
                "year": period.year,
                **{column: values[column] for column in STOCK_BY_OWNER_COLUMNS},
                "status": period.status,
                "source_id": fetched.spec.source_id,
            }
        )
    columns = ["code", "year", *STOCK_BY_OWNER_COLUMNS, "status", "source_id"]
    frame = pd.DataFrame.from_records(records, columns=columns)
    return _whole_numbers(frame.sort_values(["code", "year"], ignore_index=True), STOCK_BY_OWNER_COLUMNS)


def quarters_and_years_from(first: int) -> Callable[[list[Period]], list[Period]]:
    """Keep the quarters and whole years from `first`."""
    return lambda periods: [p for p in periods if p.kind in ("quarter", "year") and p.year >= first]


def years_from(first: int, last: int | None = None) -> Callable[[list[Period]], list[Period]]:
    """Keep whole years from `first` (to `last`)."""
    return lambda periods: [p for p in periods if p.kind == "year" and first <= p.year <= (last or 9999)]


def years_and_running_months(first: int) -> Callable[[list[Period]], list[Period]]:
    """Keep whole years from `first`, and the months of every later year that has no whole-year figure yet."""

    def choose(periods: list[Period]) -> list[Period]:
        years = {p.year for p in periods if p.kind == "year"}
        return [
            p for p in periods if p.year >= first and (p.kind == "year" or (p.kind == "month" and p.year not in years))
        ]

    return choose


def months_from(first: int) -> Callable[[list[Period]], list[Period]]:
    """Keep the months from January of `first`."""
    return lambda periods: [p for p in periods if p.kind == "month" and p.year >= first]


def dwelling_changes(service: Service, codes: Iterable[str]) -> tuple[pd.DataFrame, list[Fetched]]:
    """dwelling_changes: 81955NED years 2012–2024, then 86098NED years and running-year months (no double years)."""
    codes = list(codes)
    old = fetch(STOCK_MUTATIONS, service, codes, years_from(2012, FIRST_REFRESH_YEAR))
    new = fetch(DWELLING_LIFECYCLE, service, codes, years_and_running_months(FIRST_REFRESH_YEAR))
    old_rows, new_rows = dwelling_rows(old), dwelling_rows(new)
    seen = set(zip(old_rows["code"], old_rows["period"], strict=True))
    keep = [(c, p) not in seen for c, p in zip(new_rows["code"], new_rows["period"], strict=True)]
    frame = pd.concat([old_rows, new_rows[keep]], ignore_index=True)
    return frame, [old, new]
