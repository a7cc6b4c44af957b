"""Every page link opens without a dialog (issue 15.7): the links in the README (`/doelen`, `/doelen?woningen=…`,
`?gemeente=GM0153`), every page's own url_path in app.py and the default page under its own name, `/overzicht`."""

from __future__ import annotations

import re

import pytest

from ros.base.config import ROOT
from tests.support.browser import assert_no_exception, open_page

pytestmark = pytest.mark.browser


def page_links() -> list[str]:
    """Paths with their query ('doelen?woningen=80000…', '', '?gemeente=GM0153'), from the README and app.py."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"`/([a-z-]*(?:\?[^`\s]*)?)`", readme) + re.findall(r"`(\?[a-z]+=[^`\s]+)`", readme)
    links += re.findall(r'url_path="([a-z-]+)"', (ROOT / "app.py").read_text(encoding="utf-8"))
    return list(dict.fromkeys(links))


def test_the_links_cover_the_readme_and_every_page() -> None:
    links = page_links()
    assert {"", "overzicht", "doelen", "mijn-gemeente", "bronnen", "?gemeente=GM0153"} <= set(links)
    assert "doelen?woningen=80000&vorm=s_curve&lang=en" in links


@pytest.mark.parametrize("link", page_links())
def test_every_page_link_opens_without_a_dialog(page, link: str) -> None:
    path, _, query = link.partition("?")
    open_page(page, path, query)
    assert_no_exception(page)
    assert page.locator("[role=dialog]").count() == 0, page.locator("[role=dialog]").inner_text()
    assert "Page not found" not in page.inner_text("body")
    assert page.locator("[data-testid=stMain] h1").count() >= 1
