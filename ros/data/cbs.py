"""The CBS StatLine tables the refresh reads: dwelling stock changes, population per month and the forecast.

CBS serves its tables through an OData v3 service (ROS_CBS_URL, default https://opendata.cbs.nl; see
`../shared/reference/cbs_api.md`). We talk to it through the `cbsodata` client but only through `get_meta` and
`download_data`, which return the raw entity sets with CBS's codes (its `get_data` replaces keys by titles). Measures
are looked up in `DataProperties` by key stem and title, never by their numbered suffix; region keys are trimmed; each
row keeps the status of its period (definitief / voorlopig / nader voorlopig) and its table as source. Every failure
becomes a `CbsError` that names the table and the problem, so the refresh can stop with one clear message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

import cbsodata
import pandas as pd
import requests

from ros.base.i18n import translate
from ros.data.catalog import DwellingChangeRow

# From this year on the refresh takes dwelling changes from 86098NED and population per month from 37230ned.
FIRST_REFRESH_YEAR = 2024
DWELLING = "A045364"  # Gebruiksfunctie: woning
# Cells CBS leaves without a figure: not available, secret, not applicable. They stay unknown, never 0.
_NO_FIGURE = {"", ".", "x", "-", "?"}


class CbsError(Exception):
    """A refresh step that failed on one CBS table; `message(lang)` says which table and what went wrong."""

    def __init__(self, table: str, problem: str, **details: object) -> None:
        super().__init__(f"{table}: {problem} {details}")
        self.table, self.problem, self.details = table, problem, details

    def message(self, lang: str = "nl") -> str:
        """One sentence naming the table and the problem, in `lang`."""
        return translate(lang, f"refresh.error_{self.problem}", table=self.table, **self.details)


def seconds(value: float, lang: str) -> str:
    """A timeout as people write it: 0,5 in Dutch, 0.5 in English."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "nl" else text


@dataclass(frozen=True)
class Service:
    """Where and how to reach the CBS OData v3 service."""

    url: str
    timeout: float

    @property
    def host(self) -> str:
        """Host, port and path as `cbsodata` wants its catalog_url (without the scheme)."""
        parts = urlsplit(self.url)
        return (parts.netloc + parts.path).rstrip("/")

    @property
    def https(self) -> bool:
        """Whether the service is reached over https."""
        return urlsplit(self.url).scheme != "http"


@dataclass(frozen=True)
class MeasureSpec:
    """A measure we need: the column it fills, its key without the numbered suffix, a word its title contains."""

    column: str
    stem: str
    title: str


@dataclass(frozen=True)
class Period:
    """One entry of a table's time dimension."""

    key: str
    year: int
    kind: str  # "year" | "month" | "other"
    label: str  # "2023" or "2025-03"
    status: str
    raw: str = ""  # the key exactly as CBS spells it (a filter must match it, padding included)


@dataclass(frozen=True)
class TableSpec:
    """A CBS table the refresh reads: its measures and the fixed keys of its other dimensions."""

    id: str
    source_id: str
    measures: tuple[MeasureSpec, ...]
    fixed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


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
    info: Mapping[str, Any]  # TableInfos: title, modified date


