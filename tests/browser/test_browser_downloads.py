"""Downloads a spreadsheet user can use (issue 15.2): a Dutch CSV next to the plain one, headers in the UI
language (also the comparison), an Excel workbook whose first sheet names the settings and the data version."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from tests.support.browser import open_page

pytestmark = pytest.mark.browser


def _download(page, name: str) -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name=name, exact=True).first.click()
    return Path(download.value.path())


def test_targets_downloads_in_dutch_csv_and_excel_with_an_about_sheet(page) -> None:
    open_page(page, "doelen", "woningen=80000")
    raw = _download(page, "Download CSV voor Excel (NL)").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header, enschede = rows[0], next(row for row in rows if row[0] == "Enschede")
    assert header[:3] == ["Gemeente", "Deel", "Woningen"]
    assert enschede[1:3] == ["25,2%", "20192"]
    assert enschede[header.index("Woningen per 1.000 inwoners")] == "124,8"
    book = openpyxl.load_workbook(io.BytesIO(_download(page, "Download Excel").read_bytes()))
    assert book.sheetnames[0] == "Over dit bestand"
    about = {row[4].value: row for row in book["Over dit bestand"].iter_rows(min_row=2)}
    assert (about["woningen"][1].value, about["woningen"][2].value) == ("80.000", 80_000)
    assert str(book["Over dit bestand"]["A3"].value) == "Gegevensversie"
    share = book[book.sheetnames[1]]["B2"]
    assert share.number_format == "0.0%"
    assert 0 < share.value < 1


def test_comparison_csv_has_headers_in_the_user_language(page) -> None:
    open_page(page, "vergelijken", "woningen=80000")
    rows = list(csv.reader(io.StringIO(_download(page, "Download CSV").read_text(encoding="utf-8-sig"))))
    assert "Woningen (basis)" in rows[0]
    assert "Woningen (vergeleken)" in rows[0]
    assert not {"homes_base", "per_1000_delta", "peak_year"} & set(rows[0])
    open_page(page, "vergelijken", "woningen=80000&lang=en")
    rows = list(csv.reader(io.StringIO(_download(page, "Download CSV").read_text(encoding="utf-8-sig"))))
    assert "Homes (baseline)" in rows[0]
    assert "Homes per 1,000 inhabitants (difference)" in rows[0]
