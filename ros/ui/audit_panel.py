"""The audit trail on the Scenario's page: newest first, a filter per scenario (deleted ones too), CSV and Excel."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ros.base import format as fmt
from ros.records import audit, roles
from ros.records.roles import Identity
from ros.ui.data import store
from ros.ui.downloads import download_buttons
from ros.ui.text import lang, t

MAX_ROWS = 5_000  # the newest changes shown and downloaded; the database keeps them all


def audit_view(frame: pd.DataFrame) -> pd.DataFrame:
    """The audit table in the UI language: local time, role and action in words, translated headers."""
    shown = frame.assign(
        at=[fmt.date_time(moment, lang()) for moment in frame["at"]],
        role=[t(f"roles.role_{role}") for role in frame["role"]],
        action=[t(f"audit.action_{action}") for action in frame["action"]],
    )
    return shown.rename(columns={c: t(f"audit.col_{c}") for c in frame.columns})


def audit_panel(actor: Identity) -> None:
    """The history of every change to shared data, with a filter per scenario and downloads; the accounts
    (e-mail addresses) only for a coördinator."""
    st.header(t("audit.heading"))
    st.markdown(t("audit.intro"))
    entries = store().audit(limit=MAX_ROWS)
    if not entries:
        st.markdown(t("audit.none"))
        return
    existing = {r.id for r in store().list()}
    named = audit.scenarios_in(entries)
    labels = {"": t("audit.filter_all")} | {
        i: name if i in existing else t("audit.filter_deleted", name=name) for i, name in named.items()
    }
    chosen = st.selectbox(t("audit.filter"), list(labels), format_func=labels.__getitem__, key="audit_filter")
    frame = audit.audit_table(entries, chosen or None)
    if not roles.allowed(actor, "mark_agreed"):
        frame = frame.drop(columns="account")
    table = audit_view(frame)
    st.dataframe(table, hide_index=True)
    download_buttons("ros-geschiedenis", {t("audit.sheet"): table}, key="audit")
