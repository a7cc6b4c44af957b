"""AppTest runs of the dashboard through app.py, and the text a reader sees in them."""

from __future__ import annotations

import os
from collections.abc import Mapping

import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Element

from ros.base.config import ROOT
from tests.support.markdown import shown

APP = str(ROOT / "app.py")


class _Caches:
    """The settings under which the Streamlit caches were filled by tests that changed nothing else (see
    `after_test`); None when they may hold something another test must not see."""

    valid_for: tuple[tuple[str, str], ...] | None = None


_CACHES = _Caches()


def _settings() -> tuple[tuple[str, str], ...]:
    """The environment the app reads its settings from (ros.base.config reads ROS_* at call time)."""
    return tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(("ROS_", "STREAMLIT_"))))


def after_test(patched: bool) -> None:
    """Called after every test: what it cached may serve the next test only if it patched nothing (no monkeypatch
    of settings, code or files), so that every cached value is what the same call would compute again."""
    _CACHES.valid_for = None if patched else _settings()


def run_app(page: str | None = None, query: Mapping[str, str | list[str]] | None = None, **state: object) -> AppTest:
    """Run app.py (optionally on `page`, e.g. 'app_pages/bronnen.py') with URL parameters and session state. No test
    sees another's data, figures or store: both Streamlit caches are cleared, except on a test's first run after a
    test that patched nothing under the same settings, whose cached values the same calls would compute again."""
    if _CACHES.valid_for is None or _CACHES.valid_for != _settings():
        st.cache_data.clear()
        st.cache_resource.clear()
    _CACHES.valid_for = None  # a second run in the same test starts empty, as the test may have changed something
    at = AppTest.from_file(APP, default_timeout=60)
    if page:
        at.switch_page(page)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    for name, setting in state.items():
        at.session_state[name] = setting
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


def widget_labels(at: AppTest, kind: str) -> list[str]:
    """The labels of the widgets of `kind` that AppTest offers no typed accessor for (download buttons, …)."""
    found = []
    for widget in at.get(kind):
        assert isinstance(widget, Element), widget
        found.append(widget.label)
    return found
