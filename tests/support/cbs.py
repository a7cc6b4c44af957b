"""A stand-in for CBS's OData v3 and v4 services on loopback, serving both from the same tables built in code.

The tables the refresh reads are built here in CBS's v3 format as described in ../shared/reference/cbs_api.md: the
table root listing its entity sets, TableInfos, DataProperties (dimensions, topic groups, topics with numbered keys),
dimension lists with keys padded to 6 characters and period statuses, and the untyped data set (values as
right-aligned text, "." for no figure), paged by `odata.nextLink`. The same tables answer OData v4 under
/odata/v1/CBS/{table}: Properties, Dimensions, MeasureCodes (each topic under the code the registry declares for it),
{Dimension}Codes and Observations in long format without the empty cells, paged by `@odata.nextLink`. `$filter` (the
`eq`/`or`/`and` form the clients send) and `$select` are applied exactly as CBS does: a padded key must be sent
padded. Tests change the recorded tables (both protocols see the change) or inject faults per table and entity set,
or per table and protocol.
"""

from __future__ import annotations

import csv
import json
import re
import threading
from collections.abc import Generator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from ros.base.config import ROOT
from ros.data.cbs_tables import REGISTRY, TableSpec

DATA = ROOT / "data"
V4_ROOT = "/odata/v1/CBS"
PAGE_SIZE = 100
V4_PAGE_SIZE = 500  # CBS pages at 100.000 cells; smaller here so that paging happens on every table
ROW_LIMIT = 10_000
# Seconds a held request (Fault.hold) waits at most before it is answered after all.
HOLD_LIMIT = 60


def _municipalities() -> list[tuple[str, str, int]]:
    """Code, CBS name and dwellings on 1-1-2024 of the shipped municipalities."""
    with (DATA / "municipalities.csv").open(encoding="utf-8") as handle:
        return [(r["code"], r["cbs_name"], int(r["dwellings"])) for r in csv.DictReader(handle)]


def _new_construction() -> dict[tuple[str, int], int]:
    """The shipped CBS new construction 2012–2020 per municipality and year."""
    with (DATA / "new_construction.csv").open(encoding="utf-8") as handle:
        return {(r["code"], int(r["year"])): int(r["new_dwellings"]) for r in csv.DictReader(handle)}


def cell(value: float | None, width: int = 10) -> str:
    """A value as CBS's untyped data set writes it: right-aligned text, '.' for no figure."""
    return f"{'.' if value is None else value:>{width}}"


@dataclass
class RecordedTable:
    """One CBS table as the service answers it."""

    id: str
    title: str
    properties: list[dict[str, Any]]
    dimensions: dict[str, list[dict[str, Any]]]
    rows: list[dict[str, Any]]
    modified: str = "2026-11-15T02:00:00"
    status: str = "Regulier"
    description: str = ""

    def entity_sets(self) -> dict[str, list[dict[str, Any]]]:
        """Every entity set of the table by name (the typed data set is converted page by page when served)."""
        info = [
            {
                "ID": 1,
                "Title": self.title,
                "ShortTitle": self.title[:40],
                "Identifier": self.id,
                "Modified": self.modified,
                "Status": self.status,
                "Description": self.description,
                "Language": "nl",
                "Catalog": "CBS",
            }
        ]
        return {
            "TableInfos": info,
            "UntypedDataSet": self.rows,
            "TypedDataSet": self.rows,
            "DataProperties": self.properties,
            "CategoryGroups": [],
            **self.dimensions,
        }

    def v4_sets(self, observations: bool = True) -> dict[str, Any]:
        """Every v4 list of the table by name (Properties is one object; Observations only when asked for)."""
        kinds = ("Dimension", "GeoDimension", "TimeDimension")
        dimensions = [p for p in self.properties if p["Type"] in kinds]
        topics = [p for p in self.properties if p["Type"] == "Topic"]
        sets: dict[str, Any] = {
            "Properties": {
                "Identifier": self.id,
                "Title": self.title,
                "Modified": self.modified,
                "Status": self.status,
                "Description": self.description,
                "ObservationCount": len(self.rows) * len(topics),
            },
            "Dimensions": [
                {"Identifier": d["Key"], "Title": d["Title"], "Description": "", "Kind": d["Type"]} for d in dimensions
            ],
            "MeasureCodes": [
                {
                    "Identifier": v4_code(self.id, t["Key"]),
                    "Index": i,
                    "Title": t["Title"],
                    "Description": "",
                    "MeasureGroupId": None,
                    "DataType": t["Datatype"],
                    "Unit": t["Unit"],
                    "Decimals": t["Decimals"],
                    "PresentationType": "Absolute",
                }
                for i, t in enumerate(topics)
            ],
        }
        for d in dimensions:
            sets[f"{d['Key']}Codes"] = [
                {
                    "Identifier": e["Key"],
                    "Index": i,
                    "Title": e["Title"],
                    "Description": e.get("Description", ""),
                    "DimensionGroupId": None,
                    **({"Status": e["Status"]} if "Status" in e else {}),
                }
                for i, e in enumerate(self.dimensions[d["Key"]])
            ]
        if observations:
            sets["Observations"] = self.observations([d["Key"] for d in dimensions], [t["Key"] for t in topics])
        return sets

    def observations(self, dimensions: list[str], topics: list[str]) -> list[dict[str, Any]]:
        """The data set in long format: one row per cell with a figure (empty cells are not served)."""
        cells: list[dict[str, Any]] = []
        codes = {key: v4_code(self.id, key) for key in topics}
        for row in self.rows:
            for key in topics:
                value = _typed({"v": row.get(key)})["v"]
                if value is None or (isinstance(value, str) and value.strip() in ("", ".")):
                    continue
                cells.append(
                    {
                        "Id": len(cells),
                        "Measure": codes[key],
                        "ValueAttribute": "None",
                        "Value": value,
                        "StringValue": None,
                        **{name: row[name] for name in dimensions},
                    }
                )
        return cells

    def row(self, **where: str) -> dict[str, Any]:
        """The one data row whose (trimmed) dimension keys equal `where`."""
        found = [r for r in self.rows if all(str(r[k]).strip() == v for k, v in where.items())]
        assert len(found) == 1, (where, len(found))
        return found[0]


