"""ros.present.charts.overview: the population growth bars of Overzicht, on the real CBS figures."""

from __future__ import annotations

from ros.base import format as fmt
from ros.base.i18n import section
from ros.model import region
from ros.present.charts.overview import population_growth_bars
from ros.present.charts.style import PALETTE


def figure_for(snapshot, lang: str):
    table = fmt.with_text_columns(
        region.standing_table(snapshot), lang, {"growth": "signed", "population": "number", "population_now": "number"}
    )
    labels = section(lang, "overview")
    return population_growth_bars(
        table,
        {"title": labels["growth_chart"], "axis": labels["growth_axis"], "hover": labels["growth_hover"]},
        fmt.plotly_separators(lang),
    )


def test_growth_bars_per_municipality_largest_on_top_with_signed_values(snapshot) -> None:
    figure = figure_for(snapshot, "nl")
    [bars] = figure.data
    assert list(bars.y)[-1] == "Hengelo"
    assert next(iter(bars.y)) == "Haaksbergen"  # horizontal: the last bar is on top
    values = dict(zip(bars.y, bars.x, strict=True))
    assert (values["Hengelo"], values["Enschede"], values["Haaksbergen"]) == (980, 933, -46)
    assert sum(values.values()) == 5_643  # 646.449 (1-1-2026, provisional) − 640.806 (1-1-2024)
    texts = dict(zip(bars.y, bars.text, strict=True))
    assert (texts["Hengelo"], texts["Haaksbergen"]) == ("+980", "−46")


def test_a_decline_has_its_own_colour_and_text_not_colour_alone(snapshot) -> None:
    [bars] = figure_for(snapshot, "nl").data
    colours = dict(zip(bars.y, bars.marker.color, strict=True))
    assert colours["Haaksbergen"] == PALETTE[5]
    assert colours["Almelo"] == PALETTE[0]
    assert all(t for t in bars.text)


def test_labels_and_hover_follow_the_language(snapshot) -> None:
    dutch, english = figure_for(snapshot, "nl"), figure_for(snapshot, "en")
    assert dutch.layout.title.text.startswith("Groei van het aantal inwoners per gemeente")
    assert dutch.layout.xaxis.title.text == "Verandering in inwoners"
    assert english.layout.xaxis.title.text == section("en", "overview")["growth_axis"]
    assert dutch.layout.separators == ",."
    assert english.layout.separators == ".,"
    hengelo = list(dutch.data[0].y).index("Hengelo")
    assert list(dutch.data[0].customdata[hengelo]) == ["83.058", "84.038"]
    assert "%{customdata[1]}" in dutch.data[0].hovertemplate
