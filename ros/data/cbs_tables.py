"""The registry of CBS tables the refresh reads: one declared list with what we need from each table.

Each `TableSpec` names a StatLine table, the measures we read (by their OData v3 key stem with a title word, and by
their OData v4 measure code), the fixed keys of its other dimensions, the first period we expect, the last one when
CBS has closed the table on purpose, and its declared successor. The refresh checks all of it against the service's
own metadata at run time (DataProperties and dimension lists in v3; MeasureCodes, Dimensions and code lists in v4),
and `python -m ros.data.refresh --check` reports it without switching anything. Keys and codes come from
`../shared/reference/cbs_api.md`; v4 codes other than 83671NED's A007233 are declared from the reference's pattern and
are unconfirmed until `--check` has seen them on datasets.cbs.nl (a code CBS does not publish only sends that table to
v3).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

DWELLING = "A045364"  # Gebruiksfunctie: woning
FORECAST_INTERVALS = {"MW00000": "forecast", "MOG0067": "lower", "MBG0067": "upper"}
OWNERSHIP = {"T001258": "total", "A028867": "rent", "A028868": "buy"}
CLIENTS = {"T001209": "total", "A028184": "corporation", "A028185": "market", "A028186": "private"}


@dataclass(frozen=True)
class MeasureSpec:
    """A measure we need: the column it fills, its v3 key without the numbered suffix, a word its title contains,
    and its v4 measure code."""

    column: str
    stem: str
    title: str
    code: str


@dataclass(frozen=True)
class TableSpec:
    """A CBS table the refresh reads: measures, fixed keys of its other dimensions, expected periods, successor."""

    id: str
    source_id: str
    measures: tuple[MeasureSpec, ...]
    fixed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    first: str = ""  # the first period we need from it, e.g. 2012JJ00
    closed: str = ""  # the last period of a table CBS closed and we still read on purpose
    successor: TableSpec | None = None


_STOCK = (
    MeasureSpec("stock_start", "BeginstandVoorraad", "beginstand", "M000297"),
    MeasureSpec("net_change", "SaldoVoorraad", "saldo", "M000300"),
    MeasureSpec("stock_end", "EindstandVoorraad", "eindstand", "M000301"),
)
STOCK_MUTATIONS = TableSpec(
    "81955NED",
    "cbs_81955ned",
    (
        *_STOCK,
        MeasureSpec("new_construction", "Nieuwbouw", "nieuwbouw", "M000302"),
        MeasureSpec("other_additions", "OverigeToevoeging", "overige toevoeging", "M000303"),
        MeasureSpec("demolition", "Sloop", "sloop", "M000304"),
        MeasureSpec("other_withdrawals", "OverigeOnttrekking", "overige onttrekking", "M000305"),
        MeasureSpec("correction", "Correctie", "correctie", "M000306"),
    ),
    {"Gebruiksfunctie": (DWELLING,)},
    first="2012JJ00",
    closed="2024JJ00",  # discontinued mid-2025; 86098NED carries on from 2024, declared as its own table
)
DWELLING_LIFECYCLE = TableSpec(
    "86098NED",
    "cbs_86098ned",
    (
        *_STOCK,
        MeasureSpec("new_construction", "NieuwbouwTotaal", "nieuwbouw", "M004412"),
        MeasureSpec("additions_total", "ToevoegingenTotaal", "toevoeging", "M004419"),
        MeasureSpec("demolition", "Sloop", "sloop", "M000304"),
        MeasureSpec("withdrawals_total", "Onttrekkingen", "onttrekking", "M004422"),
    ),
    {"Gebruiksfunctie": (DWELLING,)},
    first="2024JJ00",
)
POPULATION_MONTHLY = TableSpec(
    "37230ned",
    "cbs_37230ned",
    (MeasureSpec("population", "BevolkingAanHetBeginVanDePeriode", "begin van de periode", "M000352"),),
    first="2024MM01",
)
POPULATION_FORECAST = TableSpec(
    "85173NED",
    "cbs_85173ned",
    (MeasureSpec("population", "TotaleBevolking", "bevolking", "M001589"),),
    {"Leeftijd": ("10000",), "PrognoseInterval": tuple(FORECAST_INTERVALS)},
    first="2023JJ00",
)
PERMITS = TableSpec(
    "83671NED",
    "cbs_83671ned",
    (MeasureSpec("dwellings", "Woningen", "woningen", "A007233"),),
    {"Opdrachtgever": tuple(CLIENTS), "Eigendom": tuple(OWNERSHIP)},
    first="2012KW01",
)
_OWNER_STOCK = (
    MeasureSpec("total", "TotaleWoningvoorraad", "totale woningvoorraad", "M001500"),
    MeasureSpec("owner_occupied", "Koopwoningen", "koopwoningen", "M001501"),
    MeasureSpec("rented", "TotaalHuurwoningen", "huurwoningen", "M001502"),
)
STOCK_BY_OWNER_SUCCESSOR = TableSpec(
    "86286NED",  # probably 82900NED's successor (title not confirmed): --check says whether CBS names it
    "cbs_86286ned",
    (
        *_OWNER_STOCK,
        MeasureSpec("private_persons", "EigendomNatuurlijkePersonen", "natuurlijke personen", "M001510"),
        MeasureSpec("housing_association", "EigendomWoningcorporaties", "woningcorporatie", "M001511"),
        MeasureSpec("companies", "EigendomBVSEnNVS", "bv", "M001512"),
        MeasureSpec("other_legal", "EigendomOverigeRechtspersonen", "overige rechtspersonen", "M001513"),
        MeasureSpec("unknown_owner", "EigendomOnbekend", "onbekend", "M001506"),
    ),
    {"StatusVanBewoning": ("T001742",)},
    first="2012JJ00",
)
STOCK_BY_OWNER = TableSpec(
    "82900NED",
    "cbs_82900ned",
    (
        *_OWNER_STOCK,
        MeasureSpec("housing_association", "EigendomWoningcorporatie", "woningcorporatie", "M001503"),
        MeasureSpec("other_landlords", "EigendomOverigeVerhuurders", "overige verhuurders", "M001504"),
        MeasureSpec("unknown_owner", "EigendomOnbekend", "onbekend", "M001506"),
    ),
    {"StatusVanBewoning": ("T001742",)},
    first="2012JJ00",
    successor=STOCK_BY_OWNER_SUCCESSOR,
)
REGISTRY = (STOCK_MUTATIONS, DWELLING_LIFECYCLE, POPULATION_MONTHLY, POPULATION_FORECAST, PERMITS, STOCK_BY_OWNER)
