"""URL state: scenario settings and view choices read from the link on the first run and written back after it.

Settings that define a shareable view are linked to the URL by `from_url`/`sync_url` (not Streamlit's
`bind="query-params"`, which puts formatted labels in the URL and drops bad values silently); scenario settings
live in the session's scenario so that they survive page switches. A parameter given more than once is never
used (which one did the user mean?): it is named in the notice and dropped from the link. The notice names at most
`NAMED` parameters, each value cut to `VALUE_LENGTH` characters, and counts the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NoReturn

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ros.base.markup import escape
from ros.records import scenario
from ros.ui import session
from ros.ui.text import t

NAMED = 5
VALUE_LENGTH = 40


def _repeated() -> set[str]:
    """The URL parameters given more than once."""
    return {key for key in st.query_params if len(st.query_params.get_all(key)) > 1}


def _single_params() -> dict[str, str]:
    """The URL parameters given once (a repeated one is never used)."""
    repeated = _repeated()
    return {k: v for k, v in st.query_params.to_dict().items() if k not in repeated}


def start_run() -> None:
    """Begin a run: forget the previous run's linked widgets; on the session's first run, read the scenario
    settings from the URL (every page's settings, so a link can carry a whole scenario)."""
    st.session_state["_url_defaults"] = {}
    if not session.has_scenario():
        found, ignored = scenario.from_query(_single_params())
        session.set_scenario_values(scenario.state_values(found))
        repeated = [
            t("common.url_repeated", name=k, count=len(st.query_params.get_all(k))) for k in sorted(_repeated())
        ]
        st.session_state.setdefault("_url_ignored", []).extend([*repeated, *ignored])


def from_url(key: str, default: Any, parse: Callable[[str], Any]) -> None:
    """Link the view choice `key` (map measure, list or timeline, slide, language) to the URL parameter of the same
    name; call before creating its widget (with `key=` and no own default).

    The URL is read on the session's first run when `parse` accepts it; a bad value keeps the default and is
    reported once. Later runs give the widget its own value again, so a value never depends on a label of the
    previous language. Scenario settings are not linked here: `ros.ui.settings` builds them from the scenario.
    """
    st.session_state["_url_defaults"][key] = default
    loaded = st.session_state.setdefault("_url_loaded", set())
    if key in loaded and key in st.session_state:
        st.session_state[key] = st.session_state[key]
        return
    loaded.add(key)
    raw = _single_params().get(key)
    value = default
    if raw is not None:
        try:
            value = parse(raw)
        except (ValueError, KeyError, TypeError):
            st.session_state.setdefault("_url_ignored", []).append(f"{key}={raw}")
    st.session_state[key] = value


def sync_url(notice: Any) -> None:
    """Write the session's scenario (what differs from the default) and this page's view choices to the URL; show,
    once, which parameters were ignored."""
    registered = st.session_state.get("_url_defaults", {})
    values = session.scenario_values()
    if not st.session_state.get("_url_checked"):
        st.session_state["_url_checked"] = True
        unknown = [
            f"{k}={v}" for k, v in _single_params().items() if k not in registered and k not in scenario.URL_FIELDS
        ]
        st.session_state.setdefault("_url_ignored", []).extend(unknown)
    wanted = {}
    for key in scenario.URL_FIELDS:
        value = values.get(key)
        if value is not None and value != scenario.default_value(key):
            wanted[key] = scenario.url_text(value)
    for key, default in registered.items():
        value = st.session_state.get(key, default)
        if value not in (default, None):
            wanted[key] = str(value)
    if st.query_params.to_dict() != wanted or _repeated():
        st.query_params.from_dict(wanted)
    ignored = st.session_state.pop("_url_ignored", [])
    if ignored:
        notice.warning(t("common.url_ignored", params=escape(named_briefly(ignored))), icon=":material/link_off:")


def named_briefly(items: Iterable[str]) -> str:
    """The ignored parameters for the notice: the first `NAMED` (in order, each once, long values cut), then
    'en N andere'."""
    unique = list(dict.fromkeys(items))
    shown = [item if len(item) <= VALUE_LENGTH else item[: VALUE_LENGTH - 1] + "…" for item in unique[:NAMED]]
    text = ", ".join(shown)
    if len(unique) > NAMED:
        text = t("common.url_ignored_more", params=text, count=len(unique) - NAMED)
    return text


def notice_slot() -> Any:
    """The place (below the sidebar, above the page) for the notice about the link; remembered for `stop`."""
    slot = st.empty()
    st.session_state["_url_notice_slot"] = slot
    return slot


def sync_url_after_fragment() -> None:
    """Write the link when only a fragment reran (`app.py` writes it after a full run, but does not run then);
    call it at the end of an `st.fragment` whose controls are in the link."""
    ctx = get_script_run_ctx()
    if ctx is not None and ctx.fragment_ids_this_run:
        sync_url(st.empty())


def stop() -> NoReturn:
    """End the page here, like `st.stop()`, but write the link and show its notice first."""
    sync_url(st.session_state["_url_notice_slot"])
    st.stop()
