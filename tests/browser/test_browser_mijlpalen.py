"""Browser: the Mijlpalen page draws its timeline, answers 'what is next' and offers the calendar download."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.support.browser import assert_no_exception, open_page, wait_for_app

pytestmark = pytest.mark.browser


def test_timeline_next_up_list_view_and_ics_download(page) -> None:
    open_page(page, "mijlpalen", "stand=2026-11-27")
    assert_no_exception(page)
    chart = page.locator("[data-testid=stPlotlyChart]")
    assert chart.count() == 1
    svg = chart.inner_text()
    assert "Tijdlijn van de ROS Twente" in svg
    assert "stand 27-11-2026" in svg
    assert "! over tijd, onbevestigd" in svg
    assert "? geen datum – na de ROS" in svg
    main = page.inner_text("[data-testid=stMain]")
    assert "3 dagen" in main
    assert "venster sluit over 3 dagen" in main
    assert "BO Leefomgeving 2026: mogelijk moment om de ROS voor te leggen" in main

    page.get_by_text("Lijst (printbaar)").click()
    page.wait_for_selector("[data-testid=stTable]")
    wait_for_app(page)
    page.wait_for_url("**weergave=lijst**")
    table = page.locator("[data-testid=stTable]")
    assert table.count() == 1
    assert "Gemeenteraadsverkiezingen in alle 14 gemeenten" in table.inner_text()
    assert page.locator("[data-testid=stPlotlyChart]").count() == 0

    with page.expect_download() as download:
        page.get_by_role("button", name="Agenda (ICS)").click()
    assert download.value.suggested_filename == "ros-twente-mijlpalen.ics"
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    starts = {str(e["UID"]): e.decoded("DTSTART") for e in calendar.walk("VEVENT")}
    assert starts == {"bo_mirt_2026@ros-twente.nl": date(2026, 9, 1), "ros@ros-twente.nl": date(2026, 1, 1)}
