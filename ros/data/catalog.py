"""The declared catalogue of the shipped data snapshot in `data/`.

Each dataset names its CSV file, the pydantic row model that every row must satisfy, its key columns and
whether it must cover exactly the 14 Twente municipalities. Every row carries a `source_id` that points into
`sources.csv`. Raw files are never edited by code; corrections go into the CSV with their source.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from ros.data.validation import Count, GemeenteCode, PartialDate, Row, Text

# CBS codes of the 14 Twente municipalities (Gemeentelijke indeling 2024; no changes since 2001 reorganisations).
TWENTE_CODES = frozenset(
    {
        "GM0141", "GM0147", "GM1774", "GM0153", "GM0158", "GM0163", "GM0164",
        "GM1735", "GM0168", "GM0173", "GM1742", "GM0183", "GM1700", "GM0189",
    }
)  # fmt: skip
# All of Twente as one row of our tables (a totals row, a target's scope, the region in a link or an API answer).
TWENTE = "twente"
# CBS names the same region by its COROP code in the tables that have it (forecasts, permits, dwelling changes).
TWENTE_COROP = "CR12"

SourceId = Annotated[str, Field(pattern=r"^[a-z][a-zA-Z0-9_]*$")]


class SourceRow(Row):
    """One publication that figures in the snapshot come from."""

    id: SourceId
    title: Text
    publisher: Text
    date: PartialDate
    reference: Text
    licence: Text
    note: str = ""


class MunicipalityRow(Row):
    """CBS key figures of one municipality on its reference date."""

    code: GemeenteCode
    name: Text
    cbs_name: Text
    population: Count
    dwellings: Count
    households: Count
    avg_household_size: Annotated[float, Field(ge=0)]
    reference_date: date
    area_total_km2: Annotated[float, Field(ge=0)]
    area_land_km2: Annotated[float, Field(ge=0)]
    source_id: SourceId
    area_land_source_id: SourceId


class PopulationRow(Row):
    """Population of one municipality on a later reference date (CBS monthly figures)."""

    code: GemeenteCode
    population: Count
    reference_date: date
    status: Literal["voorlopig", "definitief"]
    source_id: SourceId


class NewConstructionRow(Row):
    """Dwellings added by new construction in one municipality in one year (CBS)."""

    code: GemeenteCode
    year: Annotated[int, Field(ge=1900, le=2100)]
    new_dwellings: Count
    status: Literal["voorlopig", "definitief"]
    source_id: SourceId


class PlanCapacityRow(Row):
    """Planned housing capacity of one municipality (hard and soft plans)."""

    code: GemeenteCode
    hard_plans: Count
    soft_plans: Count
    total_plans: Count
    reference_year: Annotated[int, Field(ge=2000, le=2100)]
    plan_period: Text
    confidence: Literal["hoog", "middel", "laag"]
    source_id: SourceId


class TargetRow(Row):
    """A regional target or ambition, with its exact wording."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    measure: Literal["new_dwellings", "population_growth", "population"]
    comparator: Literal["at_least", "more_than", "possible", "reach"]
    value: Count
    unit: Literal["woningen", "inwoners"]
    year: Annotated[int, Field(ge=2000, le=2100)]
    scope: Annotated[str, Field(pattern=r"^(twente|GM\d{4}( GM\d{4})*)$")]
    baseline: Count | None = None
    baseline_year: Annotated[int, Field(ge=2000, le=2100)] | None = None
    # The source a baseline is derived from, when it is not the target's own source (319.113: our sum of CBS).
    baseline_source_id: SourceId | None = None
    wording: Text
    source_id: SourceId
    confidence: Literal["hoog", "middel", "laag"]


class PartyRow(Row):
    """One of the 17 parties that draw up and pay for the ROS."""

    id: Annotated[str, Field(pattern=r"^([a-z_]+|GM\d{4})$")]
    name: Text
    kind: Literal["rijk", "provincie", "waterschap", "gemeente"]
    source_id: SourceId


@dataclass(frozen=True)
class Dataset:
    """A declared table of the snapshot."""

    name: str
    file: str
    model: type[Row]
    key: tuple[str, ...]
    title_key: str
    per_municipality: bool = False
    # An optional table may be absent from a snapshot (then it is simply not in the data, never zeros).
    optional: bool = False


CATALOG: tuple[Dataset, ...] = (
    Dataset("sources", "sources.csv", SourceRow, ("id",), "datasets.sources"),
    Dataset("municipalities", "municipalities.csv", MunicipalityRow, ("code",), "datasets.municipalities", True),
    Dataset("population_2026", "population_2026.csv", PopulationRow, ("code",), "datasets.population_2026", True),
    Dataset(
        "new_construction",
        "new_construction.csv",
        NewConstructionRow,
        ("code", "year"),
        "datasets.new_construction",
        True,
    ),
    Dataset("plan_capacity", "plan_capacity.csv", PlanCapacityRow, ("code",), "datasets.plan_capacity", True),
    Dataset("targets", "targets.csv", TargetRow, ("id",), "datasets.targets"),
    Dataset("parties", "parties.csv", PartyRow, ("id",), "datasets.parties"),
)


