"""What the progress page (and the headlines on other pages) show, built from the snapshot, the scenario's targets
and the planner's own figures, in one language: tables as text, export tables as numbers, the charts and the
sentences. Pure: no Streamlit; the UI glue caches it.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_date

from ros.base import format as fmt
from ros.base.i18n import Translator, section, translate
from ros.data import series
from ros.data.catalog import TWENTE, TWENTE_COROP
from ros.model import forecast as fc
from ros.model import own_figures, plan_capacity, progress, realised
from ros.model.targets import TargetResult
from ros.present import realised as realised_words
from ros.present.cards import Fact
from ros.present.charts import progress as charts

_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def period_label(year: int, months: int, lang: str) -> str:
    """'2025', or for a running year '2026 t/m september'."""
    if months >= 12:
        return str(year)
    month = format_date(date(year, months, 1), "MMMM", locale=_LOCALES.get(lang, "nl_NL"))
    return translate(lang, "progress.running_year", year=year, month=month)


def years_text(years: tuple[int, ...], last_months: int | None, lang: str) -> str:
    """The years a ratio uses, compact: '2025–2026 t/m september', '2021, 2022, 2024'."""
    if not years:
        return fmt.unknown(lang)
    labels = [str(y) for y in years]
    if last_months is not None and last_months < 12:
        labels[-1] = period_label(years[-1], last_months, lang)
    if list(years) == list(range(years[0], years[-1] + 1)) and len(years) > 1:
        return f"{years[0]}–{labels[-1]}"
    return ", ".join(labels)


def _value_text(value: object, status: str, origin: object, lang: str) -> str:
    if fmt.is_unknown(value):
        return fmt.unknown(lang)
    mark = "*" if origin == progress.CBS and status in progress.PROVISIONAL else ""
    return fmt.signed(value, lang) if value < 0 else fmt.number(value, lang) + mark  # type: ignore[operator,arg-type]


@dataclass(frozen=True)
class TrackFigures:
    """A track's figures as display text, with the sentences that explain them (empty when not in the data)."""

    years: str
    realised: str
    required: str
    ratio: str
    pace: str
    catch_up: str
    target: str
    reached: str
    band: str
    notes: str = ""
    sentence: str = ""
    band_sentence: str = ""


@dataclass(frozen=True, eq=False)
class Delivery:
    """Homes realised per year in the area: the year frame (numbers, origins, texts), its table, export and chart,
    the last year CBS has and the tables the figures come from."""

    years: pd.DataFrame
    table: pd.DataFrame
    export: pd.DataFrame
    chart: go.Figure
    last_data_year: int | None
    sources: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class CatchUp:
    """The area against the scenario's path from its start year: the track, its figures, the cumulative chart and
    tables when realisation is in the data, else `missing` says why not."""

    track: progress.Track
    figures: TrackFigures
    missing: str
    chart: go.Figure | None
    table: pd.DataFrame
    export: pd.DataFrame


@dataclass(frozen=True)
class Woondeal:
    """Twente against the Woondeal's homes 2022–2030."""

    track: progress.Track
    figures: TrackFigures


@dataclass(frozen=True, eq=False)
class Capacity:
    """Plan capacity against what is still to build per municipality: the numbers, table, export and chart, and
    the focus area's sentence, coverage and gap as text with the notes on where the list comes from."""

    coverage: pd.DataFrame
    table: pd.DataFrame
    export: pd.DataFrame
    chart: go.Figure
    sentence: str
    coverage_text: str
    gap_rule: str
    notes: str


