"""The Overzicht page's population growth in words and as a chart: each municipality's population now against the
CBS figures of 1 January 2024 (`ros.model.region.standing_table`), its text columns in the page's language."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ros.base import format as fmt
from ros.base.i18n import translate
from ros.data.snapshot import Snapshot
from ros.model import region
from ros.present.charts.overview import population_growth_bars

_GROWTH_TEXT = {"growth": "signed", "population": "number", "population_now": "number"}


def growth_table(snapshot: Snapshot, lang: str) -> pd.DataFrame:
    """`ros.model.region.standing_table` with text columns (growth, population, population_now) in `lang`."""
    return fmt.with_text_columns(region.standing_table(snapshot), lang, _GROWTH_TEXT)


def growth_chart(snapshot: Snapshot, table: pd.DataFrame, lang: str) -> go.Figure:
    """The population growth per municipality (`table` from `growth_table`) as bars, titled with the date of the
    figures now."""
    labels = {k: translate(lang, f"overview.{v}") for k, v in (("axis", "growth_axis"), ("hover", "growth_hover"))}
    now = region.standing(snapshot).reference_date_now
    labels["title"] = translate(lang, "overview.growth_chart", now=fmt.short_date(now, lang))
    return population_growth_bars(table, labels, fmt.plotly_separators(lang))
