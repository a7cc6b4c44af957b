"""The accessibility statement in headless Chromium through a real `streamlit run`: reached from the sidebar of
another page, shown in the chosen language with `<html lang>` to match, and free of serious axe findings itself."""

from __future__ import annotations

import pytest

from tests.support.accessibility import AXE_VIEWPORT, serious_violations
from tests.support.browser import assert_no_exception, console_problems, open_page, wait_for_app

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("language", "title", "heading"), [("nl", "Toegankelijkheid", "Wat wordt getest"),
                                                            ("en", "Accessibility", "What is tested")])  # fmt: skip
def test_the_statement_is_linked_from_the_sidebar_and_passes_axe(page, language: str, title: str, heading: str) -> None:
    page.set_viewport_size(AXE_VIEWPORT)
    open_page(page, "mijlpalen", f"lang={language}")
    link = page.locator("[data-testid=stSidebarNav] a[href$='/toegankelijkheid']")
    assert link.inner_text().strip().endswith(title)  # after the icon's ligature text
    link.click()
    page.wait_for_url("**/toegankelijkheid*")
    wait_for_app(page)
    assert_no_exception(page)
    main = page.locator("[data-testid=stMain]")
    assert main.locator("h1").first.inner_text().strip() == title
    assert heading in main.inner_text()
    assert "test_keyboard_reaches_and_operates_the_sidebar_controls" in main.inner_text()
    assert page.evaluate("document.documentElement.lang") == language
    assert serious_violations(page, f"/toegankelijkheid?lang={language}") == []
    assert console_problems(page) == []
