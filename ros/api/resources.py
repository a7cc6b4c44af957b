"""What the API answers: each resource as one table of domain columns (the names the downloads use, with headers
from `ros/base/locales/*/columns.toml`) plus the ids of the sources its rows come from.

The tables come from the snapshot in use (`ros.data.versions`: ROS_DATA_DIR, else the newest valid refreshed version,
else `data/`) and from the same model functions as the pages, so the API and the pages cannot disagree. Only what a
visitor who is not signed in sees is here: nothing from the scenario store. Query parameters are checked against the
same catalogue as the links (`ros.records.scenario`); a bad one raises `ParameterError` worded in the reader's
language instead of being ignored, because a program cannot read a notice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd
from pydantic import ValidationError

from ros.base import format as fmt
from ros.base.i18n import translate
from ros.base.names import find_code
from ros.data import series, versions
from ros.data.snapshot import Snapshot
from ros.model import milestones, pace, progress, region, targets
from ros.present.charts.svg import Bar, bars_svg
from ros.present.progress import period_label
from ros.records import scenario
from ros.records.scenario import Scenario

# The scenario settings the targets depend on (the others belong to the budget page and the timeline).
TARGET_FIELDS = (
    "homes_total",
    "residents_total",
    "key",
    "city_share",
    "weights",
    "shape",
    "start_year",
    "end_year",
    "outlook",
    "outlook_pace",
    "occupancy_change",
)
TARGET_PARAMETERS = tuple(str(Scenario.model_fields[name].alias) for name in TARGET_FIELDS)
MILESTONE_PARAMETERS = (str(Scenario.model_fields["stand"].alias),)
TARGET_COLUMNS = (
    "code", "name", "share", "homes", "residents", "per_year", "hist_average", "pace_ratio", "reached_year",
    "population", "dwellings",
)  # fmt: skip
REALISED_COLUMNS = ("code", "name", "year", "months", *progress.VALUES, "status")
POPULATION_COLUMNS = (
    "code",
    "name",
    "population",
    "reference_date",
    "population_now",
    "reference_date_now",
    "status_now",
)


class ParameterError(ValueError):
    """A query the API refuses; `text` is the refusal in the reader's language."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


@dataclass(frozen=True)
class Answer:
    """One resource's rows (domain columns, unknown as NA), the sources they come from and the settings used."""

    frame: pd.DataFrame
    sources: tuple[str, ...]
    parameters: Mapping[str, str]


@lru_cache(maxsize=4)
def _snapshot(candidates: tuple[str, ...]) -> Snapshot:
    return versions.load_first_valid(candidates)


def snapshot() -> Snapshot:
    """The snapshot in use, loaded once per version directory (a refresh is seen on the next request)."""
    return _snapshot(versions.candidates())


@lru_cache(maxsize=4)
def _region(candidates: tuple[str, ...]) -> targets.RegionData:
    return targets.region_data(_snapshot(candidates))


@lru_cache(maxsize=64)
def _target_result(candidates: tuple[str, ...], settings: targets.TargetSettings) -> targets.TargetResult:
    return targets.recompute(_region(candidates), settings)


def check_names(params: Mapping[str, str], allowed: tuple[str, ...], lang: str) -> None:
    """Refuse parameters this resource does not know."""
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        known = ", ".join(allowed) or translate(lang, "api.no_parameters")
        raise ParameterError(translate(lang, "api.unknown_parameters", names=", ".join(unknown), known=known))


def scenario_from(params: Mapping[str, str], lang: str) -> Scenario:
    """The scenario the link parameters describe; any parameter a link would ignore is refused with every reason."""
    found, ignored = scenario.from_query(params)
    if not ignored:
        return found
    try:
        Scenario.model_validate(dict(params))
        reasons = ""
    except ValidationError as error:
        reasons = scenario.describe(error, lang)
    raise ParameterError(translate(lang, "api.bad_parameters", params=", ".join(ignored), reasons=reasons))


MUNICIPALITY = "gemeente"  # the sidebar's link parameter: a CBS code or a name in any official spelling