@dataclass(frozen=True, eq=False)
class Forecast:
    """The population forecast of one vintage against the ambition: comparison, chart, table, export, the
    sentences in reading order and the tables it comes from."""

    vintage: str
    comparison: fc.Comparison
    chart: go.Figure
    table: pd.DataFrame
    export: pd.DataFrame
    intro: str
    sentences: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class ProgressView:
    """Everything the progress page shows for one area, scenario, measure and language; `forecast_missing` says
    why there is no forecast."""

    language: str
    code: str | None
    area: str
    measure: str
    delivery: Delivery
    catch_up: CatchUp
    woondeal: Woondeal | None
    comparison: pd.DataFrame | None
    capacity: Capacity
    forecast: Forecast | None
    forecast_missing: str

    @property
    def sheets(self) -> dict[str, pd.DataFrame]:
        """The download's sheets (numbers, headers in the view's language): realised, the track when there is one,
        plan capacity and the forecast when there is one."""
        labels = section(self.language, "progress")
        sheets = {labels["sheet_realised"]: self.delivery.export}
        if not self.catch_up.export.empty:
            sheets[labels["sheet_track"]] = self.catch_up.export
        sheets[labels["sheet_capacity"]] = self.capacity.export
        if self.forecast is not None:
            sheets[labels["sheet_forecast"]] = self.forecast.export
        return sheets


def build(
    snapshot: Mapping[str, pd.DataFrame],
    result: TargetResult,
    code: str | None,
    measure: str,
    own: pd.DataFrame,
    lang: str,
    capacity: pd.DataFrame | None = None,
    vintage: str | None = None,
    capacity_file: str | None = None,
) -> ProgressView:
    """The progress view of `code` (None = Twente) under `result`'s settings, with own figures `own` and an
    optional uploaded capacity list (`plan_capacity.uploaded_capacity` form)."""
    names = dict(zip(result.region.codes, result.region.names, strict=True))
    area = translate(lang, "progress.area_twente") if code is None else names[code]
    cbs = progress.cbs_years(series.new_construction(snapshot), snapshot.get("dwelling_changes"))
    merged = progress.merge_own(cbs, own)
    delivery = _delivery(snapshot, cbs, merged, result, code, lang)
    catch_up = _catch_up(delivery, result, code, area, measure, own, lang)
    woondeal_goal = _woondeal_target(snapshot)
    woondeal = None
    if code is None and woondeal_goal is not None:
        track = progress.track(
            delivery.years, progress.woondeal_path(woondeal_goal), measure, *progress.WOONDEAL_YEARS, woondeal_goal
        )
        woondeal = Woondeal(track, _track_figures(track, lang, measure))
    comparison = None
    if own is not None and not own.empty:
        compared = own_figures.comparison(cbs, own)
        compared = compared if code is None else compared[compared["code"] == code]
        if not compared.empty:
            comparison = _comparison_table(compared, names, section(lang, "progress"), lang)
    forecast = _forecast(snapshot, result, code, area, vintage, lang)
    return ProgressView(
        lang,
        code,
        area,
        measure,
        delivery,
        catch_up,
        woondeal,
        comparison,
        _capacity(snapshot, merged, result, code, area, measure, capacity, capacity_file, lang),
        forecast,
        "" if forecast is not None else translate(lang, "progress.forecast_not_in_data"),
    )