def _at_most_cents(value: float) -> float:
    """Accept an amount in euros with at most two decimals (whole cents)."""
    from decimal import Decimal

    exponent = Decimal(str(value)).as_tuple().exponent
    if not isinstance(exponent, int) or exponent < -2:  # "n", "N", "F": NaN or infinity
        raise ValueError("meer dan twee decimalen")
    return value


Euro = Annotated[float, Field(ge=0, allow_inf_nan=False), AfterValidator(_at_most_cents)]


class BudgetRow(Row):
    """The contribution of one of the 17 parties to drawing up the ROS in one period; empty amount = unknown."""

    party_id: Annotated[str, Field(pattern=r"^([a-z_]+|GM\d{4})$")]
    kind: Literal["rijk", "provincie", "waterschap", "gemeente"]
    amount: Euro | None = None
    status: Literal["besloten", "toegezegd", "onbekend"]
    period: Annotated[str, Field(pattern=r"^\d{4}-\d{4}$")]
    programme: str = ""
    source_id: SourceId
    note: str = ""

    @model_validator(mode="after")
    def _status_matches_amount(self) -> BudgetRow:
        """An amount is known exactly when the status is besloten or toegezegd."""
        if (self.amount is None) != (self.status == "onbekend"):
            raise ValueError("status 'onbekend' hoort bij een leeg bedrag, 'besloten'/'toegezegd' bij een bedrag")
        return self


CATALOG = (*CATALOG, Dataset("budget", "budget.csv", BudgetRow, ("party_id", "period"), "budget.dataset_title"))


# --- Milestones and decision gates of the ROS (issue 5) -------------------------------------------------------------
# Bodies a milestone can involve: the Rijk, regional administrators at a BO, the BOSS, the province, the water
# board, all 14 municipalities, a college (executive) and a council.
BODY_CODES = ("rijk", "regio", "boss", "provincie", "waterschap", "gemeenten", "college", "raad")
_BODY = "(" + "|".join(BODY_CODES) + ")"


def _partial_bounds(value: str) -> tuple[str, str]:
    """The first and last ISO day a partial date (YYYY, YYYY-MM, YYYY-MM-DD) can mean, for ordering checks."""
    return (
        (value + "-01-01"[len(value) - 4 :], value + "-12-31"[len(value) - 4 :]) if len(value) < 10 else (value, value)
    )


