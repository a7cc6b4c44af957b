"""Scenario widgets, built from the fields of `ros.records.scenario.Scenario`: the session's scenario holds every value.

A widget is keyed by its setting's URL name; before it is drawn it is given the scenario's value, and its change
callback writes the value back (numbers only after they are read the Dutch way and checked with the whole
scenario). So the value never depends on a label: a language switch changes the words, never the settings, and
bounds and options are written once, in `Scenario`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st
from pydantic import ValidationError

from ros.base import number_entry
from ros.base.i18n import translate
from ros.base.markup import escape_values
from ros.records import scenario
from ros.ui import session
from ros.ui.text import lang, t

_PROBLEMS = "_setting_problems"


def value(alias: str) -> Any:
    """The session's value of the setting with URL name `alias`."""
    return session.scenario_values().get(alias, scenario.default_value(alias))


def set_value(alias: str, new: Any) -> None:
    """Set one setting of the session's scenario (also as a button callback); its widget shows it on the next run."""
    session.scenario_values()[alias] = new
    st.session_state.setdefault(_PROBLEMS, {}).pop(alias, None)


def option_labels(prefix: str) -> Callable[[str], str]:
    """A `format_func` that names option codes by catalogue key `prefix + code` in the language of this run."""
    code = lang()
    return lambda option: translate(code, prefix + option)


def choice(container: Any, alias: str, label: str, prefix: str, *, radio: bool = False, **options: Any) -> str:
    """A selectbox (or horizontal radio) over the setting's options, labelled from catalogue keys `prefix + code`."""
    st.session_state[alias] = value(alias)
    widget = container.radio if radio else container.selectbox
    extra = {"horizontal": True} if radio else {}
    widget(
        label,
        scenario.setting(alias).options,
        format_func=option_labels(prefix),
        key=alias,
        on_change=_store,
        args=(alias,),
        **extra,
        **options,
    )
    chosen: str = value(alias)
    return chosen


def slider(container: Any, alias: str, label: str, step: int, **options: Any) -> int:
    """A slider between the setting's bounds."""
    spec = scenario.setting(alias)
    st.session_state[alias] = value(alias)
    container.slider(
        label, int(spec.low or 0), int(spec.high or 0), step=step, key=alias, on_change=_store, args=(alias,), **options
    )
    chosen: int = value(alias)
    return chosen


def day(container: Any, alias: str, label: str, today: date, low: date, high: date, **options: Any) -> date:
    """A date field; the scenario keeps None for `today`, so a visit does not turn the day into a setting."""
    st.session_state[alias] = value(alias) or today
    container.date_input(
        label,
        min_value=low,
        max_value=high,
        format="DD-MM-YYYY",
        key=alias,
        on_change=lambda: set_value(alias, None if st.session_state[alias] == today else st.session_state[alias]),
        **options,
    )
    return value(alias) or today


def number(
    container: Any, alias: str, label: str, *, grouping: bool = True, money: bool = False, **options: Any
) -> Any:
    """A text field for a number typed the way the user writes it (Dutch: 80.000, -0,5), shown the same way;
    refused input leaves the previous value and says why under the field."""
    code, spec = lang(), scenario.setting(alias)
    problem = st.session_state.setdefault(_PROBLEMS, {}).pop(alias, None)
    st.session_state[alias] = number_entry.text(value(alias), code, whole=spec.whole, grouping=grouping, money=money)
    container.text_input(label, key=alias, on_change=_store_number, args=(alias, code, grouping, money), **options)
    if problem is not None:
        typed = {k: v for k, v in problem[1].items() if k in ("text", "first", "second")}  # what the user wrote
        container.error(t(f"number_entry.{problem[0]}", **problem[1] | escape_values(typed)), icon=":material/error:")
    return value(alias)


def _store(alias: str) -> None:
    set_value(alias, st.session_state[alias])


def _store_number(alias: str, code: str, grouping: bool, money: bool) -> None:
    spec, typed, previous = scenario.setting(alias), str(st.session_state[alias]), value(alias)
    try:
        new = scenario.read_number(spec, typed, code)
        scenario.with_setting(session.scenario_values(), alias, new)
    except number_entry.NumberEntryError as error:
        problem = (error.code, dict(error.values))
    except ValidationError as error:
        problem = ("inconsistent", {"text": typed, "reason": scenario.describe(error, code).rstrip(".")})
    else:
        set_value(alias, new)
        return
    shown = number_entry.text(previous, code, whole=spec.whole, grouping=grouping, money=money)
    problem[1]["previous"] = shown or translate(code, "common.unknown")
    st.session_state[_PROBLEMS][alias] = problem