def municipality_from(params: Mapping[str, str], data: Snapshot, lang: str) -> str | None:
    """The municipality code `gemeente` names (None without it); a value that names none of the 14 is refused."""
    if MUNICIPALITY not in params:
        return None
    code = find_code(params[MUNICIPALITY], region.municipality_names(data))
    if code is None:
        raise ParameterError(translate(lang, "api.bad_municipality", value=params[MUNICIPALITY]))
    return code


def _only(frame: pd.DataFrame, code: str | None) -> pd.DataFrame:
    """The rows of municipality `code` (all rows for None)."""
    return frame if code is None else frame[frame["code"] == code].reset_index(drop=True)


def _source_ids(*columns: pd.Series) -> tuple[str, ...]:
    """The distinct source ids in `columns`, in order of first appearance (unknown left out)."""
    return tuple(dict.fromkeys(str(v) for column in columns for v in column.dropna()))


def target_answer(params: Mapping[str, str], lang: str) -> Answer:
    """Homes and residents per municipality (and the Twente total, code 'twente') for the scenario in `params`."""
    check_names(params, (*TARGET_PARAMETERS, MUNICIPALITY), lang)
    candidates = versions.candidates()
    data = _snapshot(candidates)
    code = municipality_from(params, data, lang)
    chosen = scenario_from({k: v for k, v in params.items() if k != MUNICIPALITY}, lang)
    result = _target_result(candidates, chosen.target_settings())
    table = result.table()[list(TARGET_COLUMNS)].astype({"population": "Int64", "dwellings": "Int64"})
    frame = _only(table, code)
    history = pd.Series(series.construction_sources(data, *pace.HISTORY_YEARS), dtype=object)
    key_sources = pd.Series(targets.key_sources(chosen.key), dtype=object)
    sources = _source_ids(data["municipalities"]["source_id"], history, key_sources)
    used = {
        alias: scenario.url_text(getattr(chosen, name))
        for name, alias in zip(TARGET_FIELDS, TARGET_PARAMETERS, strict=True)
    }
    return Answer(frame, sources, used | ({MUNICIPALITY: code} if code else {}))


def realised_answer(params: Mapping[str, str], lang: str) -> Answer:
    """Homes realised per municipality and year according to CBS, with CBS's status; unknown measures are NA."""
    check_names(params, (MUNICIPALITY,), lang)
    data = snapshot()
    code = municipality_from(params, data, lang)
    changes = data.get("dwelling_changes")
    construction = series.new_construction(data)
    frame = progress.cbs_years(construction, changes)
    frame = frame.merge(data["municipalities"][["code", "name"]], on="code", validate="many_to_one")
    frame = _only(frame[list(REALISED_COLUMNS)].sort_values(["code", "year"], ignore_index=True), code)
    sources = _source_ids(construction["source_id"], *([] if changes is None else [changes["source_id"]]))
    return Answer(frame, sources, {MUNICIPALITY: code} if code else {})


def population_answer(params: Mapping[str, str], lang: str) -> Answer:
    """Inhabitants per municipality on the reference date of the key figures and the latest CBS count."""
    check_names(params, (MUNICIPALITY,), lang)
    data = snapshot()
    code = municipality_from(params, data, lang)
    frame = _only(region.standing_table(data).sort_values("code", ignore_index=True)[list(POPULATION_COLUMNS)], code)
    now = region.population_now(data)
    sources = _source_ids(data["municipalities"]["source_id"], now["source_id_now"])
    return Answer(frame, sources, {MUNICIPALITY: code} if code else {})


def milestone_answer(
    params: Mapping[str, str], lang: str, today: Callable[[], date] = milestones.clock_today
) -> Answer:
    """The milestones with their window and status on the `stand` date (default today)."""
    check_names(params, MILESTONE_PARAMETERS, lang)
    day = scenario_from(params, lang).stand or today()
    data = snapshot()
    frame = milestones.export_table(milestones.timeline(data["milestones"], day))
    return Answer(frame, _source_ids(frame["source_id"]), {"stand": day.isoformat()})


def source_answer(params: Mapping[str, str], lang: str) -> Answer:
    """Every source of the snapshot: title, publisher, date, reference and licence."""
    check_names(params, (), lang)
    frame = snapshot()["sources"]
    return Answer(frame, _source_ids(frame["id"]), {})


