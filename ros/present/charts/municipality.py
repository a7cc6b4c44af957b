"""The chart of the 'Mijn gemeente' page and briefing: one municipality's cumulative homes per year against the
path at its own 2012–2020 pace, with its target marked; small enough for a printed page."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from ros.present.charts.targets import region_path_chart

HEIGHT = 360


def municipality_path_chart(
    path: pd.DataFrame, labels: Mapping[str, str], end_year: int, target: tuple[int, str], separators: str = ",."
) -> go.Figure:
    """Cumulative homes of one municipality (`year`, `cumulative`, `historical`; historical NaN when unknown, then
    not drawn) with its target at `end_year`. `labels`: title, axis, path, outlook, historical, target, hover."""
    figure = region_path_chart(path, {**labels, "woondeal": ""}, end_year, target, None, separators)
    figure.update_layout(height=HEIGHT, margin={"l": 10, "r": 30, "t": 50, "b": 10})
    return figure
