"""Saving the current scenario: once per click (a second submission of the same save is recognised), saving changes
to an opened scenario, and 'save as a new name' after a conflict."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import streamlit as st

from ros.base.markup import escape
from ros.records import roles, scenario
from ros.records.errors import StoreError
from ros.records.fields import clean_text
from ros.records.roles import Identity
from ros.records.scenario_store import ScenarioRecord
from ros.ui.auth import identity
from ros.ui.data import store
from ros.ui.store_actions import CONFLICT, OPENED, remember_opened, store_action, store_error_text
from ros.ui.text import t

SAME_SAVE_WINDOW = timedelta(seconds=60)  # a repeated submission within this time is the same save


def _same_save(name: str, author: str, payload: dict[str, Any], actor: Identity) -> ScenarioRecord | None:
    """The scenario this very save created moments ago (same name, author, owner and settings), if any: a second
    submission of one save (a double click, Enter twice) then reports the same success instead of "name taken".
    Looked up in the store, because Streamlit may drop the first callback's session state when the second click
    interrupts its run."""
    record = store().named(name)
    try:
        author = clean_text(author, "author")
    except StoreError:
        return None
    if (
        record is not None
        and record.author == author
        and record.owner == actor.user_id
        and record.payload == payload
        and datetime.now(UTC) - record.created_at < SAME_SAVE_WINDOW
    ):
        return record
    return None


def save_submitted(current: scenario.Scenario) -> None:
    """Save the current scenario under the name in the form (form callback); a repeated submission of the same
    save is recognised (`_same_save`)."""
    name, author = st.session_state.get("save_name", ""), st.session_state.get("save_author", "")
    payload, actor = scenario.to_json(current), identity()
    record: ScenarioRecord | None
    try:
        record = store().save(name, author, payload, scenario.VERSION, actor=actor)
    except StoreError as error:
        record = _same_save(name, author, payload, actor) if error.code == "name_taken" else None
        if record is None:
            st.session_state["_store_message"] = ("error", store_error_text(error))
            return
    st.session_state["_store_message"] = ("ok", t("scenario.done_saved"))
    remember_opened(record)


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
        st.form_submit_button(
            t("scenario.save"),
            icon=":material/save:",
            disabled=problem is not None,
            on_click=save_submitted,
            args=(current,),
        )
    opened = st.session_state.get(OPENED)
    if opened and problem is None:
        _update_button(opened, current, actor)
    if (conflicted := st.session_state.get(CONFLICT)) is not None:
        _save_as_form(conflicted, current, actor)


def _update_button(opened: dict[str, Any], current: scenario.Scenario, actor: Identity) -> None:
    """ "Save changes to ‘X’" for the opened scenario, when the actor may change it."""
    try:
        record = store().get(opened["id"])
    except StoreError:
        return
    locked = record.agreed and not roles.allowed(actor, "mark_agreed")
    if locked or not roles.may_change(actor, "update", record.owner):
        return
    left, right = st.columns([3, 2], vertical_alignment="center")
    left.markdown(t("manage.opened", name=escape(opened["name"]), revision=opened["revision"]))

    def update() -> None:
        done = store_action(
            lambda: store().update(
                opened["id"], scenario.to_json(current), scenario.VERSION, opened["revision"], actor=actor
            ),
            "manage.done_updated",
            name=opened["name"],
        )
        if done:
            remember_opened(done)

    right.button(
        t("manage.update", name=escape(opened["name"])),
        icon=":material/save_as:",
        key="scenario_update",
        help=t("manage.update_help"),
        on_click=update,
    )


def _save_as_form(conflicted: str, current: scenario.Scenario, actor: Identity) -> None:
    """After a refused stale change: keep one's own version by saving it under a new name."""
    st.session_state.setdefault("save_as_name", t("manage.my_version", name=conflicted, who=actor.name)[:100])
    with st.form("save_as_scenario", border=True):
        st.markdown(f"**{t('manage.save_as_heading')}**")
        st.text_input(t("scenario.name"), max_chars=100, key="save_as_name")

        def save_as() -> None:
            record = store_action(
                lambda: store().save(
                    st.session_state["save_as_name"],
                    actor.name,
                    scenario.to_json(current),
                    scenario.VERSION,
                    actor=actor,
                ),
                "scenario.done_saved",
            )
            if record:
                remember_opened(record)
                st.session_state.pop("save_as_name", None)

        st.form_submit_button(t("manage.save_as"), icon=":material/save:", on_click=save_as)