def version_answer(params: Mapping[str, str], lang: str) -> Answer:
    """The tables of the snapshot in use, each with its file, number of rows and sources."""
    check_names(params, (), lang)
    data = snapshot()
    rows = [
        {
            "id": name,
            "rows": len(table),
            "source_id": " ".join(_source_ids(*(table[c] for c in table.columns if c.endswith("source_id")))),
        }
        for name, table in data.items()
    ]
    frame = pd.DataFrame(rows)
    return Answer(frame, _source_ids(*(t[c] for t in data.values() for c in t.columns if c.endswith("source_id"))), {})


def version_of(data: Snapshot) -> dict[str, str | None]:
    """The data version in use as the API names it in every answer."""
    version = data.version
    return {
        "label": version.label,
        "kind": version.kind,
        "fetched_at": version.fetched_at.isoformat() if version.fetched_at else None,
        "fingerprint": version.fingerprint,
    }


@dataclass(frozen=True)
class Resource:
    """One resource of the API: its path under /api/v1, how it is built and the query parameters it takes (besides
    `format` and `lang`); its description is `api.resource_<name>` in the catalogues."""

    name: str
    build: Callable[[Mapping[str, str], str], Answer]
    parameters: tuple[str, ...] = ()


RESOURCES = (
    Resource("targets", target_answer, (*TARGET_PARAMETERS, MUNICIPALITY)),
    Resource("realised", realised_answer, (MUNICIPALITY,)),
    Resource("population", population_answer, (MUNICIPALITY,)),
    Resource("milestones", milestone_answer, MILESTONE_PARAMETERS),
    Resource("sources", source_answer),
    Resource("version", version_answer),
)


@dataclass(frozen=True)
class Picture:
    """A chart as an SVG document and the sources it is drawn from."""

    svg: str
    sources: tuple[str, ...]
    parameters: Mapping[str, str]


CHART_PATH = "/charts/realised.svg"
CHART_PARAMETERS = (MUNICIPALITY, "maat")


def realised_chart(params: Mapping[str, str], lang: str) -> Picture:
    """Homes realised per year in one municipality (`gemeente`, code or name as in the links) as a bar chart, by the
    Voortgang page's measure (`maat`: new_construction, the default, or net_change), with its source line."""
    check_names(params, CHART_PARAMETERS, lang)
    data = snapshot()
    names = region.municipality_names(data)
    code = municipality_from(params, data, lang)
    if code is None:  # a chart is of one municipality
        raise ParameterError(translate(lang, "api.bad_municipality", value=""))
    measure = params.get("maat", progress.MEASURES[1])
    if measure not in progress.MEASURES:
        known = ", ".join(progress.MEASURES)
        raise ParameterError(translate(lang, "api.bad_choice", name="maat", value=measure, known=known))
    answer = realised_answer({MUNICIPALITY: code}, lang)
    rows = answer.frame
    years, months = rows["year"].astype(int).tolist(), rows["months"].astype(int).tolist()
    values = [None if pd.isna(v) else int(v) for v in rows[measure]]
    provisional = [str(v) in progress.PROVISIONAL for v in rows["status"]]
    bars = [Bar(str(y), v, fmt.number(v, lang), p) for y, v, p in zip(years, values, provisional, strict=True)]
    partial = [period_label(y, m, lang) for y, m in zip(years, months, strict=True) if m < 12]
    cited = "; ".join(f"{s['publisher']}, {s['title']}" for s in (region.source(data, i) for i in answer.sources))
    version = data.version.label
    title = translate(lang, "api.chart_title", measure=translate(lang, f"progress.series_{measure}"), name=names[code])
    notes = translate(lang, "api.chart_provisional") + "".join(f" {p}." for p in partial)
    first, last = (bars[0].label, bars[-1].label) if bars else ("", "")
    description = translate(
        lang,
        "api.chart_description",
        title=title,
        values="; ".join(f"{b.label}: {b.text}" for b in bars),
        first=first,
        last=last,
    )
    svg = bars_svg(title, bars, translate(lang, "api.chart_source", sources=cited, version=version), notes, description)
    return Picture(svg, answer.sources, {"gemeente": code, "maat": measure})
