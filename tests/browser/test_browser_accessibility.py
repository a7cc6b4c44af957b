"""Accessibility in the browser: axe-core on every page in Dutch and English, the page language, and the keyboard.

axe-core comes bundled with the `axe-playwright-python` package (axe 4.x, run inside the page). Pages are found
from the sidebar navigation, so a new page is checked without touching this file. We fail on serious and critical
violations in our content. Violations that come from Streamlit's own markup are excused only through the allow-list
(rule id + a CSS selector the failing node must lie inside), declared in `ros.present.accessibility` and listed by the
accessibility statement (/toegankelijkheid). Moderate and minor findings are reported in the docs, not failed on here.
Every test here is a check the statement declares (`tests/unit/present/test_accessibility.py` holds them together).
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.support.accessibility import (
    AXE,
    AXE_VIEWPORT,
    STREAMLIT_ALLOW_LIST,
    allowed,
    open_expanders,
    serious_violations,
)
from tests.support.browser import open_page, wait_for_app

pytestmark = pytest.mark.browser


def _navigation_paths(tab) -> list[str]:
    """The URL paths of every page in the sidebar navigation ('' is the default page)."""
    links = tab.locator("[data-testid=stSidebarNav] a").evaluate_all("links => links.map(a => a.href)")
    return [link.split("/")[-1].split("?")[0] for link in links]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_serious_axe_violations_in_our_content(page, language: str) -> None:
    open_page(page)
    paths = _navigation_paths(page)
    assert "" in paths, paths
    assert "bronnen" in paths, paths
    page.set_viewport_size(AXE_VIEWPORT)
    problems: list[str] = []
    for path in paths:
        open_page(page, path, f"lang={language}")
        open_expanders(page)
        problems += serious_violations(page, f"/{path}?lang={language}")
    assert problems == [], "\n".join(problems)


def test_allow_list_still_matches_streamlit_markup(page) -> None:
    """Each allow-list entry must still excuse a real node; when Streamlit fixes its markup, drop the entry."""
    open_page(page)
    page.set_viewport_size(AXE_VIEWPORT)
    violations = AXE.run(page).response["violations"]
    used = {
        (v["id"], selector)
        for v in violations
        for node in v["nodes"]
        for rule, selector, _ in STREAMLIT_ALLOW_LIST
        if rule == v["id"] and allowed(page, v["id"], node["target"]) is not None
    }
    unused = [(rule, selector) for rule, selector, _ in STREAMLIT_ALLOW_LIST if (rule, selector) not in used]
    assert unused == [], f"allow-list entries that no longer match anything (remove them): {unused}"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_html_lang_attribute_matches_the_chosen_language(page, language: str) -> None:
    """WCAG 3.1.1: screen readers pick their voice from <html lang>; Streamlit's index.html hard-codes lang="en"."""
    open_page(page, "", f"lang={language}")
    # A script that sets the attribute may run just after the render; if it never does, the assertion says so.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(f"() => document.documentElement.lang === '{language}'")
    assert page.evaluate("document.documentElement.lang") == language, (
        f"<html lang> must follow the chosen language ({language}); the app has to set it after each run"
    )


def _focused(tab) -> dict[str, Any]:
    """What has keyboard focus: tag, role, accessible label and the chain of Streamlit test ids above it."""
    return tab.evaluate(
        """() => { const e = document.activeElement; const ids = [];
                   for (let n = e; n; n = n.parentElement)
                       if (n.dataset && n.dataset.testid) ids.push(n.dataset.testid);
                   return {tag: e.tagName, role: e.getAttribute('role'), label: e.getAttribute('aria-label'),
                           value: e.value ?? null, ids: ids}; }"""
    )


def _tab_until(tab, matches, limit: int = 40) -> dict[str, object]:
    """Press Tab until the focused element satisfies `matches`; fail after `limit` presses."""
    seen = []
    for _ in range(limit):
        tab.keyboard.press("Tab")
        focused = _focused(tab)
        if matches(focused):
            return focused
        seen.append(f"{focused['tag']}:{focused['label'] or ''}:{'/'.join(focused['ids'][:2])}")
    pytest.fail(f"focus never reached the control after {limit} Tab presses; it visited: {seen}")


def test_keyboard_reaches_and_operates_the_sidebar_controls(page) -> None:
    open_page(page)
    # Tab from the top of the page: the focus must move into the sidebar's language switch (a radio group) ...
    radio = _tab_until(page, lambda f: "stRadio" in f["ids"] and "stSidebar" in f["ids"])
    assert radio["tag"] == "INPUT"
    # ... and the arrow key changes the language, as for any radio group.
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => new URL(location.href).searchParams.get('lang') === 'en'")
    wait_for_app(page)
    assert page.get_by_text("English", exact=True).count() == 1
    # Tabbing on reaches the municipality picker (a combobox named after its label) ...
    picker = _tab_until(page, lambda f: f["role"] == "combobox" and "stSidebar" in f["ids"])
    assert picker["label"] == "Municipality", picker
    # ... where typing a name and Enter choose that municipality.
    page.keyboard.type("Ensch")
    page.keyboard.press("Enter")
    page.wait_for_function("() => new URL(location.href).searchParams.get('gemeente') === 'GM0153'")
    wait_for_app(page)
    assert page.get_by_role("combobox", name="Municipality").input_value() == "Enschede"
