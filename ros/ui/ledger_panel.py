"""The budget page's ledger panel: upload, reset and the table editor, checked with Dutch messages."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from ros.base import format as fmt
from ros.base.markup import escape
from ros.base.problems import Issue
from ros.data import uploads
from ros.model import ledger
from ros.model.ledger import LedgerResult
from ros.records import audit, roles
from ros.records.errors import StoreError
from ros.records.roles import Identity
from ros.ui import session
from ros.ui.auth import identity
from ros.ui.data import store
from ros.ui.editable_table import EditableTable
from ros.ui.store_actions import store_error_text
from ros.ui.text import lang, t, upload_help

SHOWN_ISSUES = 20  # a refusal lists this many problems and counts the rest


@st.cache_data(show_spinner=False, max_entries=16)
def checked_ledger(frame: pd.DataFrame, parties: dict[str, str]) -> LedgerResult:
    """The ledger table checked (`ros.model.ledger.validate_ledger`), recomputed only when its content changes."""
    return ledger.validate_ledger(frame, parties)


def _record_upload(file_name: str, before: pd.DataFrame, after: pd.DataFrame, actor: Identity) -> None:
    """Record a taken-in ledger file in the audit trail (what was known before and after)."""
    try:
        store().record_ledger_upload(file_name, audit.ledger_summary(before), audit.ledger_summary(after), actor=actor)
    except StoreError as error:
        st.error(store_error_text(error), icon=":material/error:")


def issue_list(intro: str, issues: Sequence[Issue]) -> str:
    """A refusal as Markdown: the intro, then every problem as a bullet in the UI language (at most
    `SHOWN_ISSUES`, then how many more)."""
    lines = [intro] + [f"- {escape(issue.text(lang()))}" for issue in issues[:SHOWN_ISSUES]]
    if len(issues) > SHOWN_ISSUES:
        lines.append(f"- {t('input.more_problems', count=len(issues) - SHOWN_ISSUES)}")
    return "\n".join(lines)


def ledger_panel(names: dict[str, str]) -> pd.DataFrame:
    """The budget page's ledger: upload, reset and the table editor, with Dutch messages for refused input; returns
    the last valid ledger (session only, never written to data/)."""
    state = st.session_state
    valid = session.ensure_ledger(lambda: ledger.empty_ledger(names))
    actor = identity()
    may_enter = roles.allowed(actor, "ledger_upload")
    upload = None
    if may_enter:
        upload = st.file_uploader(  # no `type=`: see targets_panel
            t("budget.ledger_upload"), key="budget_ledger_upload", help=upload_help(uploads.MAX_BYTES)
        )
        st.button(
            t("budget.ledger_reset"),
            icon=":material/restart_alt:",
            key="budget_ledger_reset",
            on_click=lambda: session.give_ledger(ledger.empty_ledger(names)),
        )
    else:
        st.caption(t("roles.ledger_read_only", role=t(f"roles.role_{actor.role}")))
    if upload is not None and state.get("budget_ledger_file") != upload.file_id:
        result = ledger.load_upload(upload.name, upload.getvalue(), names)
        state["budget_ledger_file"], state["budget_ledger_result"] = upload.file_id, (upload.name, result)
        if result.ok:
            _record_upload(upload.name, valid, result.frame, actor)
            valid = result.frame
            session.give_ledger(valid)
    if upload is not None and "budget_ledger_result" in state:
        name, result = state["budget_ledger_result"]
        if result.ok:
            st.success(t("budget.ledger_upload_ok", name=escape(name), count=ledger.known_count(result.frame)))
        else:
            st.error(
                issue_list(t("budget.ledger_upload_refused", name=escape(name)), result.issues), icon=":material/error:"
            )
    # an upload, a reset or an opened scenario gives a new ledger: the editor starts from it
    table = EditableTable(
        "budget_ledger",
        session.ledger(),
        session.ledger,
        {
            ledger.PARTY: None,
            ledger.NAME: t("budget.col_party"),
            ledger.YEAR: t("budget.col_year"),
            **{
                s: st.column_config.NumberColumn(t(f"budget.state_{s}"), format="euro", step=0.01)
                for s in ledger.STATES
            },
        },
    )
    edited = table.draw(
        hide_index=True,
        num_rows="fixed",
        placeholder=fmt.unknown(lang()),  # an empty cell is unknown, never Streamlit's "None"
        disabled=[ledger.PARTY, ledger.NAME, ledger.YEAR] if may_enter else True,
    )
    if may_enter:  # edits are never stored on their own: only a saved scenario shares (and audits) them
        st.caption(t("ledger.session_note"))
    checked_book = checked_ledger(edited, names)
    if checked_book.ok:
        session.set_valid_ledger(checked_book.frame)
        return checked_book.frame
    st.error(issue_list(t("budget.ledger_edit_refused"), checked_book.issues), icon=":material/error:")
    return valid