def _specs() -> dict[str, TableSpec]:
    """Every table the registry declares, successors included, by id."""
    found: dict[str, TableSpec] = {}
    pending = list(REGISTRY)
    while pending:
        spec = pending.pop()
        found[spec.id] = spec
        pending += [spec.successor] if spec.successor else []
    return found


def v4_code(table: str, key: str) -> str:
    """The v4 code of a v3 topic: the registry's code for the measure with that key stem, else one made from the
    key (a topic the refresh does not read, or one a test renamed)."""
    stem = re.sub(r"_\d+$", "", key)
    spec = _specs().get(table)
    codes = {m.stem: m.code for m in spec.measures} if spec else {}
    return codes.get(stem, f"X{key}")


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    """A row as the typed data set has it: numbers and null instead of text; keys stay padded codes."""

    def value(text: Any) -> Any:
        if not isinstance(text, str) or not re.fullmatch(r"\s*-?[\d.]+", text):
            return text
        stripped = text.strip()
        return None if stripped == "." else float(stripped) if "." in stripped else int(stripped)

    keys = {"ID", "Gebruiksfunctie", "RegioS", "Perioden", "Leeftijd", "PrognoseInterval", "RegioIndeling2021"}
    keys |= {"Opdrachtgever", "Eigendom", "StatusVanBewoning"}
    return {k: v if k in keys else value(v) for k, v in row.items()}


def _topic(position: int, key: str, title: str, unit: str = "aantal") -> dict[str, Any]:
    return {
        "odata.type": "Cbs.OData.Topic",
        "ID": position,
        "Position": position,
        "ParentID": None,
        "Type": "Topic",
        "Key": key,
        "Title": title,
        "Description": "",
        "Datatype": "Long",
        "Unit": unit,
        "Decimals": 0,
        "Default": "Impossible",
    }


def _dimension(position: int, key: str, title: str, kind: str = "Dimension") -> dict[str, Any]:
    return {
        "odata.type": f"Cbs.OData.{kind}",
        "ID": position,
        "Position": position,
        "ParentID": None,
        "Type": kind,
        "Key": key,
        "Title": title,
        "Description": "",
    }


def _group(position: int, title: str) -> dict[str, Any]:
    return {
        "odata.type": "Cbs.OData.TopicGroup",
        "ID": position,
        "Position": position,
        "ParentID": None,
        "Type": "TopicGroup",
        "Key": "",
        "Title": title,
        "Description": "",
    }


def _regions(padded: bool = True) -> list[dict[str, Any]]:
    """The region list: the Netherlands, Overijssel, Twente (COROP) and the municipalities, keys padded to 6."""
    pad = (lambda key: f"{key:<6}") if padded else (lambda key: key)
    entries = [("NL01", "Nederland"), ("PV23", "Overijssel (PV)"), ("CR12", "Twente (CR)"), ("GM0193", "Zwolle")] + [
        (code, name) for code, name, _ in _municipalities()
    ]
    return [{"Key": pad(key), "Title": title, "Description": "", "CategoryGroupID": None} for key, title in entries]


MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
_MARK = {"Definitief": "", "Voorlopig": "*", "Nader voorlopig": "**"}


