"""Mijn gemeente in headless Chromium: the page for Enschede shows its figures and prints without the sidebar and
buttons; the downloaded HTML briefing opens from disk without a network and draws its chart."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support.browser import assert_no_exception, new_context, open_page

pytestmark = pytest.mark.browser


def test_page_prints_cleanly_and_the_downloaded_briefing_works_offline(page, browser, tmp_path):
    open_page(page, "mijn-gemeente", "gemeente=GM0153")
    assert_no_exception(page)
    main = page.locator("[data-testid=stMain]")
    text = main.inner_text()
    assert "Mijn gemeente: Enschede" in text
    assert "In dit scenario bouwt Enschede daarvan 17.415 woningen. Dat is 25,2% van het totaal." in text
    assert "Dat is 1,7× het gemiddelde van 2012–2020." in text
    assert "Wat Enschede betaalt voor 2025–2026, is onbekend." in text
    assert "Afdrukken: gebruik Ctrl+P" in text
    assert page.evaluate("() => document.querySelector('.js-plotly-plot').data.length") == 3  # path, history, target

    # print layout: sidebar and download button are hidden, the text and chart stay
    page.emulate_media(media="print")
    assert not page.locator("[data-testid=stSidebar]").is_visible()
    assert not page.locator("[data-testid=stDownloadButton]").is_visible()
    assert not page.get_by_text("Afdrukken: gebruik Ctrl+P").is_visible()  # the note is for the screen
    assert page.locator("[data-testid=stPlotlyChart]").is_visible()
    assert page.get_by_text("Wat komt eraan voor de raad").is_visible()
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download als HTML-bestand").click()
    assert download.value.suggested_filename == "mijn-gemeente-enschede.html"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    html = saved.read_text(encoding="utf-8")
    assert '<html lang="nl">' in html
    assert "<strong>17.415</strong>" in html

    offline = new_context(browser, offline=True, java_script_enabled=True)
    try:
        copy = offline.new_page()
        errors: list[str] = []
        copy.on("pageerror", lambda e: errors.append(str(e)))
        copy.on("requestfailed", lambda r: errors.append(r.url))
        copy.goto(saved.as_uri())
        copy.wait_for_selector(".main-svg")
        assert copy.evaluate("() => document.querySelector('.js-plotly-plot').data.length") == 3
        assert copy.locator(".main-svg .scatterlayer .trace").count() == 3
        body = copy.inner_text("body")
        assert "Mijn gemeente: Enschede" in body
        assert "In dit scenario bouwt Enschede daarvan 17.415 woningen. Dat is 25,2% van het totaal." in body
        assert "Bouwt Enschede in het tempo van vroeger, dan is het doel klaar in 2069." in body
        assert "Product 1: ROS afgerond en voorgelegd in het BOL of BO MIRT van 2026" in body
        assert copy.title() == "Mijn gemeente: Enschede"
        violations = Axe().run(copy).response["violations"]  # the file on its own: landmarks, contrast, tables
        assert [(v["id"], v["impact"]) for v in violations] == []
        assert errors == []
    finally:
        offline.close()
