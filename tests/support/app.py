"""AppTest runs of the dashboard through app.py, and the text a reader sees in them."""

from __future__ import annotations

import streamlit as st
from streamlit.testing.v1 import AppTest

from ros.base.config import ROOT
from tests.support.markdown import shown

APP = str(ROOT / "app.py")


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
