"""Text lookup: the chosen UI language and the translated texts for it."""

from __future__ import annotations

import streamlit as st

from ros.base.i18n import language, section, translate


def lang() -> str:
    """The UI language chosen in the sidebar (Dutch by default); before the switch exists, the URL's ?lang=."""
    if "lang" in st.session_state:
        return language(st.session_state["lang"])
    return language(st.query_params.get("lang"))


def t(key: str, **values: object) -> str:
    """The text for `key` in the chosen language."""
    return translate(lang(), key, **values)


def labels(area: str) -> dict[str, str]:
    """All texts of one catalogue area in the chosen language, for figure builders."""
    return section(lang(), area)


def upload_help(limit_bytes: int) -> str:
    """An uploader's help: our size limit in the UI language, and the English refusal (Streamlit's
    `server.maxUploadSize`) of a file above what any uploader accepts."""
    browser = st.get_option("server.maxUploadSize")
    return t("uploads.limit_help", limit=limit_bytes // (1024 * 1024), browser=browser)
