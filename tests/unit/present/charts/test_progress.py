"""Chart builders of the progress page: own figures hatched and named, unknowns labelled, reference bands named
as a reference, values as text."""

from __future__ import annotations

import pandas as pd
import pytest

from ros.present.charts import progress as charts

LABELS = {
    "title": "T",
    "axis": "woningen",
    "new_construction": "Nieuwbouw",
    "net_change": "Netto toevoeging",
    "own": "eigen opgave",
    "unknown": "onbekend",
}


def _years() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "label": ["2020", "2025", "2026 t/m september"],
            "new_construction": pd.array([1719, 316, 2079], dtype="Int64"),
            "net_change": pd.array([None, 0, 1953], dtype="Int64"),
            "new_construction_origin": ["cbs", "eigen", "cbs"],
            "net_change_origin": [None, "eigen", "cbs"],
            "new_construction_text": ["1.719", "316", "2.079*"],
            "net_change_text": ["onbekend", "0", "1.953*"],
        }
    )


def test_realised_chart_hatches_own_figures_and_labels_unknowns() -> None:
    figure = charts.realised_chart(_years(), LABELS)
    traces = {t.name: t for t in figure.data}
    assert list(traces) == [
        "Nieuwbouw",
        "Nieuwbouw (eigen opgave)",
        "Netto toevoeging",
        "Netto toevoeging (eigen opgave)",
        "Netto toevoeging: onbekend",
    ]
    assert traces["Nieuwbouw (eigen opgave)"].marker.pattern.shape == "/"
    assert traces["Nieuwbouw"].marker.pattern.shape is None
    assert list(traces["Netto toevoeging: onbekend"].text) == ["onbekend"]
    assert list(traces["Netto toevoeging: onbekend"].y) == [0.0]  # a zero-height bar carrying the word, not a 0
    assert list(traces["Netto toevoeging"].text) == ["1.953*"]
    assert list(figure.layout.xaxis.categoryarray) == ["2020", "2025", "2026 t/m september"]


def test_track_chart_names_the_reference_bands_and_own_figures() -> None:
    cumulative = pd.DataFrame(
        {
            "label": ["2025", "2026 t/m september"],
            "path": [2660.0, 4654.25],
            "realised": pd.array([2289, 4242], dtype="Int64"),
            "path_text": ["2.660", "4.654"],
            "realised_text": ["2.289", "4.242"],
        }
    )
    labels = {
        "title": "T",
        "axis": "woningen",
        "path": "Bouwpad",
        "realised": "Gerealiseerd",
        "own": "eigen opgave",
        "band": "Referentie Housing Delivery Test {share} van het bouwpad",
    }
    figure = charts.track_chart(cumulative, labels, (0.95, 0.85, 0.75), own=True)
    names = [t.name for t in figure.data]
    assert names == [
        "Bouwpad",
        "Referentie Housing Delivery Test 95% van het bouwpad",
        "Referentie Housing Delivery Test 85% van het bouwpad",
        "Referentie Housing Delivery Test 75% van het bouwpad",
        "Gerealiseerd (eigen opgave)",
    ]
    assert [t.line.dash for t in figure.data[1:4]] == ["dash", "dot", "dashdot"]
    assert figure.data[-1].line.dash == "dash"
    assert list(figure.data[-1].text) == ["2.289", "4.242"]
    assert list(figure.data[1].y) == pytest.approx([2527.0, 4421.5375])


def test_capacity_and_forecast_charts() -> None:
    table = pd.DataFrame(
        {
            "name": ["Almelo"],
            "to_build": [7816],
            "to_build_text": ["7.816"],
            "capacity": pd.array([None], dtype="Int64"),
            "capacity_text": ["onbekend"],
            "rule_capacity": [10161],
        }
    )
    figure = charts.capacity_chart(
        table,
        {
            "title": "T",
            "axis": "w",
            "capacity": "Plancapaciteit",
            "to_build": "Nog te bouwen",
            "rule": "Vuistregel 130% (geen norm)",
        },
    )
    assert [t.name for t in figure.data] == ["Nog te bouwen", "Plancapaciteit", "Vuistregel 130% (geen norm)"]
    assert list(figure.data[1].text) == ["onbekend"]
    series = pd.DataFrame(
        {
            "year": [2026, 2050],
            "forecast": pd.array([648_000, 655_000], dtype="Int64"),
            "lower": pd.array([640_000, 625_000], dtype="Int64"),
            "upper": pd.array([656_000, 690_000], dtype="Int64"),
            "forecast_text": ["648.000", "655.000"],
        }
    )
    ambition = pd.DataFrame(
        {"year": [2024, 2050], "ambition": [640_806, 740_806], "ambition_text": ["640.806", "740.806"]}
    )
    figure = charts.forecast_chart(
        series,
        ambition,
        (2026, 646_449, "646.449"),
        {
            "title": "T",
            "axis": "inwoners",
            "forecast": "Prognose 2022",
            "interval": "67%-interval",
            "ambition": "Ambitie (aanname)",
            "today": "Werkelijk",
        },
    )
    assert figure.data[0].name == "67%-interval"
    assert figure.data[0].mode == "lines"
    assert list(figure.data[0].y) == [656_000.0, 690_000.0, 625_000.0, 640_000.0]
    assert list(figure.data[1].y).count(None) == 23  # 2027–2049 are not in the forecast: the line breaks
    assert figure.data[2].line.dash == "dash"
    assert list(figure.data[3].text) == ["740.806"]
    assert figure.data[-1].name == "Werkelijk"
    assert list(figure.data[-1].text) == ["646.449"]
