"""Browser journeys over every page of the navigation in headless Chromium against a real `streamlit run`."""

import pytest

from tests.support.browser import assert_no_exception, console_problems, open_page, wait_for_app

pytestmark = pytest.mark.browser


def _navigation_paths(tab) -> list[str]:
    links = tab.locator("[data-testid=stSidebarNav] a").evaluate_all("links => links.map(a => a.href)")
    return [link.split("/")[-1].split("?")[0] for link in links]


def test_every_page_renders_without_exception_or_console_errors(page) -> None:
    open_page(page)
    paths = _navigation_paths(page)
    assert "bronnen" in paths
    assert "" in paths  # the default page (Overzicht) lives at the root
    for path in paths:
        open_page(page, path)
        assert_no_exception(page)
        assert page.locator("h1").count() >= 1, path
    assert console_problems(page) == []


def test_overview_figures_and_governance_diagram_render(page) -> None:
    open_page(page)
    main = page.inner_text("[data-testid=stMain]")
    assert "≥ 69.000" in main
    assert "646.449" in main
    assert "288.025" in main
    page.wait_for_selector("[data-testid=stGraphVizChart] svg")
    assert "Waterschap Vechtstromen" in page.inner_text("[data-testid=stGraphVizChart]")


def test_deep_link_opens_page_with_language_and_municipality(page) -> None:
    open_page(page, "bronnen", "lang=en&gemeente=GM0153")
    assert page.locator("h1").first.inner_text() == "Data & sources"
    assert page.get_by_role("combobox", name="Municipality").input_value() == "Enschede"
    assert "lang=en" in page.url
    assert "gemeente=GM0153" in page.url


def test_language_switch_in_the_sidebar(page) -> None:
    open_page(page)
    page.get_by_text("English", exact=True).click()
    page.wait_for_function("() => document.querySelector('h1')?.innerText.includes('step change')")
    wait_for_app(page)
    assert "≥ 69,000" in page.inner_text("[data-testid=stMain]")
    assert "lang=en" in page.url