def _delivery(
    snapshot: Mapping[str, pd.DataFrame],
    cbs: pd.DataFrame,
    merged: pd.DataFrame,
    result: TargetResult,
    code: str | None,
    lang: str,
) -> Delivery:
    """The area's realised years (CBS with own figures merged in) with texts, table, export and chart."""
    labels, codes = section(lang, "progress"), list(result.region.codes)
    years = progress.area_years(merged, code, codes).copy()
    cbs_area = progress.area_years(cbs, code, codes)
    known_cbs = cbs_area[cbs_area[list(progress.MEASURES)].notna().any(axis=1)]
    years["label"] = [period_label(int(y), int(m), lang) for y, m in zip(years["year"], years["months"], strict=True)]
    for value in progress.VALUES:
        years[f"{value}_text"] = [
            _value_text(v, st, o, lang)
            for v, st, o in zip(years[value], years["status"], years[f"{value}_origin"], strict=True)
        ]
    status_text = [
        labels[f"status_{st.replace(' ', '_')}"] if isinstance(st, str) else labels["origin_none"]
        for st in years["status"]
    ]
    origin_text = [_origin_text(row, lang) for row in years.to_dict(orient="records")]
    table = pd.DataFrame(
        {
            labels["col_period"]: years["label"],
            labels["col_new_construction"]: years["new_construction_text"],
            labels["col_demolition"]: years["demolition_text"],
            labels["col_net_change"]: years["net_change_text"],
            labels["col_status"]: status_text,
            labels["col_origin"]: origin_text,
        }
    )
    export = pd.DataFrame(
        {
            "code": code or TWENTE,
            labels["col_year"]: years["year"],
            "maanden": years["months"],
            labels["col_new_construction"]: years["new_construction"],
            labels["col_demolition"]: years["demolition"],
            labels["col_net_change"]: years["net_change"],
            labels["col_status"]: years["status"],
            labels["col_origin"]: origin_text,
        }
    )
    chart_labels = {
        "title": labels["chart_realised_title"],
        "axis": labels["chart_axis_homes"],
        "new_construction": labels["series_new_construction"],
        "net_change": labels["series_net_change"],
        "own": labels["own_label"],
        "unknown": fmt.unknown(lang),
    }
    sources = list(series.new_construction(snapshot)["source_id"])
    if snapshot.get("dwelling_changes") is not None:
        sources += list(snapshot["dwelling_changes"]["source_id"])
    return Delivery(
        years,
        table,
        export,
        charts.realised_chart(years, chart_labels, fmt.plotly_separators(lang)),
        int(known_cbs["year"].max()) if not known_cbs.empty else None,
        tuple(dict.fromkeys(sources)),
    )


def _catch_up(
    delivery: Delivery,
    result: TargetResult,
    code: str | None,
    area: str,
    measure: str,
    own: pd.DataFrame,
    lang: str,
) -> CatchUp:
    """The area's track against the scenario's path, with the cumulative chart and tables when it is in the data."""
    labels, s, codes = section(lang, "progress"), result.settings, list(result.region.codes)
    path = progress.path_by_year(result, code)
    target = int(result.homes.sum()) if code is None else int(result.homes[codes.index(code)])
    track = progress.track(delivery.years, path, measure, s.start_year, s.end_year, target)
    figures = _track_figures(track, lang, measure)
    if not track.in_data or track.last_year is None:
        last = delivery.last_data_year
        key = "not_in_data_none" if last is None else "not_in_data_measure" if last >= s.start_year else "not_in_data"
        missing = translate(
            lang, f"progress.{key}", start=s.start_year, last=last, measure=labels[f"measure_{measure}"], area=area
        )
        if code is None and own is not None and not own.empty:
            missing += " " + translate(lang, "progress.own_partial", count=own["code"].nunique())
        return CatchUp(track, figures, missing, None, pd.DataFrame(), pd.DataFrame())
    cumulative = progress.cumulative_frame(delivery.years, path, measure, s.start_year, track.last_year)
    cumulative["label"] = [
        period_label(int(y), int(m), lang) for y, m in zip(cumulative["year"], cumulative["months"], strict=True)
    ]
    cumulative["path_text"] = [fmt.number(v, lang) for v in cumulative["path"]]
    cumulative["realised_text"] = [fmt.number(v, lang) for v in cumulative["realised"]]
    chart = charts.track_chart(
        cumulative,
        {
            "title": translate(lang, "progress.chart_track_title", start=s.start_year),
            "axis": labels["chart_axis_homes"],
            "path": labels["series_path"],
            "realised": labels["series_realised"],
            "own": labels["own_label"],
            "band": labels["series_band"],
        },
        progress.REFERENCE_BANDS,
        fmt.plotly_separators(lang),
        own=bool(track.own_years),
    )
    table = pd.DataFrame(
        {
            labels["col_period"]: cumulative["label"],
            labels["col_path"]: cumulative["path_text"],
            labels["col_realised_cum"]: cumulative["realised_text"],
        }
    )
    export = pd.DataFrame(
        {
            "code": code or TWENTE,
            labels["col_year"]: cumulative["year"],
            "maanden": cumulative["months"],
            labels["col_path"]: cumulative["path"].round(2),
            labels["col_realised_cum"]: cumulative["realised"],
        }
    )
    return CatchUp(track, figures, "", chart, table, export)


