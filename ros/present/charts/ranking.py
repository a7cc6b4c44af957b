"""The ranking chart: one horizontal bar per ranked municipality, furthest behind on top, its value written on the
bar, the path (100 %) and, for the delivery ratio, the reference bands as labelled lines. Unranked municipalities are
no bars (the page names them below the chart), so none of them looks like the last."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from ros.present.charts.style import MUTED, PALETTE, apply_layout

_BAND_DASH = ("dash", "dot", "dashdot")  # 95 / 85 / 75 %: the lines differ without colour


def ranking_bars(
    names: Sequence[str],
    values: Sequence[float],
    texts: Sequence[str],
    behind: Sequence[bool],
    labels: Mapping[str, str],
    lines: Sequence[tuple[float, str]] = (),
    separators: str = ",.",
) -> go.Figure:
    """Bars of `values` per municipality in the given order (first on top) with `texts` on them, those `behind`
    the path in a second colour; `lines`: vertical reference lines (x, label), the first one solid. `labels`: title,
    axis."""
    figure = go.Figure(
        go.Bar(
            y=list(names),
            x=list(values),
            orientation="h",
            text=list(texts),
            textposition="outside",
            cliponaxis=False,
            marker={"color": [PALETTE[5] if b else PALETTE[0] for b in behind]},
            hovertemplate="%{y}: %{text}<extra></extra>",
            showlegend=False,
        )
    )
    for index, (x, label) in enumerate(lines):
        line = {"color": MUTED, "dash": _BAND_DASH[index - 1]} if index else {"color": "#1f2937"}
        figure.add_vline(x=x, line=line)
        # The lines are named in the legend: labels on lines 10 % apart would overlap.
        figure.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=line, name=label, hoverinfo="skip"))
    apply_layout(figure, labels["title"], height=max(320, 40 * len(names) + 140))
    figure.update_layout(separators=separators, bargap=0.25, legend={"orientation": "h", "y": -0.2, "yanchor": "top"})
    figure.update_yaxes(autorange="reversed", title=None, tickmode="linear", dtick=1)
    low, high = min(0.0, *values), max(0.0, *values, *(x for x, _ in lines))
    room = 0.18 * (high - low or 1)  # space for the value written beside the longest bar
    figure.update_xaxes(
        title=labels["axis"], showgrid=True, tickformat=",d", range=[low - (room if low < 0 else 0), high + room]
    )
    return figure
