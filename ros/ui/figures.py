"""Drawing a chart, and cached figures that do not change between reruns: the milestone timeline and the budget
Sankey."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ros.base.i18n import section
from ros.model import budget
from ros.model import milestones as ms
from ros.present import budget as budget_words
from ros.present.charts.budget import budget_sankey
from ros.present.charts.milestones import milestones_timeline
from ros.ui.cached import per_language
from ros.ui.data import Data


def chart(figure: go.Figure, where: DeltaGenerator | None = None, **options: Any) -> None:
    """Draw a figure (in `where`, e.g. a column) as it is styled, without the mode bar.

    Streamlit's chart theme is off: the house style is in the figure itself (`ros.present.charts.style`), which the
    Mijn gemeente HTML export needs anyway, and merging the theme cost about a quarter of the drawing time of a
    page with four charts.
    """
    (where or st).plotly_chart(figure, config={"displayModeBar": False}, theme=None, **options)


@per_language(max_entries=64)
def milestones_chart(data: Data, language: str, today: date, body: str | None, span: str) -> go.Figure:
    """The milestone timeline for a day, a body filter and a zoom range in the chosen language (cached)."""
    table = ms.filter_by_body(ms.timeline(data.snapshot["milestones"], today), body)
    return milestones_timeline(table, section(language, "milestones"), today, language, ms.RANGES[span])


@per_language(max_entries=8)
def budget_flows(data: Data, language: str, show_unknown: bool) -> tuple[go.Figure, pd.DataFrame]:
    """The Sankey of the ROS money, with or without the unknown flows, in the chosen language, and its table
    alternative (from, to, amount with headers), from the same flows (cached)."""
    flows = budget.budget_flows(budget.budget_table(data.snapshot), show_unknown)
    return budget_sankey(flows, section(language, "budget"), language), budget_words.sankey_rows(flows, language)


def budget_flow_chart(show_unknown: bool) -> go.Figure:
    """The Sankey of the ROS money, with or without the unknown flows, in the chosen language (cached)."""
    return budget_flows(show_unknown)[0]


def budget_flow_table(show_unknown: bool) -> pd.DataFrame:
    """The Sankey's table alternative (from, to, amount with headers), from the same cached flows as the chart."""
    return budget_flows(show_unknown)[1]
