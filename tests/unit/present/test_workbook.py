"""The Excel workbook of a scenario: an about sheet first, headers in the UI language, numbers with formats."""

import io
from datetime import date

import openpyxl
import pandas as pd

from ros.base import format as fmt
from ros.base.i18n import translate
from ros.data.snapshot import data_version
from ros.model.targets import recompute, region_data
from ros.present.workbook import scenario_workbook
from ros.records import scenario as sc


def _book(snapshot, chosen, lang="nl", sources=None, contributions=None):
    data = scenario_workbook(
        chosen,
        recompute(region_data(snapshot), chosen.target_settings()),
        lang,
        snapshot["sources"] if sources is None else sources,
        contributions,
        data_version(snapshot),
        date(2026, 12, 1),
    )
    return openpyxl.load_workbook(io.BytesIO(data))


def test_workbook_has_about_results_ledger_and_safe_sources(snapshot) -> None:
    chosen = sc.Scenario(homes_total=80_000, ledger_entries=[{"party": "GM0141", "year": 2025, "toegezegd": 51_000}])
    sources = pd.concat([snapshot["sources"], pd.DataFrame([{"id": "x", "title": '=HYPERLINK("http://evil")'}])])
    book = _book(snapshot, chosen, sources=sources)
    assert book.sheetnames == [
        "Over dit bestand",
        "Doelen per gemeente",
        "Bouwpad per gemeente",
        "Twente per jaar",
        "Kasboek (scenario)",
        "Bronnen",
    ]
    targets = book["Doelen per gemeente"]
    header = [c.value for c in targets[1]]
    assert "homes" not in header
    assert "peak_year" not in header
    homes = [row[header.index("Woningen")] for row in targets.iter_rows(min_row=2)]
    assert len(homes) == 15
    assert homes[-1].value == 80_000
    assert sum(c.value for c in homes[:-1]) == 80_000
    assert homes[0].number_format == "#,##0"
    share = targets.cell(row=2, column=header.index("Deel") + 1)
    assert share.number_format == "0.0%"
    assert 0 < share.value < 1
    ledger_headers = [translate("nl", f"columns.{c}") for c in ("partij", "jaar", "toegezegd")]
    assert ledger_headers == ["Partij", "Jaar", "Toegezegd (€)"]
    assert [c.value for c in book["Kasboek (scenario)"][1]][:3] == ledger_headers
    assert [c.value for c in book["Kasboek (scenario)"][2]][:3] == ["GM0141", 2025, 51000]
    titles = [row[1].value for row in book["Bronnen"].iter_rows(min_row=2)]
    assert '\'=HYPERLINK("http://evil")' in titles


def test_about_sheet_has_data_version_and_settings_as_numbers(snapshot) -> None:
    book = _book(snapshot, sc.Scenario(homes_total=80_000, occupancy_change=-0.5))
    about = book["Over dit bestand"]
    assert [c.value for c in about[1]] == ["Onderdeel", "In woorden", "Getal", "Standaard", "In de link"]
    rows = {row[0].value: row for row in about.iter_rows(min_row=2, max_row=5)}
    rows |= {row[4].value: row for row in about.iter_rows(min_row=6)}
    newest = fmt.partial_date(data_version(snapshot).newest_source, "nl")
    assert newest.count(" ") == 2
    assert newest.endswith("2026")
    assert rows["Gegevensversie"][1].value == f"{snapshot.version.fingerprint} (nieuwste bron: {newest})"
    assert len(snapshot.version.fingerprint) == 12
    assert rows["Gemaakt op"][1].value == "1 december 2026"
    homes = rows["woningen"]
    assert (homes[1].value, homes[2].value, homes[2].number_format, homes[3].value, homes[4].value) == (
        "80.000",
        80_000,
        "#,##0",
        "69.000",
        "woningen",
    )
    assert homes[0].value == "Nieuwe woningen voor heel Twente"
    cities = rows["steden"]
    assert (cities[2].value, cities[2].number_format) == (1.0, "0.0%")
    occupancy = rows["bewoning"]
    assert (occupancy[2].value, occupancy[2].number_format) == (-0.005, "0.00%")
    start = rows["startjaar"]
    assert (start[2].value, start[2].number_format) == (2025, "0")
    key = rows["sleutel"]
    assert key[2].value is None
    assert key[1].value


def test_workbook_in_english_includes_contributions(snapshot) -> None:
    contributions = pd.DataFrame({"party": ["rijk"], "amount": [1.5]})
    book = _book(snapshot, sc.DEFAULT, "en", contributions=contributions)
    assert book.sheetnames[0] == "About this file"
    assert "Cost sharing (scenario)" in book.sheetnames
    assert [c.value for c in book["Cost sharing (scenario)"][1]] == ["Party", "Amount (€)"]
    assert book["Cost sharing (scenario)"]["B2"].number_format == '"€" #,##0.00'
    assert "Homes" in [c.value for c in book["Targets per municipality"][1]]
