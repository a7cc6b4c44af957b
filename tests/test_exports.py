"""CSV and Excel downloads: readable, complete, and never running formula text."""

import io

import openpyxl
import pandas as pd

from ros.exports import csv_bytes, excel_bytes, neutralise, sheet_name


def test_formula_text_is_neutralised_numbers_are_not() -> None:
    assert neutralise("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert neutralise("+31") == "'+31"
    assert neutralise("-1") == "'-1"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("Almelo") == "Almelo"
    assert neutralise(-5) == -5


def test_csv_keeps_accents_and_neutralises_cells() -> None:
    frame = pd.DataFrame({"naam": ["Één", "=1+1"], "aantal": [1, -2]})
    text = csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines() == ["naam,aantal", "Één,1", "'=1+1,-2"]


def test_excel_has_one_sheet_per_frame_with_values_and_safe_text() -> None:
    data = excel_bytes({"Gemeenten: 1/1": pd.DataFrame({"a": [1, 2]}), "Bronnen": pd.DataFrame({"t": ["=cmd"]})})
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Gemeenten_ 1_1", "Bronnen"]
    assert [c.value for c in book["Gemeenten_ 1_1"]["A"]] == ["a", 1, 2]
    assert book["Bronnen"]["A2"].value == "'=cmd"
    assert book["Bronnen"]["A2"].data_type == "s"


def test_sheet_names_are_short_and_unique() -> None:
    taken: set[str] = set()
    first = sheet_name("Een heel lange naam van een tabel met veel woorden", taken)
    second = sheet_name("Een heel lange naam van een tabel met veel woorden", taken)
    assert len(first) <= 31 and len(second) <= 31 and first != second
