"""The saved scenarios with what the role may do to them: the table, the selection held by id (never moved by
itself), and confirmations that act on the revision the user saw."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ros.base import format as fmt
from ros.base.markup import escape
from ros.records import roles, scenario
from ros.records.errors import StoreError
from ros.records.roles import Identity
from ros.records.scenario_file import export_json
from ros.records.scenario_store import ScenarioRecord
from ros.ui.data import store
from ros.ui.store_actions import (
    CHOSEN,
    OPENED,
    PENDING,
    open_record,
    rename_record,
    store_action,
    store_error_text,
    unless_unreachable,
)
from ros.ui.text import lang, t

PAGE_SIZE = 25  # scenarios per page of the list: only these are read and checked on a rerun
PAGE = "scenario_page"


def owner_text(record: ScenarioRecord) -> str:
    """Who saved the scenario: the account (not the typed author, which anyone can copy); "onbekend" when it was
    saved before there were accounts."""
    if record.owner is None:
        return t("scenario.owner_unknown")
    return roles.LOCAL_USER.name if record.owner == roles.LOCAL_ID else record.owner


def records_table(records: list[ScenarioRecord]) -> pd.DataFrame:
    """Saved scenarios for the screen: name, owner's account, saved (local time), status in words, agreed
    baseline."""
    return pd.DataFrame(
        {
            "name": [r.name for r in records],
            "owner": [owner_text(r) for r in records],
            "saved": [fmt.date_time(r.updated_at, lang()) for r in records],
            "status": [t(f"store.status_{r.status}") for r in records],
            "agreed": [r.agreed for r in records],
        }
    )


def records_columns() -> dict[str, Any]:
    """Column labels for `records_table`."""
    labels = {c: t(f"scenario.col_{c}") for c in ("name", "owner", "saved", "status")}
    return labels | {"agreed": st.column_config.CheckboxColumn(t("scenario.col_agreed"))}


def _chosen(by_id: dict[str, ScenarioRecord]) -> ScenarioRecord | None:
    """The scenario the user chose, kept across reruns and pages (added to `by_id` when it is on another page);
    when someone else deleted it, nothing, with a notice."""
    chosen = st.session_state.get(CHOSEN)
    if chosen is not None and chosen not in by_id:
        try:
            by_id[chosen] = store().get(chosen, scenario.validate_settings, scenario.VERSION)
        except StoreError as error:
            if error.code != "not_found":
                raise
    if chosen is not None and chosen not in by_id:
        opened = st.session_state.get(OPENED) or {}
        name = opened.get("name") if opened.get("id") == chosen else st.session_state.get("_scenario_chosen_name")
        st.warning(t("manage.choice_gone", name=escape(name or "?")), icon=":material/warning:")
        st.session_state.pop(CHOSEN, None)
        st.session_state.pop(PENDING, None)
        chosen = None
    st.session_state["scenario_choice"] = chosen
    if chosen is not None:
        st.session_state["_scenario_chosen_name"] = by_id[chosen].name
    return by_id.get(chosen) if chosen else None


def _choose() -> None:
    st.session_state[CHOSEN] = st.session_state.get("scenario_choice")
    st.session_state.pop(PENDING, None)


def _ask(action: str, record: ScenarioRecord) -> None:
    """Remember a destructive action on exactly this scenario and revision until it is confirmed."""
    st.session_state[PENDING] = {"action": action, "id": record.id, "revision": record.revision, "name": record.name}


def _confirmed(actor: Identity) -> None:
    """Carry out the confirmed action on the scenario and revision the user saw (the store refuses a stale one)."""
    pending = st.session_state.pop(PENDING, None)
    if not pending:
        return
    scenario_id, revision = pending["id"], pending["revision"]
    if pending["action"] == "delete":
        if store_action(lambda: store().delete(scenario_id, revision, actor=actor), "scenario.done_deleted"):
            st.session_state.pop(CHOSEN, None)
            if (st.session_state.get(OPENED) or {}).get("id") == scenario_id:
                st.session_state.pop(OPENED, None)
    elif pending["action"] == "mark":
        store_action(lambda: store().mark_agreed(scenario_id, revision, actor=actor), "scenario.done_agreed")
    else:
        store_action(lambda: store().clear_agreed(actor=actor), "scenario.done_agreed")


def _confirmation(actor: Identity) -> None:
    """The pending destructive action with its confirm and cancel buttons."""
    pending = st.session_state[PENDING]
    action = pending["action"]
    st.warning(t(f"manage.confirm_{action}", name=escape(pending["name"])), icon=":material/help:")
    yes, no = st.columns(2)
    yes.button(t(f"manage.yes_{action}"), type="primary", key="scenario_confirm", on_click=_confirmed, args=(actor,))
    no.button(t("manage.cancel"), key="scenario_cancel", on_click=lambda: st.session_state.pop(PENDING, None))


def _page_of_records() -> list[ScenarioRecord]:
    """The page of saved scenarios the user is on (`PAGE_SIZE`, newest first), with a page picker when there are
    more; only this page's settings are read."""
    total = store().count()
    pages = max(1, -(-total // PAGE_SIZE))
    if st.session_state.get(PAGE, 1) > pages:  # scenarios were deleted meanwhile
        st.session_state[PAGE] = pages
    page = 1
    if pages > 1:
        page = st.selectbox(
            t("scenario.page"),
            range(1, pages + 1),
            format_func=lambda n: t("scenario.page_of", page=n, pages=pages),
            key=PAGE,
        )
    records = store().list(scenario.validate_settings, scenario.VERSION, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    if pages > 1:
        first = (page - 1) * PAGE_SIZE + 1
        st.caption(
            t(
                "scenario.page_caption",
                first=fmt.number(first, lang()),
                last=fmt.number(first + len(records) - 1, lang()),
                total=fmt.number(total, lang()),
            )
        )
    return records


@unless_unreachable
def saved_scenarios_panel(actor: Identity) -> None:
    """The saved scenarios: one page of the table, picker, and the actions the actor's role permits on the chosen
    one."""
    records = _page_of_records()
    if not records:
        st.markdown(t("scenario.none_saved"))
        return
    st.dataframe(records_table(records), hide_index=True, column_config=records_columns())
    by_id = {r.id: r for r in records}
    chosen = _chosen(by_id)
    st.selectbox(
        t("scenario.choose"),
        list(by_id),
        index=None,
        format_func=lambda i: t("scenario.choice_label", name=by_id[i].name, owner=owner_text(by_id[i])),
        key="scenario_choice",
        on_change=_choose,
        placeholder=t("manage.choose_placeholder"),
    )
    if chosen is None:
        return
    if chosen.problem:
        st.warning(
            t("scenario.record_problem", name=escape(chosen.name), problem=escape(chosen.problem)),
            icon=":material/warning:",
        )
    pending = st.session_state.get(PENDING)
    if pending and pending["id"] != chosen.id:
        st.session_state.pop(PENDING, None)
    buttons = st.columns(4)
    buttons[0].button(
        t("scenario.open"),
        icon=":material/open_in_new:",
        disabled=chosen.status != "ok",
        on_click=open_record,
        args=(chosen,),
        key="scenario_open",
    )
    coordinator = roles.allowed(actor, "mark_agreed")
    if coordinator:
        buttons[1].button(
            t("scenario.unmark" if chosen.agreed else "scenario.mark"),
            icon=":material/verified:",
            key="scenario_agreed",
            on_click=_ask,
            args=("unmark" if chosen.agreed else "mark", chosen),
        )
    if roles.allowed(actor, "duplicate"):
        buttons[2].button(
            t("scenario.duplicate"),
            icon=":material/content_copy:",
            key="scenario_copy",
            on_click=store_action,
            args=(
                lambda: store().duplicate(
                    chosen.id, t("scenario.copy_of", name=chosen.name)[:100], chosen.author, actor=actor
                ),
                "scenario.done_duplicated",
            ),
        )
    may = {
        kind: roles.may_change(actor, kind, chosen.owner) and (coordinator or not chosen.agreed)
        for kind in ("rename", "delete")
    }
    if may["delete"]:
        buttons[3].button(
            t("scenario.delete"),
            icon=":material/delete:",
            key="scenario_delete",
            type="secondary",
            on_click=_ask,
            args=("delete", chosen),
        )
    if st.session_state.get(PENDING):
        _confirmation(actor)
    rename_col, file_col = st.columns([3, 1], vertical_alignment="bottom")
    if may["rename"]:
        rename_col.text_input(t("scenario.new_name"), value=chosen.name, max_chars=100, key=f"rename_{chosen.id}")
        rename_col.button(
            t("scenario.rename"),
            icon=":material/edit:",
            key="scenario_rename",
            on_click=rename_record,
            args=(chosen, actor),
        )
    try:
        file_col.download_button(
            t("scenario.download_file"),
            export_json(chosen),
            file_name="scenario.json",
            mime="application/json",
            icon=":material/download:",
            on_click="ignore",
        )
    except StoreError as error:
        file_col.caption(store_error_text(error))
