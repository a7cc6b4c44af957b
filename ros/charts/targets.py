"""Charts of the targets page: the regional homes path against history and the Woondeal, the path of every
municipality as small multiples, and the residents the homes can house against the residents target."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ros.charts.style import MUTED, PALETTE, apply_layout

_GRID = "#e5e7eb"


_LEGEND = {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0}


def _marker(figure: go.Figure, x: float, y: float, text: str, colour: str, symbol: str, name: str,
            position: str = "top left", **where) -> None:
    """A labelled marker (the label is text on the chart, so it never depends on colour)."""
    figure.add_trace(go.Scatter(x=[x], y=[y], mode="markers+text", text=[text], textposition=position,
                                marker={"size": 12, "color": colour, "symbol": symbol}, name=name,
                                hovertemplate=f"{text}<extra></extra>", cliponaxis=False), **where)


def region_path_chart(path: pd.DataFrame, labels: Mapping[str, str], end_year: int, target: tuple[int, str],
                      woondeal: tuple[int, int, str] | None = None, separators: str = ",.") -> go.Figure:
    """Cumulative homes of the region per year (`year`, `cumulative`, `historical`): the chosen path (solid up to
    `end_year`, dashed in the outlook), the historical-average path (dotted), the target at `end_year` and the
    Woondeal point. `labels`: title, axis, path, outlook, historical, target, woondeal, hover."""
    within, after = path[path["year"] <= end_year], path[path["year"] >= end_year]
    figure = go.Figure()
    figure.add_trace(go.Scatter(x=within["year"], y=within["cumulative"], mode="lines", name=labels["path"],
                                line={"color": PALETTE[0], "width": 3}, hovertemplate=labels["hover"]))
    if len(after) > 1 and after["cumulative"].iloc[-1] > after["cumulative"].iloc[0]:
        figure.add_trace(go.Scatter(x=after["year"], y=after["cumulative"], mode="lines", name=labels["outlook"],
                                    line={"color": PALETTE[0], "width": 2, "dash": "dash"},
                                    hovertemplate=labels["hover"]))
    if path["historical"].notna().all():
        figure.add_trace(go.Scatter(x=path["year"], y=path["historical"], mode="lines", name=labels["historical"],
                                    line={"color": PALETTE[5], "width": 2, "dash": "dot"},
                                    hovertemplate=labels["hover"]))
    _marker(figure, end_year, target[0], target[1], "#000000", "diamond", labels["target"])
    if woondeal is not None:
        _marker(figure, woondeal[0], woondeal[1], woondeal[2], PALETTE[2], "square", labels["woondeal"], "middle right")
    apply_layout(figure, labels["title"], height=460)
    figure.update_layout(separators=separators, hovermode="closest", legend=_LEGEND)
    figure.update_xaxes(title=None, gridcolor=_GRID)
    figure.update_yaxes(title=labels["axis"], gridcolor=_GRID, rangemode="tozero", tickformat=",d")
    return figure


def municipality_paths_chart(yearly: pd.DataFrame, labels: Mapping[str, str], columns: int = 3,
                             separators: str = ",.") -> go.Figure:
    """Small multiples, one panel per municipality (`name`), of `cumulative` homes per `year` against the
    `historical` average path; each panel has its own scale. `labels`: title, path, historical, hover."""
    names = list(dict.fromkeys(yearly["name"]))
    rows = math.ceil(len(names) / columns)
    figure = make_subplots(rows=rows, cols=columns, subplot_titles=names, shared_xaxes=True,
                           vertical_spacing=0.25 / rows, horizontal_spacing=0.06)
    for index, name in enumerate(names):
        part = yearly[yearly["name"] == name]
        where = {"row": index // columns + 1, "col": index % columns + 1}
        figure.add_trace(go.Scatter(x=part["year"], y=part["cumulative"], mode="lines", name=labels["path"],
                                    line={"color": PALETTE[0], "width": 2.5}, legendgroup="path",
                                    showlegend=index == 0, hovertemplate=f"<b>{name}</b><br>{labels['hover']}"),
                         **where)
        if part["historical"].notna().all():
            figure.add_trace(go.Scatter(x=part["year"], y=part["historical"], mode="lines", name=labels["historical"],
                                        line={"color": PALETTE[5], "width": 1.5, "dash": "dot"},
                                        legendgroup="historical", showlegend=index == 0,
                                        hovertemplate=f"<b>{name}</b><br>{labels['hover']}"), **where)
    apply_layout(figure, labels["title"], height=170 * rows + 80)
    figure.update_layout(separators=separators, margin={"t": 90})
    figure.update_xaxes(gridcolor=_GRID, nticks=4)
    figure.update_yaxes(gridcolor=_GRID, rangemode="tozero", nticks=4, tickformat=",d")
    figure.update_annotations(font_size=13)
    return figure


def residents_path_chart(path: pd.DataFrame, labels: Mapping[str, str], end_year: int, target: tuple[int, str],
                         actual: tuple[int, int, str] | None = None, separators: str = ",.") -> go.Figure:
    """Population growth since 1-1-2024 that the homes path houses (`year`, `growth`), against the residents
    target at `end_year` and the latest (provisional) actual figure. `labels`: title, axis, path, target, actual,
    hover."""
    figure = go.Figure()
    figure.add_trace(go.Scatter(x=path["year"], y=path["growth"], mode="lines", name=labels["path"],
                                line={"color": PALETTE[0], "width": 3}, hovertemplate=labels["hover"]))
    figure.add_hline(y=target[0], line={"color": "#000000", "dash": "dash", "width": 1.5})
    _marker(figure, end_year, target[0], target[1], "#000000", "diamond", labels["target"])
    if actual is not None:
        _marker(figure, actual[0], actual[1], actual[2], MUTED, "circle", labels["actual"], "bottom right")
    apply_layout(figure, labels["title"], height=440)
    figure.update_layout(separators=separators, hovermode="closest", legend=_LEGEND)
    figure.update_xaxes(title=None, gridcolor=_GRID)
    figure.update_yaxes(title=labels["axis"], gridcolor=_GRID, zeroline=True, zerolinecolor="#6b7280", tickformat=",d")
    return figure
