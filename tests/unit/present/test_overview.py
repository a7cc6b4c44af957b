"""The Overzicht page's population growth (ros/present/overview.py): text columns and the chart's title in the
language, from the shipped snapshot."""

from __future__ import annotations

from ros.present import overview


def test_the_growth_table_reads_dutch_numbers(snapshot) -> None:
    table = overview.growth_table(snapshot, "nl").set_index("name")
    assert list(table.loc["Almelo", ["growth_text", "population_text"]]) == ["+841", "74.317"]


def test_the_growth_chart_names_the_dates_of_its_figures_in_each_language(snapshot) -> None:
    table = overview.growth_table(snapshot, "nl")
    dutch = overview.growth_chart(snapshot, table, "nl").layout.title.text
    english = overview.growth_chart(snapshot, overview.growth_table(snapshot, "en"), "en").layout.title.text
    assert dutch == "Groei van het aantal inwoners per gemeente, 1-1-2024 tot 1-1-2026"
    assert english == "Change in inhabitants per municipality, 1/1/2024 to 1/1/2026"
