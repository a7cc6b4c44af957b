"""The hand-drawn SVG bar chart: well-formed, heights in proportion, unknown named instead of drawn, provisional
marked by an asterisk and an open bar, every text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ros.present.charts.style import PRIMARY
from ros.present.charts.svg import Bar, bars_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_bars_in_proportion_with_unknown_and_provisional_years() -> None:
    bars = [Bar("2020", 500, "500"), Bar("2021", None, "onbekend"), Bar("2022", 250, "250", provisional=True)]
    root = ET.fromstring(bars_svg("Nieuwbouw <per jaar> & meer", bars, "Bron: CBS", "* voorlopig", "beschrijving"))
    background, first, third = root.findall(f"{SVG}rect")
    assert float(first.get("height", 0)) == 2 * float(third.get("height", 0))
    assert (first.get("fill"), third.get("fill"), third.get("stroke")) == (PRIMARY, "#ffffff", PRIMARY)
    texts = [e.text for e in root.iter(f"{SVG}text")]
    assert texts == ["Nieuwbouw <per jaar> & meer", "500", "2020", "onbekend", "2021", "250*", "2022",
                     "* voorlopig", "Bron: CBS"]  # fmt: skip
    assert root.find(f"{SVG}title").text == "Nieuwbouw <per jaar> & meer"  # type: ignore[union-attr]
    assert background.get("fill") == "#ffffff"


def test_without_provisional_figures_there_is_no_note() -> None:
    root = ET.fromstring(bars_svg("T", [Bar("2020", 1, "1")], "Bron: CBS", "* voorlopig", "d"))
    assert [e.text for e in root.iter(f"{SVG}text")] == ["T", "1", "2020", "Bron: CBS"]