def period(key: str, status: str = "Definitief") -> dict[str, Any]:
    """A Perioden entry: `2023JJ00` → '2023', `2025MM03` → '2025 maart', with '*' or '**' for provisional ones."""
    year, kind, number = key[:4], key[4:6], int(key[6:])
    title = year if kind == "JJ" else f"{year} {MONTHS[number - 1]}" if kind == "MM" else f"{year} {number}e kwartaal"
    return {"Key": key, "Title": title + _MARK[status], "Description": "", "Status": status}


def _gm_and_totals(values: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Add Twente (CR12, the sum of the 14) and Overijssel (PV23, 2.2 × Twente) to figures per municipality."""
    names = next(iter(values.values())).keys()
    total = {k: sum(v[k] for v in values.values()) for k in names}
    return {**values, "CR12": total, "PV23": {k: round(v * 2.2) for k, v in total.items()}}


def _stock_rows(keys: list[str], measures: dict[str, str]) -> list[dict[str, Any]]:
    """Untyped rows of a dwelling stock table: consistent start, changes, net change and end per region."""
    built = _new_construction()
    rows: list[dict[str, Any]] = []
    figures: dict[str, dict[str, dict[str, int]]] = {}
    for key in keys:
        year = int(key[:4])
        per_code = {}
        for code, _, dwellings in _municipalities():
            share = 12 if key[4:6] == "MM" else 1
            new = built.get((code, year)) or max(20, dwellings // 120)
            new //= share
            other, demolition, withdrawn = new // 5, new // 6, 3 // share
            correction = 1 if year % 2 else 0
            start = dwellings + (year - 2024) * (dwellings // 100)
            net = new + other - demolition - withdrawn + correction
            per_code[code] = {
                "start": start,
                "new": new,
                "other": other,
                "demolition": demolition,
                "withdrawn": withdrawn,
                "correction": correction,
                "net": net,
                "end": start + net,
            }
        figures[key] = _gm_and_totals(per_code)
    for key, per_region in figures.items():
        for region, f in per_region.items():
            row = {"ID": len(rows), "Gebruiksfunctie": "A045364", "RegioS": f"{region:<6}", "Perioden": key}
            row.update({measure: cell(f[name]) for name, measure in measures.items()})
            rows.append(row)
    return rows


def stock_mutations() -> RecordedTable:
    """81955NED: dwelling stock and its changes, years 2012–2024 (final), discontinued."""
    measures = {
        "start": "BeginstandVoorraad_1",
        "new": "Nieuwbouw_2",
        "other": "OverigeToevoeging_3",
        "demolition": "Sloop_4",
        "withdrawn": "OverigeOnttrekking_5",
        "correction": "Correctie_6",
        "net": "SaldoVoorraad_7",
        "end": "EindstandVoorraad_8",
    }
    titles = [
        "Beginstand voorraad",
        "Nieuwbouw",
        "Overige toevoeging",
        "Sloop",
        "Overige onttrekking",
        "Correctie",
        "Saldo voorraad",
        "Eindstand voorraad",
    ]
    properties = [
        _dimension(0, "Gebruiksfunctie", "Gebruiksfunctie"),
        _dimension(1, "RegioS", "Regio's", "GeoDimension"),
        _dimension(2, "Perioden", "Perioden", "TimeDimension"),
        _group(3, "Mutaties"),
    ] + [_topic(4 + i, key, title) for i, (key, title) in enumerate(zip(measures.values(), titles, strict=True))]
    years = [f"{y}JJ00" for y in range(2012, 2025)]
    perioden = [period(k) for k in years] + [period(f"2024KW0{q}") for q in range(1, 5)]
    rows = _stock_rows(years, measures)
    uses = [
        {"Key": "A045364", "Title": "Woning", "Description": "", "CategoryGroupID": None},
        {"Key": "A045365", "Title": "Totaal niet-woningen", "Description": "", "CategoryGroupID": None},
    ]
    return RecordedTable(
        "81955NED",
        "Voorraad woningen en niet-woningen; mutaties, gebruiksfunctie, regio",
        properties,
        {"Gebruiksfunctie": uses, "RegioS": _regions(), "Perioden": perioden},
        rows,
        "2025-07-01T02:00:00",
    )


def _lifecycle_rows(keys: list[str]) -> list[dict[str, Any]]:
    """Untyped rows of 86098NED: totals of additions and withdrawals besides new construction and demolition."""
    measures = {
        "start": "BeginstandVoorraad_1",
        "new": "NieuwbouwTotaal_6",
        "other": "_other",
        "demolition": "Sloop_15",
        "withdrawn": "_withdrawn",
        "net": "SaldoVoorraad_21",
        "end": "EindstandVoorraad_22",
    }
    rows = _stock_rows(keys, {**measures, "correction": "_correction"})
    for row in rows:
        new, other = int(row["NieuwbouwTotaal_6"]), int(row.pop("_other"))
        demolition, withdrawn = int(row["Sloop_15"]), int(row.pop("_withdrawn"))
        correction = int(row.pop("_correction"))
        row["ToevoegingenTotaal_13"] = cell(new + other + correction)
        row["Onttrekkingen_16"] = cell(demolition + withdrawn)
        row["VergundeNieuwbouw_2"] = cell(new + 10)
        row["BouwGestart_3"] = cell(new + 5)
    return rows


def dwelling_lifecycle() -> RecordedTable:
    """86098NED: the successor, years 2024 and 2025 and the months of 2026 to September (provisional)."""
    topics = [
        ("BeginstandVoorraad_1", "Beginstand voorraad"),
        ("VergundeNieuwbouw_2", "Vergunde nieuwbouw"),
        ("BouwGestart_3", "Bouw gestart"),
        ("NieuwbouwTotaal_6", "Nieuwbouw totaal"),
        ("ToevoegingenTotaal_13", "Toevoegingen totaal"),
        ("Sloop_15", "Sloop"),
        ("Onttrekkingen_16", "Onttrekkingen totaal"),
        ("SaldoVoorraad_21", "Saldo voorraad"),
        ("EindstandVoorraad_22", "Eindstand voorraad"),
    ]
    properties = [
        _dimension(0, "Gebruiksfunctie", "Gebruiksfunctie"),
        _dimension(1, "RegioS", "Regio's", "GeoDimension"),
        _dimension(2, "Perioden", "Perioden", "TimeDimension"),
        _group(3, "Voorraad"),
    ] + [_topic(4 + i, key, title) for i, (key, title) in enumerate(topics)]
    months = [f"2026MM{m:02d}" for m in range(1, 10)]
    keys = ["2024JJ00", "2025JJ00", *months]
    status = {"2024JJ00": "Definitief", "2025JJ00": "Voorlopig", **dict.fromkeys(months, "Voorlopig")}
    perioden = [period(k, status[k]) for k in keys] + [
        period(f"2025MM{m:02d}", "Nader voorlopig") for m in range(1, 13)
    ]
    uses = [{"Key": "A045364", "Title": "Woning", "Description": "", "CategoryGroupID": None}]
    table = RecordedTable(
        "86098NED",
        "Levensloop van woningen en niet-woningen; gebruiksfunctie, regio",
        properties,
        {"Gebruiksfunctie": uses, "RegioS": _regions(), "Perioden": perioden},
        [],
    )
    table.rows = _lifecycle_rows(keys) + _lifecycle_rows([f"2025MM{m:02d}" for m in range(1, 13)])
    for index, row in enumerate(table.rows):
        row["ID"] = index
    return table


def population_monthly() -> RecordedTable:
    """37230ned: population at the start of each month, 2024-01 to 2026-11, later months provisional."""
    properties = [
        _dimension(0, "RegioS", "Regio's", "GeoDimension"),
        _dimension(1, "Perioden", "Perioden", "TimeDimension"),
        _topic(2, "BevolkingAanHetBeginVanDePeriode_1", "Bevolking aan het begin van de periode"),
        _topic(3, "LevendGeborenKinderen_2", "Levend geboren kinderen"),
        _topic(4, "BevolkingAanHetEindeVanDePeriode_8", "Bevolking aan het einde van de periode"),
    ]
    with (DATA / "population_2026.csv").open(encoding="utf-8") as handle:
        january_2026 = {r["code"]: int(r["population"]) for r in csv.DictReader(handle)}
    keys = [f"{y}MM{m:02d}" for y in (2023, 2024, 2025) for m in range(1, 13)] + [
        f"2026MM{m:02d}" for m in range(1, 12)
    ]
    status = {k: "Definitief" if k < "2025" else "Nader voorlopig" if k < "2026" else "Voorlopig" for k in keys}
    perioden = [period(k, status[k]) for k in keys] + [period(f"{y}JJ00") for y in (2023, 2024, 2025)]
    rows: list[dict[str, Any]] = []
    for key in keys:
        steps = (int(key[:4]) - 2026) * 12 + int(key[6:]) - 1
        per_code = {code: {"start": january_2026[code] + steps * 10} for code, _, _ in _municipalities()}
        for region, f in _gm_and_totals(per_code).items():
            rows.append(
                {
                    "ID": len(rows),
                    "RegioS": f"{region:<6}",
                    "Perioden": key,
                    "BevolkingAanHetBeginVanDePeriode_1": cell(f["start"]),
                    "LevendGeborenKinderen_2": cell(40),
                    "BevolkingAanHetEindeVanDePeriode_8": cell(f["start"] + 10),
                }
            )
    return RecordedTable(
        "37230ned",
        "Bevolkingsontwikkeling; regio per maand",
        properties,
        {"RegioS": _regions(), "Perioden": perioden},
        rows,
    )


def population_forecast() -> RecordedTable:
    """85173NED: forecast 2023–2050 with 67% bounds in thousands; region keys unpadded (RegioIndeling2021)."""
    properties = [
        _dimension(0, "Leeftijd", "Leeftijd"),
        _dimension(1, "PrognoseInterval", "Prognose(interval)"),
        _dimension(2, "RegioIndeling2021", "Regio-indeling 2021", "GeoDimension"),
        _dimension(3, "Perioden", "Perioden", "TimeDimension"),
        {**_topic(4, "TotaleBevolking_1", "Totale bevolking", "x 1 000"), "Datatype": "Double", "Decimals": 1},
    ]
    intervals = [
        {"Key": "MW00000", "Title": "Prognose", "Description": ""},
        {"Key": "MOG0067", "Title": "Ondergrens 67%-prognose-interval", "Description": ""},
        {"Key": "MBG0067", "Title": "Bovengrens 67%-prognose-interval", "Description": ""},
    ]
    ages = [
        {"Key": "10000", "Title": "Totaal", "Description": ""},
        {"Key": "52052", "Title": "0 tot 20 jaar", "Description": ""},
    ]
    with (DATA / "population_2026.csv").open(encoding="utf-8") as handle:
        base = {r["code"]: int(r["population"]) for r in csv.DictReader(handle)}
    rows: list[dict[str, Any]] = []
    for year in range(2023, 2051):
        per_code = {code: {"mid": round(base[code] * (1 + (year - 2026) * 0.002) / 100) * 100} for code in base}
        for region, f in _gm_and_totals(per_code).items():
            spread = (year - 2022) * 0.004
            for interval, factor in (("MW00000", 1.0), ("MOG0067", 1 - spread), ("MBG0067", 1 + spread)):
                thousands = round(f["mid"] * factor / 1000, 1)
                for age in ("10000", "52052"):
                    rows.append(
                        {
                            "ID": len(rows),
                            "Leeftijd": age,
                            "PrognoseInterval": interval,
                            "RegioIndeling2021": region,
                            "Perioden": f"{year}JJ00",
                            "TotaleBevolking_1": cell(thousands if age == "10000" else round(thousands / 5, 1), 8),
                        }
                    )
    return RecordedTable(
        "85173NED",
        "Regionale prognose 2023-2050; bevolking, intervallen, regio-indeling 2021",
        properties,
        {
            "Leeftijd": ages,
            "PrognoseInterval": intervals,
            "RegioIndeling2021": _regions(False),
            "Perioden": [period(f"{y}JJ00") for y in range(2023, 2051)],
        },
        rows,
        "2022-07-06T02:00:00",
    )


def _entries(pairs: list[tuple[str, str]]) -> list[dict[str, Any]]:
    return [{"Key": key, "Title": title, "Description": "", "CategoryGroupID": None} for key, title in pairs]


CLIENT_ENTRIES = [
    ("T001209", "Totaal"),
    ("A028184", "Overheid/woningcorporaties"),
    ("A028185", "Markt"),
    ("A028186", "Particulieren"),
]


def _permit_cells(dwellings: int, quarter: int) -> dict[tuple[str, str], int]:
    """Permits of one municipality in one quarter per (Eigendom, Opdrachtgever): corporations build to rent,
    private clients to buy, the market 40 % to rent; totals are the sums, as CBS publishes them."""
    base = max(8, dwellings // 300) + (quarter * 3) % 7
    corporation, market, private = base // 4, base // 2, base - base // 4 - base // 2
    market_rent = market * 2 // 5
    rent = {"A028184": corporation, "A028185": market_rent, "A028186": 0}
    buy = {"A028184": 0, "A028185": market - market_rent, "A028186": private}
    total = {k: rent[k] + buy[k] for k in rent}
    cells = {}
    for ownership, parts in (("T001258", total), ("A028867", rent), ("A028868", buy)):
        cells[(ownership, "T001209")] = sum(parts.values())
        cells.update({(ownership, client): value for client, value in parts.items()})
    return cells


def permits() -> RecordedTable:
    """83671NED: dwellings in building permits per quarter and year 2019–2025 (2025 provisional), by ownership and
    commissioning party; one cell without a figure (GM0189, 2025 Q4, private clients building to buy)."""
    properties = [
        _dimension(0, "Opdrachtgever", "Opdrachtgever"),
        _dimension(1, "Eigendom", "Eigendom"),
        _dimension(2, "RegioS", "Regio's", "GeoDimension"),
        _dimension(3, "Perioden", "Perioden", "TimeDimension"),
        _topic(4, "Woningen_2", "Woningen"),
        _topic(5, "Recreatiewoningen_3", "Recreatiewoningen"),
    ]
    quarters = [f"{y}KW0{q}" for y in range(2019, 2026) for q in range(1, 5)]
    years = [f"{y}JJ00" for y in range(2019, 2026)]
    status = {k: "Voorlopig" if k.startswith("2025") else "Definitief" for k in quarters + years}
    figures: dict[str, dict[str, dict[str, int]]] = {}
    for index, key in enumerate(quarters):
        per_code = {}
        for code, _, dwellings in _municipalities():
            per_code[code] = {f"{o} {c}": v for (o, c), v in _permit_cells(dwellings, index).items()}
        figures[key] = _gm_and_totals(per_code)
    for year in years:
        own = [figures[q] for q in quarters if q[:4] == year[:4]]
        figures[year] = {r: {k: sum(q[r][k] or 0 for q in own) for k in own[0][r]} for r in own[0]}
    rows: list[dict[str, Any]] = []
    for key in quarters + years:
        for region, cells in figures[key].items():
            for combination, value in cells.items():
                ownership, client = combination.split()
                rows.append(
                    {
                        "ID": len(rows),
                        "Opdrachtgever": client,
                        "Eigendom": ownership,
                        "RegioS": f"{region:<6}",
                        "Perioden": key,
                        "Woningen_2": cell(value),
                        "Recreatiewoningen_3": cell(1),
                    }
                )
    table = RecordedTable(
        "83671NED",
        "Bouwvergunningen woonruimten; type, opdrachtgever, eigendom, gemeente",
        properties,
        {
            "Opdrachtgever": _entries(CLIENT_ENTRIES),
            "Eigendom": _entries([("T001258", "Totaal"), ("A028867", "Huurwoningen"), ("A028868", "Koopwoningen")]),
            "RegioS": _regions(),
            "Perioden": [period(k, status[k]) for k in quarters + years],
        },
        rows,
    )
    table.row(RegioS="GM0189", Perioden="2025KW04", Eigendom="A028868", Opdrachtgever="A028186")["Woningen_2"] = cell(
        None
    )
    return table


def _owner_figures(year: int) -> dict[str, dict[str, int]]:
    """Stock by owner on 1 January of `year` per region, consistent: total = owner-occupied + rented + unknown."""
    per_code = {}
    for index, (code, _, dwellings) in enumerate(_municipalities()):
        total = dwellings + (year - 2024) * (dwellings // 100)
        owner, corporation, unknown = total * 57 // 100, total * (20 + index % 10) // 100, total // 500
        other = total - owner - corporation - unknown
        per_code[code] = {
            "total": total,
            "owner": owner,
            "rented": corporation + other,
            "corporation": corporation,
            "persons": other // 2,
            "companies": other // 3,
            "legal": other - other // 2 - other // 3,
            "other": other,
            "unknown": unknown,
        }
    return _gm_and_totals(per_code)


def _owner_table(table: str, title: str, topics: list[tuple[str, str, str]], first_year: int) -> RecordedTable:
    """A stock-by-owner table from `first_year` to 2025 (2025 provisional), with occupied and total status rows."""
    properties = [
        _dimension(0, "StatusVanBewoning", "Status van bewoning"),
        _dimension(1, "RegioS", "Regio's", "GeoDimension"),
        _dimension(2, "Perioden", "Perioden", "TimeDimension"),
    ] + [_topic(3 + i, key, label) for i, (_, key, label) in enumerate(topics)]
    years = list(range(first_year, 2026))
    rows: list[dict[str, Any]] = []
    for year in years:
        for region, f in _owner_figures(year).items():
            for status, share in (("T001742", 1), ("A047047", 0.95)):
                row = {
                    "ID": len(rows),
                    "StatusVanBewoning": status,
                    "RegioS": f"{region:<6}",
                    "Perioden": f"{year}JJ00",
                }
                row.update({key: cell(round((f[name] or 0) * share)) for name, key, _ in topics})
                rows.append(row)
    return RecordedTable(
        table,
        title,
        properties,
        {
            "StatusVanBewoning": _entries([("T001742", "Totaal"), ("A047047", "Bewoond")]),
            "RegioS": _regions(),
            "Perioden": [period(f"{y}JJ00", "Voorlopig" if y == 2025 else "Definitief") for y in years],
        },
        rows,
    )


def stock_by_owner() -> RecordedTable:
    """82900NED: the dwelling stock on 1 January by owner, 2012–2025."""
    return _owner_table(
        "82900NED",
        "Voorraad woningen; eigendom, type verhuurder, bewoning, regio",
        [
            ("total", "TotaleWoningvoorraad_1", "Totale woningvoorraad"),
            ("owner", "Koopwoningen_2", "Koopwoningen"),
            ("rented", "TotaalHuurwoningen_3", "Totaal huurwoningen"),
            ("corporation", "EigendomWoningcorporatie_4", "Eigendom woningcorporatie"),
            ("other", "EigendomOverigeVerhuurders_5", "Eigendom overige verhuurders"),
            ("unknown", "EigendomOnbekend_6", "Eigendom onbekend"),
        ],
        2012,
    )


def stock_by_owner_successor() -> RecordedTable:
    """86286NED: the same stock with other landlords split into persons, companies and other legal persons."""
    return _owner_table(
        "86286NED",
        "Voorraad woningen; eigendom, type verhuurder, bewoning, regio (vanaf 2012)",
        [
            ("total", "TotaleWoningvoorraad_1", "Totale woningvoorraad"),
            ("owner", "Koopwoningen_2", "Koopwoningen"),
            ("rented", "TotaalHuurwoningen_3", "Totaal huurwoningen"),
            ("persons", "EigendomNatuurlijkePersonen_4", "Eigendom natuurlijke personen"),
            ("corporation", "EigendomWoningcorporaties_5", "Eigendom woningcorporaties"),
            ("companies", "EigendomBVSEnNVS_6", "Eigendom bv's en nv's"),
            ("legal", "EigendomOverigeRechtspersonen_7", "Eigendom overige rechtspersonen"),
            ("unknown", "EigendomOnbekend_8", "Eigendom onbekend"),
        ],
        2012,
    )


def recorded_tables() -> dict[str, RecordedTable]:
    """Every table by its id, as the service spells them."""
    tables = (
        stock_mutations(),
        dwelling_lifecycle(),
        population_monthly(),
        population_forecast(),
        permits(),
        stock_by_owner(),
        stock_by_owner_successor(),
    )
    return {t.id: t for t in tables}


def _parsed_filter(expression: str) -> list[tuple[str, set[str]]]:
    """The client's filter: clauses `(A eq 'x' or A eq 'y')` joined by ` and `, as (field, allowed keys) pairs."""
    clauses = []
    for clause in re.split(r"\)\s+and\s+\(", expression.strip().removeprefix("(").removesuffix(")")):
        terms = re.findall(r"(\w+) eq '([^']*)'", clause)
        if not terms or len({name for name, _ in terms}) != 1:
            raise ValueError(clause)
        clauses.append((terms[0][0], {value for _, value in terms}))
    return clauses


@dataclass
class Fault:
    """What the service does instead of answering a request (keyed by table and v3 entity set, "DataSet" for the v3
    data, a v4 list such as "Observations", "v3" or "v4" for every request of one protocol, or "*"): an HTTP status,
    garbage, or waiting until `hold` is set."""

    status: int | None = None
    garbage: bool = False
    hold: threading.Event | None = None


@dataclass
class CbsService:
    """The recorded tables, injected faults and the requests seen; the handler reads it."""

    tables: dict[str, RecordedTable] = field(default_factory=recorded_tables)
    faults: dict[tuple[str, str], Fault] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    reached: threading.Event = field(default_factory=threading.Event)
    base_url: str = ""

    def release(self) -> None:
        """Answer every held request now."""
        for fault in self.faults.values():
            if fault.hold:
                fault.hold.set()

    def reset(self) -> None:
        """Back to the recorded tables without faults or requests seen; held requests are answered first."""
        self.release()
        self.tables, self.faults, self.requests = recorded_tables(), {}, []
        self.reached.clear()

    def _fault(self, table: str, entity: str, protocol: str) -> Fault | None:
        """The fault injected for this request (by entity, then by protocol, then for the whole table), after its
        wait."""
        fault = self.faults.get((table, entity)) or self.faults.get((table, protocol)) or self.faults.get((table, "*"))
        if fault:
            self.reached.set()
            if fault.hold:
                fault.hold.wait(HOLD_LIMIT)
        return fault

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """Status and JSON body for one GET."""
        if path.startswith(V4_ROOT + "/"):
            return self.answer_v4(path.removeprefix(V4_ROOT + "/"), query)
        return self.answer_v3(path, query)

    def answer_v3(self, path: str, query: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """Status and JSON body for one GET of the v3 service."""
        match = re.fullmatch(r"/(?:ODataFeed|ODataApi)/(?:odata|OData)/([^/]+)/([A-Za-z0-9]*)", path)
        if not match or match[1] not in self.tables:
            return 404, {"odata.error": {"code": "", "message": {"lang": "nl-NL", "value": "Resource not found."}}}
        table, entity = self.tables[match[1]], match[2]
        data_set = "DataSet" if entity in ("UntypedDataSet", "TypedDataSet") else entity
        fault = self._fault(table.id, data_set, "v3")
        if fault and fault.status:
            return fault.status, {"odata.error": {"message": {"value": "Fout op de server."}}}
        root = f"{self.base_url}/ODataFeed/odata/{table.id}"
        sets = table.entity_sets()
        if entity == "":
            return 200, {
                "odata.metadata": f"{root}/$metadata",
                "value": [{"name": n, "url": f"{root}/{n}"} for n in sets],
            }
        if entity not in sets:
            return 404, {"odata.error": {"message": {"value": f"Entity set {entity} not found."}}}
        rows = sets[entity]
        if query.get("$filter"):
            try:
                clauses = _parsed_filter(query["$filter"])
            except ValueError:
                return 400, {"odata.error": {"message": {"value": "Ongeldig filter."}}}
            rows = [r for r in rows if all(str(r.get(name)) in allowed for name, allowed in clauses)]
        if len(rows) > ROW_LIMIT:
            return 400, {"odata.error": {"message": {"value": "De opgevraagde hoeveelheid data is te groot."}}}
        if query.get("$select"):
            keep = query["$select"].split(",")
            rows = [{k: r[k] for k in keep if k in r} for r in rows]
        skip = int(query.get("$skip", 0))
        page = rows[skip : skip + PAGE_SIZE]
        if entity == "TypedDataSet":
            page = [_typed(r) for r in page]
        body: dict[str, Any] = {"odata.metadata": f"{root}/$metadata#Cbs.OData.WebAPI.{entity}", "value": page}
        if skip + PAGE_SIZE < len(rows):
            following = {k: v for k, v in query.items() if k != "$skip"} | {"$skip": str(skip + PAGE_SIZE)}
            body["odata.nextLink"] = f"{root}/{entity}?{urlencode(following)}"
        if fault and fault.garbage:
            return 200, {"garbage": True}
        return 200, body

    def answer_v4(self, path: str, query: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """Status and JSON body for one GET of the v4 service (`path` is `{table}/{entity}`)."""
        name, _, entity = path.partition("/")
        if name not in self.tables:
            return 404, {"error": {"code": "404", "message": f"Dataset {name} not found."}}
        table = self.tables[name]
        fault = self._fault(table.id, entity, "v4")
        if fault and fault.status:
            return fault.status, {"error": {"code": str(fault.status), "message": "Fout op de server."}}
        root = f"{self.base_url}{V4_ROOT}/{table.id}"
        sets = table.v4_sets(observations=entity == "Observations")
        if entity == "":
            return 200, {
                "@odata.context": f"{root}/$metadata",
                "value": [{"name": n, "url": n} for n in [*sets, "Observations"]],
            }
        if entity not in sets and entity != "Observations":
            return 404, {"error": {"code": "404", "message": f"{entity} not found."}}
        if fault and fault.garbage:
            return 200, {"garbage": True}
        if entity == "Properties":
            return 200, {"@odata.context": f"{root}/$metadata#Properties", **sets[entity]}
        rows = sets[entity]
        if query.get("$filter"):
            try:
                clauses = _parsed_filter(query["$filter"])
            except ValueError:
                return 400, {"error": {"code": "400", "message": "Ongeldig filter."}}
            rows = [r for r in rows if all(str(r.get(field)) in allowed for field, allowed in clauses)]
        skip = int(query.get("$skip", 0))
        page = rows[skip : skip + V4_PAGE_SIZE]
        body: dict[str, Any] = {"@odata.context": f"{root}/$metadata#{entity}", "value": page}
        if skip + V4_PAGE_SIZE < len(rows):
            following = {k: v for k, v in query.items() if k != "$skip"} | {"$skip": str(skip + V4_PAGE_SIZE)}
            body["@odata.nextLink"] = f"{root}/{entity}?{urlencode(following)}"
        return 200, body


def _handler(service: CbsService) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # Headers and body leave in one write: separate small writes meet delayed ACKs (40 ms a request).
        wbufsize = 1 << 16

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            service.requests.append(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            status, body = service.answer(parts.path, query)
            payload = json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@dataclass
class RunningService:
    """A started loopback service: its URL and the state tests change."""

    url: str
    state: CbsService

    @property
    def v4_url(self) -> str:
        """The root of the v4 service (ROS_CBS_V4_URL)."""
        return self.url + V4_ROOT


def serve() -> Generator[RunningService, None, None]:
    """Start the stand-in on 127.0.0.1 (free port) in a thread; yields it and shuts it down afterwards."""
    state = CbsService()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield RunningService(state.base_url, state)
    finally:
        state.release()
        server.shutdown()
        server.server_close()