_STOCK = (
    MeasureSpec("stock_start", "BeginstandVoorraad", "beginstand"),
    MeasureSpec("net_change", "SaldoVoorraad", "saldo"),
    MeasureSpec("stock_end", "EindstandVoorraad", "eindstand"),
)
STOCK_MUTATIONS = TableSpec(
    "81955NED",
    "cbs_81955ned",
    (
        *_STOCK,
        MeasureSpec("new_construction", "Nieuwbouw", "nieuwbouw"),
        MeasureSpec("other_additions", "OverigeToevoeging", "overige toevoeging"),
        MeasureSpec("demolition", "Sloop", "sloop"),
        MeasureSpec("other_withdrawals", "OverigeOnttrekking", "overige onttrekking"),
        MeasureSpec("correction", "Correctie", "correctie"),
    ),
    {"Gebruiksfunctie": (DWELLING,)},
)
DWELLING_LIFECYCLE = TableSpec(
    "86098NED",
    "cbs_86098ned",
    (
        *_STOCK,
        MeasureSpec("new_construction", "NieuwbouwTotaal", "nieuwbouw"),
        MeasureSpec("additions_total", "ToevoegingenTotaal", "toevoeging"),
        MeasureSpec("demolition", "Sloop", "sloop"),
        MeasureSpec("withdrawals_total", "Onttrekkingen", "onttrekking"),
    ),
    {"Gebruiksfunctie": (DWELLING,)},
)
POPULATION_MONTHLY = TableSpec(
    "37230ned", "cbs_37230ned", (MeasureSpec("population", "BevolkingAanHetBeginVanDePeriode", "begin van de periode"),)
)
FORECAST_INTERVALS = {"MW00000": "forecast", "MOG0067": "lower", "MBG0067": "upper"}
POPULATION_FORECAST = TableSpec(
    "85173NED",
    "cbs_85173ned",
    (MeasureSpec("population", "TotaleBevolking", "bevolking"),),
    {"Leeftijd": ("10000",), "PrognoseInterval": tuple(FORECAST_INTERVALS)},
)


@contextmanager
def _scheme(service: Service) -> Any:
    """Let cbsodata use the service's scheme for the duration of one call (its option is module-wide)."""
    before = cbsodata.options.use_https
    cbsodata.options.use_https = service.https
    try:
        yield
    finally:
        cbsodata.options.use_https = before


