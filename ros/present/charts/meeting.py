"""Charts for the Vergadermodus (a projector): large type on any figure, and the pace per municipality.

`presentation_layout` enlarges the fonts of a figure built by any builder in `ros.present.charts` (titles, axes,
legends,
annotations, text on bars and tiles) without changing its data; `pace_bars` draws, per municipality, the homes a
year a scenario needs next to what was built a year in 2012–2020, both as numbers on the bars.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from ros.present.charts.style import PALETTE, apply_layout

FONT_SIZE = 22  # px; readable from the back of a meeting room on a 1920×1080 projector
HEIGHT = 640
TEXT = "#1f2937"


def presentation_layout(figure: go.Figure, font_size: int = FONT_SIZE, height: int | None = HEIGHT) -> go.Figure:
    """The same figure with every font at least `font_size` px (titles larger, text on bars never shrunk below
    it; colour bars inherit the layout font) and, when given, `height`."""
    figure.update_layout(
        font_size=font_size,
        title_font_size=round(font_size * 1.25),
        legend_font_size=font_size,
        hoverlabel_font_size=font_size,
        uniformtext={"minsize": font_size, "mode": "show"},
    )
    if height is not None:
        figure.update_layout(height=height)
    top = figure.layout.margin.t
    if figure.layout.title.text and (top is None or top < 2.6 * font_size):
        figure.update_layout(margin_t=round(2.6 * font_size))
    if any(getattr(trace, "orientation", None) == "h" for trace in figure.data):
        figure.update_yaxes(tickmode="linear", dtick=1)  # horizontal bars: every category keeps its label
    for annotation in figure.layout.annotations:
        annotation.font.size = max(annotation.font.size or 0, font_size)
    # Axis labels in the dark text colour: the theme's grey is too faint on a projector.
    figure.update_xaxes(tickfont_size=font_size, tickfont_color=TEXT, title_font_size=font_size)
    figure.update_yaxes(tickfont_size=font_size, tickfont_color=TEXT, title_font_size=font_size)
    for trace in figure.data:
        if "textfont" in trace and not isinstance(trace.textfont.size, (list, tuple)):
            trace.textfont.size = max(trace.textfont.size or 0, font_size)
    return figure


def pace_bars(rows: pd.DataFrame, labels: Mapping[str, str], separators: str = ",.") -> go.Figure:
    """Per municipality (`name`, the first row at the bottom): a bar of `per_year` needed and a thinner bar of
    `hist_average` built a year in 2012–2020, with both numbers as text on the needed bar (`labels["text"]`, a
    format with {needed} and {historical}); the short ratio text follows the name. `labels`: title, needed,
    historical, text. An unknown average draws no bar and reads as its text ('onbekend')."""
    names = [f"{n} ({r})" for n, r in zip(rows["name"], rows["pace_ratio_short_text"], strict=True)]
    text = [
        labels["text"].format(needed=n, historical=h)
        for n, h in zip(rows["per_year_text"], rows["hist_average_text"], strict=True)
    ]
    ends = pd.concat([rows["per_year"], rows["hist_average"]], axis=1).max(axis=1).fillna(rows["per_year"])
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            x=rows["per_year"],
            y=names,
            orientation="h",
            name=labels["needed"],
            marker_color=PALETTE[0],
            customdata=text,
            hovertemplate="<b>%{y}</b><br>%{customdata}<extra></extra>",
        )
    )
    figure.add_trace(
        go.Bar(
            x=rows["hist_average"],
            y=names,
            orientation="h",
            name=labels["historical"],
            marker_color=PALETTE[5],
            width=0.3,
            hovertemplate=f"<b>%{{y}}</b><br>{labels['historical']}: %{{x:,.0f}}<extra></extra>",
        )
    )
    # The numbers as text just past the longer of the two bars, so they never cross a bar; the legend sits in the
    # empty lower right corner (the slowest step-ups, with the shortest bars, are at the bottom) so it stays on screen.
    figure.add_trace(
        go.Scatter(
            x=ends,
            y=names,
            mode="text",
            text=[f" {v}" for v in text],
            textposition="middle right",
            cliponaxis=False,
            showlegend=False,
            hoverinfo="skip",
        )
    )
    apply_layout(figure, labels["title"], height=HEIGHT)
    figure.update_layout(
        separators=separators,
        barmode="overlay",
        bargap=0.3,
        legend={
            "orientation": "v",
            "yanchor": "bottom",
            "y": 0.02,
            "xanchor": "right",
            "x": 0.99,
            "bgcolor": "rgba(255,255,255,0.9)",
            "traceorder": "normal",
        },
        margin={"r": 10},
    )
    widest = pd.concat([rows["per_year"], rows["hist_average"]]).max()
    figure.update_xaxes(
        title=None,
        tickformat=",d",
        gridcolor="#e5e7eb",
        range=[0, 1.45 * float(widest) if pd.notna(widest) and widest > 0 else 1],
    )
    figure.update_yaxes(title=None)
    return figure


def known_amount_bars(rows: pd.DataFrame, labels: Mapping[str, str], separators: str = ",.") -> go.Figure:
    """One row per party (`name`, first at the top): a bar for a known `amount` with its text, and for an unknown
    amount no bar but the word (`amount_text`, e.g. 'onbekend') in grey at zero — never a bar of zero.
    `labels`: title, axis, known, unknown."""
    ordered = rows.iloc[::-1]
    known = ordered[ordered["amount"].notna()]
    unknown = ordered[ordered["amount"].isna()]
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            x=known["amount"],
            y=known["name"],
            orientation="h",
            name=labels["known"],
            marker_color=PALETTE[1],
            text=known["amount_text"],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="<b>%{y}</b><br>%{text}<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[0] * len(unknown),
            y=unknown["name"],
            mode="text",
            name=labels["unknown"],
            text=unknown["amount_text"],
            textposition="middle right",
            textfont={"color": "#4b5563"},
            hovertemplate="<b>%{y}</b><br>%{text}<extra></extra>",
        )
    )
    apply_layout(figure, labels["title"], height=HEIGHT)
    figure.update_layout(separators=separators, showlegend=False, margin={"r": 140})
    figure.update_xaxes(
        title=labels["axis"],
        tickformat=",d",
        gridcolor="#e5e7eb",
        zeroline=True,
        zerolinecolor="#6b7280",
        range=[0, 1.35 * float(known["amount"].max()) if len(known) else 1],
    )
    names = list(ordered["name"])
    figure.update_yaxes(
        title=None, categoryorder="array", categoryarray=names, tickmode="array", tickvals=names, ticktext=names
    )
    return figure
