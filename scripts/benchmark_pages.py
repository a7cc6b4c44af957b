"""Benchmark of every dashboard page: warm server rerun, browser render time, cold start, map payload and memory.

(a) Warm rerun: each page through `app.py` in Streamlit's AppTest (the real script runner, no browser), 2 warm-up
    runs, then the median of --runs timed reruns, wall clock ("rerun ms") and CPU time of the process ("cpu ms",
    hardly affected by other load on the machine). A one-line page is timed the same way as AppTest's own floor.
(b) Browser: a real `streamlit run app.py` on a free port and a one-line Streamlit app (written to a temp dir) on
    another, both started and stopped here; headless Chromium (Playwright, /usr/bin/chromium) loads each page's URL
    and the clock runs from navigation until the page has finished ("script ms": until the script has finished and
    its elements have arrived, drawing may still go on; "browser ms": until everything is drawn): script state
    notRunning, no stSkeleton, every Plotly chart has its .main-svg, every Plotly map's MapLibre map reports
    loaded(), every graphviz chart has its svg. One warm-up load per page, then the median of --browser-runs loads,
    interleaved with the one-line page so both see the same machine load; the ratio page / one-line page is printed.
    "switch ms": the same page reached
    inside a session by clicking its sidebar link (no reload: Streamlit's JavaScript, plotly.js and the websocket
    are already there), from click until settled; its floor is switching between two one-line pages.
(c) Cold start: the dashboard's server process is started fresh (Python bytecode already compiled), timed until
    /_stcore/health answers and from then until the first page has finished in the browser: once for a returning
    browser (it loaded the dashboard from an earlier server on the same address, so Streamlit's JavaScript is in its
    cache, as after a restart) and once for a first visit (nothing cached). Map payload: the websocket frames
    the server sends while a page loads are captured in the browser and decoded as Streamlit ForwardMsg protobufs;
    the Plotly figure specs in them are parsed and the bytes of the boundaries (a trace's `geojson`, or the outline
    map's SVG paths) counted, next
    to the whole figure spec and the total websocket bytes of the page (Streamlit does not compress its websocket,
    so these are the bytes on the wire). Memory: VmRSS of the server process from /proc/<pid>/status after every
    page was visited (psutil is not installed).

Pages are read from the `st.Page("app_pages/...", ...)` entries of app.py, so new pages are measured automatically.
Targets (issue 17): warm rerun <= 50 ms CPU (median), browser <= 2.5x the one-line page on a full load and <= 3x its
floor on an in-session page switch, first page <= 3 s after the health check, map payload <= 150 KB, server memory
<= 250 MB.

Every page is measured with the same municipality chosen in the sidebar (--gemeente, default GM0153 Enschede), so
that pages with a municipality view render it in full; --gemeente '' measures the all-of-Twente view.

Usage: .venv/bin/python scripts/benchmark_pages.py [--runs 7] [--browser-runs 5] [--gemeente GM0153]
       [--json results.json] [--pages doelen,bronnen] [--skip-apptest] [--skip-browser]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Self

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
# The development boundaries next to the repository (as in the Makefile), never copied; ROS_TEST_BOUNDARIES overrides.
BOUNDARIES = Path(os.environ.get("ROS_TEST_BOUNDARIES") or ROOT.parent / "shared" / "geo" / "twente_gemeenten.geojson")
ONE_LINE_APP = 'import streamlit as st\n\nst.write("Hallo Twente")\n'

TARGET_RERUN_CPU_MS = 50.0
TARGET_BROWSER_RATIO = 2.5
TARGET_SWITCH_RATIO = 3.0
TARGET_COLD_S = 3.0
TARGET_MAP_BYTES = 150 * 1024
TARGET_RSS_MB = 250.0

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

# Two one-line pages in st.navigation: the floor for switching pages inside a session.
TWO_PAGE_APP = """import streamlit as st

st.set_page_config(initial_sidebar_state="expanded")


def first() -> None:
    st.write("Hallo Twente")


def second() -> None:
    st.write("Hallo Overijssel")


st.navigation([st.Page(first, title="Een", default=True),
               st.Page(second, title="Twee", url_path="twee")]).run()
