"""Scenario glue: the session's scenario, opening one, and what a scenario implies for the budget."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from ros.model import cost_sharing
from ros.records import scenario
from ros.ui import session
from ros.ui.data import snapshot
from ros.ui.text import lang, t


def current_scenario() -> tuple[scenario.Scenario, str | None]:
    """The session's scenario (every page's settings and the last valid ledger), or the default plus the Dutch
    reason when the current settings do not fit together."""
    given = session.scenario_values() if session.has_scenario() else {}
    values = dict(given or scenario.state_values(scenario.DEFAULT))
    values["grootboek"] = [e.model_dump() for e in scenario.ledger_entries(session.valid_ledger())]
    try:
        return scenario.from_state(values), None
    except ValidationError as error:
        return scenario.DEFAULT, scenario.describe(error, lang())


def apply_scenario(chosen: scenario.Scenario) -> None:
    """Make `chosen` the session's scenario: every page's widgets start from it on their next run."""
    values = scenario.state_values(chosen)
    session.set_scenario_values(values)
    for key in scenario.URL_FIELDS:
        st.session_state.pop(key, None)
    st.session_state.pop("_setting_problems", None)
    names = dict(zip(snapshot()["parties"]["id"], snapshot()["parties"]["name"], strict=True))
    book = scenario.ledger_frame(chosen.ledger_entries, names)
    session.give_ledger(book)


def settings_columns() -> dict[str, str]:
    """Column labels for a table of settings (changed settings or a comparison of two scenarios)."""
    return {c: t(f"scenario.col_{c}") for c in ("parameter", "setting", "value", "default", "base", "other")}


def scenario_contributions(chosen: scenario.Scenario) -> pd.DataFrame | None:
    """Each party's contribution under the scenario's cost-sharing key and total, or None when there is no split."""
    parties = cost_sharing.parties_for_keys(snapshot()["parties"], snapshot()["municipalities"])
    return chosen.sharing(parties).allocation
