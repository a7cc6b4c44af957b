"""A refreshed snapshot for tests: CBS dwelling changes 2021–2026 in the data contract's columns (invented figures).

Per municipality i (0–13, in code order) and year y: new construction 100 + 10·i + 5·(y − 2021), other additions
10, demolition 20 + i, other withdrawals 5, so the net change is 85 + 9·i + 5·(y − 2021). 2021–2024 are 81955NED
years (2024 'nader voorlopig'), 2025 an 86098NED year ('voorlopig'), 2026 the months January to September
('voorlopig'); 86098NED's months of 2024 are there too and must not be counted twice. For Twente: new construction
2021 2.310 … 2025 2.590 (+70 a year), net 2.009 … 2.289; 2026 t/m september new 2.079, net 1.953.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from ros.base.config import ROOT
from ros.data.catalog import TWENTE_CODES

# Written out rather than read from ros.data.catalog, so the positional rows below can be read against their names; the
# catalogue's row model (unknown columns forbidden) still checks them whenever this snapshot is loaded.
COLUMNS = [
    "code",
    "period",
    "period_kind",
    "new_construction",
    "other_additions",
    "demolition",
    "other_withdrawals",
    "correction",
    "net_change",
    "stock_start",
    "stock_end",
    "status",
    "source_id",
]
CODES = sorted(TWENTE_CODES)


def dwelling_changes() -> pd.DataFrame:
    """The fixture table, typed as the snapshot would type it (Int64, NA = empty)."""
    rows = []
    for i, code in enumerate(CODES):
        for year in range(2021, 2026):
            new = 100 + 10 * i + 5 * (year - 2021)
            old_table = year <= 2024
            status = "definitief" if year <= 2023 else "nader voorlopig" if year == 2024 else "voorlopig"
            rows.append(
                [
                    code,
                    str(year),
                    "year",
                    new,
                    10,
                    20 + i,
                    5,
                    0 if old_table else None,
                    new + 10 - 20 - i - 5,
                    None,
                    None,
                    status,
                    "cbs_81955ned" if old_table else "cbs_86098ned",
                ]
            )
        for year, last in ((2024, 12), (2026, 9)):
            for month in range(1, last + 1):
                rows.append(
                    [
                        code,
                        f"{year}-{month:02d}",
                        "month",
                        10 + i,
                        1,
                        2,
                        0,
                        None,
                        9 + i,
                        None,
                        None,
                        "voorlopig",
                        "cbs_86098ned",
                    ]
                )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in COLUMNS[3:11]:
        frame[column] = frame[column].astype("Int64")
    return frame


FORECAST_COLUMNS = ["code", "year", "vintage", "forecast", "lower", "upper", "source_id"]
# Invented forecast rows for tests (not the published figures, except Twente 2050 in the 2019 vintage: 608.200).
FORECAST_ROWS = [
    ["CR12", 2050, "2019", 608_200, None, None, "pblcbs_prognose_2019"],
    ["CR12", 2026, "2022", 648_000, 640_000, 656_000, "cbs_85173ned"],
    ["CR12", 2030, "2022", 652_000, 635_000, 669_000, "cbs_85173ned"],
    ["CR12", 2050, "2022", 655_000, 625_000, 690_000, "cbs_85173ned"],
]

SOURCES = {
    "cbs_86098ned": '"Levensloop van woningen en niet-woningen; gebruiksfunctie, regio (86098NED)",CBS,2026-11,'
    "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/86098NED,CC BY 4.0,",
    "cbs_85173ned": '"Regionale prognose 2023-2050; bevolking, intervallen, regio-indeling 2021 (85173NED)",CBS,'
    "2022-07-06,https://opendata.cbs.nl/statline/#/CBS/nl/dataset/85173NED,CC BY 4.0,",
    "pblcbs_prognose_2019": '"Regionale bevolkings- en huishoudensprognose 2019-2050",PBL/CBS,2019-09-10,'
    "https://www.pbl.nl,onbekend,",
}


def write_refreshed(target: Path) -> Path:
    """A copy of the shipped snapshot in `target` plus dwelling_changes.csv and population_forecast.csv (the rows
    above, replacing a shipped one) and their source rows."""
    shutil.copytree(ROOT / "data", target, dirs_exist_ok=True)
    dwelling_changes().to_csv(target / "dwelling_changes.csv", index=False)
    pd.DataFrame(FORECAST_ROWS, columns=FORECAST_COLUMNS).astype({"lower": "Int64", "upper": "Int64"}).to_csv(
        target / "population_forecast.csv", index=False
    )
    sources = (target / "sources.csv").read_text(encoding="utf-8")
    for source_id, rest in SOURCES.items():
        if f"\n{source_id}," not in sources:
            sources = sources.rstrip("\n") + f"\n{source_id},{rest}\n"
    (target / "sources.csv").write_text(sources, encoding="utf-8")
    return target


REVISED = ("GM0153", 2016, 300)  # CBS revises Enschede's 2016 new construction upwards by 300 in the refresh


def revised_changes() -> pd.DataFrame:
    """The fixture's dwelling changes plus 81955NED's whole years 2012–2020 as the shipped figures, one revised."""
    shipped = pd.read_csv(ROOT / "data" / "new_construction.csv")
    code, year, extra = REVISED
    shipped.loc[(shipped["code"] == code) & (shipped["year"] == year), "new_dwellings"] += extra
    history = pd.DataFrame(
        {
            "code": shipped["code"],
            "period": shipped["year"].astype(str),
            "period_kind": "year",
            "new_construction": shipped["new_dwellings"],
            "status": "definitief",
            "source_id": "cbs_81955ned",
        }
    )
    frame = pd.concat([history, dwelling_changes()], ignore_index=True)
    for column in COLUMNS[3:11]:
        frame[column] = frame[column].astype("Int64")
    return frame[COLUMNS]


def monthly_population() -> pd.DataFrame:
    """37230ned for the 14 municipalities, January to October 2026: the shipped 1-1-2026 count + 10 a month."""
    shipped = pd.read_csv(ROOT / "data" / "population_2026.csv")
    return pd.DataFrame(
        [
            [code, f"2026-{month:02d}", population + 10 * (month - 1), "voorlopig", "cbs_37230ned"]
            for code, population in zip(shipped["code"], shipped["population"], strict=True)
            for month in range(1, 11)
        ],
        columns=["code", "month", "population", "status", "source_id"],
    )