def _capacity(
    snapshot: Mapping[str, pd.DataFrame],
    merged: pd.DataFrame,
    result: TargetResult,
    code: str | None,
    area: str,
    measure: str,
    capacity: pd.DataFrame | None,
    capacity_file: str | None,
    lang: str,
) -> Capacity:
    """Plan capacity (the uploaded list, else the shipped 2021 list) against what every municipality still has to
    build, what was realised since the start year in `measure` counted as built when every year is known."""
    labels, s, codes = section(lang, "progress"), result.settings, list(result.region.codes)
    names = dict(zip(codes, result.region.names, strict=True))
    frame = capacity if capacity is not None else plan_capacity.shipped_capacity(snapshot["plan_capacity"])
    realised_by_code: dict[str, int | None] = {}
    for each in codes:
        own_track = progress.track(
            progress.area_years(merged, each, codes),
            progress.path_by_year(result, each),
            measure,
            s.start_year,
            s.end_year,
            0,
        )
        realised_by_code[each] = own_track.realised if own_track.in_data and not own_track.years_missing else None
    homes = {c: int(h) for c, h in zip(codes, result.homes, strict=True)}
    coverage = plan_capacity.coverage_table(frame, homes, realised_by_code, codes)
    coverage["name"] = [names.get(c, labels["area_twente"]) for c in coverage["code"]]
    table, export, shown = _capacity_tables(coverage, labels, lang)
    chart = charts.capacity_chart(
        shown[shown["code"] != TWENTE],
        {
            "title": labels["chart_capacity_title"],
            "axis": labels["chart_axis_homes"],
            "capacity": labels["series_capacity"],
            "to_build": labels["series_to_build"],
            "rule": labels["series_rule"],
        },
        fmt.plotly_separators(lang),
    )
    focus = shown[shown["code"] == (code or TWENTE)].iloc[0]
    sentence = translate(
        lang,
        "progress.capacity_sentence",
        area=area,
        capacity=focus["capacity_text"],
        to_build=focus["to_build_text"],
        coverage=focus["coverage_text"],
        rule=focus["rule_capacity_text"],
        gap=focus["gap_text"],
        gap_rule=focus["gap_rule_text"],
    )
    notes = [
        translate(lang, "progress.capacity_uploaded_note", file=capacity_file)
        if capacity is not None
        else " ".join(
            (translate(lang, "progress.capacity_shipped_note"), _used_since(snapshot, code, area, measure, lang))
        ),
        translate(lang, "progress.capacity_measure_note", start=s.start_year, measure=labels[f"measure_{measure}"]),
    ]
    if focus["basis"] == "whole_target":
        notes.append(translate(lang, "progress.capacity_whole_target", start=s.start_year))
    return Capacity(
        coverage, table, export, chart, sentence, focus["coverage_text"], focus["gap_rule_text"], " ".join(notes)
    )


def _woondeal_target(snapshot: Mapping[str, pd.DataFrame]) -> int | None:
    rows = snapshot["targets"][snapshot["targets"]["id"] == "woondeal_homes_2030"]
    return int(rows["value"].iloc[0]) if not rows.empty else None


def _origin_text(row: Mapping[Hashable, Any], lang: str) -> str:
    origins = {row[f"{v}_origin"] for v in progress.VALUES} - {None}
    origins = {o for o in origins if isinstance(o, str)}
    if not origins:
        return translate(lang, "progress.origin_none")
    if len(origins) > 1 or "mix" in origins:
        return translate(lang, "progress.origin_mix")
    return translate(lang, f"progress.origin_{origins.pop()}")


