"""Uploads in headless Chromium through a real `streamlit run` (issue 12): Streamlit's own English refusals never
show in the Dutch interface, except for a file over the 5 MB limit, which the upload box refuses without sending it
(issue 24, F8); a refused file replaces the success message of the file before it."""

from __future__ import annotations

import pytest

from tests.support.browser import assert_no_exception, new_context, open_page, wait_for_app
from tests.support.weights import TWENTE_NAMES, weights_csv

pytestmark = pytest.mark.browser
_STREAMLIT_ENGLISH = ("files are not allowed", "File must be", "MB or smaller")


def _upload(page, path) -> None:
    page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(str(path))
    page.wait_for_selector("[data-testid=stAlertContentError], [data-testid=stAlertContentSuccess]")
    wait_for_app(page)


def test_a_json_file_gets_our_dutch_refusal_and_a_30_mb_file_is_never_sent(page, tmp_path):
    open_page(page, "budget")
    main = page.locator("[data-testid=stMain]")
    wrong = tmp_path / "kasboek.json"
    wrong.write_text('{"partij": "GM0141"}', encoding="utf-8")
    _upload(page, wrong)
    text = main.inner_text()
    assert "Dit soort bestand wordt niet gelezen; kies een bestand dat eindigt op .csv, .xlsx, .xlsm." in text
    assert not [m for m in _STREAMLIT_ENGLISH if m in text]
    big = tmp_path / "kasboek.csv"
    big.write_bytes(b"partij,jaar\n" + b"GM0141,2025\n" * (30 * 1024 * 1024 // 12))
    page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(str(big))
    page.wait_for_function("() => document.body.innerText.includes('or smaller')")
    text = main.inner_text()
    assert "File must be 5.0MB or smaller." in text  # Streamlit's, in the upload box: the server never gets it
    assert "Dit soort bestand wordt niet gelezen" in text  # the previous answer stands: no new run happened
    assert_no_exception(page)


def test_a_scenario_file_of_any_type_gets_our_dutch_answer(page, tmp_path):
    open_page(page, "scenarios")
    picture = tmp_path / "foto.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    _upload(page, picture)
    text = page.locator("[data-testid=stMain]").inner_text()
    assert "Het bestand foto.png is niet ingelezen. Het bestand is geen tekstbestand in UTF-8" in text
    assert not [m for m in _STREAMLIT_ENGLISH if m in text]


def test_a_refused_weights_file_leaves_no_green_message_of_the_file_before(page, tmp_path):
    open_page(page, "doelen", "sleutel=custom")
    main = page.locator("[data-testid=stMain]")
    good = tmp_path / "goed.csv"
    # Hengelo by its CBS name "Hengelo (O.)" here and by its short name in the next test: both spellings are read.
    good.write_text(weights_csv({"Hengelo (O.)" if n == "Hengelo" else n: 1 for n in TWENTE_NAMES}), encoding="utf-8")
    _upload(page, good)
    page.wait_for_function("() => document.body.innerText.includes('Gewichten geladen uit goed.csv')")
    bad = tmp_path / "fout.csv"
    bad.write_text("gemeente;gewicht\nEnschede;-2\n", encoding="utf-8")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(str(bad))
    page.wait_for_function("() => document.body.innerText.includes('Bestand fout.csv is niet overgenomen')")
    wait_for_app(page)
    text = main.inner_text()
    assert "Gewichten geladen uit" not in text
    assert page.locator("[data-testid=stAlertContentSuccess]").count() == 0
    assert_no_exception(page)


def test_a_weights_file_uploaded_while_the_page_loads_never_gives_zero_homes(browser, app_server, tmp_path):
    """Issue 12.4: in 1 of 10 runs a valid upload gave 0 homes everywhere. Ten fresh sessions upload at once."""
    good = tmp_path / "gewichten.csv"
    good.write_text(weights_csv(dict.fromkeys(TWENTE_NAMES, 1)), encoding="utf-8")
    seen = []
    for _ in range(10):
        context = new_context(browser, viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        tab.goto(f"{app_server}/doelen?sleutel=custom&gemeente=GM0153")
        tab.wait_for_selector("[data-testid=stFileUploaderDropzoneInput]", state="attached")
        tab.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(str(good))
        tab.wait_for_function("() => document.body.innerText.includes('Gewichten geladen uit gewichten.csv')")
        wait_for_app(tab)
        text = tab.locator("[data-testid=stMain]").inner_text()
        seen.append(
            (
                "Enschede bouwt in dit rekenvoorbeeld 4.929 woningen" in text,
                tab.locator("[data-testid=stAlertContentError]").count(),
            )
        )
        context.close()
    assert seen == [(True, 0)] * 10
