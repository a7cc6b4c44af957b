"""Fixtures for the browser tests: a real `streamlit run app.py`, headless Chromium, and a fresh tab per test."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.support.browser import ARTIFACTS, CHROMIUM, new_context, record_console
from tests.support.server import start_app


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
    context = new_context(
        browser, viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale=getattr(request, "param", None)
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
def pytest_runtest_makereport(item: pytest.Item):
    """Keep each phase's report on the test item, so fixtures can see whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
