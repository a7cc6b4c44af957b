"""Scenario store actions and their messages: run an action once, keep its outcome for the next run, open,
rename and import scenarios; the keys that hold the selection, the opened scenario and a pending confirmation."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec

import streamlit as st

from ros.base.markup import escape, escape_values
from ros.present import comparison
from ros.records import roles, scenario
from ros.records.errors import StoreError, localized
from ros.records.roles import Identity
from ros.records.scenario_file import parse_scenario_file
from ros.records.scenario_store import ScenarioRecord
from ros.ui.auth import identity
from ros.ui.data import store
from ros.ui.scenarios import apply_scenario, settings_columns
from ros.ui.text import lang, t

P = ParamSpec("P")
CHOSEN, OPENED, PENDING, CONFLICT = "_scenario_chosen", "_scenario_opened", "_scenario_pending", "_scenario_conflict"


def show_store_message() -> None:
    """Show the outcome of the last scenario action; it stays until a run of the page has finished
    (`clear_store_message`), so a run cut short by the next click (a double click) does not lose it."""
    kind, text = st.session_state.get("_store_message", (None, None))
    if kind == "ok":
        st.success(text, icon=":material/check_circle:")
    elif kind == "error":
        st.error(text, icon=":material/error:")


def clear_store_message() -> None:
    """Forget the shown outcome; called at the end of the page."""
    st.session_state.pop("_store_message", None)


def store_error_text(error: StoreError) -> str:
    """A store refusal in the UI language, every problem it names, values escaped (a role code becomes the role's
    name)."""
    texts = []
    for each in (error, *error.more):
        values = localized(each.params, lang())
        if "role" in values:
            values["role"] = t(f"roles.role_{values['role']}")
        texts.append(t(f"store.{each.code}", **escape_values(values)))
    return " ".join(texts)


def unless_unreachable(panel: Callable[P, None]) -> Callable[P, None]:
    """The panel; when the shared database cannot be reached, a Dutch notice in its place, so that the rest of the
    page (and what the user typed in it) stays, and the panel returns by itself once the database is back."""

    @functools.wraps(panel)
    def shown(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            panel(*args, **kwargs)
        except StoreError as error:
            if error.code != "database_unreachable":
                raise
            st.warning(t("store.database_unreachable_shown"), icon=":material/cloud_off:")

    return shown


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


def remember_opened(record: ScenarioRecord) -> None:
    """The scenario whose settings the session now has (for "save changes"), and the one selected."""
    st.session_state[OPENED] = {"id": record.id, "revision": record.revision, "name": record.name}
    st.session_state[CHOSEN] = record.id
    st.session_state.pop(CONFLICT, None)


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
        st.session_state["_store_message"] = (
            "error",
            t("scenario.open_failed", name=escape(fresh.name), problem=escape(error)),
        )
    else:
        remember_opened(fresh)
        st.session_state["_store_message"] = ("ok", t("scenario.done_opened", name=escape(fresh.name)))


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
        st.error(
            t("scenario.import_refused", file=escape(name), reason=store_error_text(error)), icon=":material/error:"
        )
        return
    found = scenario.from_json(envelope["settings"], envelope["version"])
    may_save = roles.allowed(actor, "save")
    st.success(
        t(
            "scenario.import_ok" if may_save else "scenario.import_ok_open",
            name=escape(envelope["name"]),
            author=escape(envelope["author"]),
        ),
        icon=":material/check:",
    )
    changes = comparison.changed_settings(found, lang())
    if not changes.empty:
        st.dataframe(changes, hide_index=True, column_config=settings_columns())
    left, right = st.columns(2)
    left.button(
        t("scenario.open"), icon=":material/open_in_new:", key="import_open", on_click=apply_scenario, args=(found,)
    )
    if may_save:
        right.button(
            t("scenario.import_save"),
            icon=":material/save:",
            key="import_save",
            on_click=store_action,
            args=(
                lambda: store().save(
                    envelope["name"], envelope["author"], envelope["settings"], envelope["version"], actor=actor
                ),
                "scenario.done_saved",
            ),
        )
