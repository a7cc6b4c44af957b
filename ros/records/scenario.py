"""A scenario: every setting a planner can change, in one validated, versioned model.

The fields are the assumptions of the targets page (totals, allocation key and weights, period, trajectory shape,
outlook, occupancy change), of the budget page (cost-sharing key, fixed shares, total budget, ledger entries) and the
"stand per" date of the timeline. Each field's alias is its URL parameter, which is also the key of its widget in the
session, so a scenario converts to and from a link, a JSON file and the page state without translation tables.
Defaults are the figures of the decision (69.000 homes, 100.000 residents, 2025–2050), taken from
`ros.model.targets.TargetSettings` so the two can never differ; nothing here is data.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal, get_args, get_origin
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ros.base import number_entry
from ros.base.problems import InputError, problem
from ros.data.catalog import TWENTE_CODES
from ros.data.validation import describe_error
from ros.model import allocation, cost_sharing, ledger, own_figures, trajectory
from ros.model.milestones import STAND_RANGE
from ros.model.targets import MAX_TOTAL, TargetSettings

VERSION = 1
MAX_BUDGET = 100_000_000  # euros; far above any plausible budget for drawing up a strategy
CENTS = "cents"  # marks a float field written with at most two decimals (an amount in euros)
Amount = Annotated[float, Field(ge=0, le=MAX_BUDGET), CENTS]
# The targets recompute owns the default values; the scenario shows shares as percentages.
_TARGETS = TargetSettings()


class LedgerEntry(BaseModel):
    """One party's ledger amounts in one year (None = not filled in)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    party: str
    year: Literal[ledger.YEARS]  # type: ignore[valid-type]
    toegezegd: Amount | None = None
    gefactureerd: Amount | None = None
    ontvangen: Amount | None = None
    besteed: Amount | None = None


