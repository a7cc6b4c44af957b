"""URL state: scenario settings and view choices read from the link on the first run and written back after it.

Settings that define a shareable view are linked to the URL by `from_url`/`sync_url` (not Streamlit's
`bind="query-params"`, which puts formatted labels in the URL and drops bad values silently); scenario settings
live in the session's scenario so that they survive page switches.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ros import scenario
from ros.markup import escape
from ros.ui.text import t


def start_run() -> None:
    """Begin a run: forget the previous run's linked widgets; on the session's first run, read the scenario
    settings from the URL (every page's settings, so a link can carry a whole scenario)."""
    st.session_state["_url_defaults"] = {}
    if "_scenario" not in st.session_state:
        found, ignored = scenario.from_query(st.query_params.to_dict())
        st.session_state["_scenario"] = scenario.state_values(found)
        st.session_state.setdefault("_url_ignored", []).extend(ignored)


def from_url(key: str, default: Any, parse: Callable[[str], Any]) -> None:
    """Link widget state `key` to the URL parameter of the same name; call before creating the widget.

    Scenario settings (`ros.scenario`) take their value from the session's scenario, which the URL filled on the
    first run and which keeps the value while the user is on other pages. Other view settings are read from the
    URL on the session's first run when `parse` accepts them. A bad value keeps the default and is reported once;
    `sync_url` writes the values back (only those that differ from the default, so links stay short).
    """
    st.session_state["_url_defaults"][key] = default
    if key in scenario.URL_FIELDS:
        if key not in st.session_state:
            value = st.session_state["_scenario"].get(key)
            st.session_state[key] = default if value is None else value
        return
    loaded = st.session_state.setdefault("_url_loaded", set())
    if key in loaded and key in st.session_state:
        return
    loaded.add(key)
    raw = st.query_params.get(key)
    value = default
    if raw is not None:
        try:
            value = parse(raw)
        except (ValueError, KeyError, TypeError):
            st.session_state.setdefault("_url_ignored", []).append(f"{key}={raw}")
    st.session_state[key] = value


def sync_url(notice: Any) -> None:
    """Write the scenario and this page's view settings to the URL; show, once, which parameters were ignored."""
    registered = st.session_state.get("_url_defaults", {})
    page_defaults = st.session_state.setdefault("_url_page_defaults", {})
    page_defaults.update(registered)
    values = st.session_state["_scenario"]
    for key in (k for k in registered if k in scenario.URL_FIELDS):
        # A page default that is not the scenario's (the milestones' "today") is stored as the scenario default.
        value = st.session_state.get(key)
        values[key] = scenario.default_value(key) if value == registered[key] else value
    if not st.session_state.get("_url_checked"):
        st.session_state["_url_checked"] = True
        unknown = [f"{k}={v}" for k, v in st.query_params.items() if k not in registered and k not in scenario.URL_FIELDS]
        st.session_state.setdefault("_url_ignored", []).extend(unknown)
    wanted = {}
    for key in scenario.URL_FIELDS:
        value, default = values.get(key), page_defaults.get(key, scenario.default_value(key))
        if value is not None and value != default:
            wanted[key] = scenario.url_text(value)
    for key, default in registered.items():
        value = st.session_state.get(key, default)
        if key not in scenario.URL_FIELDS and value not in (default, None):
            wanted[key] = str(value)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    ignored = st.session_state.pop("_url_ignored", [])
    if ignored:
        notice.warning(t("common.url_ignored", params=escape(", ".join(sorted(set(ignored))))), icon=":material/link_off:")
