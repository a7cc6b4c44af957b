"""Charts of the targets page: the regional homes path against history and the Woondeal, the path of every
municipality in one chart with the chosen one highlighted, and the residents the homes can house against the
residents target."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from ros.present.charts.style import MUTED, PALETTE, apply_years_layout

_LEGEND = {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0}


def _marker(
    figure: go.Figure,
    x: float,
    y: float,
    text: str,
    colour: str,
    symbol: str,
    name: str,
    position: str = "top left",
    **where: object,
) -> None:
    """A labelled marker (the label is text on the chart, so it never depends on colour)."""
    figure.add_trace(
        go.Scatter(
            x=[x],
            y=[y],
            mode="markers+text",
            text=[text],
            textposition=position,
            marker={"size": 12, "color": colour, "symbol": symbol},
            name=name,
            hovertemplate=f"{text}<extra></extra>",
            cliponaxis=False,
        ),
        **where,
    )


def region_path_chart(
    path: pd.DataFrame,
    labels: Mapping[str, str],
    end_year: int,
    target: tuple[int, str],
    woondeal: tuple[int, int, str] | None = None,
    separators: str = ",.",
) -> go.Figure:
    """Cumulative homes of the region per year (`year`, `cumulative`, `historical`): the chosen path (solid up to
    `end_year`, dashed in the outlook), the historical-average path (dotted), the target at `end_year` and the
    Woondeal point. `labels`: title, axis, path, outlook, historical, target, woondeal, hover."""
    within, after = path[path["year"] <= end_year], path[path["year"] >= end_year]
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=within["year"],
            y=within["cumulative"],
            mode="lines",
            name=labels["path"],
            line={"color": PALETTE[0], "width": 3},
            hovertemplate=labels["hover"],
        )
    )
    if len(after) > 1 and after["cumulative"].iloc[-1] > after["cumulative"].iloc[0]:
        figure.add_trace(
            go.Scatter(
                x=after["year"],
                y=after["cumulative"],
                mode="lines",
                name=labels["outlook"],
                line={"color": PALETTE[0], "width": 2, "dash": "dash"},
                hovertemplate=labels["hover"],
            )
        )
    if path["historical"].notna().all():
        figure.add_trace(
            go.Scatter(
                x=path["year"],
                y=path["historical"],
                mode="lines",
                name=labels["historical"],
                line={"color": PALETTE[5], "width": 2, "dash": "dot"},
                hovertemplate=labels["hover"],
            )
        )
    _marker(figure, end_year, target[0], target[1], "#000000", "diamond", labels["target"])
    if woondeal is not None:
        _marker(figure, woondeal[0], woondeal[1], woondeal[2], PALETTE[2], "square", labels["woondeal"], "middle right")
    return apply_years_layout(figure, labels["title"], 460, separators, _LEGEND, labels["axis"], rangemode="tozero")


def municipality_paths_chart(
    yearly: pd.DataFrame, labels: Mapping[str, str], focus: str | None = None, separators: str = ",."
) -> go.Figure:
    """One chart of `cumulative` homes per `year` for every municipality (`code`, `name`): the `focus` municipality
    (a code) drawn thick with its `historical` average path dotted and its name at the end of the line, the others
    as thin grey lines (one trace, so the browser draws one path); without a focus every line is grey. `labels`:
    title, path, historical, others (the grey lines' legend), all (the same without a focus), hover (a template on
    %{x} and %{y})."""
    chosen = yearly[yearly["code"] == focus] if focus is not None else yearly.iloc[0:0]
    others = yearly[yearly["code"] != focus] if focus is not None else yearly
    x: list[object] = []
    y: list[object] = []
    names: list[object] = []
    for name, part in others.groupby("name", sort=False):
        x += [*part["year"].tolist(), None]
        y += [*part["cumulative"].tolist(), None]
        names += [name] * len(part) + [None]
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=x,
            y=y,
            customdata=names,
            mode="lines",
            name=labels["others"] if focus is not None else labels["all"],
            line={"color": MUTED if focus is not None else "#6b7280", "width": 1},
            hovertemplate=f"<b>%{{customdata}}</b><br>{labels['hover']}",
            connectgaps=False,
        )
    )
    if not chosen.empty:
        name = chosen["name"].iloc[0]
        hover = f"<b>{name}</b><br>{labels['hover']}"
        if chosen["historical"].notna().all():
            figure.add_trace(
                go.Scatter(
                    x=chosen["year"],
                    y=chosen["historical"],
                    mode="lines",
                    name=f"{name}: {labels['historical']}",
                    hovertemplate=hover,
                    line={"color": PALETTE[5], "width": 2, "dash": "dot"},
                )
            )
        figure.add_trace(
            go.Scatter(
                x=chosen["year"],
                y=chosen["cumulative"],
                mode="lines+text",
                name=f"{name}: {labels['path']}",
                hovertemplate=hover,
                text=[""] * (len(chosen) - 1) + [name],
                textposition="middle right",
                line={"color": PALETTE[0], "width": 3},
                cliponaxis=False,
            )
        )
    apply_years_layout(figure, labels["title"], 460, separators, _LEGEND, None, rangemode="tozero")
    figure.update_layout(margin={"r": 90})
    return figure


def residents_path_chart(
    path: pd.DataFrame,
    labels: Mapping[str, str],
    end_year: int,
    target: tuple[int, str],
    actual: tuple[float, int, str] | None = None,
    separators: str = ",.",
) -> go.Figure:
    """Population growth since 1-1-2024 that the homes path houses (`year`, `growth`), against the residents
    target at `end_year` and the latest (provisional) actual figure. `labels`: title, axis, path, target, actual,
    hover."""
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=path["year"],
            y=path["growth"],
            mode="lines",
            name=labels["path"],
            line={"color": PALETTE[0], "width": 3},
            hovertemplate=labels["hover"],
        )
    )
    figure.add_hline(y=target[0], line={"color": "#000000", "dash": "dash", "width": 1.5})
    _marker(figure, end_year, target[0], target[1], "#000000", "diamond", labels["target"])
    if actual is not None:
        _marker(figure, actual[0], actual[1], actual[2], MUTED, "circle", labels["actual"], "bottom right")
    return apply_years_layout(
        figure, labels["title"], 440, separators, _LEGEND, labels["axis"], zeroline=True, zerolinecolor="#6b7280"
    )
