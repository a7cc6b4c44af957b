"""ros.present.charts.municipality: one municipality's homes path for Mijn gemeente and its briefing, on real data."""

from __future__ import annotations

import math

import pandas as pd

from ros.base.i18n import section
from ros.model import municipality, targets
from ros.present.charts.municipality import HEIGHT, municipality_path_chart


def labels(lang: str) -> dict[str, str]:
    words = section(lang, "municipality")
    return {
        "title": "Enschede",
        "axis": words["chart_axis"],
        "path": words["chart_path"],
        "outlook": words["chart_outlook"],
        "historical": "2012–2020",
        "target": words["chart_target"],
        "hover": words["chart_hover"],
    }


def test_the_path_reaches_the_target_and_the_history_is_dotted(region) -> None:
    result = targets.recompute(region, targets.TargetSettings())
    path = municipality.yearly_path(result, "GM0153")
    figure = municipality_path_chart(path, labels("nl"), 2050, (17_415, "Doel 17.415"), ",.")
    names = [trace.name for trace in figure.data]
    assert names[0] == section("nl", "municipality")["chart_path"]
    assert "2012–2020" in names
    homes = figure.data[0]
    assert next(iter(homes.x)) == 2025
    assert list(homes.x)[-1] == 2050
    assert list(homes.y)[-1] == 17_415  # Enschede's share of 69.000 by population (1-1-2024)
    history = next(t for t in figure.data if t.name == "2012–2020")
    assert history.line.dash == "dot"
    assert list(history.y) == list(path["historical"])
    target = next(t for t in figure.data if t.name == section("nl", "municipality")["chart_target"])
    assert (list(target.x), list(target.y), list(target.text)) == ([2050], [17_415], ["Doel 17.415"])
    assert figure.layout.height == HEIGHT
    assert figure.layout.separators == ",."
    assert figure.layout.yaxis.title.text == section("nl", "municipality")["chart_axis"]


def test_an_unknown_history_is_not_drawn_as_zero() -> None:
    path = pd.DataFrame(
        {"year": [2025, 2026], "homes": [10, 10], "cumulative": [10, 20], "historical": [math.nan, math.nan]}
    )
    figure = municipality_path_chart(path, labels("en"), 2026, (20, "Target 20"), ".,")
    assert "2012–2020" not in [trace.name for trace in figure.data]
    assert figure.layout.separators == ".,"
