"""Helpers for a Playwright tab on the dashboard: waits on the app's own state, console errors, exception boxes."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable

from playwright.sync_api import expect

from ros.base.config import ROOT

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Every wait is for a state of the app (a selector, a text, the script state), so its limit is only reached when the
# state never comes: generous, because a loaded 2-core machine may take long to get there.
WAIT_MS = 180_000

# Console errors that are not the app's: on a closed network, resources from the internet (Material icons from
# gstatic) cannot be resolved, and on a deep link Streamlit's frontend first probes <page>/_stcore/health and
# host-config (404) before the root ones. Anything else, a "Failed to fetch" from our own server included, fails.
_NOT_OURS = (
    re.compile(r"net::ERR_NAME_NOT_RESOLVED @ https?://(?!127\.0\.0\.1|localhost)"),
    re.compile(r"status of 404 \(Not Found\) @ http://127\.0\.0\.1:\d+/[\w-]+/_stcore/(health|host-config)$"),
)


def console_problems(tab) -> list[str]:
    """The console errors of `tab` (recorded as 'text @ url') that come from the app."""
    return [e for e in tab.console_errors if not any(pattern.search(e) for pattern in _NOT_OURS)]


def record_console(tab) -> None:
    """Record `tab`'s console errors and page errors in `tab.console_errors`, as 'text @ url'."""
    tab.console_errors = []
    tab.on(
        "console", lambda m: m.type == "error" and tab.console_errors.append(f"{m.text} @ {m.location.get('url', '')}")
    )
    tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))


def new_context(browser, **options: object):
    """A new browser context (Playwright's options) whose waits and navigations last up to WAIT_MS."""
    context = browser.new_context(**options)
    context.set_default_timeout(WAIT_MS)
    context.set_default_navigation_timeout(WAIT_MS)
    return context


def wait_for_app(tab) -> None:
    """Wait until the script has finished, no skeleton is left and every Plotly chart has drawn."""
    tab.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
    tab.wait_for_function(
        "() => !document.querySelector('[data-testid=stSkeleton]') && "
        "[...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => c.querySelector('.main-svg'))"
    )


def open_page(tab, path: str = "", query: str = "") -> None:
    """Go to `path` (e.g. 'bronnen') with an optional query string and wait until it has rendered."""
    tab.goto(f"{tab.base_url}/{path}{'?' + query if query else ''}")
    wait_for_app(tab)


def assert_no_exception(tab) -> None:
    """Fail when the page shows a Streamlit exception box or an empty main area."""
    assert tab.locator("[data-testid=stException]").count() == 0, tab.inner_text("[data-testid=stMain]")[:2000]
    assert tab.inner_text("[data-testid=stMain]").strip(), "the page is empty"


def rendered(tab) -> None:
    """Return once the browser has drawn two frames (its pending work for the last key is done)."""
    tab.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def type_into_cell(tab, grid: str, row: int, shown: str, typed: str, kept: Callable[[str], str] = str) -> None:
    """Type `typed` into the last column of `row` (0 = first) of the data editor whose element key starts with
    `grid` as a user does: select the cell, Enter opens it (it must show `shown`), select its text, type key by key,
    Enter. `kept` is what the cell's editor keeps of what was typed so far (a number cell drops all but digits)."""
    scroller = tab.locator(f"[class*=st-key-{grid}] .dvn-scroller")
    # Streamlit draws rows of 35 px under a 35 px header, the row markers first; click() waits until the grid is still.
    scroller.click(position={"x": 80, "y": 35 + 35 * row + 17})
    tab.keyboard.press("End")  # the last column of the selected row
    tab.keyboard.press("Enter")
    cell = tab.locator("#portal .gdg-input")
    expect(cell).to_have_value(shown)  # the right cell is open
    tab.keyboard.press("ControlOrMeta+a")
    # The grid's editor moves the caret after each key and commits the value it last rendered: a key that arrives
    # before the previous one is drawn lands in the wrong place or is dropped (under load). So wait after every key.
    for count in range(1, len(typed) + 1):
        tab.keyboard.type(typed[count - 1])
        expect(cell).to_have_value(kept(typed[:count]))
        rendered(tab)
    tab.keyboard.press("Enter")
