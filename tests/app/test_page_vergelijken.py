"""The Vergelijken page through app.py (AppTest): like with like — key figures of both scenarios in their own target
years, targets and projections named as such, the Woondeal check in words, and 'geen verschil' on the map."""

from __future__ import annotations

from tests.support.app import run_app, texts

PAGE = "app_pages/vergelijken.py"


def test_key_figures_of_both_scenarios_each_in_its_own_target_year() -> None:
    at = run_app(PAGE, {"woningen": "80000", "eindjaar": "2045", "vorm": "back"})
    assert not at.exception
    assert "Kerncijfers van beide scenario's, elk in zijn eigen doeljaar" in texts(at)
    table = at.table[0].value.set_index("Kerncijfer")
    assert list(table.loc["Doeljaar"]) == ["2050", "2045", "−5 jaar"]
    assert list(table.loc["Nieuwe woningen tot het doeljaar (doel)"]) == ["69.000", "80.000", "+11.000"]
    assert table.at["Inwoners erbij in het doeljaar (raming)", "Basis"] == "154.197"
    woondeal = table.loc["Woondeal-check: woningen tot eind 2030 (doel ≥ 14.100)"]
    assert woondeal["Basis"] == "15.949: gehaald"
    assert woondeal["Vergeleken scenario"].endswith(": niet gehaald")
    headers = list(at.dataframe[1].value.columns)
    assert {"residents_base", "housed_base"} <= set(headers)
    assert "Geen verschil" not in texts(at)


def test_same_settings_say_no_difference_on_the_map() -> None:
    at = run_app(PAGE)
    assert not at.exception
    assert any(i.value.startswith("Geen verschil: in beide scenario's") for i in at.info)
    assert set(at.table[0].value["Verschil"]) == {"geen verschil"}