"""

BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]


@dataclass
class PageResult:
    """The figures of one page."""

    path: str  # app_pages/<file>.py
    url_path: str  # '' for the default page
    rerun_ms: float | None = None
    rerun_samples: list[float] = field(default_factory=list)
    rerun_cpu_ms: float | None = None
    browser_ms: float | None = None
    browser_samples: list[float] = field(default_factory=list)
    browser_script_ms: float | None = None  # until the script finished and its elements arrived
    switch_ms: float | None = None  # reached through the sidebar inside a session, no reload
    switch_ratio: float | None = None
    browser_ratio: float | None = None
    websocket_bytes: int | None = None
    figure_bytes: int | None = None
    geojson_bytes: int | None = None


def page_entries(app: Path = APP) -> list[tuple[str, str]]:
    """(script path, url path) of every `st.Page("app_pages/...")` in app.py; the default page's url path is ''."""
    text = app.read_text(encoding="utf-8")
    entries = []
    for match in re.finditer(r"st\.Page\(\s*\"(app_pages/[^\"]+\.py)\"(.*?)\)\s*,?\s*(?=st\.Page|\])", text, re.DOTALL):
        script, args = match.group(1), match.group(2)
        url = re.search(r"url_path=\"([^\"]*)\"", args)
        url_path = url.group(1) if url else Path(script).stem
        entries.append((script, "" if re.search(r"default=True", args) else url_path))
    return entries