class OwnFigure(BaseModel):
    """A municipality's own count for one year ("eigen opgave"; None = not given)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^GM\d{4}$")
    year: int = Field(ge=own_figures.YEAR_RANGE[0], le=own_figures.YEAR_RANGE[1])
    new_construction: int | None = Field(None, ge=0, le=own_figures.MAX_HOMES)
    demolition: int | None = Field(None, ge=0, le=own_figures.MAX_HOMES)
    net_change: int | None = Field(None, ge=-own_figures.MAX_HOMES, le=own_figures.MAX_HOMES)

    @field_validator("code")
    @classmethod
    def _twente(cls, code: str) -> str:
        if code not in TWENTE_CODES:
            raise InputError(problem("input.not_twente", code=code[:20]))
        return code


class Scenario(BaseModel):
    """Every changeable setting; field aliases are the URL parameters and session keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    homes_total: int = Field(_TARGETS.homes_total, ge=0, le=MAX_TOTAL, alias="woningen")
    residents_total: int = Field(_TARGETS.residents_total, ge=0, le=MAX_TOTAL, alias="inwoners")
    key: Literal[allocation.KEYS] = Field(_TARGETS.key, alias="sleutel")  # type: ignore[valid-type]
    city_share: int = Field(round(_TARGETS.city_share * 100), ge=0, le=100, alias="steden")
    weights: str = Field("", alias="gewichten", max_length=2_000)
    shape: Literal[trajectory.SHAPES] = Field(_TARGETS.shape, alias="vorm")  # type: ignore[valid-type]
    start_year: int = Field(_TARGETS.start_year, ge=trajectory.FIRST_YEAR, le=2050, alias="startjaar")
    end_year: int = Field(_TARGETS.end_year, ge=2025, le=trajectory.LAST_YEAR, alias="eindjaar")
    outlook: Literal[trajectory.OUTLOOKS] = Field(_TARGETS.outlook, alias="doorkijk")  # type: ignore[valid-type]
    outlook_pace: int = Field(_TARGETS.outlook_pace, ge=0, le=MAX_TOTAL, alias="tempo")
    occupancy_change: float = Field(_TARGETS.occupancy_change * 100, ge=-5.0, le=5.0, alias="bewoning")
    cost_key: Literal[cost_sharing.KEYS] = Field("population", alias="verdeelsleutel")  # type: ignore[valid-type]
    fixed_rijk: float = Field(0.0, ge=0, le=100, alias="vast_rijk")
    fixed_provincie: float = Field(0.0, ge=0, le=100, alias="vast_provincie")
    fixed_waterschap: float = Field(0.0, ge=0, le=100, alias="vast_waterschap")
    budget_total: Amount | None = Field(None, alias="totaalbudget")
    stand: date | None = Field(None, alias="stand")
    ledger_entries: tuple[LedgerEntry, ...] = Field((), alias="grootboek")
    own_figures: tuple[OwnFigure, ...] = Field((), alias="eigen_opgave", max_length=own_figures.MAX_ROWS)

    @field_validator("weights")
    @classmethod
    def _weights_are_valid(cls, text: str) -> str:
        """Custom weights in the compact link form, checked like an upload; stored canonically."""
        if not text:
            return text
        codes = sorted(TWENTE_CODES)
        return allocation.weights_to_text(allocation.weights_from_text(text, codes, codes))

    @field_validator("cost_key", mode="before")
    @classmethod
    def _cost_key_alias(cls, value: object) -> object:
        """Old links and scenario files name the cost-sharing keys in Dutch (gelijk, eigen, …): accept them."""
        return cost_sharing.canonical_key(value) if isinstance(value, str) else value

    @field_validator("occupancy_change", "fixed_rijk", "fixed_provincie", "fixed_waterschap")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise InputError(problem("input.not_finite"))
        return value

    @field_validator("budget_total")
    @classmethod
    def _cents(cls, value: float | None) -> float | None:
        """Euros with at most two decimals."""
        return None if value is None else cost_sharing.to_cents(value) / 100

    @field_validator("stand")
    @classmethod
    def _stand_in_range(cls, value: date | None) -> date | None:
        if value is not None and not STAND_RANGE[0] <= value <= STAND_RANGE[1]:
            raise InputError(problem("input.date_range", first=STAND_RANGE[0].year, last=STAND_RANGE[1].year))
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        """The settings must be computable together (period order, fixed shares ≤ 100 %, known ledger parties)."""
        # The refusals keep their catalogue codes (pydantic keeps the exception), so `describe` can word them in
        # the reader's language.
        self.target_settings().check()
        if self.fixed_rijk + self.fixed_provincie + self.fixed_waterschap > 100:
            raise cost_sharing.CostKeyError(problem("cost_sharing.shares_over_100"))
        keys = [(f.code, f.year) for f in self.own_figures]
        if len(set(keys)) != len(keys):
            raise InputError(problem("input.own_figures_twice"))
        return self

    def target_settings(self) -> TargetSettings:
        """The settings of the targets recompute."""
        custom = None
        if self.key == "custom" and self.weights:
            codes = sorted(TWENTE_CODES)
            custom = tuple(sorted(allocation.weights_from_text(self.weights, codes, codes).items()))
        return TargetSettings(
            homes_total=self.homes_total,
            residents_total=self.residents_total,
            key=self.key,
            city_share=self.city_share / 100,
            custom_weights=custom,
            shape=self.shape,
            start_year=self.start_year,
            end_year=self.end_year,
            outlook=self.outlook,
            outlook_pace=self.outlook_pace,
            occupancy_change=self.occupancy_change / 100,
        )

    def sharing(self, parties: Sequence[cost_sharing.Party]) -> cost_sharing.ScenarioSharing:
        """Each party's contribution under this scenario's cost-sharing key, fixed shares and total budget."""
        fixed = {kind: getattr(self, f"fixed_{kind}") for kind in cost_sharing.FIXED_KINDS}
        return cost_sharing.scenario_sharing(self.budget_total, self.cost_key, fixed, parties)


DEFAULT = Scenario()
# Tables (ledger, own figures) travel in scenario files, the store and the workbook, not in links.
TABLE_FIELDS = {"grootboek": "ledger_entries", "eigen_opgave": "own_figures"}
URL_FIELDS = {
    str(field.alias): name for name, field in Scenario.model_fields.items() if name not in TABLE_FIELDS.values()
}


