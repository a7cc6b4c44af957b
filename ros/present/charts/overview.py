"""Charts of the overview page: how each municipality's population changed since the CBS 2024 figures."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from ros.present.charts.style import PALETTE, apply_layout


def population_growth_bars(table: pd.DataFrame, labels: Mapping[str, str], separators: str = ",.") -> go.Figure:
    """Horizontal bars of `growth` per municipality (`name`), largest on top; negative growth in a second colour
    and always with its signed value as text. `labels` has title, axis and hover (a format string)."""
    ordered = table.sort_values("growth")
    colours = [PALETTE[5] if g < 0 else PALETTE[0] for g in ordered["growth"]]
    figure = go.Figure(
        go.Bar(
            x=ordered["growth"],
            y=ordered["name"],
            orientation="h",
            marker_color=colours,
            text=ordered["growth_text"],
            textposition="outside",
            cliponaxis=False,
            customdata=ordered[["population_text", "population_now_text"]],
            hovertemplate=labels["hover"],
            name="",
        )
    )
    apply_layout(figure, labels["title"], height=460)
    figure.update_layout(separators=separators, showlegend=False)
    figure.update_xaxes(title=labels["axis"], zeroline=True, zerolinecolor="#6b7280", gridcolor="#e5e7eb")
    figure.update_yaxes(title=None)
    return figure
