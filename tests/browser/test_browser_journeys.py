"""Browser journeys across pages: a planner changes a setting, shares the link, a colleague opens it in a fresh
browser and sees the same numbers; the table downloads arrive and open."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from tests.support.browser import assert_no_exception, new_context, open_page, wait_for_app

pytestmark = pytest.mark.browser


def _focus_figures(tab) -> list[str]:
    """The four headline figures of the Doelen page (homes, per year, reached, residents)."""
    return tab.locator("[data-testid=stMetricValue]").all_inner_texts()[:4]


def test_a_shared_link_shows_a_colleague_the_same_numbers(page, browser) -> None:
    open_page(page, "doelen", "gemeente=GM0153")
    homes = page.get_by_role("textbox", name="Nieuwe woningen voor heel Twente")
    homes.fill("80.000")
    homes.press("Enter")
    page.wait_for_function("() => location.search.includes('woningen=80000')")
    wait_for_app(page)
    mine = _focus_figures(page)
    assert mine[0] == "20.192"  # Enschede's share of 80.000 by population (161.738 / 640.806)
    page.get_by_role("link", name="Scenario's").click()
    page.wait_for_function("() => location.pathname.endsWith('/scenarios')")
    wait_for_app(page)
    link = page.locator("[data-testid=stCode] code").inner_text().strip()
    assert "woningen=80000" in link
    assert link.startswith(page.base_url)

    colleague = new_context(browser, viewport={"width": 1400, "height": 1000})
    other = colleague.new_page()
    other.goto(link + "&gemeente=GM0153")
    wait_for_app(other)
    assert_no_exception(other)
    assert _focus_figures(other) == mine
    colleague.close()


def test_table_downloads_arrive_and_open(page) -> None:
    open_page(page, "doelen", "woningen=80000")
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Download CSV", exact=True).first.click()
    with open(csv_download.value.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    enschede = next(row for row in rows if "Enschede" in row)
    assert "20192" in enschede
    with page.expect_download() as xlsx_download:
        page.get_by_role("button", name="Download Excel").first.click()
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes()))
    assert len(book.sheetnames) == 3
    assert book.sheetnames[0] == "Over dit bestand"
    values = [cell.value for row in book[book.sheetnames[1]].iter_rows() for cell in row]
    assert 20192 in values
