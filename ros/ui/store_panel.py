"""The scenario store panel: saving (once per click), the saved scenarios with what the role may do to them, saving
changes to an opened scenario, confirmations, store messages, scenario files in.

Every action names the scenario the user sees selected and the revision they saw; the store refuses a stale one and
the selection never moves by itself (`_scenario_chosen` holds it, not the widget, whose value Streamlit resets when
a label changes). A scenario that someone else deleted is said to be gone and cannot be opened.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from ros import format as fmt
from ros import roles, scenario
from ros.markup import escape, escape_values
from ros.roles import Identity
from ros.store import ScenarioRecord, StoreError, export_json, parse_scenario_file
from ros.ui.auth import identity
from ros.ui.data import store
from ros.ui.scenarios import apply_scenario, settings_columns
from ros.ui.text import lang, t
from ros.wording import comparison

CHOSEN, OPENED, PENDING, LAST_SAVE, CONFLICT = "_scenario_chosen", "_scenario_opened", "_scenario_pending", \
    "_scenario_last_save", "_scenario_conflict"


def show_store_message() -> None:
    """Show (once) the outcome of the last scenario action."""
    kind, text = st.session_state.pop("_store_message", (None, None))
    if kind == "ok":
        st.success(text, icon=":material/check_circle:")
    elif kind == "error":
        st.error(text, icon=":material/error:")


def store_error_text(error: StoreError) -> str:
    """A store refusal in the UI language, its values escaped (a role code becomes the role's name)."""
    values = dict(error.params)
    if "role" in values:
        values["role"] = t(f"roles.role_{values['role']}")
    return t(f"store.{error.code}", **escape_values(values))


def store_action(action: Callable[[], Any], done: str, **values: object) -> Any:
    """Run a store action and keep its outcome for `show_store_message` (a refused action loses nothing); the
    action's result, or None when it was refused."""
    try:
        result = action()
    except StoreError as error:
        st.session_state["_store_message"] = ("error", store_error_text(error))
        if error.code == "conflict":
            st.session_state[CONFLICT] = error.params["name"]
        return None
    st.session_state["_store_message"] = ("ok", t(done, **escape_values(values)))
    return result if result is not None else True


def _remember_opened(record: ScenarioRecord) -> None:
    """The scenario whose settings the session now has (for "save changes"), and the one selected."""
    st.session_state[OPENED] = {"id": record.id, "revision": record.revision, "name": record.name}
    st.session_state[CHOSEN] = record.id
    st.session_state.pop(CONFLICT, None)


def _save_token(name: str, author: str, payload: dict[str, Any]) -> str:
    """What makes two submissions the same save: the name (ignoring case), the author and the settings."""
    return json.dumps([name.strip().casefold(), author.strip(), payload], sort_keys=True, ensure_ascii=False)


def save_submitted(current: scenario.Scenario) -> None:
    """Save the current scenario under the name in the form (form callback). A second submission of the same save
    (a double click, Enter twice) is recognised and reports the same success instead of an error."""
    name, author = st.session_state.get("save_name", ""), st.session_state.get("save_author", "")
    payload = scenario.to_json(current)
    token, last = _save_token(name, author, payload), st.session_state.get(LAST_SAVE)
    if last and last["token"] == token and last["id"] in {r.id for r in store().list()}:
        st.session_state["_store_message"] = ("ok", t("scenario.done_saved"))
        return
    record = store_action(lambda: store().save(name, author, payload, scenario.VERSION, actor=identity()),
                          "scenario.done_saved")
    if record:
        st.session_state[LAST_SAVE] = {"token": token, "id": record.id}
        _remember_opened(record)


def save_form(current: scenario.Scenario, problem: str | None, actor: Identity) -> None:
    """The "save under a name" form (what a lezer may not do is not shown) and, for an opened scenario the actor
    may change, the "save changes" button; after a refused stale save, the form to save under a new name."""
    if not roles.allowed(actor, "save"):
        st.caption(t("roles.lezer_can"))
        return
    st.session_state.setdefault("save_author", "" if actor.local else actor.name)
    with st.form("save_scenario", border=True):
        st.markdown(f"**{t('scenario.save_heading')}**")
        name_col, author_col = st.columns(2)
        name_col.text_input(t("scenario.name"), max_chars=100, key="save_name")
        author_col.text_input(t("scenario.author"), max_chars=100, key="save_author")
        st.form_submit_button(t("scenario.save"), icon=":material/save:", disabled=problem is not None,
                              on_click=save_submitted, args=(current,))
    opened = st.session_state.get(OPENED)
    if opened and problem is None:
        _update_button(opened, current, actor)
    if (conflicted := st.session_state.get(CONFLICT)) is not None:
        _save_as_form(conflicted, current, actor)


def _update_button(opened: dict[str, Any], current: scenario.Scenario, actor: Identity) -> None:
    """"Save changes to ‘X’" for the opened scenario, when the actor may change it."""
    try:
        record = store().get(opened["id"])
    except StoreError:
        return
    if not roles.may_change(actor, "update", record.owner) or (record.agreed and not roles.allowed(actor, "mark_agreed")):
        return
    left, right = st.columns([3, 2], vertical_alignment="center")
    left.markdown(t("manage.opened", name=escape(opened["name"]), revision=opened["revision"]))

    def update() -> None:
        done = store_action(lambda: store().update(opened["id"], scenario.to_json(current), scenario.VERSION,
                                                   opened["revision"], actor=actor),
                            "manage.done_updated", name=opened["name"])
        if done:
            _remember_opened(done)

    right.button(t("manage.update", name=opened["name"]), icon=":material/save_as:", key="scenario_update",
                 help=t("manage.update_help"), on_click=update)


def _save_as_form(conflicted: str, current: scenario.Scenario, actor: Identity) -> None:
    """After a refused stale change: keep one's own version by saving it under a new name."""
    st.session_state.setdefault("save_as_name", t("manage.my_version", name=conflicted, who=actor.name)[:100])
    with st.form("save_as_scenario", border=True):
        st.markdown(f"**{t('manage.save_as_heading')}**")
        st.text_input(t("scenario.name"), max_chars=100, key="save_as_name")

        def save_as() -> None:
            record = store_action(lambda: store().save(st.session_state["save_as_name"], actor.name,
                                                       scenario.to_json(current), scenario.VERSION, actor=actor),
                                  "scenario.done_saved")
            if record:
                _remember_opened(record)
                st.session_state.pop("save_as_name", None)

        st.form_submit_button(t("manage.save_as"), icon=":material/save:", on_click=save_as)


def records_table(records: list[ScenarioRecord]) -> pd.DataFrame:
    """Saved scenarios for the screen: name, author, saved (local time), status in words, agreed baseline."""
    return pd.DataFrame(
        {
            "name": [r.name for r in records],
            "author": [r.author for r in records],
            "saved": [fmt.date_time(r.updated_at, lang()) for r in records],
            "status": [t(f"store.status_{r.status}") for r in records],
            "agreed": [r.agreed for r in records],
        }
    )


def records_columns() -> dict[str, object]:
    """Column labels for `records_table`."""
    labels = {c: t(f"scenario.col_{c}") for c in ("name", "author", "saved", "status")}
    return labels | {"agreed": st.column_config.CheckboxColumn(t("scenario.col_agreed"))}


def open_record(record: ScenarioRecord) -> None:
    """Make a saved scenario the session's scenario (button callback), read again from the store: one that was
    deleted meanwhile cannot be opened, one that was changed opens as it is now."""
    try:
        fresh = store().get(record.id, scenario.validate_settings, scenario.VERSION)
    except StoreError:
        st.session_state["_store_message"] = ("error", t("manage.opened_deleted", name=escape(record.name)))
        return
    try:
        if fresh.status != "ok":
            raise ValueError(fresh.problem)
        apply_scenario(scenario.from_json(fresh.payload or {}, fresh.version))
    except ValueError as error:
        st.session_state["_store_message"] = ("error", t("scenario.open_failed", name=escape(fresh.name),
                                                          problem=escape(error)))
    else:
        _remember_opened(fresh)
        st.session_state["_store_message"] = ("ok", t("scenario.done_opened", name=escape(fresh.name)))


def _chosen(by_id: dict[str, ScenarioRecord]) -> ScenarioRecord | None:
    """The scenario the user chose, kept across reruns; when someone else deleted it, nothing, with a notice."""
    chosen = st.session_state.get(CHOSEN)
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


def saved_scenarios_panel(actor: Identity) -> None:
    """The saved scenarios: table, picker, and the actions the actor's role permits on the chosen one."""
    records = store().list(scenario.validate_settings, scenario.VERSION)
    if not records:
        st.markdown(t("scenario.none_saved"))
        return
    st.dataframe(records_table(records), hide_index=True, column_config=records_columns())
    by_id = {r.id: r for r in records}
    chosen = _chosen(by_id)
    st.selectbox(t("scenario.choose"), list(by_id), index=None, format_func=lambda i: by_id[i].name,
                 key="scenario_choice", on_change=_choose, placeholder=t("manage.choose_placeholder"))
    if chosen is None:
        return
    if chosen.problem:
        st.warning(t("scenario.record_problem", name=escape(chosen.name), problem=escape(chosen.problem)),
                   icon=":material/warning:")
    pending = st.session_state.get(PENDING)
    if pending and pending["id"] != chosen.id:
        st.session_state.pop(PENDING, None)
    buttons = st.columns(4)
    buttons[0].button(t("scenario.open"), icon=":material/open_in_new:", disabled=chosen.status != "ok",
                      on_click=open_record, args=(chosen,), key="scenario_open")
    coordinator = roles.allowed(actor, "mark_agreed")
    if coordinator:
        buttons[1].button(t("scenario.unmark" if chosen.agreed else "scenario.mark"), icon=":material/verified:",
                          key="scenario_agreed", on_click=_ask, args=("unmark" if chosen.agreed else "mark", chosen))
    if roles.allowed(actor, "duplicate"):
        buttons[2].button(t("scenario.duplicate"), icon=":material/content_copy:", key="scenario_copy",
                          on_click=store_action, args=(lambda: store().duplicate(
                              chosen.id, t("scenario.copy_of", name=chosen.name)[:100], chosen.author, actor=actor),
                              "scenario.done_duplicated"))
    may = {kind: roles.may_change(actor, kind, chosen.owner) and (coordinator or not chosen.agreed)
           for kind in ("rename", "delete")}
    if may["delete"]:
        buttons[3].button(t("scenario.delete"), icon=":material/delete:", key="scenario_delete", type="secondary",
                          on_click=_ask, args=("delete", chosen))
    if st.session_state.get(PENDING):
        _confirmation(actor)
    rename_col, file_col = st.columns([3, 1], vertical_alignment="bottom")
    if may["rename"]:
        rename_col.text_input(t("scenario.new_name"), value=chosen.name, max_chars=100, key=f"rename_{chosen.id}")
        rename_col.button(t("scenario.rename"), icon=":material/edit:", key="scenario_rename", on_click=rename_record,
                          args=(chosen, actor))
    try:
        file_col.download_button(t("scenario.download_file"), export_json(chosen), file_name="scenario.json",
                                 mime="application/json", icon=":material/download:", on_click="ignore")
    except StoreError as error:
        file_col.caption(store_error_text(error))


def rename_record(record: ScenarioRecord, actor: Identity) -> None:
    """Rename a saved scenario to the text in its rename box (button callback; a stale revision is refused)."""
    new_name = st.session_state.get(f"rename_{record.id}", record.name)
    store_action(lambda: store().rename(record.id, new_name, record.revision, actor=actor), "scenario.done_renamed")


def import_scenario_file(name: str, data: bytes, actor: Identity | None = None) -> None:
    """Check an uploaded scenario file and offer to open it, or to save it when the role may; a refused file changes
    nothing."""
    actor = actor or identity()
    try:
        envelope = parse_scenario_file(data, scenario.VERSION, scenario.validate_settings)
    except StoreError as error:
        st.error(t("scenario.import_refused", file=escape(name), reason=store_error_text(error)),
                 icon=":material/error:")
        return
    found = scenario.from_json(envelope["settings"], envelope["version"])
    st.success(t("scenario.import_ok", name=escape(envelope["name"]), author=escape(envelope["author"])),
               icon=":material/check:")
    changes = comparison.changed_settings(found, lang())
    if not changes.empty:
        st.dataframe(changes, hide_index=True, column_config=settings_columns())
    left, right = st.columns(2)
    left.button(t("scenario.open"), icon=":material/open_in_new:", key="import_open", on_click=apply_scenario,
                args=(found,))
    if roles.allowed(actor, "save"):
        right.button(t("scenario.import_save"), icon=":material/save:", key="import_save", on_click=store_action,
                     args=(lambda: store().save(envelope["name"], envelope["author"], envelope["settings"],
                                                envelope["version"], actor=actor), "scenario.done_saved"))
