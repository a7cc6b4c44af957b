"""(b, c) The browser's view: cold starts (returning and first visit), every page's load time against a one-line
app, in-session page switches against two one-line pages, the payload of a first visit, and the server's memory."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scripts.pagebench.browser import (
    BROWSER_ARGS,
    CHROMIUM,
    READY_JS,
    RunCounter,
    first_visit_payload,
    load_page,
    load_page_split,
    switch_page,
)
from scripts.pagebench.reruns import ONE_LINE_APP
from scripts.pagebench.server import APP, ROOT, Server, free_port, rss_mb, server_env

if TYPE_CHECKING:
    from playwright.sync_api import Browser

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


def measure_switches(
    browser: Browser, base: str, floor_base: str, paths: list[str], runs: int, query: str
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
