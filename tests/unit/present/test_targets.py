"""The Doelen page in words: the occupancy sensitivity table, each row labelled an assumption."""

from __future__ import annotations

import math

import pandas as pd

from ros.model import targets
from ros.model.targets import TargetSettings, recompute
from ros.present import targets as target_words
from ros.present.targets import change_text, from_now_text, homes_needed_text, occupancy_sensitivity_table


def test_the_sensitivity_table_in_dutch_and_english(region) -> None:
    frame = targets.recompute(region, targets.TargetSettings()).occupancy_sensitivity()
    dutch = occupancy_sensitivity_table(frame, "nl", 100_000, 69_000, 2050)
    assert list(dutch.columns) == [
        "Verandering inwoners per woning (aanname)",
        "Woningen nodig voor 100.000 inwoners erbij, eind 2050",
        "Inwoners erbij eind 2050 met 69.000 woningen",
    ]
    assert dutch.iloc[0].tolist() == ["−0,50% per jaar (aanname)", "92.790", "+53.566"]
    assert dutch.iloc[2].tolist() == ["0,00% per jaar (aanname, nu ingesteld)", "44.748", "+154.197"]
    assert all("(aanname" in c for c in dutch.iloc[:, 0])
    english = occupancy_sensitivity_table(frame, "en", 100_000, 69_000, 2050)
    assert english.iloc[4].tolist() == ["+0.50% a year (assumption)", "2,983", "+268,799"]


def test_no_homes_needed_and_unknown_read_as_words() -> None:
    assert homes_needed_text(-12.0, "nl") == "geen: de bestaande woningen volstaan"
    assert homes_needed_text(math.nan, "en") == "unknown"
    assert change_text(-0.0025, "en", True) == "−0.25% a year (assumption, currently set)"
    table = occupancy_sensitivity_table(
        pd.DataFrame({"change": [0.0], "homes_needed": [math.nan], "residents_housed": [0], "is_setting": [True]}),
        "nl",
        100_000,
        0,
        2050,
    )
    assert table.iloc[0, 1] == "onbekend"


def test_from_now_states_the_pace_from_today_next_to_the_plan() -> None:
    from datetime import date

    assert from_now_text(69_000, 2025, 2050, date(2026, 12, 1), "nl") == (
        "Vanaf nu (1-12-2026, nog 24,1 jaar): **ten hoogste 2.865 per jaar** tot eind 2050; minder naarmate er "
        "sinds 2025 al gebouwd is (dat staat nog niet in de gegevens: onbekend)."
    )
    assert from_now_text(69_000, 2027, 2050, date(2026, 12, 1), "nl") == ""
    assert from_now_text(69_000, 2025, 2025, date(2026, 12, 1), "en") == "The target year 2025 has passed."


def test_display_table_texts(region):
    shown = target_words.display_table(recompute(region, TargetSettings()).table(), "nl", "Twente")
    total = targets.row(shown, None)
    assert total["name"] == "Twente"
    assert total["pace_ratio_text"] == "1,6× het gemiddelde van 2012–2020"
    assert (total["homes_text"], total["share_text"], total["reached_year_text"]) == ("69.000", "100,0%", "2067")
    english = target_words.display_table(recompute(region, TargetSettings()).table(), "en", "Twente")
    assert targets.row(english, None)["pace_ratio_text"] == "1.6× the average of 2012–2020"
    assert target_words.year_text(float("nan"), "nl") == "niet in dit tempo"
    assert target_words.ratio_text(float("nan"), "nl") == "onbekend"


def test_reached_text_separates_no_target_unknown_history_and_never():
    assert target_words.reached_text(float("nan"), 0, 100.0, "nl") == "n.v.t."
    assert target_words.reached_text(float("nan"), 500, float("nan"), "nl") == "onbekend"
    assert target_words.reached_text(float("nan"), 500, 0.0, "nl") == "niet in dit tempo"
    assert target_words.reached_text(2061, 500, 10.0, "en") == "2061"


def test_the_woondeal_note_names_how_far_the_cbs_figures_run(snapshot) -> None:
    assert (
        "woningen die daarvóór al onder de Woondeal gebouwd zijn, staan niet in de gegevens (de CBS-cijfers in deze "
        "gegevens lopen tot en met 2020) en tellen hier niet mee."
    ) in target_words.woondeal_note(snapshot, 14_100, 2030, 2025, "nl")


def test_years_in_the_per_year_sheet_have_no_thousands_separator() -> None:
    import io

    import openpyxl

    from ros.base.i18n import section
    from ros.present import exports

    yearly = pd.DataFrame(
        {"code": ["GM0153"], "name": ["Enschede"], "year": [2025], "homes": [670], "cumulative": [670],
         "target": [17415], "historical": [396]}
    )  # fmt: skip
    sheet = target_words.yearly_export(yearly, section("nl", "targets"))
    book = openpyxl.load_workbook(io.BytesIO(exports.excel_bytes({"Per jaar": sheet})))
    year, homes = book["Per jaar"]["C2"], book["Per jaar"]["D2"]
    assert (year.value, year.number_format) == (2025, "0")  # the year, as 2025
    assert homes.number_format == "#,##0"  # homes keep their grouping
