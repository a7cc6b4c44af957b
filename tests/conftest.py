"""Shared fixtures: the data snapshot, AppTest runs through app.py, and a real `streamlit run` for browser tests."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
import requests
import streamlit as st
from streamlit.testing.v1 import AppTest

from markdown_check import shown
from ros.data.catalog import TWENTE_CODES

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# ../shared/geo boundaries, for development and tests only; the Makefile passes the path when it exists.
TEST_BOUNDARIES = os.environ.get("ROS_TEST_BOUNDARIES") or ""
# A real PostgreSQL for the store's tests (fixtures `postgresql_server`, `postgresql_url`, `store_url`).
pytest_plugins = ["pg_server"]


@pytest.fixture(autouse=True, scope="session")
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never touch the user's cache or the network: an empty cache dir, offline, test boundaries if any."""
    os.environ["ROS_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["ROS_OFFLINE"] = "1"
    if TEST_BOUNDARIES:
        os.environ["ROS_BOUNDARIES_FILE"] = TEST_BOUNDARIES


@pytest.fixture(scope="session")
def snapshot():
    """The shipped data snapshot, validated."""
    from ros.data.snapshot import load_snapshot

    return load_snapshot()


def boundaries_file() -> str:
    """The development boundaries (ROS_TEST_BOUNDARIES): a map test is skipped without them, but fails when CI is
    set, so a CI run cannot pass with its map tests unrun."""
    if TEST_BOUNDARIES and Path(TEST_BOUNDARIES).is_file():
        return TEST_BOUNDARIES
    reason = (
        f"ROS_TEST_BOUNDARIES is not set or not a file ({TEST_BOUNDARIES or '../shared/geo/twente_gemeenten.geojson'})"
    )
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {reason}: boundary and map tests cannot run")
    pytest.skip(reason)


# Console errors that are not the app's: on a closed network, resources from the internet (Material icons from
# gstatic) cannot be resolved, and on a deep link Streamlit's frontend first probes <page>/_stcore/health and
# host-config (404) before the root ones. Anything else, a "Failed to fetch" from our own server included, fails.
_NOT_OURS = (
    re.compile(r"net::ERR_NAME_NOT_RESOLVED @ https?://(?!127\.0\.0\.1|localhost)"),
    re.compile(r"status of 404 \(Not Found\) @ http://127\.0\.0\.1:\d+/[\w-]+/_stcore/(health|host-config)$"),
)


def console_problems(tab) -> list[str]:
    """The console errors of `tab` (recorded as 'text @ url') that come from the app."""
    return [e for e in tab.console_errors if not any(pattern.search(e) for pattern in _NOT_OURS)]


def record_console(tab) -> None:
    """Record `tab`'s console errors and page errors in `tab.console_errors`, as 'text @ url'."""
    tab.console_errors = []
    tab.on(
        "console", lambda m: m.type == "error" and tab.console_errors.append(f"{m.text} @ {m.location.get('url', '')}")
    )
    tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))


def run_app(page: str | None = None, query: dict[str, str] | None = None, **state: object) -> AppTest:
    """Run app.py (optionally on `page`, e.g. 'app_pages/bronnen.py') with URL parameters and session state; both
    Streamlit caches start empty, so no test sees another's data, figures or store."""
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    if page:
        at.switch_page(page)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def texts(at: AppTest) -> str:
    """All visible text of an AppTest run (titles, markdown, captions, metrics, alerts) as one string, as a reader
    sees it (Markdown escapes resolved)."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts.extend(str(e.value) for e in getattr(at, kind))
    for metric in at.metric:
        parts.extend([metric.label, str(metric.value), str(metric.delta or "")])
    parts.extend(p.proto.text for p in at.get("progress"))
    return shown("\n".join(parts))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(
    tmp: Path, env: dict[str, str], *args: str, host: str = "127.0.0.1", port: int | None = None
) -> Iterator[str]:
    """The dashboard as it is deployed (`python -m ros.ui.launch`, i.e. `streamlit run app.py` started warm) on
    `port` (a free one by default) with extra settings; yields its base URL once /_stcore/health answers, stops it
    after."""
    port = port or _free_port()
    log = (tmp / f"streamlit-{port}.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "ros.ui.launch", "--server.port", str(port), "--server.headless", "true", *args],
        cwd=ROOT,
        env=dict(os.environ, ROS_CACHE_DIR=str(tmp / f"cache-{port}"), **env),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://{host}:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/_stcore/health", timeout=1).ok:
                break
        except requests.RequestException:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail(f"streamlit run did not become healthy: {(tmp / f'streamlit-{port}.log').read_text()[-2000:]}")
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a real `streamlit run app.py` on a free port (waits for /_stcore/health)."""
    yield from start_app(tmp_path_factory.mktemp("server"), {})


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium through Playwright; skipped without Chromium unless CI is set."""
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("CI is set but no chromium is installed: browser tests cannot run")
        pytest.skip("no chromium installed (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, app_server, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh browser page (the browser's locale from an indirect parameter, e.g. 'nl-NL'); its console errors are
    in `page.console_errors`; a screenshot is kept on failure."""
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale=getattr(request, "param", None)
    )
    tab = context.new_page()
    record_console(tab)
    tab.base_url = app_server
    yield tab
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep each phase's report on the test item, so fixtures can see whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def wait_for_app(tab, timeout: float = 30_000) -> None:
    """Wait until the script has finished, no skeleton is left and every Plotly chart has drawn."""
    tab.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout)
    tab.wait_for_function(
        "() => !document.querySelector('[data-testid=stSkeleton]') && "
        "[...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => c.querySelector('.main-svg'))",
        timeout=timeout,
    )


def open_page(tab, path: str = "", query: str = "") -> None:
    """Go to `path` (e.g. 'bronnen') with an optional query string and wait until it has rendered."""
    tab.goto(f"{tab.base_url}/{path}{'?' + query if query else ''}")
    wait_for_app(tab)


def assert_no_exception(tab) -> None:
    """Fail when the page shows a Streamlit exception box or an empty main area."""
    assert tab.locator("[data-testid=stException]").count() == 0, tab.inner_text("[data-testid=stMain]")[:2000]
    assert tab.inner_text("[data-testid=stMain]").strip(), "the page is empty"


# The 14 municipalities by the names users type (Hengelo without CBS's "(O.)"), in alphabetical order.
TWENTE_NAMES = (
    "Almelo",
    "Borne",
    "Dinkelland",
    "Enschede",
    "Haaksbergen",
    "Hellendoorn",
    "Hengelo",
    "Hof van Twente",
    "Losser",
    "Oldenzaal",
    "Rijssen-Holten",
    "Tubbergen",
    "Twenterand",
    "Wierden",
)


def weights_csv(weights: Mapping[str, object]) -> str:
    """The text of an own-weights file (gemeente;gewicht, one line per name in the given order, no final newline)."""
    return "gemeente;gewicht\n" + "\n".join(f"{name};{weight}" for name, weight in weights.items())


def weights_link(weights: Mapping[str, float]) -> str:
    """The link value of own weights (code:weight;…) for all 14 municipalities in code order, 0 where not given."""
    return ";".join(f"{code}:{weights.get(code, 0)}" for code in sorted(TWENTE_CODES))
