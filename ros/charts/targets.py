"""Charts of the targets page: the regional homes path against history and the Woondeal, the path of every
municipality as small multiples, and the residents the homes can house against the residents target."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

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


def _grid(count: int, columns: int, titles: list[str], gap_x: float = 0.05, gap_y: float = 0.09) -> dict:
    """Layout axes and title annotations for `count` small panels in rows of `columns` (built by hand: plotly's
    make_subplots costs tens of milliseconds on every rerun)."""
    rows = math.ceil(count / columns)
    layout: dict = {"annotations": []}
    for index, title in enumerate(titles):
        row, col = divmod(index, columns)
        suffix = "" if index == 0 else str(index + 1)
        x0, x1 = col / columns + gap_x / 2, (col + 1) / columns - gap_x / 2
        y0, y1 = 1 - (row + 1) / rows + gap_y / 2, 1 - row / rows - gap_y / 2
        layout[f"xaxis{suffix}"] = {"domain": [x0, x1], "anchor": f"y{suffix}", "matches": "x" if index else None,
                                    "gridcolor": _GRID, "nticks": 4}
        layout[f"yaxis{suffix}"] = {"domain": [y0, y1], "anchor": f"x{suffix}", "gridcolor": _GRID, "nticks": 4,
                                    "rangemode": "tozero", "tickformat": ",d"}
        layout["annotations"].append({"text": title, "x": (x0 + x1) / 2, "y": y1, "xref": "paper", "yref": "paper",
                                      "showarrow": False, "xanchor": "center", "yanchor": "bottom",
                                      "font": {"size": 13}})
    return layout


def municipality_paths_chart(yearly: pd.DataFrame, labels: Mapping[str, str], columns: int = 3,
                             separators: str = ",.") -> go.Figure:
    """Small multiples, one panel per municipality (`name`), of `cumulative` homes per `year` against the
    `historical` average path; each panel has its own scale. `labels`: title, path, historical, hover."""
    names = list(dict.fromkeys(yearly["name"]))
    traces = []
    for index, (name, part) in enumerate(yearly.groupby("name", sort=False)):
        axes = {"xaxis": f"x{index + 1 if index else ''}", "yaxis": f"y{index + 1 if index else ''}"}
        hover = f"<b>{name}</b><br>{labels['hover']}"
        traces.append({"type": "scatter", "x": part["year"].to_numpy(), "y": part["cumulative"].to_numpy(),
                       "mode": "lines", "name": labels["path"], "line": {"color": PALETTE[0], "width": 2.5},
                       "legendgroup": "path", "showlegend": index == 0, "hovertemplate": hover, **axes})
        if part["historical"].notna().all():
            traces.append({"type": "scatter", "x": part["year"].to_numpy(), "y": part["historical"].to_numpy(),
                           "mode": "lines", "name": labels["historical"],
                           "line": {"color": PALETTE[5], "width": 1.5, "dash": "dot"}, "legendgroup": "historical",
                           "showlegend": index == 0, "hovertemplate": hover, **axes})
    rows = math.ceil(len(names) / columns)
    figure = go.Figure(data=traces, layout=_grid(len(names), columns, names))  # axes styled in _grid (fast)
    apply_layout(figure, labels["title"], height=170 * rows + 80)
    figure.update_layout(separators=separators, margin={"t": 90})
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
