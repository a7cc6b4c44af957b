"""The audit trail on the Scenario's page: newest first, a page at a time, a filter per scenario (deleted ones too),
CSV and Excel of the whole (filtered) trail, read only when a download is asked for."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ros.base import format as fmt
from ros.base.i18n import translate
from ros.records import audit, roles
from ros.records.roles import Identity
from ros.ui.data import store
from ros.ui.downloads import download_buttons
from ros.ui.store_actions import unless_unreachable
from ros.ui.text import lang, t

PAGE_SIZE = 50  # changes shown at once
MAX_ROWS = 5_000  # the newest changes in a download; the database keeps them all
PAGE = "audit_page"


def audit_view(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """The audit table in `language`: local time, role and action in words, translated headers."""
    shown = frame.assign(
        at=[fmt.date_time(moment, language) for moment in frame["at"]],
        role=[translate(language, f"roles.role_{role}") for role in frame["role"]],
        action=[translate(language, f"audit.action_{action}") for action in frame["action"]],
    )
    return shown.rename(columns={c: translate(language, f"audit.col_{c}") for c in frame.columns})


def _table(scenario_id: str | None, limit: int, offset: int, accounts: bool, language: str) -> pd.DataFrame:
    """`limit` changes from `offset` (only `scenario_id`'s when given) in `language`; the accounts only when asked."""
    frame = audit.audit_table(store().audit(scenario_id, limit=limit, offset=offset))
    return audit_view(frame if accounts else frame.drop(columns="account"), language)


@unless_unreachable
def audit_panel(actor: Identity) -> None:
    """The history of every change to shared data, a page at a time, with a filter per scenario and downloads; the
    accounts (e-mail addresses) only for a coördinator."""
    st.header(t("audit.heading"))
    st.markdown(t("audit.intro"))
    if not store().audit_count():
        st.markdown(t("audit.none"))
        return
    named, existing = store().audit_scenarios(), store().ids()
    labels = {"": t("audit.filter_all")} | {
        i: name if i in existing else t("audit.filter_deleted", name=name) for i, name in named.items()
    }
    chosen = st.selectbox(t("audit.filter"), list(labels), format_func=labels.__getitem__, key="audit_filter") or None
    total = store().audit_count(chosen)
    pages = max(1, -(-total // PAGE_SIZE))
    if st.session_state.get(PAGE, 1) > pages:  # another filter, or fewer changes
        st.session_state[PAGE] = pages
    page = 1
    if pages > 1:
        page = st.selectbox(
            t("audit.page"),
            range(1, pages + 1),
            format_func=lambda n: t("scenario.page_of", page=n, pages=pages),
            key=PAGE,
        )
    accounts, language = roles.allowed(actor, "mark_agreed"), lang()
    st.dataframe(_table(chosen, PAGE_SIZE, (page - 1) * PAGE_SIZE, accounts, language), hide_index=True)
    if pages > 1:
        first = (page - 1) * PAGE_SIZE + 1
        last = min(first + PAGE_SIZE - 1, total)
        st.caption(
            t(
                "audit.page_caption",
                first=fmt.number(first, language),
                last=fmt.number(last, language),
                total=fmt.number(total, language),
            )
        )
    download_buttons(
        "ros-geschiedenis",
        lambda: {translate(language, "audit.sheet"): _table(chosen, MAX_ROWS, 0, accounts, language)},
        key="audit",
    )
