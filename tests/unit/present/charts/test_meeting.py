"""ros.present.charts.meeting: large type for the projector, pace bars, known/unknown amounts (real data)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ros.base.i18n import section
from ros.model import budget, cost_sharing, targets
from ros.model import meeting as presentation
from ros.present import meeting
from ros.present.charts.budget import budget_sankey, contribution_bars
from ros.present.charts.maps import municipality_map
from ros.present.charts.meeting import known_amount_bars, pace_bars, presentation_layout
from ros.present.charts.targets import municipality_paths_chart
from ros.records import scenario
from ros.records.scenario import Scenario


def result_for(region, chosen: Scenario) -> targets.TargetResult:
    return targets.recompute(region, chosen.target_settings())


# --- charts for the projector -------------------------------------------------------------------------------------


def font_sizes(figure) -> list[float]:
    """Every explicit or inherited font size that a reader sees in a figure."""
    full = figure.layout
    sizes = [full.font.size, full.title.font.size, full.legend.font.size]
    sizes += [a.font.size for a in full.annotations]
    for name in [k for k in full.to_plotly_json() if k.startswith(("xaxis", "yaxis"))]:
        axis = full[name]
        sizes += [axis.tickfont.size or full.font.size]
        if axis.title.text:
            sizes.append(axis.title.font.size or full.font.size)
    for trace in figure.data:
        if "textfont" in trace and (getattr(trace, "text", None) is not None or trace.type == "sankey"):
            sizes.append(trace.textfont.size or full.font.size)
    return sizes


def pace_labels() -> dict[str, str]:
    return {"title": "Tempo", "needed": "Nodig", "historical": "Gebouwd", "text": "{needed} (was {historical})"}


def test_presentation_layout_makes_every_font_large(snapshot, region):
    result = result_for(region, scenario.DEFAULT)
    shown = meeting.shown_table(result, "nl")
    tiles = municipality_map(
        presentation.map_rows(shown), "homes", "homes_text", {"title": "Kaart", "colorbar": "W"}, None
    )
    assert tiles.data[0].textfont.size == 13  # the builder's own size, too small for a projector
    budget_labels = section("nl", "budget")
    figures = [
        tiles,
        municipality_paths_chart(
            result.yearly_frame(2050),
            {"title": "T", "path": "p", "historical": "h", "others": "o", "all": "a", "hover": "%{y}"},
            "GM0153",
        ),
        budget_sankey(budget.budget_flows(budget.budget_table(snapshot), True), budget_labels, "nl"),
        pace_bars(presentation.pace_rows(shown), pace_labels()),
        known_amount_bars(
            meeting.contribution_rows(snapshot, "nl"),
            {"title": "B", "axis": "€", "known": "bekend", "unknown": "onbekend"},
        ),
    ]
    for figure in figures:
        presentation_layout(figure, height=700)
        assert figure.layout.height == 700
        assert min(font_sizes(figure)) >= 20, font_sizes(figure)
        assert figure.layout.uniformtext.minsize == 22
        assert figure.layout.uniformtext.mode == "show"
        assert all(figure.layout[a].tickfont.color == "#1f2937" for a in figure.layout.to_plotly_json() if "axis" in a)
    assert figures[0].layout.title.font.size == 28


def test_presentation_layout_shows_every_party_on_horizontal_bars(snapshot):
    parties = cost_sharing.parties_for_keys(snapshot["parties"], snapshot["municipalities"])
    allocation = Scenario(budget_total=300_000).sharing(parties).allocation
    assert allocation is not None
    figure = presentation_layout(contribution_bars(allocation, section("nl", "budget"), "nl"), height=560)
    assert figure.layout.yaxis.dtick == 1
    assert figure.layout.yaxis.tickmode == "linear"


def test_pace_bars_carry_both_numbers_as_text(region):
    rows = presentation.pace_rows(meeting.shown_table(result_for(region, scenario.DEFAULT), "nl"))
    figure = pace_bars(rows, pace_labels())
    needed, built, text = figure.data
    assert list(needed.x) == list(rows["per_year"])
    assert list(built.x) == list(rows["hist_average"])
    assert needed.y[-1] == "Oldenzaal (2,3×)"
    assert " 670 (was 396)" in text.text
    # the text sits past the longer bar: Borne needs 102 a year but built 115
    borne = list(text.y).index("Borne (0,9×)")
    assert text.x[borne] == pytest.approx(rows.loc[borne, "hist_average"])


def test_pace_bars_with_an_unknown_history():
    rows = pd.DataFrame(
        {
            "code": ["GM1", "GM2"],
            "name": ["Oost", "West"],
            "per_year": [100.0, 50.0],
            "hist_average": [float("nan"), 40.0],
            "per_year_text": ["100", "50"],
            "hist_average_text": ["onbekend", "40"],
            "pace_ratio_short_text": ["onbekend", "1,3×"],
        }
    )
    figure = pace_bars(rows, pace_labels())
    assert math.isnan(figure.data[1].x[0])  # no bar, not a bar of zero
    assert figure.data[2].text[0] == " 100 (was onbekend)"
    assert figure.data[2].x[0] == 100.0


def test_known_amount_bars_draw_no_bar_for_an_unknown_amount(snapshot):
    rows = meeting.contribution_rows(snapshot, "nl")
    figure = known_amount_bars(rows, {"title": "B", "axis": "€", "known": "bekend", "unknown": "onbekend"})
    bars, words = figure.data
    assert list(bars.y) == ["Almelo"]
    assert list(bars.x) == [102_000.0]
    assert list(bars.text) == ["€ 102.000"]
    assert len(words.y) == 16
    assert set(words.text) == {"onbekend"}
    assert set(words.x) == {0}
    assert list(figure.layout.yaxis.categoryarray)[-1] == "Rijk"  # the first party at the top
