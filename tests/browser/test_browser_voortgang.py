"""The Voortgang page in headless Chromium through a real `streamlit run`: the shipped snapshot says plainly that
realisation since the start year is not in the data yet; the downloads arrive and open; uploaded own figures give
Enschede its delivery ratio, drawn hatched; a figure typed into the table reaches the page and survives a language
switch; the URL keeps the view; no serious axe findings in Dutch and English."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from tests.support.accessibility import AXE_VIEWPORT, open_expanders, serious_violations
from tests.support.browser import assert_no_exception, console_problems, open_page, type_into_cell, wait_for_app

pytestmark = pytest.mark.browser

OWN_CSV = "code;gemeente;jaar;nieuwbouw;sloop;netto\nGM0153;Enschede;2025;316;469;0\nGM0153;Enschede;2026;700;100;650\n"


def test_shipped_snapshot_and_its_downloads(page) -> None:
    open_page(page, "voortgang", "maat=new_construction")
    assert_no_exception(page)
    main = page.locator("[data-testid=stMain]").inner_text()
    assert "De realisatie sinds 2025 staat nog niet in de gegevens." in main
    assert "lopen tot en met 2020" in main
    titles = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')].map(p => p.layout.title.text)")
    assert "Woningen per jaar: nieuwbouw en netto toevoeging" in titles[0]
    assert "Plancapaciteit tegen nog te bouwen" in titles[1]
    assert not any("Cumulatief" in title for title in titles)  # no empty track chart
    bars = page.evaluate("() => document.querySelector('.js-plotly-plot').data[0].text")
    assert list(bars)[-1] == "1.719"
    assert "maat=new_construction" in page.url
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Download CSV", exact=True).first.click()
    with open(csv_download.value.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[-1][:6] == ["twente", "2020", "12", "1719", "", ""]
    with page.expect_download() as xlsx_download:
        page.get_by_role("button", name="Download Excel").first.click()
    book = openpyxl.load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes()))
    assert book.sheetnames[:3] == ["Over dit bestand", "Gerealiseerd", "Plancapaciteit"]  # no track without data
    capacity = [[c.value for c in row] for row in book["Plancapaciteit"].iter_rows()]
    assert capacity[-1][:3] == ["twente", "Twente", 69_000]
    with page.expect_download() as template:
        page.get_by_role("button", name="Sjabloon (CSV)").click()
    assert (
        Path(template.value.path()).read_text(encoding="utf-8-sig").splitlines()[0]
        == "code,gemeente,jaar,nieuwbouw,sloop,netto"
    )
    assert console_problems(page) == []


def _upload_own_figures(page, tmp_path: Path) -> None:
    open_page(page, "voortgang", "gemeente=GM0153")
    upload = tmp_path / "eigen.csv"
    upload.write_text(OWN_CSV, encoding="utf-8")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(str(upload))
    page.wait_for_function("() => document.body.innerText.includes('2 regels eigen opgave')")
    wait_for_app(page)


def _type_into_cell(page, row: int, shown: str, typed: str) -> None:
    """Type `typed` into the own-figures editor's net column of `row`; its number cell keeps digits only (a typed
    '.' is a thousands separator and goes)."""
    type_into_cell(
        page, "own_editor_", row, shown, typed, lambda text: "".join(c for c in text if c.isdigit() or c == "-")
    )


def test_uploaded_own_figures_show_the_ratio_hatched(page, tmp_path) -> None:
    _upload_own_figures(page, tmp_path)
    main = page.locator("[data-testid=stMain]").inner_text()
    assert "Leveringsratio" in main
    assert "49%" in main
    assert "Met eigen opgave van de gemeente: 2025, 2026." in main
    patterns = page.evaluate(
        "() => document.querySelector('.js-plotly-plot').data.map(t => [t.name, (t.marker.pattern || {}).shape || ''])"
    )
    assert ["Netto toevoeging (eigen opgave)", "/"] in patterns
    assert ["Nieuwbouw (eigen opgave)", "/"] in patterns


@pytest.mark.parametrize("page", ["nl-NL"], indirect=True)  # a Dutch user's browser
def test_a_figure_typed_the_dutch_way_reaches_the_page_and_survives_a_language_switch(page, tmp_path) -> None:
    _upload_own_figures(page, tmp_path)
    # Enschede 2026, net 650 → 1.250: realised since 2025 is 0 + 1.250 against 1.340 of the path = 93%
    _type_into_cell(page, 1, "650", "1.250")
    page.wait_for_function(
        "() => document.body.innerText.includes('Sinds 2025 is 1.250 woningen netto toevoeging gerealiseerd')"
    )
    wait_for_app(page)
    main = page.locator("[data-testid=stMain]").inner_text()
    assert "Dat is een leveringsratio van 93%." in main
    assert "Met eigen opgave van de gemeente: 2025, 2026." in main
    bars = page.evaluate(
        "() => document.querySelector('.js-plotly-plot').data"
        ".filter(t => t.name === 'Netto toevoeging (eigen opgave)').map(t => [t.x.map(String), t.text])"
    )
    assert bars == [[["2025", "2026"], ["0", "1.250"]]]
    page.get_by_text("English", exact=True).click()
    page.wait_for_function("() => document.body.innerText.includes('Own figures')")
    wait_for_app(page)
    main = page.locator("[data-testid=stMain]").inner_text()
    assert "1,250" in main, main[:3000]
    assert "93%" in main, main[:3000]
    assert console_problems(page) == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_serious_axe_violations(page, language: str) -> None:
    page.set_viewport_size(AXE_VIEWPORT)
    open_page(page, "voortgang", f"lang={language}")
    open_expanders(page)
    assert serious_violations(page, f"/voortgang?lang={language}") == []
