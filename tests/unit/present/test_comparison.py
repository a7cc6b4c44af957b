"""ros.present.comparison: settings in words, the settings that differ, and the comparison as text columns."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ros.model import comparison as compare
from ros.model import targets
from ros.present import comparison
from ros.records import scenario


def test_every_kind_of_setting_in_words() -> None:
    assert comparison.setting_text("woningen", 80_000, "nl") == "80.000"
    assert comparison.setting_text("sleutel", "equal", "nl") == "Gelijk deel per gemeente"
    assert comparison.setting_text("steden", 80.0, "nl") == "80,0%"
    assert comparison.setting_text("bewoning", -0.5, "nl") == "-0,5% per jaar"
    assert comparison.setting_text("totaalbudget", 1234.5, "nl") == "€ 1.234,50"
    assert comparison.setting_text("totaalbudget", None, "en") == "unknown"
    assert comparison.setting_text("stand", None, "nl") == "vandaag"
    assert comparison.setting_text("stand", date(2026, 3, 1), "en") == "1 March 2026"
    assert comparison.setting_text("startjaar", 2026, "nl") == "2026"
    assert comparison.setting_text("gewichten", "", "nl") == "geen"


def test_differences_list_only_what_differs_in_page_order() -> None:
    other = scenario.Scenario(homes_total=80_000, shape="s_curve")
    changes = comparison.differences(scenario.DEFAULT, other, "nl")
    assert changes.to_dict(orient="records") == [
        {"setting": "Nieuwe woningen voor heel Twente", "base": "69.000", "other": "80.000"},
        {
            "setting": "Vorm van het bouwpad",
            "base": "Gelijkmatig (elk jaar evenveel)",
            "other": "S-curve (op gang komen, piek halverwege, afbouwen)",
        },
    ]
    assert comparison.differences(other, other, "nl").empty
    assert list(comparison.changed_settings(other, "nl").columns) == ["setting", "default", "value"]


def test_settings_table_names_every_setting_with_value_and_default() -> None:
    table = comparison.settings_table(scenario.Scenario(homes_total=80_000), "en")
    assert list(table["parameter"]) == list(scenario.URL_FIELDS)
    row = table.set_index("parameter").loc["woningen"]
    assert (row["value"], row["default"]) == ("80,000", "69,000")


def test_display_puts_base_other_and_change_as_text(region) -> None:
    frame = compare.target_differences(
        targets.recompute(region, targets.TargetSettings()),
        targets.recompute(region, targets.TargetSettings(homes_total=80_000)),
    )
    shown = comparison.display(frame, "nl", "Twente").set_index("name")
    assert list(shown.loc["Twente", ["homes_base", "homes_other", "homes_delta"]]) == ["69.000", "80.000", "+11.000"]
    assert shown.loc["Twente", "pace_base"] == "1,6"
    assert shown.loc["Enschede", "homes_base"] == "17.415"


def test_key_figures_in_words_say_targets_projections_and_the_woondeal_outcome(region) -> None:
    from ros.model import comparison as compare
    from ros.model import targets

    base = targets.recompute(region, targets.TargetSettings())
    other = targets.recompute(region, targets.TargetSettings(homes_total=80_000, end_year=2045, shape="back"))
    table = comparison.key_figures_table(compare.key_figures(base, other, 2030), "nl", 14_100, 2030)
    rows = table.set_index("measure")
    assert list(rows.loc["Doeljaar"]) == ["2050", "2045", "−5 jaar"]
    assert list(rows.loc["Extra inwoners tot het doeljaar (doel)"]) == ["100.000", "100.000", "geen verschil"]
    assert rows.at["Inwoners erbij in het doeljaar (raming)", "base"] == "154.197"
    woondeal = rows.loc["Woondeal-check: woningen tot eind 2030 (doel ≥ 14.100)"]
    assert woondeal["base"] == "15.949: gehaald"
    assert woondeal["other"].endswith(": niet gehaald")
    english = comparison.key_figures_table(compare.key_figures(base, base, 2030), "en", 14_100, 2030)
    assert set(english["delta"]) == {"no difference"}


def test_map_labels_say_no_difference_for_zero() -> None:
    assert comparison.difference_texts(pd.Series([0, 12, -3.4]), "nl") == ["geen verschil", "+12", "−3"]
