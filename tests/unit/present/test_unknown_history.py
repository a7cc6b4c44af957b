"""A municipality without CBS history: its best year is unknown in the results, on screen and in the workbook."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from ros.data.snapshot import Snapshot, data_version
from ros.model import targets
from ros.present import targets as target_words
from ros.present.workbook import scenario_workbook
from ros.records import scenario as sc


@pytest.fixture(scope="module")
def without_almelo(snapshot) -> Snapshot:
    tables = dict(snapshot.tables)
    history = tables["new_construction"]
    tables["new_construction"] = history[history["code"] != "GM0141"].reset_index(drop=True)
    return Snapshot(tables)


def test_best_year_is_na_for_the_municipality_and_the_region(without_almelo) -> None:
    table = targets.recompute(targets.region_data(without_almelo), targets.TargetSettings()).table()
    assert str(table["hist_best_year"].dtype) == "Int64"
    assert pd.isna(targets.row(table, "GM0141")["hist_best_year"])
    assert pd.isna(targets.row(table, None)["hist_best_year"])  # the region needs every municipality
    assert targets.row(table, "GM0153")["hist_best_year"] == 2013
    assert not (table["hist_best_year"].dropna() <= 0).any()
    shown = target_words.display_table(table, "nl", "Twente").set_index("code")
    assert shown.at["GM0141", "hist_best_year_text"] == "onbekend"
    assert shown.at["twente", "hist_best_year_text"] == "onbekend"
    assert shown.at["GM0153", "hist_best_year_text"] == "2013"


def test_the_complete_history_keeps_whole_years(region) -> None:
    table = targets.recompute(region, targets.TargetSettings()).table()
    assert targets.row(table, "GM0141")["hist_best_year"] == 2018
    assert targets.row(table, None)["hist_best_year"] == 2019


def test_the_workbook_writes_an_empty_cell_not_minus_one(without_almelo) -> None:
    chosen = sc.Scenario()
    result = targets.recompute(targets.region_data(without_almelo), chosen.target_settings())
    data = scenario_workbook(
        chosen,
        result,
        "nl",
        without_almelo["sources"],
        None,
        data_version(without_almelo),
        pd.Timestamp("2026-12-01").date(),
    )
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Doelen per gemeente"]
    header = [c.value for c in sheet[1]]
    column = header.index("Jaar met de meeste nieuwbouw 2012–2020")
    cells = {row[header.index("Naam")].value: row[column].value for row in sheet.iter_rows(min_row=2)}
    assert cells["Almelo"] is None
    assert cells["Enschede"] == 2013
    assert -1 not in cells.values()
