"""The ROS timeline as a Gantt chart: phases and expected windows as bars, dated events as markers, a today line.

Input is a `ros.model.milestones.timeline` table (milestones.csv with the status on a chosen day). Status is shown by
colour, by marker symbol and by text (✓ gebeurd, ◇ verwacht, ! over tijd …), never by colour alone; windows (an
expected event, or a confirmed one whose exact date is unknown) are hatched. Undated products (uitvoeringsagenda,
investeringsagenda) get their row with the text "geen datum" instead of a bar, so no date is suggested that the
sources do not give.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from ros.base import format as fmt
from ros.base.i18n import localized
from ros.model.milestones import RANGES, STATUS_SYMBOLS, STATUSES
from ros.present.charts.style import MUTED, PALETTE, apply_layout
from ros.present.milestones import when_text

STATUS_COLOURS = {
    "done": PALETTE[2],
    "ongoing": PALETTE[0],
    "upcoming": PALETTE[4],
    "tentative": PALETTE[1],
    "overdue": PALETTE[5],
    "undated": MUTED,
}
MARKERS = {
    "done": "circle",
    "ongoing": "triangle-right",
    "upcoming": "circle-open",
    "tentative": "diamond-open",
    "overdue": "x-thin-open",
    "undated": "circle-open",
}
DAY_MS = 24 * 60 * 60 * 1000
MIN_BAR_DAYS = 14  # shorter windows (a two-day BO) are drawn as a marker: a bar would be invisible


def _wrap(title: str, width: int = 46, lines: int = 2) -> str:
    """A title broken over at most `lines` lines of about `width` characters (shortened with … beyond)."""
    parts = textwrap.wrap(title, width)
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return "<br>".join(parts)


def visible_rows(table: pd.DataFrame, x_range: tuple[date, date]) -> pd.DataFrame:
    """The rows of a timeline table that show in `x_range`: dated rows that overlap it, and every undated row."""
    first, last = x_range
    overlaps = [
        s is None or pd.isna(s) or (s <= last and e >= first)
        for s, e in zip(table["start_date"], table["end_date"], strict=True)
    ]
    return table[overlaps].reset_index(drop=True)


def milestones_timeline(
    table: pd.DataFrame,
    labels: Mapping[str, str],
    today: date,
    lang: str = "nl",
    x_range: tuple[date, date] = RANGES["2027"],
) -> go.Figure:
    """A Gantt of the milestones in `table` (a `timeline` table) between the two dates of `x_range`, with a line
    at `today`. `labels` are the `milestones` texts (status_<code>, chart_title, chart_today, chart_no_date)."""
    rows = visible_rows(table, x_range)
    title_column = localized("title", lang)
    rows = rows.assign(
        status_text=[f"{STATUS_SYMBOLS[s]} {labels['status_' + s]}" for s in rows["status"]],
        when=[
            when_text(s, e, lang, b) for s, e, b in zip(rows["start"], rows["end"], rows["window_basis"], strict=True)
        ],
        is_bar=[
            not pd.isna(s) and (k == "fase" or (w and (e - s).days + 1 >= MIN_BAR_DAYS))
            for s, e, k, w in zip(rows["start_date"], rows["end_date"], rows["kind"], rows["is_window"], strict=True)
        ],
    )
    figure = go.Figure()
    for status in STATUSES:
        group = rows[rows["status"] == status]
        if group.empty or status == "undated":
            continue
        name = f"{STATUS_SYMBOLS[status]} {labels['status_' + status]}"
        bars, points = group[group["is_bar"]], group[~group["is_bar"]]
        if not bars.empty:
            figure.add_trace(_bars(bars, status, name, title_column))
        if not points.empty:
            figure.add_trace(_points(points, status, name, title_column, show_legend=bars.empty))
    _undated(figure, rows[rows["status"] == "undated"], labels, x_range)
    _today_line(figure, today, labels["chart_today"].format(date=fmt.short_date(today, lang)))
    apply_layout(figure, labels["chart_title"], height=max(320, 150 + 40 * len(rows)))
    figure.update_layout(barmode="overlay", bargap=0.35, margin={"l": 10, "r": 130, "t": 80, "b": 10})
    figure.update_xaxes(
        type="date", range=[x_range[0].isoformat(), (x_range[1] + timedelta(days=1)).isoformat()],
        gridcolor="#e5e7eb", showline=True, linecolor="#6b7280", mirror="ticks", ticks="outside",
    )  # fmt: skip
    figure.update_yaxes(
        type="category", categoryorder="array", categoryarray=list(rows["id"]), autorange="reversed",
        tickmode="array", tickvals=list(rows["id"]), ticktext=[_wrap(t) for t in rows[title_column]],
        showgrid=True, gridcolor="#f1f5f9", tickfont={"size": 12},
    )  # fmt: skip
    return figure


def _hover(rows: pd.DataFrame, title_column: str) -> list[list[str]]:
    return [[t, w, s] for t, w, s in zip(rows[title_column], rows["when"], rows["status_text"], strict=True)]


def _bars(rows: pd.DataFrame, status: str, name: str, title_column: str) -> go.Bar:
    """Phases and windows of one status as horizontal bars (hatched: expected, or a date known only as a window)."""
    return go.Bar(
        base=[s.isoformat() for s in rows["start_date"]],
        x=[((e - s).days + 1) * DAY_MS for s, e in zip(rows["start_date"], rows["end_date"], strict=True)],
        y=rows["id"],
        orientation="h",
        name=name,
        legendgroup=status,
        marker={
            "color": STATUS_COLOURS[status],
            "opacity": 0.55 if status in ("ongoing", "done") else 0.8,
            "line": {"color": STATUS_COLOURS[status], "width": 1.5},
            "pattern": {
                "shape": [
                    "/" if c != "bevestigd" or w else ""
                    for c, w in zip(rows["confidence"], rows["is_window"], strict=True)
                ],
                "fillmode": "overlay",
                "fgcolor": "white",
                "solidity": 0.3,
            },
        },
        text=rows["status_text"],
        textposition="outside",
        cliponaxis=False,
        textfont={"color": "#1f2937", "size": 12},
        customdata=_hover(rows, title_column),
        hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>%{customdata[2]}<extra></extra>",
    )


def _points(rows: pd.DataFrame, status: str, name: str, title_column: str, show_legend: bool) -> go.Scatter:
    """Dated events of one status as markers with their status as text beside them."""
    return go.Scatter(
        x=[s.isoformat() for s in rows["start_date"]],
        y=rows["id"],
        mode="markers+text",
        name=name,
        legendgroup=status,
        showlegend=show_legend,
        marker={"symbol": MARKERS[status], "size": 14, "color": STATUS_COLOURS[status],
                "line": {"width": 2.5, "color": STATUS_COLOURS[status]}},
        text=rows["status_text"],
        textposition="middle right",
        cliponaxis=False,
        textfont={"size": 12, "color": "#1f2937"},
        customdata=_hover(rows, title_column),
        hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>%{customdata[2]}<extra></extra>",
    )  # fmt: skip


def _undated(figure: go.Figure, rows: pd.DataFrame, labels: Mapping[str, str], x_range: tuple[date, date]) -> None:
    """A row per undated product with the words 'no date' at the left edge, and no bar or marker."""
    for row_id in rows["id"]:
        figure.add_annotation(
            x=x_range[0].isoformat(), y=row_id, xanchor="left", showarrow=False,
            text=f"{STATUS_SYMBOLS['undated']} {labels['chart_no_date']}",
            font={"size": 12, "color": "#4b5563"}, bgcolor="#f1f5f9",
        )  # fmt: skip
    if not rows.empty:
        # An invisible point keeps the undated categories on the axis.
        figure.add_trace(
            go.Scatter(x=[None] * len(rows), y=rows["id"], mode="markers", showlegend=False, hoverinfo="skip")
        )


def _today_line(figure: go.Figure, today: date, text: str) -> None:
    """A dashed vertical line at `today` with its date at the top of the plot."""
    figure.add_shape(
        type="line", x0=today.isoformat(), x1=today.isoformat(), yref="paper", y0=0, y1=1,
        line={"color": "#111827", "width": 2, "dash": "dash"},
    )  # fmt: skip
    figure.add_annotation(
        x=today.isoformat(), y=1, yref="paper", yanchor="bottom", text=f"<b>{text}</b>", showarrow=False,
        font={"size": 12}, bgcolor="white",
    )  # fmt: skip
