"""The comparison panel: the two scenarios to compare (current, default, agreed or saved) and the column labels."""

from __future__ import annotations

import streamlit as st

from ros.base.markup import escape
from ros.base.options import one_of
from ros.records import scenario
from ros.records.errors import StoreError
from ros.records.scenario_store import ScenarioRecord
from ros.ui.data import store
from ros.ui.text import t
from ros.ui.url import from_url

CURRENT, DEFAULT, AGREED = "huidig", "standaard", "afgesproken"


def _agreed() -> ScenarioRecord | None:
    """The scenario marked as agreed when it is valid; None without one (with a notice while the shared database
    cannot be reached)."""
    try:
        record = store().agreed(scenario.validate_settings, scenario.VERSION)
    except StoreError as error:
        if error.code != "database_unreachable":
            raise
        st.warning(t("store.database_unreachable_compare"), icon=":material/cloud_off:")
        return None
    return record if record is not None and record.status == "ok" and record.payload is not None else None


def _saved(chosen: str, fallback: tuple[str, scenario.Scenario]) -> tuple[str, scenario.Scenario]:
    """The saved scenario `chosen` read from the store; `fallback` when it is gone or does not validate (named)."""
    try:
        record = store().get(chosen, scenario.validate_settings, scenario.VERSION)
    except StoreError as error:
        if error.code not in ("database_unreachable", "not_found"):
            raise
        return fallback
    if record.status != "ok" or record.payload is None:
        st.warning(
            t("scenario.record_problem", name=escape(record.name), problem=escape(record.problem or "")),
            icon=":material/warning:",
        )
        return fallback
    return record.name, scenario.from_json(record.payload, record.version)


def comparison_pair(
    current: scenario.Scenario,
) -> tuple[tuple[str, scenario.Scenario], tuple[str, scenario.Scenario]]:
    """The two scenarios to compare, each picked from the current, the default, the agreed (when there is one) and
    the saved ones, in the URL as ?basis=…&vergelijk=…; by default the agreed (else the default) against the
    current one. Picking reads the store only: nothing shared changes. Only the chosen ones' settings are read;
    a saved one that does not validate is named and the current one used instead."""
    try:
        saved = store().names(scenario.VERSION)
    except StoreError as error:
        if error.code != "database_unreachable":
            raise
        saved = {}
    agreed = _agreed()
    names = {CURRENT: t("comparison.current_name"), DEFAULT: t("comparison.default_name")}
    if agreed is not None:
        names[AGREED] = t("comparison.agreed_name", name=agreed.name)
    names |= saved
    options = list(names)
    fixed = {CURRENT: current, DEFAULT: scenario.DEFAULT}
    if agreed is not None and agreed.payload is not None:
        fixed[AGREED] = scenario.from_json(agreed.payload, agreed.version)
    picked = []
    left, right = st.columns(2)
    for where, key, label, default in (
        (left, "basis", t("comparison.choose_base"), AGREED if agreed is not None else DEFAULT),
        (right, "vergelijk", t("comparison.choose"), CURRENT),
    ):
        from_url(key, default, one_of(options))
        if st.session_state[key] not in options:
            st.session_state[key] = default
        chosen = str(where.selectbox(label, options, format_func=names.__getitem__, key=key))
        fallback = (names[CURRENT], current)
        picked.append((names[chosen], fixed[chosen]) if chosen in fixed else _saved(chosen, fallback))
    return picked[0], picked[1]


def comparison_columns(base_year: int, other_year: int) -> dict[str, str]:
    """Column labels for `ros.present.comparison.display`; the projected residents name each scenario's year."""
    names = (
        "homes_base",
        "homes_other",
        "homes_delta",
        "residents_base",
        "residents_other",
        "residents_delta",
        "housed_delta",
        "per_year_base",
        "per_year_other",
        "per_year_delta",
        "pace_base",
        "pace_other",
    )
    return (
        {"name": t("common.municipality")}
        | {c: t(f"comparison.col_{c}") for c in names}
        | {
            "housed_base": t("comparison.col_housed_base", year=base_year),
            "housed_other": t("comparison.col_housed_other", year=other_year),
        }
    )
