"""A page in headless Chromium: when it has finished (script done, every chart and map drawn), how long a load or
an in-session page switch takes, the reruns the server reports, and the bytes it sends."""

from __future__ import annotations

import json
import shutil
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.async_api import Page as AsyncPage
    from playwright.sync_api import Browser, Page

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"

BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]


# True when the page has finished: script done, no skeleton, charts, maps and diagrams drawn, some content shown.
READY_JS = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid=stSkeleton]')) return false;
  if (!document.querySelector('[data-testid=stMain] [data-testid=stElementContainer]')) return false;
  for (const chart of document.querySelectorAll('[data-testid=stPlotlyChart]')) {
    const gd = chart.querySelector('.js-plotly-plot');
    if (!gd || !gd.querySelector('.main-svg')) return false;
    const layout = gd._fullLayout || {};
    for (const key of Object.keys(layout)) {
      if (/^(map|mapbox)\\d*$/.test(key) && layout[key] && layout[key]._subplot) {
        const map = layout[key]._subplot.map;
        if (!map || !map.loaded()) return false;
      }
    }
  }
  for (const chart of document.querySelectorAll('[data-testid=stGraphVizChart]')) {
    if (!chart.querySelector('svg')) return false;
  }
  return true;
}"""


# The script has finished and its elements have arrived (they may still be drawing).
SCRIPT_DONE_JS = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !!document.querySelector('[data-testid=stMain] [data-testid=stElementContainer]');
}"""


def load_page(tab: Page, url: str, timeout_ms: float = 60_000) -> float:
    """Navigate to `url` and return the milliseconds until the page has finished (see READY_JS)."""
    return load_page_split(tab, url, timeout_ms)[1]


def load_page_split(tab: Page, url: str, timeout_ms: float = 60_000) -> tuple[float, float]:
    """Milliseconds from navigating to `url` until the script has finished, and until the page has finished."""
    start = time.perf_counter()
    tab.goto(url, wait_until="commit", timeout=timeout_ms)
    tab.wait_for_function(SCRIPT_DONE_JS, timeout=timeout_ms)
    script_done = (time.perf_counter() - start) * 1000
    tab.wait_for_function(READY_JS, timeout=timeout_ms)
    return script_done, (time.perf_counter() - start) * 1000


def _payload(frames: list[bytes]) -> tuple[int, int, int]:
    """Total websocket bytes, bytes of the Plotly figure specs and of the boundaries inside them (GeoJSON of a
    MapLibre map, SVG paths of the outline map), from ForwardMsg frames."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    total, figures, geojson = 0, 0, 0
    for frame in frames:
        total += len(frame)
        message = ForwardMsg()
        try:
            message.ParseFromString(frame)
        except Exception:  # a frame that is not a ForwardMsg is counted, not decoded
            continue
        if message.WhichOneof("type") != "delta" or message.delta.WhichOneof("type") != "new_element":
            continue
        element = message.delta.new_element
        if element.WhichOneof("type") != "plotly_chart" or not element.plotly_chart.spec:
            continue
        spec = element.plotly_chart.spec
        figures += len(spec.encode("utf-8"))
        figure = json.loads(spec)
        for trace in figure.get("data", []):
            if trace.get("geojson") is not None:
                geojson += len(json.dumps(trace["geojson"], separators=(",", ":")).encode("utf-8"))
        for shape in figure.get("layout", {}).get("shapes", []):  # the outline map's municipalities
            if shape.get("type") == "path":
                geojson += len(shape.get("path", "").encode("utf-8"))
    return total, figures, geojson


def first_visit_payload(browser: Browser, base: str, url_path: str, query: str) -> tuple[int, int, int]:
    """Websocket payload of a first visit to a page, in a fresh browser context.

    A fresh context matters: the Streamlit frontend tells the server which large messages (>= 10 kB) it already
    holds, and the server then sends only a reference instead of the message; a returning browser would show
    almost no map bytes.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    frames: list[bytes] = []
    tab.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda f: frames.append(f if isinstance(f, bytes) else f.encode())),
    )
    load_page(tab, f"{base}/{url_path}{query}")
    tab.wait_for_timeout(500)  # let the last frames arrive
    context.close()
    return _payload(frames)


class RunCounter:
    """Counts the reruns the server starts and finishes for one tab, read from the websocket frames it receives.

    The frames are the server's word: a script that runs in a millisecond may never show "running" in the DOM
    (React can apply both states in one render), but its SessionStatus(script_is_running) and script_finished
    messages always arrive.
    """

    def __init__(self, tab: Page | AsyncPage) -> None:
        self.started = 0
        self.finished = 0
        tab.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload: bytes | str) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if isinstance(payload, str):
            return
        message = ForwardMsg()
        try:
            message.ParseFromString(payload)
        except Exception:  # not a ForwardMsg: not a rerun signal
            return
        kind = message.WhichOneof("type")
        if kind == "script_finished":
            self.finished += 1
        elif kind == "session_status_changed" and message.session_status_changed.script_is_running:
            self.started += 1


def switch_page(tab: Page, counter: RunCounter, url_path: str, timeout_ms: float = 60_000) -> float:
    """Click the sidebar link to `url_path` (same session, no reload); ms until the new page has settled."""
    before = counter.finished
    links = tab.locator("[data-testid=stSidebarNav] a")
    paths = links.evaluate_all("links => links.map(a => new URL(a.href).pathname.replace(/^\\//, ''))")
    start = time.perf_counter()
    links.nth(paths.index(url_path)).click()
    while counter.finished <= before:
        if (time.perf_counter() - start) * 1000 > timeout_ms:
            raise TimeoutError(f"no rerun finished within {timeout_ms / 1000:.0f} s after clicking {url_path!r}")
        tab.wait_for_timeout(10)  # lets Playwright deliver the websocket events
    tab.wait_for_function(READY_JS, timeout=timeout_ms, polling=20)
    return (time.perf_counter() - start) * 1000
