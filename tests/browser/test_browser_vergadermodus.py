"""The Vergadermodus in headless Chromium at projector size (1920×1080, sidebar open and closed) through a real
`streamlit run`: every step fits without scrolling, step through all six views with
Volgende, each names the scenario and the data date, charts are drawn in large type; a screenshot of every view is
kept in test-artifacts/."""

from __future__ import annotations

import pytest

from tests.support.browser import (
    ARTIFACTS,
    assert_no_exception,
    console_problems,
    new_context,
    open_page,
    record_console,
    wait_for_app,
)

pytestmark = pytest.mark.browser
HEADINGS = (
    "ROS Twente in cijfers",
    "Nieuwe woningen per gemeente",
    "Welk bouwtempo is nodig?",
    "Budget voor het opstellen van de ROS",
    "De volgende mijlpalen",
    "Liggen we op koers?",
)
CHARTS = (0, 1, 1, 0, 0, 0)


@pytest.fixture
def projector(browser, app_server):
    """A fresh tab at 1920×1080, the resolution of a meeting-room projector."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = new_context(browser, viewport={"width": 1920, "height": 1080})
    tab = context.new_page()
    record_console(tab)
    tab.base_url = app_server
    yield tab
    context.close()


def chart_fonts(tab) -> list[float]:
    """The smallest rendered font size of every Plotly chart on the page (layout font and trace text)."""
    return tab.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot')].map(p => Math.min(p._fullLayout.font.size,"
        " ...p._fullData.filter(d => d.textfont && typeof d.textfont.size === 'number').map(d => d.textfont.size)))"
    )


# Every text node in the main area outside captions (sources, the operator's note) is read from the room.
SMALL_TEXT = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const small = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement, text = node.textContent.trim();
    if (!text || el.closest('[data-testid=stCaptionContainer], svg, [data-testid=stExpanderDetails], .material-icons,'
                              + ' [data-testid=stIconMaterial], [data-testid=stTooltipContent]')) continue;
    if (!el.getClientRects().length) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 20) small.push(`${text.slice(0, 40)} (${size}px)`);
  }
  return small;
}"""
# How far the content reaches below the viewport (0 when everything, down to the last caption, is on screen).
OVERFLOW = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const blocks = [...main.querySelectorAll('[data-testid=stElementContainer]')]
    .filter(e => e.getClientRects().length && !e.closest('details:not([open])'));
  const bottom = Math.max(...blocks.map(e => e.getBoundingClientRect().bottom));
  return Math.max(0, main.scrollHeight - main.clientHeight, Math.ceil(bottom - window.innerHeight));
}"""


def _sidebar_open(tab) -> bool:
    return tab.evaluate("() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right > 0")


def _set_sidebar(tab, wanted: bool) -> None:
    """Open or close the sidebar with its own button (shown on hover, so clicked from script)."""
    if _sidebar_open(tab) != wanted:
        tab.locator("[data-testid=stSidebarCollapseButton] button, [data-testid=stExpandSidebarButton]").first.evaluate(
            "b => b.click()"
        )
        tab.wait_for_function(
            "open => (document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right > 0) === open",
            arg=wanted,
        )
        # the frame is scaled to the room that is left once the sidebar has moved
        tab.wait_for_function(
            "() => getComputedStyle(document.querySelector('[data-testid=stMainBlockContainer]')).zoom"
        )


@pytest.mark.parametrize(("width", "height"), [(1920, 1080)])
def test_every_step_fits_the_projector_and_reads_from_the_room(browser, app_server, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.base_url = app_server
    for query in ("woningen=80000", "woningen=80000&totaalbudget=300000&lang=en"):
        for sidebar in (True, False):
            for step in range(1, 7):
                open_page(tab, "vergadermodus", f"{query}&dia={step}&gemeente=GM0183")
                _set_sidebar(tab, sidebar)
                assert_no_exception(tab)
                assert tab.evaluate(OVERFLOW) == 0, (width, query, sidebar, step, tab.evaluate(OVERFLOW))
                assert tab.evaluate(SMALL_TEXT) == [], (query, step)
                if "lang=en" not in query:
                    name = f"vergadermodus_{step}_{width}x{height}_{'sidebar' if sidebar else 'full'}.png"
                    tab.screenshot(path=str(ARTIFACTS / name))
    context.close()


def test_arrow_keys_step_the_slides_even_from_the_language_radio(projector):
    tab = projector
    open_page(tab, "vergadermodus", "dia=3")
    tab.locator("[data-testid=stSidebar] input[type=radio]").first.focus()
    tab.keyboard.press("ArrowRight")
    tab.wait_for_function("() => location.search.includes('dia=4')")
    wait_for_app(tab)
    assert "4 / 6 · Budget" in tab.locator("[data-testid=stMain]").inner_text()
    assert tab.evaluate("() => document.documentElement.lang") == "nl"
    assert "lang=en" not in tab.url
    assert tab.locator("[data-testid=stSidebar] input[type=radio]").first.is_checked()  # Nederlands stays chosen
    tab.locator("[data-testid=stSidebar] input[role=combobox]").first.focus()
    tab.keyboard.press("ArrowLeft")
    tab.wait_for_function("() => location.search.includes('dia=3')")
    wait_for_app(tab)
    assert "Welk bouwtempo is nodig?" in tab.locator("[data-testid=stMain]").inner_text()


def test_step_through_all_views_at_projector_size(projector):
    tab = projector
    open_page(tab, "vergadermodus", "woningen=80000")
    main = tab.locator("[data-testid=stMain]")
    for step in range(1, 7):
        assert_no_exception(tab)
        text = main.inner_text()
        assert f"{step} / 6" in text
        assert HEADINGS[step - 1] in text
        assert "Scenario (aanname, geen besluit): Woningen tot het eindjaar: 80.000" in text
        assert "Gegevens: CBS per 1 januari 2024; inwoners per 1 januari 2026 (voorlopig); mijlpalen per" in text
        drawn = tab.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')].map(p => p.data.length)")
        assert len(drawn) == CHARTS[step - 1]
        assert all(n > 0 for n in drawn)
        assert all(size >= 20 for size in chart_fonts(tab)), chart_fonts(tab)
        tab.screenshot(path=str(ARTIFACTS / f"vergadermodus_{step}.png"))
        if step < 6:
            tab.get_by_role("button", name="Volgende").click()
            tab.wait_for_function(f"() => location.search.includes('dia={step + 1}')")
            wait_for_app(tab)
    assert tab.get_by_role("button", name="Volgende").is_disabled()
    assert "woningen=80000" in tab.url
    assert "dia=6" in tab.url
    # the keyboard steps back too (← is Vorige's shortcut)
    tab.keyboard.press("ArrowLeft")
    tab.wait_for_function("() => location.search.includes('dia=5')")
    wait_for_app(tab)
    assert HEADINGS[4] in main.inner_text()
    assert console_problems(tab) == []
