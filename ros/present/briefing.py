"""A briefing: a short linear document (title, a few lines about the scenario and data, sections of sentences,
charts and narrow tables) that a page shows and that `briefing_html` writes as ONE self-contained HTML file.

The file works offline: plotly.js is inlined once (with the first chart), the CSS is inline, there are no links to
fetch. Every text is HTML-escaped (municipality and scenario names may contain anything); the only markup kept from
the texts is **bold**, written as in Markdown, so the page and the file read the same. A print style sheet gives a
clean A4 printout. The content is built elsewhere (`ros.present.municipality.briefing`); nothing here computes figures.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from ros.base.i18n import language

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_NUM = ' class="num"'
PLOTLY_CONFIG = {"displayModeBar": False, "responsive": True}

_CSS = """
:root { color-scheme: light; }
body { font-family: "Source Sans Pro", Helvetica, Arial, sans-serif; color: #1f2937; margin: 0 auto;
       max-width: 52rem; padding: 1.5rem; line-height: 1.5; font-size: 1.05rem; }
h1 { color: #154273; font-size: 1.9rem; margin: 0 0 .5rem; }
h2 { color: #154273; font-size: 1.3rem; margin: 1.6rem 0 .4rem; border-bottom: 1px solid #d1d5db; }
p { margin: .35rem 0; }
.meta { color: #374151; font-size: .95rem; }
.note { color: #4b5563; font-size: .9rem; }
.print-note { background: #eef2f7; padding: .4rem .7rem; border-radius: .3rem; font-size: .9rem; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .92rem; width: 100%; }
th, td { border-bottom: 1px solid #e5e7eb; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
td.num { text-align: right; white-space: nowrap; }
.chart { width: 100%; margin: .5rem 0; }
details summary { cursor: pointer; color: #154273; margin: .3rem 0; }
section { break-inside: avoid-page; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .print-note, details { display: none; }
  h2 { break-after: avoid; }
  table, .chart { break-inside: avoid; }
}
"""


@dataclass(frozen=True)
class Section:
    """One part of a briefing: a heading, sentences (may hold **bold**), an optional chart with its table
    alternative, an optional table of text cells and a caption naming the sources."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    figure: go.Figure | None = None
    figure_table: pd.DataFrame | None = None
    table: pd.DataFrame | None = None
    caption: str = ""
    key: str = ""


@dataclass(frozen=True)
class Briefing:
    """A whole briefing in one language: title, lines about scenario and data, sections, and the few fixed texts
    the document itself needs (print note, table-alternative label)."""

    lang: str
    title: str
    meta: tuple[str, ...]
    sections: tuple[Section, ...]
    print_note: str = ""
    table_alternative: str = ""
    footer: str = ""
    numeric_columns: frozenset[str] = field(default_factory=frozenset)


def inline(text: str) -> str:
    """A text as safe HTML: everything escaped, then **bold** as <strong>."""
    return _BOLD.sub(r"<strong>\1</strong>", html.escape(str(text), quote=True))


def table_html(frame: pd.DataFrame, numeric: frozenset[str] = frozenset()) -> str:
    """A frame of text cells as an escaped HTML table; columns named in `numeric` are right-aligned."""
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False):
        cells = "".join(
            f"<td{_NUM if column in numeric else ''}>{inline(value)}</td>"
            for column, value in zip(frame.columns, values, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def figure_html(figure: go.Figure, with_library: bool, div_id: str) -> str:
    """A chart as a div and script; plotly.js is inlined only when `with_library` (once per document)."""
    figure = go.Figure(figure)  # a copy: room for the axis labels, which the standalone plotly.js does not reserve
    figure.update_layout(margin={"l": 80, "r": 40, "b": 40})
    body = figure.to_html(
        full_html=False,
        include_plotlyjs=with_library,
        config=PLOTLY_CONFIG,
        div_id=div_id,
        default_width="100%",
        default_height=f"{int(figure.layout.height or 420)}px",
    )
    return f'<div class="chart">{body}</div>'


def briefing_html(briefing: Briefing) -> str:
    """The briefing as one self-contained HTML document (inline CSS, plotly.js inlined once, no external links)."""
    lang = language(briefing.lang)
    parts = [f"<h1>{inline(briefing.title)}</h1>"]
    parts += [f'<p class="meta">{inline(line)}</p>' for line in briefing.meta]
    library_done = False
    for number, section in enumerate(briefing.sections, start=1):
        body = [f"<h2>{inline(section.heading)}</h2>"]
        body += [f"<p>{inline(p)}</p>" for p in section.paragraphs]
        if section.figure is not None:
            body.append(figure_html(section.figure, not library_done, f"chart-{number}"))
            library_done = True
            if section.figure_table is not None:
                body.append(
                    f"<details><summary>{inline(briefing.table_alternative)}</summary>"
                    f"{table_html(section.figure_table, briefing.numeric_columns)}</details>"
                )
        if section.table is not None:
            body.append(table_html(section.table, briefing.numeric_columns))
        if section.caption:
            body.append(f'<p class="note">{inline(section.caption)}</p>')
        key = f' id="{html.escape(section.key)}"' if section.key else ""
        parts.append(f"<section{key}>{''.join(body)}</section>")
    if briefing.footer:
        parts.append(f'<p class="note">{inline(briefing.footer)}</p>')
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(briefing.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(parts)
        + "\n</main>\n</body>\n</html>\n"
    )


def file_slug(text: str) -> str:
    """A safe file-name part: lower-case ASCII letters, digits and hyphens ('Hof van Twente' → 'hof-van-twente')."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "briefing"


# Print rules for the Streamlit page that shows a briefing: no sidebar, header, download row (button and print note)
# or expanders; the main column uses the whole sheet. Streamlit stacks elements in flex columns, where Chromium
# does not honour "keep with next"; in print they flow as blocks, a section (`st-key-section_…`: heading, sentences,
# chart) moves to the next sheet as a whole rather than leave its heading at the foot of a page, and a table is
# never cut through a row.
STREAMLIT_PRINT_CSS = """
@page { size: A4; margin: 12mm; }
@media print {
  [data-testid=stSidebar], [data-testid=stHeader], [data-testid=stToolbar], [data-testid=stDecoration],
  [data-testid=stDownloadButton], [data-testid=stExpander], [data-testid=stSidebarCollapsedControl],
  [data-testid=stHorizontalBlock]:has([data-testid=stDownloadButton]) { display: none !important; }
  [data-testid=stMain] { margin-left: 0 !important; }
  [data-testid=stMainBlockContainer] { max-width: none !important; padding: 0 !important; }
  [data-testid=stMainBlockContainer] [data-testid=stVerticalBlock] { display: block !important; }
  [data-testid=stMainBlockContainer] [data-testid=stVerticalBlock] > * { margin-bottom: 0.5rem; }
  [class*="st-key-section_"] { break-inside: avoid; }
  [data-testid=stPlotlyChart], tr { break-inside: avoid; }
  [data-testid=stElementContainer]:has(h1, h2, h3) { break-after: avoid; }
}
"""
# A chart on the printable page is drawn this wide (CSS px): it fits the A4 text width (210 − 2 × 12 mm ≈ 703 px),
# so the printout shows it whole instead of cutting its right end (the last years and the target marker).
PRINT_CHART_WIDTH = 680


def print_sized(figure: go.Figure) -> go.Figure:
    """A copy of `figure` with the width that fits an A4 page."""
    return go.Figure(figure).update_layout(width=PRINT_CHART_WIDTH)