class MilestoneRow(Row):
    """One milestone or phase of the ROS: a date, a window (start–end) or no date at all (confidence onbekend)."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    start: PartialDate | None = None
    end: PartialDate | None = None
    title_nl: Text
    title_en: Text
    bodies: Annotated[str, Field(pattern=rf"^({_BODY}( {_BODY})*)?$")] = ""
    kind: Literal["besluit", "bestuurlijk_overleg", "verkiezing", "publicatie", "product", "fase", "horizon"]
    confidence: Literal["bevestigd", "verwacht", "onbekend"]
    source_id: SourceId
    after: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")] | None = None
    party: Annotated[str, Field(pattern=r"^([a-z_]+|GM\d{4})$")] | None = None
    note_nl: str = ""
    note_en: str = ""
    # The meetings where this milestone is expected to happen (ids of other rows): when all of them have passed
    # without confirmation, the milestone is no longer counted down (the ROS: BOL 2026 or BO MIRT 2026).
    venues: Annotated[str, Field(pattern=r"^([a-z0-9_]+( [a-z0-9_]+)*)?$")] = ""
    # "aanname": the source gives only the year; the month window is our assumption and is labelled as one.
    window_basis: Literal["bron", "aanname"] = "bron"

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: str | None, info: ValidationInfo) -> str | None:
        """An end needs a start and may not lie before it."""
        start = info.data.get("start")
        if end is not None and (start is None or _partial_bounds(end)[1] < _partial_bounds(start)[0]):
            raise ValueError("einde zonder begin of vóór het begin")
        return end

    @field_validator("confidence")
    @classmethod
    def _dated_unless_unknown(cls, confidence: str, info: ValidationInfo) -> str:
        """A row without a date has confidence onbekend, and only such a row."""
        if (info.data.get("start") is None) != (confidence == "onbekend"):
            raise ValueError("zonder datum hoort 'onbekend', met datum 'bevestigd' of 'verwacht'")
        return confidence


class DecisionGateRow(Row):
    """Where one of the 17 parties stands on one decision gate of the ROS, only as documented."""

    gate: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    milestone_id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    party: Annotated[str, Field(pattern=r"^([a-z_]+|GM\d{4})$")]
    status: Literal["besloten", "gepland", "onbekend"]
    source_id: SourceId
    note: str = ""


CATALOG = (
    *CATALOG,
    Dataset("milestones", "milestones.csv", MilestoneRow, ("id",), "milestones.dataset_milestones"),
    Dataset("decision_gates", "decision_gates.csv", DecisionGateRow, ("gate", "party"), "milestones.dataset_gates"),
)


# --- Refreshed CBS tables and the population forecast (issue 13; columns fixed by CONTRACT_DATA.md) -----------------
# Rows may also describe Overijssel (PV23) and Twente as a COROP region (CR12) where a CBS table has them.
RegionCode = Annotated[str, Field(pattern=r"^(GM\d{4}|PV\d{2}|CR\d{2})$")]
PeriodStatus = Literal["definitief", "voorlopig", "nader voorlopig"]
Month = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
Vintage = Annotated[str, Field(pattern=r"^\d{4}$")]


class DwellingChangeRow(Row):
    """Changes of the dwelling stock of one region in one whole year or one month (CBS 81955NED, 86098NED)."""

    code: RegionCode
    period: Annotated[str, Field(pattern=r"^\d{4}(-(0[1-9]|1[0-2]))?$")]
    period_kind: Literal["year", "month"]
    new_construction: Count | None = None
    other_additions: Count | None = None
    demolition: Count | None = None
    other_withdrawals: Count | None = None
    correction: int | None = None
    net_change: int | None = None
    stock_start: Count | None = None
    stock_end: Count | None = None
    status: PeriodStatus
    source_id: SourceId

    @model_validator(mode="after")
    def _kind_matches_period(self) -> DwellingChangeRow:
        """A year row has period YYYY, a month row YYYY-MM."""
        if (len(self.period) == 4) != (self.period_kind == "year"):
            raise ValueError("periode en soort periode passen niet bij elkaar (JJJJ = year, JJJJ-MM = month)")
        return self


class PopulationMonthRow(Row):
    """Population of one region at the start of one month (CBS 37230ned); "2026-10" is 1 October 2026."""

    code: RegionCode
    month: Month
    population: Count
    status: PeriodStatus
    source_id: SourceId


class PopulationForecastRow(Row):
    """Forecast population of one region in one year, in persons, with the 67% interval where published."""

    code: RegionCode
    year: Annotated[int, Field(ge=2000, le=2100)]
    vintage: Vintage
    forecast: Count
    lower: Count | None = None
    upper: Count | None = None
    source_id: SourceId

    @model_validator(mode="after")
    def _forecast_inside_interval(self) -> PopulationForecastRow:
        """The lower bound is not above the forecast and the upper bound not below it."""
        if (self.lower is not None and self.lower > self.forecast) or (
            self.upper is not None and self.upper < self.forecast
        ):
            raise ValueError("de prognose ligt buiten haar eigen interval")
        return self


CATALOG = (
    *CATALOG,
    Dataset("dwelling_changes", "dwelling_changes.csv", DwellingChangeRow, ("code", "period"),
            "refresh.dataset_dwelling_changes", optional=True),
    Dataset("population_monthly", "population_monthly.csv", PopulationMonthRow, ("code", "month"),
            "refresh.dataset_population_monthly", optional=True),
    Dataset("population_forecast", "population_forecast.csv", PopulationForecastRow, ("code", "year", "vintage"),
            "refresh.dataset_population_forecast"),
)  # fmt: skip


# --- Permits and the stock by owner (issue 27; only a refresh brings them) ------------------------------------------
class PermitRow(Row):
    """Dwellings in building permits issued in one region in one quarter or year, by ownership and by commissioning
    party (CBS 83671NED); `total` is CBS's own total, never a sum we made."""

    code: RegionCode
    period: Annotated[str, Field(pattern=r"^\d{4}(Q[1-4])?$")]
    period_kind: Literal["quarter", "year"]
    ownership: Literal["total", "rent", "buy"]
    client: Literal["total", "corporation", "market", "private"]
    dwellings: Count | None = None
    status: PeriodStatus
    source_id: SourceId

    @model_validator(mode="after")
    def _kind_matches_period(self) -> PermitRow:
        """A year row has period YYYY, a quarter row YYYYQn."""
        if (len(self.period) == 4) != (self.period_kind == "year"):
            raise ValueError("periode en soort periode passen niet bij elkaar (JJJJ = year, JJJJQn = quarter)")
        return self


class StockByOwnerRow(Row):
    """The dwelling stock of one region on 1 January of `year` by owner (CBS 82900NED or its successor 86286NED):
    owner-occupied, rented (housing associations plus other landlords) and owner unknown."""

    code: RegionCode
    year: Annotated[int, Field(ge=2000, le=2100)]
    total: Count | None = None
    owner_occupied: Count | None = None
    rented: Count | None = None
    housing_association: Count | None = None
    other_landlords: Count | None = None
    unknown_owner: Count | None = None
    status: PeriodStatus
    source_id: SourceId


CATALOG = (
    *CATALOG,
    Dataset("permits", "permits.csv", PermitRow, ("code", "period", "ownership", "client"),
            "refresh.dataset_permits", optional=True),
    Dataset("stock_by_owner", "stock_by_owner.csv", StockByOwnerRow, ("code", "year"),
            "refresh.dataset_stock_by_owner", optional=True),
)  # fmt: skip
