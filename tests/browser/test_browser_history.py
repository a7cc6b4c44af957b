"""Browser history in headless Chromium (issue 12, item 14): one entry per page view, so Back always goes back a
page. Streamlit pushes an entry when the page changes and another when the script then rewrites the query string."""

from __future__ import annotations

import pytest

from tests.support.browser import assert_no_exception, open_page, wait_for_app

pytestmark = pytest.mark.browser


def _title(page) -> str:
    return page.locator("[data-testid=stMain] h1").first.inner_text()


def _settled_on_new_page(page, before: str) -> None:
    """Wait until the page's title has changed from `before` and the script has finished."""
    page.wait_for_function(
        "(before) => { const h = document.querySelector('[data-testid=stMain] h1');"
        " return h && h.innerText.trim() && h.innerText !== before; }",
        arg=before,
    )
    wait_for_app(page)


def _go(page, path: str) -> None:
    before = _title(page)
    page.locator(f"[data-testid=stSidebarNav] a[href$='/{path}']").first.click()
    page.wait_for_url(f"**/{path}*")
    _settled_on_new_page(page, before)


def test_each_page_view_is_one_history_entry_and_back_goes_back_a_page(page):
    open_page(page, "doelen", "woningen=80000&kaart=pace_ratio")
    start = page.evaluate("history.length")  # Playwright's first about:blank is an entry of its own
    for path in ("budget", "mijlpalen", "scenarios"):
        _go(page, path)
    assert page.evaluate("history.length") == start + 3
    for path in ("mijlpalen", "budget", "doelen"):
        before = _title(page)
        page.go_back()
        page.wait_for_url(f"**/{path}*")
        _settled_on_new_page(page, before)
        assert "woningen=80000" in page.url
    assert_no_exception(page)
