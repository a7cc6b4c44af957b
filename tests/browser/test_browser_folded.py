"""Browser: a closed table alternative or data set holds nothing; opening it fills it by a rerun, keeps the page's
choices and shows no error."""

from __future__ import annotations

import pytest

from tests.support.browser import assert_no_exception, console_problems, open_page, wait_for_app

pytestmark = pytest.mark.browser


def _open(tab, key: str, grids: int) -> None:
    """Open the folded section `key` and wait until it holds `grids` data frames."""
    tab.locator(f".st-key-{key} summary").click()
    tab.wait_for_function(
        "([key, n]) => document.querySelectorAll(`.st-key-${key} [data-testid=stDataFrame]`).length === n",
        arg=[key, grids],
    )
    wait_for_app(tab)


def test_the_map_table_is_filled_when_opened_and_the_measure_stays(page) -> None:
    open_page(page, "doelen", "gemeente=GM0153&kaart=residents")
    folded = page.locator(".st-key-alt_doelen_kaart")
    assert folded.locator("[data-testid=stDataFrame]").count() == 0
    assert page.locator("[data-testid=stMain] [data-testid=stDataFrame]").count() == 1  # the page's own table
    _open(page, "alt_doelen_kaart", 1)
    assert_no_exception(page)
    assert "kaart=residents" in page.url
    assert "gemeente=GM0153" in page.url
    assert "Inwoners (doel)" in page.locator("[data-testid=stPlotlyChart]").first.inner_text()
    assert console_problems(page) == []


def test_a_data_set_on_bronnen_shows_its_file_and_two_tables_once_opened(page) -> None:
    open_page(page, "bronnen")
    folded = page.locator(".st-key-dataset_new_construction")
    assert "Bestand data/new_construction.csv" not in folded.inner_text()
    _open(page, "dataset_new_construction", 2)
    assert "Bestand data/new_construction.csv, 126 regels." in folded.inner_text()
    assert folded.get_by_role("button", name="Download Excel").count() == 1
    assert page.locator(".st-key-dataset_municipalities [data-testid=stDataFrame]").count() == 0  # others stay shut