def _call(table: str, service: Service, fetch: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run one cbsodata call and turn every transport or format failure into a CbsError naming `table`."""
    try:
        with _scheme(service):
            return fetch(*args, catalog_url=service.host, timeout=service.timeout, **kwargs)
    except requests.Timeout:
        raise CbsError(table, "timeout", url=service.url, seconds=service.timeout) from None
    except requests.ConnectionError as error:
        text = str(error)
        dns = any(s in text for s in ("NameResolution", "Name or service not known", "getaddrinfo", "nodename"))
        raise CbsError(table, "dns" if dns else "network", url=service.url) from None
    except requests.HTTPError as error:
        response = getattr(error.__cause__, "response", None)
        response = error.response if response is None else response
        status = getattr(response, "status_code", "?")
        raise CbsError(table, "http", url=service.url, status=status) from None
    except (requests.RequestException, ValueError, KeyError, TypeError) as error:
        raise CbsError(table, "bad_response", url=service.url, detail=type(error).__name__) from None


def _stem(key: str) -> str:
    """A measure key without its numbered suffix: `Nieuwbouw_2` → `Nieuwbouw`."""
    return re.sub(r"_\d+$", "", key)


def find_measures(spec: TableSpec, properties: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Map each needed measure to its key in DataProperties (by key stem and title); CbsError when one is gone."""
    topics = [p for p in properties if p.get("Type") == "Topic" and p.get("Key")]
    found: dict[str, str] = {}
    for measure in spec.measures:
        by_key = [p for p in topics if _stem(p["Key"]) == measure.stem]
        matches = [p for p in by_key if measure.title in str(p.get("Title", "")).lower()]
        if len(matches) != 1:
            raise CbsError(
                spec.id,
                "measure_missing",
                measure=measure.stem,
                title=measure.title,
                found=", ".join(p["Key"] for p in by_key) or "—",
            )
        found[measure.column] = matches[0]["Key"]
    return found


def _status(entry: Mapping[str, Any]) -> str:
    """Status of a period: CBS's Status field, else the asterisks in its title (* voorlopig, ** nader voorlopig)."""
    status = str(entry.get("Status") or "").strip().lower()
    if status in ("definitief", "voorlopig", "nader voorlopig"):
        return status
    title = str(entry.get("Title", "")).strip()
    return "nader voorlopig" if title.endswith("**") else "voorlopig" if title.endswith("*") else "definitief"


def parse_period(entry: Mapping[str, Any]) -> Period:
    """A time dimension entry as a period: `2023JJ00` → year 2023, `2025MM03` → month 2025-03, quarters → other."""
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


def _quoted(dimension: str, keys: Iterable[str]) -> str:
    """An OData filter clause that keeps `keys` of `dimension`."""
    return "(" + " or ".join(f"{dimension} eq '{key}'" for key in keys) + ")"


def fetch(
    spec: TableSpec, service: Service, codes: Iterable[str], choose: Callable[[list[Period]], list[Period]]
) -> Fetched:
    """Fetch the rows of one table for the municipalities `codes` (plus PV23/Twente) and the periods `choose` keeps."""
    codes = list(codes)
    info = _call(spec.id, service, cbsodata.get_info, spec.id) or {}
    properties = _call(spec.id, service, cbsodata.get_meta, spec.id, "DataProperties")
    measures = find_measures(spec, properties)
    kinds = {p.get("Type"): p.get("Key") for p in properties if p.get("Type") in ("GeoDimension", "TimeDimension")}
    if "GeoDimension" not in kinds or "TimeDimension" not in kinds:
        raise CbsError(spec.id, "dimension_missing", dimension="regio/perioden")
    geo, time = str(kinds["GeoDimension"]), str(kinds["TimeDimension"])
    dimensions = [str(p["Key"]) for p in properties if p.get("Type") == "Dimension"]
    unexpected = [d for d in dimensions if d not in spec.fixed]
    if unexpected:
        raise CbsError(spec.id, "dimension_unexpected", dimension=", ".join(unexpected))
    filters = []
    for dimension, keys in spec.fixed.items():
        if dimension not in dimensions:
            raise CbsError(spec.id, "dimension_missing", dimension=dimension)
        present = {
            str(e["Key"]).strip(): str(e["Key"]) for e in _call(spec.id, service, cbsodata.get_meta, spec.id, dimension)
        }
        gone = [key for key in keys if key not in present]
        if gone:
            raise CbsError(spec.id, "dimension_missing", dimension=f"{dimension} {', '.join(gone)}")
        filters.append(_quoted(dimension, [present[key] for key in keys]))
    regions = _regions(spec, _call(spec.id, service, cbsodata.get_meta, spec.id, geo), codes)
    periods = choose([parse_period(e) for e in _call(spec.id, service, cbsodata.get_meta, spec.id, time)])
    if not periods:
        raise CbsError(spec.id, "empty", url=service.url)
    filters += [_quoted(geo, regions), _quoted(time, [p.raw for p in periods])]
    data = _call(
        spec.id,
        service,
        cbsodata.download_data,
        spec.id,
        typed=False,
        filters=" and ".join(filters),
        select=[*spec.fixed, geo, time, *measures.values()],
    )
    # cbsodata 1.3.5 drops the set it was asked for and downloads the other one: accept either, keys are codes in both.
    rows = (data.get("UntypedDataSet") or data.get("TypedDataSet")) if isinstance(data, dict) else None
    if not rows:
        raise CbsError(spec.id, "empty", url=service.url)
    fetched = Fetched(
        spec, rows, measures, geo, time, {k.strip(): v for k, v in regions.items()}, {p.key: p for p in periods}, info
    )
    covered = {fetched.regions.get(str(row.get(geo, "")).strip()) for row in rows}
    absent = sorted(set(codes) - covered)
    if absent:
        raise CbsError(spec.id, "region_missing", codes=", ".join(absent))
    return fetched


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


def dwelling_changes(service: Service, codes: Iterable[str]) -> tuple[pd.DataFrame, dict[str, Mapping[str, Any]]]:
    """dwelling_changes: 81955NED years 2012–2024, then 86098NED years and running-year months (no double years)."""
    codes = list(codes)
    old = fetch(STOCK_MUTATIONS, service, codes, years_from(2012, FIRST_REFRESH_YEAR))
    new = fetch(DWELLING_LIFECYCLE, service, codes, years_and_running_months(FIRST_REFRESH_YEAR))
    old_rows, new_rows = dwelling_rows(old), dwelling_rows(new)
    seen = set(zip(old_rows["code"], old_rows["period"], strict=True))
    keep = [(c, p) not in seen for c, p in zip(new_rows["code"], new_rows["period"], strict=True)]
    frame = pd.concat([old_rows, new_rows[keep]], ignore_index=True)
    return frame, {old.spec.id: old.info, new.spec.id: new.info}
