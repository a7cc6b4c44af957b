"""The Excel workbook of a scenario: every sheet, real numbers, and formula text neutralised."""

import io

import openpyxl
import pandas as pd

from ros import scenario as sc
from ros.targets import recompute, region_data
from ros.workbook import scenario_workbook


def test_workbook_has_settings_results_ledger_and_safe_sources(snapshot) -> None:
    chosen = sc.Scenario(woningen=80_000, grootboek=[{"party": "GM0141", "year": 2025, "toegezegd": 51_000}])
    sources = pd.concat([snapshot["sources"], pd.DataFrame([{"id": "x", "title": "=HYPERLINK(\"http://evil\")"}])])
    data = scenario_workbook(chosen, recompute(region_data(snapshot), chosen.target_settings()), "nl", sources)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Instellingen", "Doelen per gemeente", "Bouwpad per gemeente", "Twente per jaar",
                               "Kasboek (scenario)", "Bronnen"]
    settings = {row[1].value: row[2].value for row in book["Instellingen"].iter_rows(min_row=2)}
    assert settings["Nieuwe woningen voor heel Twente"] == "80.000"
    targets = book["Doelen per gemeente"]
    header = [c.value for c in targets[1]]
    homes = [row[header.index("homes")].value for row in targets.iter_rows(min_row=2)]
    assert len(homes) == 15 and homes[-1] == 80_000 and sum(homes[:-1]) == 80_000
    assert [c.value for c in book["Kasboek (scenario)"][2]][:3] == ["GM0141", 2025, 51000]
    titles = [row[1].value for row in book["Bronnen"].iter_rows(min_row=2)]
    assert "'=HYPERLINK(\"http://evil\")" in titles


def test_workbook_includes_contributions_when_given(snapshot) -> None:
    contributions = pd.DataFrame({"party": ["rijk"], "amount": [1.5]})
    data = scenario_workbook(sc.DEFAULT, recompute(region_data(snapshot), sc.DEFAULT.target_settings()), "en",
                             snapshot["sources"], contributions)
    assert "Cost sharing (scenario)" in openpyxl.load_workbook(io.BytesIO(data)).sheetnames
