"""The map in a real headless Chromium: the choropleth on the test boundaries draws all 14 municipalities and
answers a hover in Dutch; without boundaries the tile map draws 14 labelled tiles.

The figure is rendered to a standalone HTML page (plotly.js inlined from the installed plotly, so no network) and
served over a local HTTP server: MapLibre's web workers do not start from a file:// page.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import plotly.io as pio
import pytest
from shapely.geometry import shape

from ros import format as fmt
from ros import geo
from ros.charts.maps import municipality_map

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
    tab = browser.new_page(viewport={"width": 1100, "height": 650})
    tab.errors = []
    tab.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.goto(f"{base}/{name}.html")
    return tab


MAP = "document.querySelector('.js-plotly-plot')._fullLayout.map._subplot.map"


def test_choropleth_draws_the_14_municipalities_and_hovers_in_dutch(browser, served, frame: pd.DataFrame) -> None:
    path = os.environ.get("ROS_TEST_BOUNDARIES")
    if not path:
        pytest.skip("ROS_TEST_BOUNDARIES is not set")
    boundaries = geo.load_boundaries(2024, file=path, offline=True)
    figure = municipality_map(frame, "population", "population_text", LABELS, boundaries.geojson, ",.",
                              {"dwellings_text": "Woningen"})  # fmt: skip
    tab = _open(browser, served, figure, "choropleth")
    try:
        tab.wait_for_function(f"{MAP}.loaded() && {MAP}.queryRenderedFeatures().length > 0", timeout=30_000)
        # Every municipality is drawn as a filled shape (one per centroid; tiles can split a shape in two).
        drawn = tab.evaluate(
            f"new Set({MAP}.queryRenderedFeatures().filter(f => f.layer.type === 'fill')"
            ".map(f => JSON.stringify(f.properties.ct))).size"
        )
        assert drawn == 14
        # Hovering inside Enschede shows its name and Dutch-formatted population.
        feature = next(f for f in boundaries.geojson["features"] if f["id"] == "GM0153")
        point = shape(feature["geometry"]).representative_point()
        x, y = tab.evaluate(
            f"(() => {{ const m = {MAP}; const p = m.project([{point.x}, {point.y}]);"
            " const r = m.getContainer().getBoundingClientRect(); return [r.x + p.x, r.y + p.y]; })()"
        )
        tab.mouse.move(x, y)
        tab.wait_for_selector(".hoverlayer .hovertext", timeout=5_000)
        hover = tab.evaluate("document.querySelector('.hoverlayer').textContent")
        population = int(frame.set_index("code").loc["GM0153", "population"])
        assert "Enschede" in hover and f"Inwoners: {fmt.number(population, 'nl')}" in hover
        assert tab.errors == []
        tab.screenshot(path=str(SCREENSHOTS / "ros_map_choropleth.png"))
    finally:
        tab.close()


def test_tile_map_draws_14_labelled_tiles(browser, served, frame: pd.DataFrame) -> None:
    figure = municipality_map(frame, "population", "population_text", LABELS, None, ",.")
    tab = _open(browser, served, figure, "tiles")
    try:
        tab.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        assert tab.locator(".shapelayer path").count() == 14
        labels = tab.evaluate("[...document.querySelectorAll('.scatterlayer .textpoint')].map(t => t.textContent)")
        assert len(labels) == 14
        enschede = fmt.number(frame.set_index("code").loc["GM0153", "population"], "nl")
        assert any("Enschede" in text and enschede in text for text in labels), labels
        assert tab.errors == []
        tab.screenshot(path=str(SCREENSHOTS / "ros_map_tiles.png"))
    finally:
        tab.close()
