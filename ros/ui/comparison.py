"""The comparison panel: the baseline, the scenario to compare with it, and the comparison's column labels."""

from __future__ import annotations

import streamlit as st

from ros.base.options import one_of
from ros.records import scenario
from ros.records.errors import StoreError
from ros.ui.data import store
from ros.ui.text import t
from ros.ui.url import from_url


def baseline() -> tuple[str, scenario.Scenario]:
    """The comparison's baseline: the scenario marked as agreed (when it is valid), else the default scenario (also,
    with a notice, while the shared database cannot be reached)."""
    try:
        record = store().agreed(scenario.validate_settings, scenario.VERSION)
    except StoreError as error:
        if error.code != "database_unreachable":
            raise
        st.warning(t("store.database_unreachable_compare"), icon=":material/cloud_off:")
        record = None
    if record is not None and record.status == "ok" and record.payload is not None:
        return t("comparison.agreed_name", name=record.name), scenario.from_json(record.payload, record.version)
    return t("comparison.default_name"), scenario.DEFAULT


def comparison_choice(current: scenario.Scenario) -> tuple[str, scenario.Scenario]:
    """The scenario to compare with the baseline: the current one (default) or a valid saved one, in the URL
    as ?vergelijk=<id>; only the current one while the shared database cannot be reached."""
    try:
        saved = store().list(scenario.validate_settings, scenario.VERSION)
    except StoreError as error:
        if error.code != "database_unreachable":
            raise
        saved = []
    records = {r.id: r for r in saved if r.status == "ok"}
    options = ["huidig", *records]
    from_url("vergelijk", "huidig", one_of(options))
    if st.session_state["vergelijk"] not in options:
        st.session_state["vergelijk"] = "huidig"
    names = {"huidig": t("comparison.current_name")} | {i: r.name for i, r in records.items()}
    chosen = str(st.selectbox(t("comparison.choose"), options, format_func=names.__getitem__, key="vergelijk"))
    if chosen == "huidig":
        return names[chosen], current
    return names[chosen], scenario.from_json(records[chosen].payload or {}, records[chosen].version)


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
