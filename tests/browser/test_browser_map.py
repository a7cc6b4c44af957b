"""The map in a real headless Chromium: the outline map on the test boundaries draws all 14 municipalities
without WebGL and answers a hover in Dutch; without boundaries the tile map draws 14 labelled tiles.

The figure is rendered to a standalone HTML page (plotly.js inlined from the installed plotly, so no network) and
served over a local HTTP server.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import plotly.io as pio
import pytest

from ros.base import format as fmt
from ros.data import geo
from ros.present.charts.maps import municipality_map
from tests.support.boundaries import boundaries_file
from tests.support.browser import new_context
from tests.support.frames import cell

pytestmark = pytest.mark.browser
LABELS = {"title": "Inwoners per gemeente", "colorbar": "Inwoners"}
SCREENSHOTS = Path("/tmp")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A folder served over HTTP on a free local port: (folder, base URL)."""
    folder = tmp_path_factory.mktemp("map-html")
    (folder / "favicon.ico").write_bytes(b"")  # so the browser's favicon request is no 404 console error
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def frame(snapshot) -> pd.DataFrame:
    table = snapshot["municipalities"][["code", "name", "population", "dwellings"]]
    return fmt.with_text_columns(table, "nl", {"population": "number", "dwellings": "number"})


def _open(browser, served: tuple[Path, str], figure, name: str):
    folder, base = served
    html = pio.to_html(figure, include_plotlyjs=True, full_html=True, config={"displayModeBar": False})
    (folder / f"{name}.html").write_text(html, encoding="utf-8")
    tab = new_context(browser, viewport={"width": 1100, "height": 650}).new_page()
    tab.errors = []
    tab.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.goto(f"{base}/{name}.html")
    return tab


def test_outline_map_draws_the_14_municipalities_and_hovers_in_dutch(browser, served, frame: pd.DataFrame) -> None:
    boundaries = geo.load_boundaries(2024, file=boundaries_file(), offline=True)
    figure = municipality_map(frame, "population", "population_text", LABELS, boundaries.geojson, ",.",
                              {"dwellings_text": "Woningen"})  # fmt: skip
    tab = _open(browser, served, figure, "outlines")
    try:
        tab.wait_for_selector(".js-plotly-plot .main-svg")
        # Every municipality is a filled outline with a real area on screen, and carries its label.
        sizes = tab.evaluate(
            "[...document.querySelectorAll('.shapelayer path')].map(p => { const b = p.getBBox();"
            " return [b.width, b.height, p.style.fill]; })"
        )
        assert len(sizes) == 14, sizes
        assert all(w > 20 and h > 20 and fill for w, h, fill in sizes), sizes
        assert tab.locator("canvas").count() == 0  # no WebGL
        population = fmt.number(int(cell(frame.set_index("code"), "GM0153", "population")), "nl")
        label = tab.locator(".scatterlayer .textpoint").filter(has_text="Enschede")
        assert population in label.text_content()
        # Hovering Enschede's label shows its name and Dutch-formatted population.
        box = label.bounding_box()
        tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        tab.wait_for_selector(".hoverlayer .hovertext")
        hover = tab.evaluate("document.querySelector('.hoverlayer').textContent")
        assert "Enschede" in hover
        assert f"Inwoners: {population}" in hover
        assert tab.errors == []
        tab.screenshot(path=str(SCREENSHOTS / "ros_map_outlines.png"))
    finally:
        tab.context.close()


def test_tile_map_draws_14_labelled_tiles(browser, served, frame: pd.DataFrame) -> None:
    figure = municipality_map(frame, "population", "population_text", LABELS, None, ",.")
    tab = _open(browser, served, figure, "tiles")
    try:
        tab.wait_for_selector(".js-plotly-plot .main-svg")
        assert tab.locator(".shapelayer path").count() == 14
        labels = tab.evaluate("[...document.querySelectorAll('.scatterlayer .textpoint')].map(t => t.textContent)")
        assert len(labels) == 14
        enschede = fmt.number(cell(frame.set_index("code"), "GM0153", "population"), "nl")
        assert any("Enschede" in text and enschede in text for text in labels), labels
        assert tab.errors == []
        tab.screenshot(path=str(SCREENSHOTS / "ros_map_tiles.png"))
    finally:
        tab.context.close()
