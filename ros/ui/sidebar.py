"""Sidebar widgets shared by every page: the language switch and the municipality picker."""

from __future__ import annotations

import streamlit as st

from ros.base.config import LANGUAGES
from ros.base.names import find_code
from ros.model.region import municipality_names
from ros.ui.data import snapshot
from ros.ui.text import lang, t
from ros.ui.url import from_url

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
# Streamlit pushes a browser-history entry when the page changes and another when the script then rewrites the query
# string (sync_url), so every other Back seemed to do nothing. An entry for the same path with another query string
# replaces the current one instead: one entry per page view.
ONE_ENTRY_PER_PAGE = (
    "if (!window.rosOneEntryPerPage) { window.rosOneEntryPerPage = true; const push = history.pushState.bind(history);"
    " history.pushState = (state, title, url) => { const next = new URL(url, location.href);"
    " return next.pathname === location.pathname ? history.replaceState(state, title, url) : push(state, title, url);"
    " }; }"
)


def _municipality_code(raw: str) -> str:
    """A URL value as a known municipality code (the code or the name in any official spelling, `ros.base.names`)."""
    code = find_code(raw, municipality_names(snapshot()))
    if code is None:
        raise KeyError(raw)
    return code


def _language_code(raw: str) -> str:
    if raw not in LANGUAGES:
        raise ValueError(raw)
    return raw


def language_switch() -> str:
    """The NL/EN switch in the sidebar, kept in the URL as ?lang=en; returns the language code."""
    from_url("lang", LANGUAGES[0], _language_code)
    st.sidebar.radio("Taal / Language", LANGUAGES, format_func=LANGUAGE_NAMES.get, horizontal=True, key="lang")
    # Screen readers pick their voice from <html lang>, which Streamlit fixes at "en"; the code is one of LANGUAGES.
    with st.sidebar:
        st.html(
            f"<script>document.documentElement.lang = '{lang()}';{ONE_ENTRY_PER_PAGE}</script>",
            unsafe_allow_javascript=True,
        )
    return lang()


def municipality_picker() -> str | None:
    """The sidebar municipality choice, kept across pages and in the URL as ?gemeente=GM0153."""
    names = municipality_names(snapshot())
    from_url("gemeente", None, _municipality_code)
    st.sidebar.selectbox(
        t("common.municipality"),
        list(names),
        format_func=names.__getitem__,
        placeholder=t("common.all_twente"),
        help=t("common.municipality_help"),
        key="gemeente",
    )
    return selected_municipality()


def selected_municipality() -> str | None:
    """The CBS code chosen in the sidebar, or None for all of Twente."""
    return st.session_state.get("gemeente")
