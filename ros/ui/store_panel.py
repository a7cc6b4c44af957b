"""The scenario store panel: store actions and their messages, the saved-scenario table, scenario files in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from ros import compare, scenario
from ros import format as fmt
from ros.markup import escape, escape_values
from ros.store import ScenarioRecord, StoreError, parse_scenario_file
from ros.ui.data import store
from ros.ui.scenarios import apply_scenario, settings_columns
from ros.ui.text import lang, t


def show_store_message() -> None:
    """Show (once) the outcome of the last scenario action."""
    kind, text = st.session_state.pop("_store_message", (None, None))
    if kind == "ok":
        st.success(text, icon=":material/check_circle:")
    elif kind == "error":
        st.error(text, icon=":material/error:")


def store_action(action: Callable[[], Any], done: str) -> None:
    """Run a store action and keep its outcome for `show_store_message` (a refused action loses nothing)."""
    try:
        action()
    except StoreError as error:
        st.session_state["_store_message"] = ("error", t(f"store.{error.code}", **escape_values(error.params)))
    else:
        st.session_state["_store_message"] = ("ok", t(f"scenario.done_{done}"))


def rename_record(record: ScenarioRecord) -> None:
    """Rename a saved scenario to the text in its rename box (button callback; a stale revision is refused)."""
    new_name = st.session_state.get(f"rename_{record.id}", record.name)
    store_action(lambda: store().rename(record.id, new_name, record.revision), "renamed")


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
    """Make a saved scenario the session's scenario (button callback)."""
    try:
        apply_scenario(scenario.from_json(record.payload or {}, record.version))
    except ValueError as error:
        st.session_state["_store_message"] = ("error", t("scenario.open_failed", name=escape(record.name), problem=escape(error)))
    else:
        st.session_state["_store_message"] = ("ok", t("scenario.done_opened", name=escape(record.name)))


def import_scenario_file(name: str, data: bytes) -> None:
    """Check an uploaded scenario file and offer to open or save it; a refused file changes nothing."""
    try:
        envelope = parse_scenario_file(data, scenario.VERSION, scenario.validate_settings)
    except StoreError as error:
        st.error(t("scenario.import_refused", file=escape(name), reason=t(f"store.{error.code}", **escape_values(error.params))),
                 icon=":material/error:")
        return
    found = scenario.from_json(envelope["settings"], envelope["version"])
    st.success(t("scenario.import_ok", name=escape(envelope["name"]), author=escape(envelope["author"])), icon=":material/check:")
    changes = compare.changed_settings(found, lang())
    if not changes.empty:
        st.dataframe(changes, hide_index=True, column_config=settings_columns())
    left, right = st.columns(2)
    left.button(t("scenario.open"), icon=":material/open_in_new:", key="import_open", on_click=apply_scenario,
                args=(found,))
    right.button(t("scenario.import_save"), icon=":material/save:", key="import_save", on_click=store_action,
                 args=(lambda: store().save(envelope["name"], envelope["author"], envelope["settings"],
                                            envelope["version"]), "saved"))