@dataclass(frozen=True)
class Setting:
    """What a widget needs to know of one setting, read from its field: the bounds of a number, the options of a
    choice, whether it is a number, a whole one or one with at most `decimals`, and whether it may be left empty."""

    alias: str
    default: Any
    low: float | None = None
    high: float | None = None
    options: tuple[str, ...] = ()
    whole: bool = False
    optional: bool = False
    number: bool = False
    decimals: int | None = None


def _constraints(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any], bool]:
    """The value type, its constraints and whether None is allowed, through `X | None` and `Annotated`."""
    optional = False
    args = get_args(annotation)
    if type(None) in args:
        optional = True
        annotation = next(a for a in args if a is not type(None))
    if get_origin(annotation) is Annotated:
        base, *extra = get_args(annotation)
        metadata = metadata + [m for info in extra for m in getattr(info, "metadata", [info])]
        annotation = base
    return annotation, metadata, optional


def setting(alias: str) -> Setting:
    """The widget description of the setting with URL key `alias` (bounds from Field constraints, options from
    the Literal)."""
    field = Scenario.model_fields[URL_FIELDS[alias]]
    kind, metadata, optional = _constraints(field.annotation, list(field.metadata))
    low = next((m.ge for m in metadata if hasattr(m, "ge")), None)
    high = next((m.le for m in metadata if hasattr(m, "le")), None)
    options = get_args(kind) if get_origin(kind) is Literal else ()
    decimals = 2 if CENTS in metadata else None
    return Setting(
        alias, field.default, low, high, tuple(options), kind is int, optional, kind in (int, float), decimals
    )


def read_number(spec: Setting, text: str, lang: str | None) -> int | float | None:
    """A number setting typed in `lang`, or written in a link (`lang` None: either mark, `number_entry.parse`);
    raises NumberEntryError."""
    return number_entry.parse(
        text, lang, whole=spec.whole, low=spec.low, high=spec.high, optional=spec.optional, decimals=spec.decimals
    )


def with_setting(values: Mapping[str, Any], alias: str, value: Any) -> Scenario:
    """The scenario of session values `values` with one setting changed; raises ValidationError when the new
    value is out of bounds or does not fit with the others."""
    return from_state(dict(values) | {alias: value})


def state_values(scenario: Scenario) -> dict[str, Any]:
    """The scenario as session values by URL key (the ledger and own figures as lists of plain dicts under
    'grootboek' and 'eigen_opgave')."""
    values = {alias: getattr(scenario, name) for alias, name in URL_FIELDS.items()}
    for alias, name in TABLE_FIELDS.items():
        values[alias] = [entry.model_dump() for entry in getattr(scenario, name)]
    return values


def from_state(values: Mapping[str, Any]) -> Scenario:
    """A scenario from session values by URL key; missing keys keep their defaults. Raises ValidationError."""
    return Scenario.model_validate({k: v for k, v in values.items() if k in URL_FIELDS or k in TABLE_FIELDS})


def default_value(key: str) -> Any:
    """The default of the setting with URL key `key`."""
    return getattr(DEFAULT, URL_FIELDS[key])


