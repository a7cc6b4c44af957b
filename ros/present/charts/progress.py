"""Charts of the progress page: homes realised per year (new construction and net change side by side, own figures
hatched), realised against the path with the reference bands, plan capacity against what is still to build, and the
population forecast against the ambition. Values are text on the chart wherever their status matters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from ros.present.charts.style import GRID, MUTED, PALETTE, apply_layout, apply_years_layout

_LEGEND = {"orientation": "h", "yanchor": "top", "y": -0.14, "x": 0}
# Dash styles of the reference lines (95 / 85 / 75 %), so they differ without colour.
_BAND_DASH = ("dash", "dot", "dashdot")


def realised_chart(years: pd.DataFrame, labels: Mapping[str, str], separators: str = ",.") -> go.Figure:
    """Bars per period (`label`) of new construction and net change side by side. Columns: label, and per measure
    (new_construction, net_change) the value (NA = unknown), `<measure>_origin` ('cbs', 'eigen', 'mix') and
    `<measure>_text` (the value as shown, e.g. '2.289*'). Own figures are hatched and named with labels['own'];
    unknown values get a zero-height bar labelled labels['unknown']. `labels`: title, axis, new_construction,
    net_change, own, unknown."""
    figure = go.Figure()
    for index, measure in enumerate(("new_construction", "net_change")):
        colour = PALETTE[0] if index == 0 else PALETTE[1]
        origin = years[f"{measure}_origin"].fillna("")
        for kind in ("cbs", "eigen", "unknown"):
            if kind == "unknown":
                part = years[years[measure].isna()]
            elif kind == "cbs":
                part = years[years[measure].notna() & (origin == "cbs")]
            else:
                part = years[years[measure].notna() & origin.isin(["eigen", "mix"])]
            if part.empty:
                continue
            name = {
                "cbs": labels[measure],
                "eigen": f"{labels[measure]} ({labels['own']})",
                "unknown": f"{labels[measure]}: {labels['unknown']}",
            }[kind]
            marker: dict[str, object] = {"color": colour, "line": {"color": colour, "width": 1.5}}
            if kind == "eigen":  # hatched: coloured lines on white, so own figures never look like CBS bars
                marker["pattern"] = {
                    "shape": "/",
                    "fgcolor": colour,
                    "bgcolor": "#ffffff",
                    "size": 8,
                    "solidity": 0.45,
                    "fillmode": "replace",
                }
            if kind == "unknown":
                marker = {"color": "rgba(0,0,0,0)", "line": {"color": colour, "width": 1}, "pattern": {"shape": "."}}
            values = part[measure].astype("Float64").fillna(0).astype(float)
            figure.add_trace(
                go.Bar(
                    x=part["label"],
                    y=values,
                    name=name,
                    offsetgroup=measure,
                    marker=marker,
                    text=part[f"{measure}_text"],
                    textposition="outside",
                    cliponaxis=False,
                    textangle=-90 if kind == "unknown" else 0,
                    textfont={"size": 12 if kind == "unknown" else 13},
                    legendgroup=f"{measure}_{kind}",
                    hovertemplate="%{x}: %{text}<extra>" + name + "</extra>",
                )
            )
    apply_layout(figure, labels["title"], height=440)
    figure.update_layout(
        barmode="group",
        separators=separators,
        legend=_LEGEND,
        uniformtext={"minsize": 9},
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": list(years["label"])},
    )
    figure.update_xaxes(title=None)
    figure.update_yaxes(title=labels["axis"], gridcolor=GRID, zeroline=True, zerolinecolor="#6b7280", tickformat=",d")
    return figure


def track_chart(
    cumulative: pd.DataFrame,
    labels: Mapping[str, str],
    bands: Sequence[float],
    separators: str = ",.",
    own: bool = False,
) -> go.Figure:
    """Cumulative realised against the path's cumulative target to date per period (`label`, `path`,
    `realised`, `realised_text`, `path_text`), with reference lines at the given shares of the path (dashed,
    labelled as a reference). The realised line is dashed and named with labels['own'] when it includes own
    figures. `labels`: title, axis, path, realised, own, band (with {share})."""
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=cumulative["label"],
            y=cumulative["path"],
            mode="lines+markers+text",
            name=labels["path"],
            line={"color": "#000000", "width": 2.5},
            text=cumulative["path_text"],
            textposition="top left",
            hovertemplate="%{x}: %{text}<extra>" + labels["path"] + "</extra>",
        )
    )
    for share, dash in zip(bands, _BAND_DASH, strict=False):
        name = labels["band"].format(share=f"{round(share * 100)}%")
        figure.add_trace(
            go.Scatter(
                x=cumulative["label"],
                y=cumulative["path"] * share,
                mode="lines",
                name=name,
                line={"color": MUTED, "width": 1.5, "dash": dash},
                hoverinfo="skip",
            )
        )
    known = cumulative[cumulative["realised"].notna()]
    name = labels["realised"] + (f" ({labels['own']})" if own else "")
    figure.add_trace(
        go.Scatter(
            x=known["label"],
            y=known["realised"].astype(float),
            mode="lines+markers+text",
            name=name,
            text=known["realised_text"],
            textposition="middle right",
            line={"color": PALETTE[0], "width": 3, "dash": "dash" if own else "solid"},
            marker={"size": 10, "symbol": "circle"},
            cliponaxis=False,
            hovertemplate="%{x}: %{text}<extra>" + name + "</extra>",
        )
    )
    apply_layout(figure, labels["title"], height=420)
    figure.update_layout(separators=separators, legend=_LEGEND, hovermode="closest", xaxis={"type": "category"})
    figure.update_yaxes(title=labels["axis"], gridcolor=GRID, rangemode="tozero", tickformat=",d")
    return figure


def capacity_chart(table: pd.DataFrame, labels: Mapping[str, str], separators: str = ",.") -> go.Figure:
    """Per municipality (`name`): plan capacity (`capacity`, text `capacity_text`) against the homes still to
    build (`to_build`, `to_build_text`) and the rule of thumb's capacity (`rule_capacity`, a marker). Unknown
    capacity is a zero bar labelled labels['unknown']. `labels`: title, axis, capacity, to_build, rule."""
    figure = go.Figure()
    bars = (
        ("to_build", table["to_build"], PALETTE[4]),
        ("capacity", table["capacity"].astype("Float64").fillna(0).astype(float), PALETTE[2]),
    )
    for measure, values, colour in bars:
        figure.add_trace(
            go.Bar(
                y=table["name"],
                x=values,
                orientation="h",
                name=labels[measure],
                marker={"color": colour},
                text=table[f"{measure}_text"],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{text}<extra>" + labels[measure] + "</extra>",
            )
        )
    figure.add_trace(
        go.Scatter(
            y=table["name"],
            x=table["rule_capacity"],
            mode="markers",
            name=labels["rule"],
            marker={"symbol": "line-ns-open", "size": 18, "color": "#000000", "line": {"width": 3}},
            hovertemplate="%{y}: %{x:,d}<extra>" + labels["rule"] + "</extra>",
        )
    )
    apply_layout(figure, labels["title"], height=120 + 38 * len(table))
    figure.update_layout(
        barmode="group", separators=separators, legend=_LEGEND, yaxis={"autorange": "reversed", "type": "category"}
    )
    figure.update_xaxes(title=labels["axis"], gridcolor=GRID, tickformat=",d")
    return figure


def forecast_chart(
    series: pd.DataFrame,
    ambition: pd.DataFrame,
    today: tuple[int, int, str] | None,
    labels: Mapping[str, str],
    separators: str = ",.",
) -> go.Figure:
    """The forecast population per year (`year`, `forecast`, `lower`, `upper`, `forecast_text`) with its
    interval where given, the ambition line (`year`, `ambition`, `ambition_text`; an assumption, dashed) and
    today's population as a labelled marker. `labels`: title, axis, forecast, interval, ambition, today."""
    figure = go.Figure()
    band = series[series["lower"].notna() & series["upper"].notna()]
    if not band.empty:
        figure.add_trace(
            go.Scatter(
                x=list(band["year"]) + list(band["year"])[::-1],
                y=list(band["upper"].astype(float)) + list(band["lower"].astype(float))[::-1],
                fill="toself",
                fillcolor="rgba(0,114,178,0.15)",
                line={"width": 0},
                mode="lines",
                name=labels["interval"],
                hoverinfo="skip",
            )
        )
    # Years the forecast does not give stay empty, so the line breaks there instead of suggesting a path.
    every = series.set_index("year").reindex(range(int(series["year"].min()), int(series["year"].max()) + 1))
    figure.add_trace(
        go.Scatter(
            x=list(every.index),
            y=[None if pd.isna(v) else float(v) for v in every["forecast"]],
            mode="lines+markers",
            name=labels["forecast"],
            line={"color": PALETTE[0], "width": 2.5},
            text=[None if pd.isna(v) else v for v in every["forecast_text"]],
            connectgaps=False,
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    last = ambition.iloc[[-1]]
    figure.add_trace(
        go.Scatter(
            x=ambition["year"],
            y=ambition["ambition"],
            mode="lines",
            name=labels["ambition"],
            line={"color": PALETTE[5], "width": 2.5, "dash": "dash"},
            text=ambition["ambition_text"],
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=last["year"],
            y=last["ambition"],
            mode="markers+text",
            text=last["ambition_text"],
            textposition="top left",
            marker={"size": 11, "color": PALETTE[5], "symbol": "diamond"},
            showlegend=False,
            hoverinfo="skip",
            cliponaxis=False,
        )
    )
    end = series.iloc[[-1]]
    figure.add_trace(
        go.Scatter(
            x=end["year"],
            y=end["forecast"].astype(float),
            mode="text",
            text=end["forecast_text"],
            textposition="bottom left",
            showlegend=False,
            hoverinfo="skip",
            cliponaxis=False,
        )
    )
    if today is not None:
        figure.add_trace(
            go.Scatter(
                x=[today[0]],
                y=[today[1]],
                mode="markers+text",
                text=[today[2]],
                textposition="top right",
                name=labels["today"],
                cliponaxis=False,
                marker={"size": 12, "color": "#000000", "symbol": "circle"},
                hovertemplate=f"{today[2]}<extra></extra>",
            )
        )
    return apply_years_layout(figure, labels["title"], 420, separators, _LEGEND, labels["axis"])
