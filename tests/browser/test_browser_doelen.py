"""The Doelen page in headless Chromium through a real `streamlit run`: charts, table and map render, and a link
with settings reopens the same view."""

from __future__ import annotations

import os

import pytest

from tests.support.boundaries import TEST_BOUNDARIES, boundaries_file
from tests.support.browser import assert_no_exception, console_problems, open_page, type_into_cell, wait_for_app
from tests.support.weights import TWENTE_NAMES, weights_csv

pytestmark = pytest.mark.browser


def test_doelen_page_renders_charts_table_and_map(page):
    open_page(page, "doelen", "sleutel=stedelijk_netwerk&steden=80&vorm=s_curve&kaart=pace_ratio")
    assert_no_exception(page)
    main = page.locator("[data-testid=stMain]")
    assert "Doelen per gemeente" in main.inner_text()
    charts = page.locator("[data-testid=stPlotlyChart]")
    assert charts.count() == 4
    # every Plotly chart has drawn data: lines in the path charts, shapes or tiles on the map
    drawn = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')].map(p => p.data.length)")
    assert len(drawn) == 4
    assert all(n > 0 for n in drawn)
    titles = " | ".join(
        page.evaluate(
            "() => [...document.querySelectorAll('.js-plotly-plot')].map(p => p.layout.title && p.layout.title.text)"
        )
    )
    assert "Tempo t.o.v. 2012–2020 (×) per gemeente" in titles
    assert "Nieuwe woningen in Twente, cumulatief vanaf 2025" in titles
    # the settings from the link are on screen and stay in the URL
    assert "Deel voor Enschede, Hengelo en Almelo (%)" in main.inner_text()  # only shown for the stedelijk netwerk key
    assert "steden=80" in page.url
    assert "vorm=s_curve" in page.url
    if TEST_BOUNDARIES or os.environ.get("CI"):
        boundaries_file()
        # the outline map: 14 municipalities drawn as SVG paths, no WebGL canvas
        page.wait_for_function(
            "() => [...document.querySelectorAll('.js-plotly-plot')].some(p =>"
            " p.querySelectorAll('.shapelayer path').length === 14)"
        )
        assert page.locator("[data-testid=stPlotlyChart] canvas").count() == 0
        # the measure picker reruns only the map's fragment, and the link follows it
        page.locator("[data-testid=stButtonGroup] button").filter(has_text="Woningen (doel)").click()
        page.wait_for_function("() => new URL(location.href).searchParams.get('kaart') === null")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.js-plotly-plot')].some(p => p.layout.title &&"
            " p.layout.title.text.includes('Woningen (doel) per gemeente'))"
        )
        link = page.evaluate("location.href")
        assert "steden=80" in link
        assert "vorm=s_curve" in link
    else:
        assert "tegelkaart" in main.inner_text().lower() or page.locator("[data-testid=stAlert]").count() > 0
    assert console_problems(page) == []


def test_custom_weights_upload_refuses_bad_files_and_applies_good_ones(page, tmp_path):
    open_page(page, "doelen", "sleutel=custom&gemeente=GM0153")  # Enschede in focus: its figures are text
    main = page.locator("[data-testid=stMain]")
    bad = tmp_path / "fout.csv"
    bad.write_text("gemeente;gewicht\nEnschede;-2\n", encoding="utf-8")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(bad))
    page.wait_for_selector("[data-testid=stAlertContentError]")
    assert "Het gewicht van Enschede is negatief" in main.inner_text()
    assert_no_exception(page)
    good = tmp_path / "gewichten.csv"
    weights = {"Enschede": "3,5", "Hengelo": "1,5"} | {n: 0 for n in TWENTE_NAMES if n not in ("Enschede", "Hengelo")}
    good.write_text(weights_csv(weights), encoding="utf-8")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(good))
    page.wait_for_function("() => document.body.innerText.includes('Gewichten geladen uit gewichten.csv')")
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
    assert "Het gewicht van Enschede is negatief" not in main.inner_text()
    # 69.000 × 3,5 / 5 = 48.300 for Enschede (the table is drawn on a canvas, so read the focus sentence)
    assert "Enschede bouwt in dit rekenvoorbeeld 48.300 woningen" in main.inner_text()
    assert "GM0153%3A3.5" in page.url
    assert "GM0164%3A1.5" in page.url


def _enschede_homes(tab) -> str:
    """Enschede's homes: the first headline figure with Enschede in focus (the table grid is a canvas)."""
    return tab.locator("[data-testid=stMetricValue]").all_inner_texts()[0]


def _shown_choices(tab) -> str:
    """The options shown in the selectboxes, as one text."""
    return " | ".join(
        tab.evaluate("() => [...document.querySelectorAll('[data-testid=stSelectbox] input')].map(i => i.value)")
    )


def test_a_double_language_switch_keeps_the_settings_and_dutch_numbers_are_read_as_dutch(page):
    open_page(page, "doelen", "sleutel=equal&vorm=s_curve&doorkijk=pace&gemeente=GM0153")
    assert _enschede_homes(page) == "4.929"
    assert "Gelijk deel per gemeente" in _shown_choices(page)
    sidebar = page.locator("[data-testid=stSidebar]")
    for name, homes, label, shape in (
        ("English", "4,929", "Equal share per municipality", "S-curve (ramp up"),
        ("Nederlands", "4.929", "Gelijk deel per gemeente", "S-curve (op gang"),
        ("English", "4,929", "Equal share per municipality", "S-curve (ramp up"),
    ):
        sidebar.get_by_text(name, exact=True).click()
        page.wait_for_function(f"() => document.documentElement.lang === '{'en' if name == 'English' else 'nl'}'")
        wait_for_app(page)
        assert _enschede_homes(page) == homes, name
        shown = _shown_choices(page)
        assert label in shown, (name, shown)
        assert shape in shown, (name, shown)
        for part in ("sleutel=equal", "vorm=s_curve", "doorkijk=pace"):
            assert part in page.url, (name, page.url)
    sidebar.get_by_text("Nederlands", exact=True).click()
    page.wait_for_function("() => document.documentElement.lang === 'nl'")
    wait_for_app(page)
    homes = page.get_by_role("textbox", name="Nieuwe woningen voor heel Twente")
    homes.fill("80 000")
    homes.press("Enter")
    page.wait_for_function("() => location.search.includes('woningen=80000')")
    wait_for_app(page)
    assert homes.input_value() == "80.000"
    assert _enschede_homes(page) == "5.715"  # 80.000 = 14 × 5.714 + 4: four municipalities get one more
    homes.fill("80.00")
    homes.press("Enter")
    page.wait_for_selector("text=is niet eenduidig")
    wait_for_app(page)
    assert homes.input_value() == "80.000"
    assert "woningen=80000" in page.url


def test_a_weight_typed_with_an_exponent_is_refused_not_read_as_another_number(page):
    """Issue 24, F1: the browser's number cell turned "1,5e3" into 1,53 without a word; the cell is text now."""
    open_page(page, "doelen", "sleutel=custom")
    type_into_cell(page, "weights_editor_", 0, "1", "1,5e3")  # the weight of the first row (Almelo)
    page.wait_for_function("() => document.body.innerText.includes('1,5e3')")
    wait_for_app(page)
    assert "Het gewicht van Almelo is geen getal: '1,5e3'." in page.locator("[data-testid=stMain]").inner_text()
