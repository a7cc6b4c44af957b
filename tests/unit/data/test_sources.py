"""The sources of the snapshot say what they are: real titles and dates, full references, no dangling ids."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest

from ros.base.config import data_dir

URL = re.compile(r"https?://\S+")
# Tweede Kamer document numbers (2024D43452) and the Almelo decision's document numbers (D/25/754157).
DOCUMENT_NUMBER = re.compile(r"\b(\d{4}D\d{5}|D/\d{2}/\d{6})\b")
# A row whose full address is not known says so in exactly these words (facts.md has no address for it).
NO_ADDRESS = "Geen volledig adres bekend"


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
    assert "MIRT" not in milestone["title_nl"]
    assert "MIRT" not in milestone["title_en"]


def test_press_releases_carry_the_titles_they_were_published_with(sources) -> None:
    assert (
        sources.loc["woondeal_twente_2022", "title"] == "Overijssel en Drenthe ondertekenen eerste regionale woondeals"
    )
    assert sources.loc["npvr_2024_12_20", "title"] == "Nieuw nationaal programma voor vitale regio's"
    assert sources.loc["rijk_persbericht_2024_11_12", "title"] == (
        "Start verstedelijkingsstrategie in Stedendriehoek, Twente en Limburg-Centraal"
    )


def full_address(url: str) -> bool:
    """A URL that names a page: a host and a path that is more than a bare domain or a date folder."""
    parts = urlparse(url)
    segments = [s for s in parts.path.split("/") if s]
    return bool(parts.netloc) and bool(segments) and not segments[-1].isdigit()


def test_every_source_has_title_publisher_date_and_a_full_reference(sources) -> None:
    for source_id, row in sources.iterrows():
        for field in ("title", "publisher", "date"):
            assert row[field].strip(), (source_id, field)
        urls = URL.findall(row["reference"])
        assert all(full_address(u) for u in urls), (source_id, urls)
        if not urls and not DOCUMENT_NUMBER.search(row["reference"]):
            assert row["note"].startswith(NO_ADDRESS + ":"), source_id


def test_the_address_check_refuses_bare_domains_and_date_folders() -> None:
    assert not full_address("https://www.enschede.nl")
    assert not full_address("https://www.rijksoverheid.nl/")
    assert not full_address("https://www.rijksoverheid.nl/actueel/nieuws/2024/11/12")
    assert full_address("https://www.rijksoverheid.nl/actueel/nieuws/2024/11/12/start-verstedelijkingsstrategie")
    assert DOCUMENT_NUMBER.search("Tweede Kamer 2026D00875")
    assert DOCUMENT_NUMBER.search("bijlage D/25/754157")


def test_every_source_has_an_address_or_document_numbers(sources) -> None:
    without = [
        i
        for i, r in sources.iterrows()
        if not URL.search(r["reference"]) and not DOCUMENT_NUMBER.search(r["reference"])
    ]
    assert without == []
    assert sources.loc["plancapaciteit_2021", "reference"] == (
        "https://github.com/followthemoney/plancapaciteit/blob/1bd668297c7f7d99ada9000f1213c0dd6a831bec/data/"
        "plancapaciteit_databewijst.xlsx"
    )
    assert sources.loc["plancapaciteit_2021", "reference"] in sources.loc["pblcbs_prognose_2019", "reference"]


def test_the_decision_is_not_named_after_its_annex(sources) -> None:
    decision = sources.loc["besluit_almelo_2025"]
    assert "D/25/" not in decision["title"]  # D/25/754157 is the Plan van aanpak, an annex
    assert "Plan van aanpak ROS 4 april 2025 (D/25/754157)" in decision["reference"]
    assert "volmacht (D/25/754155)" in decision["reference"]
    assert "brief aan de raad over het plan van aanpak (D/25/754153)" in decision["reference"]


def test_every_source_id_in_any_data_file_is_listed() -> None:
    known = set(pd.read_csv(data_dir() / "sources.csv", dtype=str)["id"])
    used: dict[str, set[str]] = {}
    for path in sorted(Path(data_dir()).glob("*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in (c for c in frame.columns if c.endswith("source_id")):
            used[f"{path.name}:{column}"] = {v for v in frame[column] if v}
    assert "milestones.csv:source_id" in used
    assert "municipalities.csv:area_land_source_id" in used
    for where, ids in used.items():
        assert ids <= known, (where, sorted(ids - known))


def test_the_three_cities_baseline_is_our_cbs_sum_not_the_enschede_page(snapshot, sources) -> None:
    target = snapshot["targets"].set_index("id").loc["cities_population_2050"]
    assert (target["source_id"], target["baseline_source_id"]) == ("enschede_2023_11_02", "cbs_85984ned")
    cities = snapshot["municipalities"].set_index("code").loc[["GM0153", "GM0164", "GM0141"], "population"]
    assert target["baseline"] == cities.sum() == 319_113
    page = sources.loc["enschede_2023_11_02"]
    assert page["date"] == "2023-11-02"
    assert "staat niet op deze pagina" in page["note"]
    assert snapshot["targets"]["baseline_source_id"].isna().sum() == 4


def test_the_30_40_30_mix_is_the_aim_for_all_of_overijssel(snapshot) -> None:
    wording = snapshot["targets"].set_index("id").loc["woondeal_homes_2030", "wording"]
    assert "streven voor heel Overijssel" in wording
    assert "ten minste 14.100 woningen tot eind 2030" in wording


def test_the_press_release_milestone_names_the_three_cities(snapshot) -> None:
    row = snapshot["milestones"].set_index("id").loc["kamerbrief_2024_11_12"]
    assert "69.000 woningen mogelijk in de steden Enschede, Hengelo en Almelo" in row["title_nl"]
    assert "69,000 homes possible by 2050 in the cities of Enschede, Hengelo and Almelo" in row["title_en"]
    assert "in Twente" not in row["title_nl"]


def test_an_unverified_licence_is_not_stated_as_fact(sources) -> None:
    pdok = sources.loc["pdok_gebiedsindelingen"]
    assert pdok["licence"] == "onbekend"
    assert pdok["note"].startswith("Licentie niet geverifieerd: ")
