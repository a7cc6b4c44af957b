"""Who is behind, in one language: the ranking of the 14 municipalities (homes or residents) as a headed table, a
download with numbers, a chart and the sentences for Voortgang, Overzicht and the meeting view. Unranked
municipalities are rows after the ranked ones, with their reason, never a rank. Pure: no Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from ros.base import format as fmt
from ros.base.i18n import Translator
from ros.data import series
from ros.model import progress, ranking
from ros.model.targets import TargetResult
from ros.present.charts import meeting as meeting_charts
from ros.present.charts.ranking import ranking_bars
from ros.present.progress import years_text


@dataclass(frozen=True, eq=False)
class Ranking:
    """One ranking for display: the ordered standings, the table (text), export (numbers), chart (None when
    nothing is ranked), the sentence naming who is behind and ahead, and the note on the unranked ones."""

    kind: str
    sort: str
    standings: tuple[ranking.Standing, ...]
    table: pd.DataFrame
    export: pd.DataFrame
    chart: go.Figure | None
    sentence: str
    unranked: str

    @property
    def ranked_count(self) -> int:
        """How many municipalities are ranked."""
        return sum(s.ranked for s in self.standings)


@dataclass(frozen=True)
class Period:
    """What the ranking covers: the scenario's start year (homes) or the two counts (residents), and for homes the
    last year CBS has (None when none)."""

    start_year: int
    measure: str = progress.MEASURES[0]
    last_data_year: int | None = None
    counted_from: date | None = None
    counted_to: date | None = None


def build(
    standings: Sequence[ranking.Standing],
    names: Mapping[str, str],
    kind: str,
    sort: str,
    period: Period,
    lang: str,
) -> Ranking:
    """The ranking of `standings` (`ranking.homes` or `ranking.residents`) ordered by `sort`, in `lang`."""
    t = Translator(lang, "ranking")
    ordered = ranking.ordered(standings, sort)
    ranked = [s for s in ordered if s.ranked]
    unit = t(f"unit_{kind}")
    rows, export_rows = [], []
    for place, standing in enumerate(ordered, start=1):
        reason = _reason(standing, kind, period, lang)
        rows.append(
            {
                t("col_rank"): str(place) if standing.ranked else "–",
                t("col_municipality"): names[standing.code],
                t("col_realised"): _signed_if_negative(standing.realised, lang),
                t("col_required"): fmt.number(standing.required, lang),
                t("col_ratio"): fmt.percent(standing.ratio, lang, 0),
                t("col_difference"): fmt.signed(standing.difference, lang),
                t("col_catch_up", unit=unit): fmt.number(standing.catch_up, lang),
                t("col_pace", unit=unit): _signed_if_negative(standing.pace, lang),
                **(
                    {t("col_band"): t(f"band_{standing.band}") if standing.band else fmt.unknown(lang)}
                    if kind == "homes"
                    else {}
                ),
                t("col_reason"): reason,
            }
        )
        export_rows.append(
            {
                "code": standing.code,
                t("col_municipality"): names[standing.code],
                t("col_rank"): place if standing.ranked else None,
                t("col_realised"): standing.realised,
                t("col_required"): _rounded(standing.required, 2),
                t("col_ratio"): _rounded(standing.ratio, 4),
                t("col_difference"): _rounded(standing.difference, 2),
                t("col_catch_up", unit=unit): _rounded(standing.catch_up, 2),
                t("col_pace", unit=unit): _rounded(standing.pace, 2),
                **({t("col_band"): standing.band} if kind == "homes" else {}),
                t("col_reason"): reason,
            }
        )
    unranked = _unranked_note(ordered, names, kind, period, lang)
    return Ranking(
        kind,
        sort,
        tuple(ordered),
        pd.DataFrame(rows),
        pd.DataFrame(export_rows),
        _chart(ranked, names, kind, sort, period, lang) if ranked else None,
        _sentence(standings, names, kind, period, lang),
        unranked,
    )


def for_scenario(
    snapshot: Mapping[str, pd.DataFrame],
    result: TargetResult,
    own: pd.DataFrame | None,
    kind: str,
    sort: str,
    measure: str,
    lang: str,
) -> Ranking:
    """The ranking of `kind` under `result`'s settings: homes on CBS realisation with own figures `own` merged in
    (in `measure`), or residents on the population counts."""
    region, start = result.region, result.settings.start_year
    names = dict(zip(region.codes, region.names, strict=True))
    if kind == "residents":
        period = Period(start, measure, None, region.reference_date, region.reference_date_now)
        return build(ranking.residents(result), names, kind, sort, period, lang)
    cbs = progress.cbs_years(series.new_construction(snapshot), snapshot.get("dwelling_changes"))
    standings = ranking.homes(progress.merge_own(cbs, own), result, measure)
    return build(standings, names, kind, sort, Period(start, measure, ranking.last_year(cbs)), lang)


def _signed_if_negative(value: float | None, lang: str) -> str:
    return fmt.signed(value, lang) if value is not None and value < 0 else fmt.number(value, lang)


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def covered(period: Period, standings: Sequence[ranking.Standing], kind: str, lang: str) -> str:
    """What the figures cover: 'sinds 2025 (2025–2026 t/m september)' or 'van 1-1-2024 tot 1-1-2026'."""
    t = Translator(lang, "ranking")
    if kind == "residents":
        if period.counted_from is None or period.counted_to is None:
            return fmt.unknown(lang)
        return t(
            "covered_residents",
            start=fmt.short_date(period.counted_from, lang),
            end=fmt.short_date(period.counted_to, lang),
        )
    first = next((s for s in standings if s.ranked), None)
    years = years_text(first.years, first.last_months, lang) if first else fmt.unknown(lang)
    return t("covered_homes", start=period.start_year, years=years)


def _reason(standing: ranking.Standing, kind: str, period: Period, lang: str) -> str:
    """Why a municipality is not ranked ('' when it is)."""
    t = Translator(lang, "ranking")
    if standing.reason == ranking.YEARS_MISSING:
        return t("reason_years_missing", years=", ".join(str(y) for y in standing.missing))
    if standing.reason is None:
        return ""
    if kind == "residents":
        return t("reason_residents")
    if period.last_data_year is None:
        return t("reason_none")
    return t("reason_not_in_data", start=period.start_year, last=period.last_data_year)


def _unranked_note(
    ordered: Sequence[ranking.Standing], names: Mapping[str, str], kind: str, period: Period, lang: str
) -> str:
    """'Niet gerangschikt: Enschede (2025 onbekend).' or '' when every municipality is ranked."""
    left = [s for s in ordered if not s.ranked]
    if not left or len(left) == len(ordered):
        return ""
    listed = "; ".join(f"{names[s.code]} ({_reason(s, kind, period, lang)})" for s in left)
    return Translator(lang, "ranking")("unranked", names=listed)


def _chart(
    ranked: Sequence[ranking.Standing],
    names: Mapping[str, str],
    kind: str,
    sort: str,
    period: Period,
    lang: str,
) -> go.Figure:
    t = Translator(lang, "ranking")
    title = t(f"chart_title_{sort}", what=t(f"unit_{kind}"), covered=covered(period, ranked, kind, lang))
    if sort == "difference":
        values = [float(s.difference or 0) for s in ranked]
        texts = [fmt.signed(s.difference, lang) for s in ranked]
        lines: list[tuple[float, str]] = [(0, t("line_path"))]
        behind = [v < 0 for v in values]
    elif sort == "catch_up":
        factors = [s.pace_factor for s in ranked]
        values = [f if f is not None and f != float("inf") else 0.0 for f in factors]
        texts = [
            t("factor", factor=fmt.number(f, lang, 1)) if f is not None and f != float("inf") else t("factor_none")
            for f in factors
        ]
        lines, behind = [(1, t("line_pace"))], [f is not None and f > 1 for f in factors]
    else:
        values = [100 * float(s.ratio or 0) for s in ranked]
        texts = [fmt.percent(s.ratio, lang, 0) for s in ranked]
        lines = [(100, t("line_path"))]
        if kind == "homes":
            lines += [(100 * b, t("line_band", band=fmt.percent(b, lang, 0))) for b in progress.REFERENCE_BANDS]
        behind = [v < 100 for v in values]
    axis = t(f"axis_{sort}", unit=t(f"unit_{kind}"))
    return ranking_bars(
        [names[s.code] for s in ranked],
        values,
        texts,
        behind,
        {"title": title, "axis": axis},
        lines,
        fmt.plotly_separators(lang),
    )


def _sentence(
    standings: Sequence[ranking.Standing], names: Mapping[str, str], kind: str, period: Period, lang: str
) -> str:
    """Who is furthest behind and ahead, or why that is unknown."""
    t = Translator(lang, "ranking")
    behind, ahead = ranking.extremes(standings)
    if behind:

        def listed(part: Sequence[ranking.Standing]) -> str:
            return ", ".join(f"{names[s.code]} ({fmt.percent(s.ratio, lang, 0)})" for s in part)

        return t(
            "sentence",
            what=t(f"unit_{kind}").capitalize(),
            covered=covered(period, standings, kind, lang),
            behind=listed(behind),
            ahead=listed(ahead),
        )
    count = sum(s.ranked for s in standings)
    if count == 0:
        if kind == "residents":
            return t("unknown_residents")
        if period.last_data_year is None:
            return t("unknown_none", start=period.start_year)
        return t("unknown_homes", start=period.start_year, last=period.last_data_year)
    return t("unknown_too_few", count=count, total=len(standings))


def presentation_chart(view: Ranking, focus: str | None, height: int) -> go.Figure | None:
    """The ranking chart for a projector, `height` px high: every text at least 22 px, the municipality `focus`
    outlined (None when nothing is ranked)."""
    if view.chart is None:
        return None
    figure = go.Figure(view.chart)
    ranked = [s for s in view.standings if s.ranked]
    figure.update_traces(
        marker_line_width=[4 if s.code == focus else 0 for s in ranked],
        marker_line_color="#000000",
        selector={"type": "bar"},
    )
    return meeting_charts.presentation_layout(figure, height=height)
