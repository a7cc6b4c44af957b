"""The shared look of every chart: a sober, colour-blind-safe palette (Okabe–Ito), the house layout and the layout of
the charts over years."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

PRIMARY = "#154273"  # Rijkshuisstijl lintblauw, also the theme's primary colour
MUTED = "#9ca3af"
# Okabe–Ito, safe for the common forms of colour blindness.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
FONT = "Source Sans, Source Sans Pro, Helvetica, Arial, sans-serif"  # "Source Sans" is Streamlit's own web font
AXIS_TEXT, GRID = "#6b7280", "#e5e7eb"
_AXIS = {
    "tickfont": {"color": AXIS_TEXT, "size": 12},
    "title": {"font": {"color": AXIS_TEXT, "size": 13}},
    "zeroline": False,
    "automargin": True,
}
# Charts are drawn without Streamlit's theme (`ros.ui.chart`), so the figure carries the whole look: horizontal grid
# lines only, muted axis text, a bold title, the palette for traces without their own colour.
TEMPLATE = go.layout.Template(
    layout={
        "colorway": list(PALETTE),
        "title": {"font": {"size": 15, "weight": "bold"}},
        "xaxis": {**_AXIS, "showgrid": False, "linecolor": GRID, "ticks": ""},
        "yaxis": {**_AXIS, "gridcolor": GRID, "showline": False},
    }
)


def apply_layout(figure: go.Figure, title: str | None = None, height: int = 420) -> go.Figure:
    """Apply the house layout (font, margins, legend, no mode bar clutter) and return the figure."""
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"} if title else None,
        font={"family": FONT, "size": 14, "color": "#1f2937"},
        height=height,
        margin={"l": 10, "r": 10, "t": 50 if title else 10, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        plot_bgcolor="white",
        paper_bgcolor="white",
        separators=",.",
        template=TEMPLATE,
        hoverlabel={"font_size": 13},
    )
    return figure


def apply_years_layout(
    figure: go.Figure,
    title: str,
    height: int,
    separators: str,
    legend: Mapping[str, object],
    y_title: str | None,
    **y_axis: object,
) -> go.Figure:
    """The house layout of a chart over years: the legend as given (below the plot), hover on the nearest point, grid
    lines, whole numbers on the y axis (`y_axis`: its further settings); returns the figure."""
    apply_layout(figure, title, height=height)
    figure.update_layout(separators=separators, hovermode="closest", legend=legend)
    figure.update_xaxes(title=None, gridcolor=GRID)
    figure.update_yaxes(title=y_title, gridcolor=GRID, **y_axis, tickformat=",d")
    return figure
