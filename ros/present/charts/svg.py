"""A bar chart as a self-contained SVG for a website to embed without the dashboard (served by the API): one bar per
period with its value written above it, a title and the source line under the chart.

Drawn by hand, not through Plotly, because a static image from Plotly needs a browser engine on the server. The look
follows `ros.present.charts.style` (house blue, muted axis text, the house font). A value that is not known gets no
bar and the word for unknown, never a bar of height 0; a provisional value is marked with an asterisk and a note, so
status never rests on colour alone.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ros.present.charts.style import AXIS_TEXT, FONT, GRID, PRIMARY

WIDTH, HEIGHT = 640, 360
_LEFT, _RIGHT, _TOP = 24, 24, 56  # room for the title above
_LINE, _CHARACTERS = 15, 100  # the notes and source under the chart: line height, characters a line at 11 px


@dataclass(frozen=True)
class Bar:
    """One period: its label, its value (None when unknown), its value as text, and whether it is provisional."""

    label: str
    value: int | None
    text: str
    provisional: bool = False


def bars_svg(title: str, bars: Sequence[Bar], source: str, provisional_note: str, description: str) -> str:
    """The SVG document (640 × 360 user units, scalable) of `bars` under `title` with `source` as the last line;
    `description` is its text alternative (`<title>`/`<desc>` for screen readers)."""
    known = [b.value for b in bars if b.value is not None]
    top = max(known, default=0) or 1
    notes = [provisional_note] if any(b.provisional and b.value is not None for b in bars) else []
    lines = [line for text in [*notes, source] for line in textwrap.wrap(text, _CHARACTERS)]
    plot_height = HEIGHT - _TOP - (36 + _LINE * len(lines))
    slot = (WIDTH - _LEFT - _RIGHT) / max(len(bars), 1)
    baseline = _TOP + plot_height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-labelledby="t d" font-family="{escape(FONT)}">',
        f'<title id="t">{escape(title)}</title><desc id="d">{escape(description)}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{_LEFT}" y="28" font-size="16" font-weight="bold" fill="#111827">{escape(title)}</text>',
        f'<line x1="{_LEFT}" y1="{baseline}" x2="{WIDTH - _RIGHT}" y2="{baseline}" stroke="{GRID}"/>',
    ]
    for index, bar in enumerate(bars):
        middle = _LEFT + slot * (index + 0.5)
        label = f"{bar.text}*" if bar.provisional else bar.text
        if bar.value is None:  # upright along where the bar would be, so narrow slots keep it readable
            parts.append(
                f'<text x="{middle + 4:.1f}" y="{baseline - 6}" font-size="11" font-style="italic" '
                f'fill="{AXIS_TEXT}" transform="rotate(-90 {middle + 4:.1f} {baseline - 6})">{escape(label)}</text>'
            )
        else:
            height = plot_height * bar.value / top
            width = slot * 0.7
            fill = "#ffffff" if bar.provisional else PRIMARY
            parts.append(
                f'<rect x="{middle - width / 2:.1f}" y="{baseline - height:.1f}" width="{width:.1f}" '
                f'height="{height:.1f}" fill="{fill}" stroke="{PRIMARY}" stroke-width="1.5"/>'
            )
            parts.append(_text(middle, baseline - height - 6, label, "#111827"))
        parts.append(_text(middle, baseline + 18, bar.label, AXIS_TEXT))
    for offset, line in enumerate(lines):
        y = HEIGHT - 12 - _LINE * (len(lines) - 1 - offset)
        parts.append(f'<text x="{_LEFT}" y="{y}" font-size="11" fill="{AXIS_TEXT}">{escape(line)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _text(x: float, y: float, text: str, colour: str) -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="11" text-anchor="middle" fill="{colour}">{escape(text)}</text>'
