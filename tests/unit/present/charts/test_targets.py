"""Chart builders of the targets page: what is drawn, with which labels and texts."""

from __future__ import annotations

from ros.base.i18n import section
from ros.model import targets
from ros.present.charts import targets as charts
from ros.present.charts.style import MUTED

LABELS = section("nl", "targets")


def path_labels():
    return {
        "title": "T",
        "axis": "Woningen erbij",
        "path": "Gekozen bouwpad",
        "outlook": "Doorkijk",
        "historical": "Tempo 2012–2020",
        "target": "Doel",
        "woondeal": "Woondeal Twente",
        "hover": "%{y}",
    }


def test_region_path_chart_draws_path_history_target_and_woondeal(region):
    result = targets.recompute(region, targets.TargetSettings(outlook="continue"))
    figure = charts.region_path_chart(
        result.region_path(), path_labels(), 2050, (69_000, "Doel 69.000"), (2030, 14_100, "Woondeal ≥ 14.100")
    )
    names = [trace.name for trace in figure.data]
    assert names == ["Gekozen bouwpad", "Doorkijk", "Tempo 2012–2020", "Doel", "Woondeal Twente"]
    path, outlook = figure.data[0], figure.data[1]
    assert path.x[-1] == 2050
    assert path.y[-1] == 69_000
    assert outlook.line.dash == "dash"
    assert outlook.x[-1] == 2100
    assert outlook.y[-1] > 69_000
    assert figure.data[3].text == ("Doel 69.000",)
    assert figure.data[4].text == ("Woondeal ≥ 14.100",)
    assert (figure.data[4].x[0], figure.data[4].y[0]) == (2030, 14_100)
    assert figure.layout.separators == ",."


def test_region_path_chart_has_no_outlook_when_building_stops(region):
    result = targets.recompute(region, targets.TargetSettings())
    figure = charts.region_path_chart(result.region_path(), path_labels(), 2050, (69_000, "Doel"), None, ".,")
    assert "Doorkijk" not in [t.name for t in figure.data]
    assert "Woondeal Twente" not in [t.name for t in figure.data]
    assert figure.layout.separators == ".,"


def municipality_labels():
    return {
        "title": "T",
        "path": "Gekozen bouwpad",
        "historical": "Tempo",
        "others": "Andere gemeenten",
        "all": "Alle gemeenten",
        "hover": "%{y}",
    }


def test_municipality_paths_chart_highlights_the_chosen_municipality_over_the_others_in_grey(region):
    yearly = targets.recompute(region, targets.TargetSettings()).yearly_frame()
    figure = charts.municipality_paths_chart(yearly[yearly["year"] <= 2050], municipality_labels(), "GM0153")
    assert [t.name for t in figure.data] == ["Andere gemeenten", "Enschede: Tempo", "Enschede: Gekozen bouwpad"]
    others, history, enschede = figure.data
    assert others.line.width == 1
    assert others.line.color == MUTED
    assert sorted({n for n in others.customdata if n}) == sorted(set(region.names) - {"Enschede"})
    assert list(others.x).count(None) == 13  # one break after each of the 13 other paths
    assert enschede.y[-1] == 17_415
    assert enschede.x[-1] == 2050
    assert enschede.line.width == 3
    assert enschede.text[-1] == "Enschede"
    assert set(enschede.text[:-1]) == {""}
    assert history.line.dash == "dot"
    assert len(history.x) == 26
    assert len(figure.layout.annotations) == 0
    assert "xaxis2" not in figure.layout.to_plotly_json()


def test_municipality_paths_chart_without_a_choice_draws_every_municipality_alike(region):
    yearly = targets.recompute(region, targets.TargetSettings()).yearly_frame()
    figure = charts.municipality_paths_chart(yearly[yearly["year"] <= 2050], municipality_labels(), None, ".,")
    assert [t.name for t in figure.data] == ["Alle gemeenten"]
    assert sorted({n for n in figure.data[0].customdata if n}) == sorted(region.names)
    assert figure.layout.separators == ".,"


def test_residents_path_chart_shows_target_and_provisional_actual(region):
    result = targets.recompute(region, targets.TargetSettings())
    figure = charts.residents_path_chart(
        result.region_path(),
        {k: LABELS[f"residents_{k}"] for k in ("title", "axis", "path", "target", "actual", "hover")},
        2050,
        (100_000, "Doel 100.000"),
        (2025, 5_643, "1-1-2026: +5.643 (voorlopig)"),
    )
    assert [t.name for t in figure.data] == ["Volgens bouwpad en aanname", "Inwonersdoel", "Werkelijk (voorlopig)"]
    assert figure.data[2].text == ("1-1-2026: +5.643 (voorlopig)",)
    assert figure.layout.shapes[0].y0 == 100_000
