"""The sources of the snapshot say what they are: real titles and dates, full references, no dangling ids."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest


@pytest.fixture(scope="module")
def sources(snapshot) -> pd.DataFrame:
    return snapshot["sources"].set_index("id")


def test_the_mirt_annex_has_its_real_title_and_date(sources) -> None:
    row = sources.loc["kamerstuk_2026D00875"]
    assert row["title"] == "Afsprakenlijst BO's MIRT 5, 7 en 8 januari 2026 voor VRO (2026D00875)"
    assert row["date"] == "2026-01-13"
    assert "2026D00874" in row["note"]
    assert "Verslag" not in row["title"]


def test_the_2024_letter_is_about_the_leefomgeving_talks_only(sources, snapshot) -> None:
    row = sources.loc["kamerbrief_2024D43452"]
    assert row["title"] == "Uitkomsten Bestuurlijke Overleggen Leefomgeving 2024 (2024D43452)"
    assert row["date"] == "2024-11-12"
    assert "MIRT" not in row["title"]
    milestone = snapshot["milestones"].set_index("id").loc["bo_2024_start"]
    assert "MIRT" not in milestone["title_nl"] and "MIRT" not in milestone["title_en"]


def test_press_releases_carry_the_titles_they_were_published_with(sources) -> None:
    assert sources.loc["woondeal_twente_2022", "title"] == "Overijssel en Drenthe ondertekenen eerste regionale woondeals"
    assert sources.loc["npvr_2024_12_20", "title"] == "Nieuw nationaal programma voor vitale regio's"
    assert sources.loc["rijk_persbericht_2024_11_12", "title"] == (
        "Start verstedelijkingsstrategie in Stedendriehoek, Twente en Limburg-Centraal")