def _track_figures(track: progress.Track, lang: str, measure: str) -> TrackFigures:
    """The track's figures as display text, plus the sentences that explain them when it is in the data."""
    t = Translator(lang, "progress")
    used = years_text(track.years_used, track.last_months, lang)
    values = {
        "years": used,
        "realised": fmt.number(track.realised, lang),
        "required": fmt.number(track.required, lang),
        "ratio": fmt.percent(track.ratio, lang, 0),
        "pace": fmt.number(track.pace, lang),
        "catch_up": fmt.number(track.catch_up, lang),
        "target": fmt.number(track.target, lang),
        "reached": (
            str(track.reached_year)
            if track.reached_year is not None
            else t("reached_never")
            if track.in_data and not track.years_missing
            else fmt.unknown(lang)
        ),
    }
    band = t(f"band_{track.band}") if track.band else t("band_unknown")
    if not track.in_data:
        return TrackFigures(**values, band=band)
    missing = ", ".join(str(y) for y in track.years_missing)
    notes = [t("ratio_years", years=used)]
    if track.years_missing:
        notes.append(t("ratio_missing", years=missing))
    if track.provisional_years:
        notes.append(t("ratio_provisional", years=", ".join(str(y) for y in track.provisional_years)))
    if track.own_years:
        notes.append(t("ratio_own", years=", ".join(str(y) for y in track.own_years)))
    key = "ratio_gap_sentence" if track.years_missing else "ratio_reached_sentence" if track.catch_up == 0 else ""
    sentence = t(
        key or "ratio_sentence",
        start=track.start_year,
        end=track.end_year,
        measure=t(f"measure_{measure}"),
        missing=missing,
        **values,
    )
    return TrackFigures(
        **values,
        band=band,
        notes=" ".join(notes),
        sentence=sentence,
        band_sentence=t("band_reference", band=band),
    )


def _comparison_table(
    compared: pd.DataFrame, names: Mapping[str, str], labels: Mapping[str, str], lang: str
) -> pd.DataFrame:

    def number(value: Any) -> str:
        """Grouped, with a minus sign when below zero and no plus sign above it."""
        return fmt.number(value, lang) if fmt.is_unknown(value) or value >= 0 else fmt.signed(value, lang)

    return pd.DataFrame(
        {
            labels["col_municipality"]: [names[c] for c in compared["code"]],
            labels["col_year"]: compared["year"].astype(str),
            labels["col_new_cbs"]: [number(v) for v in compared["new_construction_cbs"]],
            labels["col_new_own"]: [number(v) for v in compared["new_construction_own"]],
            labels["col_demolition_cbs"]: [number(v) for v in compared["demolition_cbs"]],
            labels["col_demolition_own"]: [number(v) for v in compared["demolition_own"]],
            labels["col_net_cbs"]: [number(v) for v in compared["net_change_cbs"]],
            labels["col_net_own"]: [number(v) for v in compared["net_change_own"]],
            labels["col_used"]: [
                labels[f"origin_{u}"] if u else labels["origin_none"] for u in compared["net_change_used"]
            ],
        }
    )


