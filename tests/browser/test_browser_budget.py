"""The Budget page in headless Chromium through a real `streamlit run`: the Sankey draws the known flow, and on
request the unknown ones in grey, with the known/unknown summary beside it."""

from __future__ import annotations

import pytest

from tests.support.browser import assert_no_exception, console_problems, open_page

pytestmark = pytest.mark.browser

# Streamlit's own calls to the internet fail on a closed network, and a deep link first probes <page>/_stcore/
# endpoints (404); neither is our code (same list as test_browser_pages.py).


def test_budget_page_shows_the_sankey_with_known_and_unknown_flows(page):
    open_page(page, "budget", "onbekend=True&verdeelsleutel=gelijk&totaalbudget=1734000")
    assert_no_exception(page)
    main = page.locator("[data-testid=stMain]").inner_text()
    assert "ten minste € 102.000 bekend; 16 bijdragen onbekend" in main
    assert "Hengelo als kassier en budgethouder" in main
    plots = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')].map(p => p.data[0].type)")
    assert plots == ["sankey", "bar"]
    # the Sankey is drawn: 21 nodes and 36 links on screen, with the amounts as node labels
    page.wait_for_function("() => document.querySelectorAll('.sankey .sankey-node').length === 21")
    assert page.locator(".sankey .sankey-link").count() == 36
    labels = page.evaluate("() => [...document.querySelectorAll('.sankey .node-label')].map(e => e.textContent)")
    assert any("Almelo · € 102.000" in label for label in labels)
    assert any("Enschede · onbekend" in label for label in labels)
    notes = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot .annotation')].map(e => e.textContent)")
    assert any(n.startswith("Grijs = bedrag onbekend.") for n in notes)
    # the old Dutch key name opens the page; the link is rewritten with its English name
    assert "verdeelsleutel=equal" in page.url
    assert "onbekend=True" in page.url
    assert console_problems(page) == []
