"""`?embed=true` (Streamlit's embedding mode) on the pages a municipal website would put in an iframe: the app menu
is gone, in an iframe-sized window the sidebar starts folded away, the chosen municipality and the embedding stay in the
link after the page has run, and nothing fails."""

from __future__ import annotations

import pytest

from tests.support.browser import assert_no_exception, console_problems, open_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("mijn-gemeente", "Mijn gemeente: Enschede"),
        ("doelen", "Doelen per gemeente"),
        ("voortgang", "Voortgang: liggen we op koers?"),
    ],
)
def test_embedded_page_in_an_iframe_sized_window(page, path: str, heading: str) -> None:
    page.set_viewport_size({"width": 700, "height": 900})
    open_page(page, path, "embed=true&gemeente=GM0153")
    assert_no_exception(page)
    assert page.locator("[data-testid=stMain] h1").first.inner_text().strip() == heading
    assert page.locator("[data-testid=stMainMenu]").count() == 0  # no app menu, no coloured top line
    assert page.locator("[data-testid=stDecoration]").count() == 0
    box = page.locator("[data-testid=stSidebar]").bounding_box()
    assert box is None or box["x"] + box["width"] <= 0, box  # folded away to the left, the page has the width
    assert "embed=true" in page.url
    assert "gemeente=GM0153" in page.url
    assert console_problems(page) == []