def url_text(value: object) -> str:
    """A setting's value as it appears in a link: 0.5, 2026-01-01, 80000."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return value.isoformat() if isinstance(value, date) else str(value)


def to_query(scenario: Scenario) -> dict[str, str]:
    """URL parameters for every setting that differs from the default (the ledger is not put in links)."""
    return {
        alias: url_text(getattr(scenario, name))
        for alias, name in URL_FIELDS.items()
        if getattr(scenario, name) != getattr(DEFAULT, name) and getattr(scenario, name) is not None
    }


def from_query(params: Mapping[str, str]) -> tuple[Scenario, list[str]]:
    """The scenario a link describes, and the parameters that were ignored ('name=value') because they were
    malformed, out of range or inconsistent with the others. Parameters that are no setting are left alone."""
    given: dict[str, object] = {k: v for k, v in params.items() if k in URL_FIELDS}
    ignored: list[str] = []
    for alias, raw in params.items():
        spec = setting(alias) if alias in given else None
        if spec is not None and spec.number:
            # the reader of the typed fields, not pydantic's, which takes 80.000 for 80
            try:
                given[alias] = read_number(spec, raw, None)
            except number_entry.NumberEntryError:
                ignored.append(f"{alias}={raw}")
                del given[alias]
    for alias, value in list(given.items()):
        try:
            Scenario.model_validate({alias: value})
        except ValidationError as error:
            if any(e["loc"] and e["loc"][0] == alias for e in error.errors()):
                ignored.append(f"{alias}={params[alias]}")
                del given[alias]
    kept: dict[str, object] = {}
    for alias, value in given.items():
        # Each value is fine on its own; keep it only if it still fits with those kept so far (start before end…).
        try:
            Scenario.model_validate(kept | {alias: value})
            kept[alias] = value
        except ValidationError:
            ignored.append(f"{alias}={params[alias]}")
    return Scenario.model_validate(kept), ignored


def to_json(scenario: Scenario) -> dict[str, Any]:
    """The scenario as JSON-ready settings (by URL key) for a file or the scenario store."""
    settings: dict[str, Any] = json.loads(scenario.model_dump_json(by_alias=True))
    return settings


def from_json(settings: Mapping[str, Any], version: int = VERSION) -> Scenario:
    """A scenario from stored settings of schema `version`; raises ValueError with a Dutch message."""
    if version != VERSION:
        raise ValueError(f"scenarioversie {version} wordt niet ondersteund (deze versie: {VERSION})")
    try:
        return Scenario.model_validate(dict(settings))
    except ValidationError as error:
        raise SettingsError(error) from None


def validate_settings(settings: dict[str, Any], version: int) -> None:
    """The store's validator: raises ValueError (Dutch) when stored settings are no valid scenario any more."""
    from_json(settings, version)


def describe(error: ValidationError, lang: str = "nl") -> str:
    """A validation error as one sentence in `lang` naming the settings by their URL names (every problem)."""
    return "; ".join(describe_error(item, lang) for item in error.errors())


class SettingsError(ValueError):
    """Settings that are no valid scenario; `str()` is Dutch, `text(lang)` names every problem in `lang`."""

    def __init__(self, error: ValidationError) -> None:
        self.error = error
        super().__init__(describe(error))

    def text(self, lang: str) -> str:
        """Every problem in `lang`."""
        return describe(self.error, lang)


def ledger_entries(frame: pd.DataFrame | None) -> tuple[LedgerEntry, ...]:
    """The filled-in rows of a checked ledger table (columns partij, jaar and the four states; NaN = empty)."""
    if frame is None:
        return ()
    entries = []
    for row in frame.to_dict(orient="records"):
        amounts = {s: (None if pd.isna(row[s]) else float(row[s])) for s in ledger.STATES}
        if any(v is not None for v in amounts.values()):
            entries.append(LedgerEntry(party=str(row[ledger.PARTY]), year=int(row[ledger.YEAR]), **amounts))
    return tuple(entries)


def ledger_frame(entries: tuple[LedgerEntry, ...], parties: Mapping[str, str]) -> pd.DataFrame:
    """A full ledger table (every party and year) with the scenario's entries filled in; unknown parties are
    left out (the budget page checks the result like an upload)."""
    frame = ledger.empty_ledger(parties)
    for entry in entries:
        rows = (frame[ledger.PARTY] == entry.party) & (frame[ledger.YEAR] == entry.year)
        for state in ledger.STATES:
            value = getattr(entry, state)
            frame.loc[rows, state] = float("nan") if value is None else value
    return frame


def share_link(app_url: str | None, page: str, scenario: Scenario, extra: Mapping[str, str] | None = None) -> str:
    """A link that opens `page` (its URL path) with this scenario; `app_url` is the address of the page the user
    is on (its last path segment is replaced). Relative when the app's address is unknown."""
    query = urlencode(to_query(scenario) | dict(extra or {}))
    base = ""
    if app_url:
        parts = urlsplit(app_url)
        folder = parts.path.rsplit("/", 1)[0] if "/" in parts.path else ""
        base = urlunsplit((parts.scheme, parts.netloc, folder + "/", "", ""))
    return f"{base}{page}" + (f"?{query}" if query else "")