def _capacity_tables(
    coverage: pd.DataFrame, labels: Mapping[str, str], lang: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    shown = coverage.copy()
    for column in ("target", "realised", "to_build", "capacity", "hard", "soft", "rule_capacity", "gap", "gap_rule"):
        shown[f"{column}_text"] = [fmt.number(v, lang) for v in shown[column]]
    shown["coverage_text"] = [fmt.percent(v, lang, 0) for v in shown["coverage"]]
    headers = {
        "name": labels["col_municipality"],
        "target": labels["col_target"],
        "realised": labels["col_realised"],
        "to_build": labels["col_to_build"],
        "capacity": labels["col_capacity"],
        "hard": labels["col_hard"],
        "soft": labels["col_soft"],
        "coverage": labels["col_coverage"],
        "rule_capacity": labels["col_rule_capacity"],
        "gap": labels["col_gap"],
        "gap_rule": labels["col_gap_rule"],
    }
    table = pd.DataFrame(
        {header: shown[column if column == "name" else f"{column}_text"] for column, header in headers.items()}
    )
    export = coverage[["code", *headers]].rename(columns=headers)
    return table, export, shown


def _used_since(snapshot: Mapping[str, pd.DataFrame], code: str | None, area: str, measure: str, lang: str) -> str:
    """How much has been built since the shipped 2021 capacity list, which used up part of its plans, or that this
    is unknown."""
    built = realised.homes_since(snapshot, plan_capacity.SHIPPED_YEAR, code)
    value = None if built is None else getattr(built, measure)
    if built is None or value is None:
        last = series.new_construction(snapshot)["year"].max()
        return translate(lang, "progress.capacity_used_unknown", area=area, last=last)
    return translate(
        lang,
        "progress.capacity_used_since",
        area=area,
        built=fmt.number(value, lang),
        measure=translate(lang, f"progress.measure_{measure}"),
        period=realised_words.period_text(built, lang),
        tables=realised_words.tables_text(built, lang),
    )


def _forecast(
    snapshot: Mapping[str, pd.DataFrame],
    result: TargetResult,
    code: str | None,
    area: str,
    vintage: str | None,
    lang: str,
) -> Forecast | None:
    """The forecast of `vintage` (else the newest) for the area against the ambition; None when not in the data."""
    frame = snapshot.get("population_forecast")
    if frame is None or frame.empty:
        return None
    labels, s = section(lang, "progress"), result.settings
    t = Translator(lang, "progress")
    chosen = vintage if vintage in fc.vintages(frame) else fc.vintages(frame)[0]
    codes = list(result.region.codes)
    series = fc.series(frame, code, chosen, codes)
    if series.empty:
        return None
    keys = result.region.keys
    base = int(keys.population.sum()) if code is None else int(keys.population[codes.index(code)])
    residents = int(result.residents.sum()) if code is None else int(result.residents[codes.index(code)])
    now_year = result.region.reference_date_now.year if result.region.reference_date_now else None
    now = result.region.population_now
    today = None
    if now_year is not None and len(now):
        today = (now_year, int(now.sum()) if code is None else int(now[codes.index(code)]))
    comparison = fc.compare(series, chosen, base, residents, s.end_year, today)
    series = series.copy()
    series["forecast_text"] = [fmt.number(v, lang) for v in series["forecast"]]
    last_year = comparison.last_year or s.end_year
    ambition = pd.DataFrame({"year": [fc.BASE_YEAR, last_year]})
    ambition["ambition"] = [fc.ambition(base, residents, s.end_year, y) for y in ambition["year"]]
    ambition["ambition_text"] = [fmt.number(v, lang) for v in ambition["ambition"]]
    today_marker = None if today is None else (today[0], today[1], fmt.number(today[1], lang))
    chart = charts.forecast_chart(
        series,
        ambition,
        today_marker,
        {
            "title": t("chart_forecast_title", vintage=chosen),
            "axis": labels["chart_axis_people"],
            "forecast": t("series_forecast", vintage=chosen),
            "interval": labels["series_interval"],
            "ambition": labels["series_ambition"],
            "today": labels["series_today"],
        },
        fmt.plotly_separators(lang),
    )
    ambitions = [fc.ambition(base, residents, s.end_year, int(y)) for y in series["year"]]
    table = pd.DataFrame(
        {
            labels["col_year"]: series["year"].astype(str),
            labels["col_forecast"]: series["forecast_text"],
            labels["col_lower"]: [fmt.number(v, lang) for v in series["lower"]],
            labels["col_upper"]: [fmt.number(v, lang) for v in series["upper"]],
            labels["col_ambition"]: ["" if v is None else fmt.number(v, lang) for v in ambitions],  # none before 2024
        }
    )
    export = pd.DataFrame(
        {
            "code": code or TWENTE_COROP,
            labels["col_year"]: series["year"],
            "vintage": chosen,
            labels["col_forecast"]: series["forecast"],
            labels["col_lower"]: series["lower"],
            labels["col_upper"]: series["upper"],
            labels["col_ambition"]: pd.array(ambitions, dtype="Int64"),
        }
    )
    sentences = [
        t(
            "forecast_sentence",
            vintage=chosen,
            area=area,
            year=comparison.last_year,
            forecast=fmt.number(comparison.forecast_last, lang),
            ambition=fmt.number(comparison.ambition_last, lang),
            above=fmt.signed(comparison.above_trend, lang),
        )
    ]
    if comparison.lower_last is not None and comparison.upper_last is not None:
        sentences.append(
            t(
                "forecast_interval",
                lower=fmt.number(comparison.lower_last, lang),
                upper=fmt.number(comparison.upper_last, lang),
            )
        )
    if comparison.today_difference is not None:
        sentences.append(
            t(
                "forecast_today",
                year=comparison.today_year,
                area=area,
                today=fmt.number(comparison.today, lang),
                difference=fmt.signed(comparison.today_difference, lang),
                forecast=fmt.number(comparison.forecast_today, lang),
            )
        )
    if comparison.derived or comparison.today_derived:
        sentences.append(t("forecast_derived"))
    if code is not None and comparison.last_year is not None and comparison.last_year < s.end_year:
        sentences.append(t("forecast_municipality_horizon", vintage=chosen, year=comparison.last_year))
    intro = t("forecast_intro", residents=fmt.number(residents, lang), end=s.end_year, base=fmt.number(base, lang))
    sources = tuple(dict.fromkeys(frame.loc[frame["vintage"].astype(str) == chosen, "source_id"]))
    return Forecast(chosen, comparison, chart, table, export, intro, tuple(sentences), sources)


def headline(view: ProgressView) -> str:
    """One line for other pages: the delivery ratio with its years and measure, or why it is unknown."""
    t = Translator(view.language, "progress")
    track, figures = view.catch_up.track, view.catch_up.figures
    if track.in_data:
        return t(
            "headline_ratio",
            area=view.area,
            ratio=figures.ratio,
            years=figures.years,
            measure=t(f"measure_{view.measure}"),
        )
    last = view.delivery.last_data_year
    return t("headline_unknown", start=track.start_year, last=last or fmt.unknown(view.language))


def municipality_sentence(view: ProgressView) -> str:
    """The municipality's own line in plain words (net additions since the start year against its path)."""
    t = Translator(view.language, "progress")
    track, figures = view.catch_up.track, view.catch_up.figures
    if track.in_data:
        line = t(
            "municipality_line",
            start=track.start_year,
            area=view.area,
            realised=figures.realised,
            years=figures.years,
            required=figures.required,
            ratio=figures.ratio,
        )
        missing = ", ".join(str(y) for y in track.years_missing)
        return f"{line} {t('ratio_missing', years=missing)}" if missing else line
    return t(
        "municipality_unknown",
        area=view.area,
        start=track.start_year,
        last=view.delivery.last_data_year or fmt.unknown(view.language),
    )


def meeting_facts(view: ProgressView) -> list[Fact]:
    """The track in three figures for a projector: realised with its years, the delivery ratio with its reference
    band, the pace still needed against the realised pace (empty when nothing is in the data)."""
    if not view.catch_up.track.in_data:
        return []
    t = Translator(view.language, "progress")
    f = view.catch_up.figures
    return [
        Fact(t("metric_realised", years=f.years), f.realised, f"{t('metric_required')}: {f.required}"),
        Fact(t("metric_ratio"), f.ratio, t("meeting_band", band=f.band)),
        Fact(
            t("metric_catch_up", end=view.catch_up.track.end_year, measure=t(f"measure_{view.measure}")),
            f.catch_up,
            t("metric_catch_up_delta", pace=f.pace),
        ),
    ]
