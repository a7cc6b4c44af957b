"""Which data are in use: the "Gegevens van …" line in the sidebar and the versions panel of Data & bronnen."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from ros.base import format as fmt
from ros.data import refresh, versions
from ros.data.snapshot import SnapshotVersion
from ros.ui.data import snapshot
from ros.ui.text import lang, t


def version_text(version: SnapshotVersion) -> str:
    """One short phrase naming the snapshot in use, in the UI language."""
    if version.kind == "refreshed" and version.fetched_at is not None:
        return t("refresh.data_line_refreshed", date=fmt.date_time(version.fetched_at, lang()))
    if version.kind == "pinned":
        return t("refresh.data_line_pinned", label=version.label)
    return t("refresh.data_line_shipped")


def data_line() -> None:
    """The short "Gegevens van …" line in the sidebar of every page."""
    st.sidebar.caption(version_text(snapshot().version))


def _when(value: str | None) -> str:
    return fmt.date_time(datetime.fromisoformat(value), lang()) if value else fmt.unknown(lang())


def versions_panel() -> None:
    """The versions with when each was fetched and what changed against the previous one; the last failure."""
    in_use = snapshot().version
    st.header(t("refresh.versions_title"))
    st.markdown(t("refresh.versions_intro", in_use=version_text(in_use)))
    failure = versions.last_failure()
    if failure:
        message = failure.get(lang()) or failure.get("nl", "")
        st.warning(t("refresh.last_failure", date=_when(failure.get("at")), message=message), icon=":material/warning:")
    table = refresh.versions_table(versions.history(), in_use.label if in_use.kind == "refreshed" else "")
    if table.empty:
        st.caption(t("refresh.no_versions"))
        return
    shown = table.assign(
        fetched_at=[fmt.date_time(v, lang()) for v in table["fetched_at"]],
        in_use=[t("refresh.yes") if v else "" for v in table["in_use"]],
        table=[t(f"refresh.dataset_{name}") for name in table["table"]],
        periods=[refresh.periods_text(e, lang()) for e in table["entry"]],
        provisional=[
            refresh.compact_periods(e.get("provisional") or []) if "provisional" in e else "" for e in table["entry"]
        ],
        protocols=[refresh.protocols_text(p, lang()) for p in table["protocols"]],
    ).drop(columns=["entry"])[
        [
            "version",
            "fetched_at",
            "in_use",
            "table",
            "added",
            "changed",
            "removed",
            "periods",
            "provisional",
            "protocols",
            "previous",
        ]
    ]
    headers = {c: t(f"refresh.column_{c}") for c in shown.columns}
    st.dataframe(shown.rename(columns=headers), hide_index=True)
