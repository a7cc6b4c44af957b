"""ros.present.briefing: one self-contained, escaped, printable HTML file from a briefing."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from ros.data.snapshot import Snapshot
from ros.model import targets
from ros.present import briefing
from ros.present import municipality as municipal_words
from ros.present.briefing import Briefing, Section
from ros.records import scenario

LIBRARY = re.compile(r"<script[^>]*>/\*\*\s*\* plotly\.js v.*?</script>", re.DOTALL)
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def small_figure(title: str) -> go.Figure:
    figure = go.Figure(go.Scatter(x=[2025, 2026], y=[1, 2], name=title))
    figure.update_layout(title=title, height=300)
    return figure


def test_texts_are_escaped_and_bold_survives():
    assert briefing.inline("**<b>x</b>** & 'y'") == "<strong>&lt;b&gt;x&lt;/b&gt;</strong> &amp; &#x27;y&#x27;"
    table = briefing.table_html(pd.DataFrame({"<th>": [HOSTILE], "n": ["1.234"]}), frozenset({"n"}))
    assert "<script>" not in table
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in table
    assert '<th scope="col">&lt;th&gt;</th>' in table
    assert '<td class="num">1.234</td>' in table


def test_document_is_self_contained_with_plotly_inlined_once():
    doc = Briefing(
        lang="en",
        title=f"Title {HOSTILE}",
        meta=(f"**Scenario:** {HOSTILE}",),
        sections=(
            Section(
                "One",
                ("first **bold**",),
                figure=small_figure(HOSTILE),
                figure_table=pd.DataFrame({"Year": ["2025"], "Homes": ["1"]}),
            ),
            Section(
                HOSTILE,
                (HOSTILE,),
                figure=small_figure("two"),
                table=pd.DataFrame({"a": [HOSTILE]}),
                caption=HOSTILE,
                key='x"y',
            ),
        ),
        print_note="Print: Ctrl+P",
        table_alternative="Table",
        footer=HOSTILE,
    )
    html = briefing.briefing_html(doc)
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in html
    assert "<body>\n<main>\n" in html
    assert html.endswith("</main>\n</body>\n</html>\n")
    assert HOSTILE not in html
    assert "<img src=x" not in html
    assert 'alert("x")' not in html
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") >= 6  # title, meta, heading, text, table…
    assert "<title>Title &lt;script&gt;" in html
    assert "<strong>Scenario:</strong>" in html
    assert len(re.findall(r"\* plotly\.js v\d", html)) == 1  # the library once, for two charts
    assert html.count('class="plotly-graph-div"') == 2
    assert 'id="chart-1"' in html
    assert 'id="chart-2"' in html
    rest = LIBRARY.sub("", html)  # everything but plotly.js itself
    assert rest.count("<script") == 3  # PlotlyConfig and one per chart
    assert "<script src=" not in rest
    assert "cdn.plot.ly" not in rest
    assert "<link" not in rest
    assert "http" not in rest
    assert "@media print" in html
    assert "<summary>Table</summary>" in html
    assert "Ctrl+P" not in html  # no web-only instructions in the file
    assert 'id="x&quot;y"' in html


def test_language_attribute_is_only_nl_or_en():
    doc = Briefing(lang='en" onload="x', title="t", meta=(), sections=())
    assert '<html lang="nl">' in briefing.briefing_html(doc)
    assert '<html lang="nl">' in briefing.briefing_html(Briefing(lang="nl", title="t", meta=(), sections=()))


def test_file_slug():
    assert briefing.file_slug("Mijn gemeente Hof van Twente") == "mijn-gemeente-hof-van-twente"
    assert briefing.file_slug("Rijssen-Holten") == "rijssen-holten"
    assert briefing.file_slug('../<script>"') == "script"
    assert briefing.file_slug("¿?") == "briefing"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_municipality_briefing_with_hostile_names_is_escaped(snapshot, lang):
    names = snapshot["municipalities"].copy()
    names.loc[names["code"] == "GM0153", "name"] = HOSTILE
    hostile = Snapshot({**snapshot.tables, "municipalities": names})
    result = targets.recompute(targets.region_data(hostile), scenario.DEFAULT.target_settings())
    doc = municipal_words.briefing(
        hostile, result, scenario.DEFAULT, "GM0153", date(2026, 11, 27), lang, scenario_name=f"Plan {HOSTILE}"
    )
    html = briefing.briefing_html(doc)
    assert HOSTILE not in html
    assert "<img src=x" not in html
    assert f'<html lang="{lang}">' in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    homes = "17.415" if lang == "nl" else "17,415"
    assert f"<strong>{homes}</strong>" in html
    # the chart title carries the name only as JSON-escaped text
    assert "\\u003cscript\\u003e" in html


def test_real_briefing_html_has_every_section_in_both_languages(region, snapshot):
    result = targets.recompute(region, scenario.DEFAULT.target_settings())
    for lang, words in (
        (
            "nl",
            [
                "Uw deel van de doelen",
                "Het tempo: nu en vroeger",
                "Wat komt eraan voor de raad",
                "Bronnen en peildata",
                "Wat betekent…",
                "<strong>€ 102.000</strong>",
            ],
        ),
        (
            "en",
            [
                "Your share of the targets",
                "The pace: now and in the past",
                "What is coming up for the council",
                "Sources and reference dates",
                "What does … mean?",
                "<strong>€102,000</strong>",
            ],
        ),
    ):
        doc = municipal_words.briefing(snapshot, result, scenario.DEFAULT, "GM0141", date(2026, 11, 27), lang)
        html = briefing.briefing_html(doc)
        for word in words:
            assert word in html, (lang, word)
        assert "Ctrl+P" not in html
        assert "pagina Budget" not in html
        assert "page Budget" not in html
        assert len(re.findall(r"\* plotly\.js v\d", html)) == 1