def server_env() -> dict[str, str]:
    """The environment for the app: offline, with the development boundaries when they exist, a private cache."""
    env = dict(os.environ, ROS_OFFLINE="1", ROS_CACHE_DIR=tempfile.mkdtemp(prefix="ros-bench-cache-"))
    if BOUNDARIES.exists():
        env["ROS_BOUNDARIES_FILE"] = str(BOUNDARIES)
    return env


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (VmRSS from /proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


class Server:
    """A `streamlit run <script>` on a free port, started in __enter__ and stopped in __exit__."""

    def __init__(self, script: Path, env: dict[str, str], cwd: Path, port: int | None = None) -> None:
        self.script, self.env, self.cwd = script, env, cwd
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.log_path = Path(tempfile.gettempdir()) / f"ros-bench-{self.port}.log"
        self.started = 0.0
        self.healthy_after_s = 0.0

    def __enter__(self) -> Self:
        import urllib.request

        log = self.log_path.open("w")
        self.started = time.perf_counter()
        # No file watcher: on this shared machine colleagues edit ros/*.py while we measure, and Streamlit's watcher
        # would then drop those modules from sys.modules in the middle of a run (KeyError: 'ros.data.catalog').
        # The dashboard starts as it is deployed (`ros.ui.launch`: warm before the health check); other apps plainly.
        command = ["ros.ui.launch"] if self.script == APP else ["streamlit", "run", str(self.script)]
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                *command,
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(self.port),
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=self.cwd,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        self.healthy_after_s = time.perf_counter() - self.started
                        return self
            except OSError:
                time.sleep(0.05)
        self.__exit__(None, None, None)
        raise RuntimeError(f"{self.script} did not become healthy within 90 s (log: {log.name})")

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def tracebacks(self) -> list[str]:
        """The last line of every traceback in the server log (errors in the app's scripts)."""
        lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        found, inside = [], False
        for line in lines:
            if line.startswith("Traceback"):
                inside = True
            elif inside and line and not line.startswith((" ", "\t")):
                found.append(line.strip())
                inside = False
        return found

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid


def load_page(tab, url: str, timeout_ms: float = 60_000) -> float:
    """Navigate to `url` and return the milliseconds until the page has finished (see READY_JS)."""
    return load_page_split(tab, url, timeout_ms)[1]


def load_page_split(tab, url: str, timeout_ms: float = 60_000) -> tuple[float, float]:
    """Milliseconds from navigating to `url` until the script has finished, and until the page has finished."""
    start = time.perf_counter()
    tab.goto(url, wait_until="commit", timeout=timeout_ms)
    tab.wait_for_function(SCRIPT_DONE_JS, timeout=timeout_ms)
    script_done = (time.perf_counter() - start) * 1000
    tab.wait_for_function(READY_JS, timeout=timeout_ms)
    return script_done, (time.perf_counter() - start) * 1000


# ---------------------------------------------------------------------------------------------------------------- (a)
def measure_reruns(
    entries: list[tuple[str, str]], runs: int, query: dict[str, str], warmup: int = 2
) -> tuple[dict[str, tuple[list[float], list[float]]], list[float]]:
    """Warm rerun times per page through app.py in AppTest, and those of a one-line page (the AppTest floor).

    Per page: wall-clock ms and CPU ms of this process (the script runs in one of its threads and nothing else
    runs here, so CPU time is the rerun's own work, which other users of a busy machine hardly change).
    """
    os.environ.update({k: v for k, v in server_env().items() if k.startswith("ROS_")})
    from streamlit import logger
    from streamlit.testing.v1 import AppTest

    logger.set_log_level("error")  # AppTest's "missing ScriptRunContext" warnings are noise here

    def timed_runs(at: AppTest) -> tuple[list[float], list[float]]:
        for _ in range(warmup):
            at.run()
        wall, cpu = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            at.run()
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        if at.exception:
            raise RuntimeError(f"the page raised: {at.exception[0].message}")
        return wall, cpu

    results = {}
    for script, _ in entries:
        at = AppTest.from_file(str(APP), default_timeout=120)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        at.switch_page(script)
        results[script] = timed_runs(at)
    floor = timed_runs(AppTest.from_string(ONE_LINE_APP, default_timeout=60))[0]
    return results, floor


# ---------------------------------------------------------------------------------------------------------------- (b,c)
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


def first_visit_payload(browser, base: str, url_path: str, query: str) -> tuple[int, int, int]:
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

    def __init__(self, tab) -> None:
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


def switch_page(tab, counter: RunCounter, url_path: str, timeout_ms: float = 60_000) -> float:
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


def measure_switches(
    browser, base: str, floor_base: str, paths: list[str], runs: int, query: str
) -> tuple[dict[str, list[float]], list[float]]:
    """In-session page switches through the sidebar: each page reached from the one before it, and the floor.

    A single measured page is reached from the overview (or, for the overview itself, from the sources page).
    """
    route = paths if len(paths) > 1 else [*paths, "bronnen" if paths[0] == "" else ""]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    counter = RunCounter(tab)
    samples: dict[str, list[float]] = {path: [] for path in paths}
    floor: list[float] = []
    load_page(tab, f"{base}/{route[-1]}{query}")
    for path in route:  # warm-up round
        switch_page(tab, counter, path)
    for _ in range(runs):
        for path in route:
            elapsed = switch_page(tab, counter, path)
            if path in samples:
                samples[path].append(elapsed)
    load_page(tab, f"{floor_base}/")
    switch_page(tab, counter, "twee")
    for _ in range(runs):
        floor.append(switch_page(tab, counter, ""))  # the default page's link is the root
        floor.append(switch_page(tab, counter, "twee"))
    context.close()
    return samples, floor


def measure_browser(entries: list[tuple[str, str]], runs: int, query: str) -> dict[str, Any]:
    """Cold start, per-page browser times against the one-line page, payloads and server memory."""
    from playwright.sync_api import sync_playwright

    env = server_env()
    results: dict[str, Any] = {"pages": {}, "floor_samples": []}
    with tempfile.TemporaryDirectory(prefix="ros-one-line-") as tmp, sync_playwright() as playwright:
        one_line = Path(tmp) / "one_line.py"
        one_line.write_text(ONE_LINE_APP, encoding="utf-8")
        two_pages = Path(tmp) / "two_pages.py"
        two_pages.write_text(TWO_PAGE_APP, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        # (c) cold start for a returning browser: it has the dashboard's JavaScript cached from an earlier server on
        # the same address (as after a restart or a deployment); then for a first visit (nothing cached).
        port = free_port()
        returning = browser.new_context(viewport={"width": 1400, "height": 1000})
        returning_tab = returning.new_page()
        with Server(APP, env, ROOT, port) as earlier:
            load_page(returning_tab, f"{earlier.base}/{query}", 120_000)
        with Server(APP, env, ROOT, port) as restarted:
            script_ms, ready_ms = load_page_split(returning_tab, f"{restarted.base}/{query}", 120_000)
            results["cold_returning_health_s"] = restarted.healthy_after_s
            results["cold_returning_script_s"] = script_ms / 1000
            results["cold_returning_first_page_s"] = ready_ms / 1000
        returning.close()
        with Server(APP, env, ROOT) as server:  # cold start for a first visit: the browser is already up
            tab.goto(f"{server.base}/{query}", wait_until="commit", timeout=120_000)
            tab.wait_for_function(READY_JS, timeout=120_000)
            results["cold_health_s"] = server.healthy_after_s
            results["cold_first_page_s"] = time.perf_counter() - server.started
            results["rss_start_mb"] = rss_mb(server.pid)
            with Server(one_line, env, Path(tmp)) as floor_server:
                load_page(tab, floor_server.base)  # warm-up
                for _, url_path in entries:
                    load_page(tab, f"{server.base}/{url_path}{query}")
                for _, url_path in entries:
                    results["pages"][url_path] = {
                        "payload": first_visit_payload(browser, server.base, url_path, query),
                        "samples": [],
                        "script_samples": [],
                    }
                for _ in range(runs):
                    results["floor_samples"].append(load_page(tab, floor_server.base))
                    for _, url_path in entries:
                        script_ms, ready_ms = load_page_split(tab, f"{server.base}/{url_path}{query}")
                        results["pages"][url_path]["samples"].append(ready_ms)
                        results["pages"][url_path]["script_samples"].append(script_ms)
                results["floor_rss_mb"] = rss_mb(floor_server.pid)
            with Server(two_pages, env, Path(tmp)) as nav_floor_server:
                paths = [url_path for _, url_path in entries]
                results["switch_samples"], results["switch_floor_samples"] = measure_switches(
                    browser, server.base, nav_floor_server.base, paths, runs, query
                )
            for _, url_path in entries:  # every page also in English, then the memory after all of them
                load_page(tab, f"{server.base}/{url_path}{query}{'&' if query else '?'}lang=en")
            results["rss_after_mb"] = rss_mb(server.pid)
        browser.close()
    return results


# ------------------------------------------------------------------------------------------------------------- report
def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _kb(value: int | None) -> str:
    return "-" if value is None else f"{value / 1024:,.1f}"


def main(argv: list[str] | None = None) -> int:  # noqa: C901, PLR0912, PLR0915 - to be split by job (#21)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed AppTest reruns per page (after 2 warm-up runs)")
    parser.add_argument("--browser-runs", type=int, default=5, help="timed browser loads per page")
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    parser.add_argument(
        "--gemeente",
        default="GM0153",
        help="municipality chosen in the sidebar on every page (default Enschede; '' for none)",
    )
    parser.add_argument(
        "--pages", default="", help="only these pages, by file name without .py, comma-separated (default: all)"
    )
    parser.add_argument("--skip-apptest", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args(argv)

    entries = page_entries()
    if args.pages:
        wanted = {name.strip() for name in args.pages.split(",")}
        entries = [entry for entry in entries if Path(entry[0]).stem in wanted]
        if not entries:
            parser.error(f"no page named {args.pages!r} in app.py")
    pages = [PageResult(script, url_path) for script, url_path in entries]
    summary: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.node()} {os.cpu_count()} cores, {platform.python_version()}",
        "boundaries": "development file" if BOUNDARIES.exists() else "none (tile-map fallback)",
        "gemeente": args.gemeente or None,
        "load_average_before": [round(x, 1) for x in os.getloadavg()],
    }
    if not args.skip_apptest:
        reruns, floor = measure_reruns(entries, args.runs, {"gemeente": args.gemeente} if args.gemeente else {})
        for page in pages:
            wall, cpu = reruns[page.path]
            page.rerun_samples = [round(s, 1) for s in wall]
            page.rerun_ms = statistics.median(wall)
            page.rerun_cpu_ms = statistics.median(cpu)
        summary["apptest_floor_ms"] = statistics.median(floor)
    if not args.skip_browser:
        browser = measure_browser(entries, args.browser_runs, f"?gemeente={args.gemeente}" if args.gemeente else "")
        floor_ms = statistics.median(browser["floor_samples"])
        summary |= {
            k: v
            for k, v in browser.items()
            if k not in ("pages", "floor_samples", "switch_samples", "switch_floor_samples")
        }
        summary["browser_floor_ms"] = floor_ms
        summary["switch_floor_ms"] = statistics.median(browser["switch_floor_samples"])
        for page in pages:
            measured = browser["pages"][page.url_path]
            page.browser_samples = [round(s) for s in measured["samples"]]
            page.browser_ms = statistics.median(measured["samples"])
            page.browser_script_ms = statistics.median(measured["script_samples"])
            page.switch_ms = statistics.median(browser["switch_samples"][page.url_path])
            page.switch_ratio = page.switch_ms / summary["switch_floor_ms"]
            page.browser_ratio = page.browser_ms / floor_ms
            page.websocket_bytes, page.figure_bytes, page.geojson_bytes = measured["payload"]

    summary["load_average_after"] = [round(x, 1) for x in os.getloadavg()]
    print(
        f"\nROS Twente page benchmark, {summary['date']}, {summary['machine']}, boundaries: {summary['boundaries']}, "
        f"municipality: {summary['gemeente'] or 'none (all of Twente)'}, "
        f"load average {summary['load_average_before'][0]} before, {summary['load_average_after'][0]} after"
    )
    header = (
        f"{'page':<22}{'rerun ms':>10}{'cpu ms':>8}{'script ms':>11}{'browser ms':>12}{'x floor':>9}"
        f"{'switch ms':>11}{'x floor':>9}{'ws KB':>8}{'figures KB':>12}{'map KB':>12}"
    )
    print(header + "\n" + "-" * len(header))
    for page in pages:
        ratio = "-" if page.browser_ratio is None else f"{page.browser_ratio:.2f}"
        switch_ratio = "-" if page.switch_ratio is None else f"{page.switch_ratio:.2f}"
        print(
            f"{page.path.removeprefix('app_pages/'):<22}{_ms(page.rerun_ms):>10}{_ms(page.rerun_cpu_ms):>8}"
            f"{_ms(page.browser_script_ms):>11}"
            f"{_ms(page.browser_ms):>12}{ratio:>9}{_ms(page.switch_ms):>11}{switch_ratio:>9}{_kb(page.websocket_bytes):>8}{_kb(page.figure_bytes):>12}"
            f"{_kb(page.geojson_bytes):>12}"
        )
    if "apptest_floor_ms" in summary or "browser_floor_ms" in summary:
        print(
            f"{'one-line page (floor)':<22}{_ms(summary.get('apptest_floor_ms')):>10}{'':>19}"
            f"{_ms(summary.get('browser_floor_ms')):>12}{'1.00' if 'browser_floor_ms' in summary else '-':>9}"
            f"{_ms(summary.get('switch_floor_ms')):>11}{'1.00' if 'switch_floor_ms' in summary else '-':>9}"
        )
    if "cold_health_s" in summary:
        print(
            f"\ncold start, first visit: health ok after {summary['cold_health_s']:.1f} s, first page rendered "
            f"{summary['cold_first_page_s'] - summary['cold_health_s']:.1f} s after that"
        )
        print(
            f"cold start, returning browser: health ok after {summary['cold_returning_health_s']:.1f} s, first page's "
            f"script done {summary['cold_returning_script_s']:.1f} s and rendered "
            f"{summary['cold_returning_first_page_s']:.1f} s after that"
        )
        print(
            f"server memory (VmRSS): {summary['rss_start_mb']:.0f} MB after the first page, "
            f"{summary['rss_after_mb']:.0f} MB after every page in nl and en "
            f"(one-line app: {summary['floor_rss_mb']:.0f} MB)"
        )

    misses = []
    for page in pages:
        if page.rerun_cpu_ms is not None and page.rerun_cpu_ms > TARGET_RERUN_CPU_MS:
            misses.append(f"{page.path}: warm rerun {page.rerun_cpu_ms:.0f} ms CPU > {TARGET_RERUN_CPU_MS:.0f} ms")
        if page.browser_ratio is not None and page.browser_ratio > TARGET_BROWSER_RATIO:
            misses.append(f"{page.path}: browser {page.browser_ratio:.2f}x the one-line page > {TARGET_BROWSER_RATIO}x")
        if page.switch_ratio is not None and page.switch_ratio > TARGET_SWITCH_RATIO:
            misses.append(
                f"{page.path}: page switch {page.switch_ratio:.2f}x the one-line switch > {TARGET_SWITCH_RATIO}x"
            )
        if page.geojson_bytes and page.geojson_bytes > TARGET_MAP_BYTES:
            misses.append(
                f"{page.path}: map payload {page.geojson_bytes / 1024:.0f} KB > {TARGET_MAP_BYTES // 1024} KB"
            )
    if "cold_returning_first_page_s" in summary and summary["cold_returning_first_page_s"] > TARGET_COLD_S:
        misses.append(
            f"cold start (returning browser): first page {summary['cold_returning_first_page_s']:.1f} s "
            f"after the health check > {TARGET_COLD_S:.0f} s"
        )
    if "cold_health_s" in summary and summary["cold_first_page_s"] - summary["cold_health_s"] > TARGET_COLD_S:
        misses.append(
            f"cold start (first visit): first page "
            f"{summary['cold_first_page_s'] - summary['cold_health_s']:.1f} s after the health check > "
            f"{TARGET_COLD_S:.0f} s"
        )
    if "rss_after_mb" in summary and summary["rss_after_mb"] > TARGET_RSS_MB:
        misses.append(f"server memory {summary['rss_after_mb']:.0f} MB > {TARGET_RSS_MB:.0f} MB")
    print("\ntargets: " + ("all met" if not misses else "MISSED\n  " + "\n  ".join(misses)))

    if args.json:
        args.json.write_text(
            json.dumps(
                {"summary": summary, "pages": [asdict(p) for p in pages], "misses": misses},
                indent=2,
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        print(f"results written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
