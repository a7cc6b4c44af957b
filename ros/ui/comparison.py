"""The comparison panel: the baseline, the scenario to compare with it, and the comparison's column labels."""

from __future__ import annotations

import streamlit as st

from ros.base.markup import escape
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
    """The scenario to compare with the baseline: the current one (default) or a saved one, in the URL as
    ?vergelijk=<id>; only the chosen one's settings are read (one that does not validate is named, and the current
    one is compared instead); only the current one while the shared database cannot be reached."""
    try:
        saved = store().names(scenario.VERSION)
    except StoreError as error:
        if error.code != "database_unreachable":
            raise
        saved = {}
    options = ["huidig", *saved]
    from_url("vergelijk", "huidig", one_of(options))
    if st.session_state["vergelijk"] not in options:
        st.session_state["vergelijk"] = "huidig"
    names = {"huidig": t("comparison.current_name")} | saved
    chosen = str(st.selectbox(t("comparison.choose"), options, format_func=names.__getitem__, key="vergelijk"))
    if chosen == "huidig":
        return names[chosen], current
    try:
        record = store().get(chosen, scenario.validate_settings, scenario.VERSION)
    except StoreError as error:
        if error.code not in ("database_unreachable", "not_found"):
            raise
        return names["huidig"], current
    if record.status != "ok" or record.payload is None:
        st.warning(
            t("scenario.record_problem", name=escape(record.name), problem=escape(record.problem or "")),
            icon=":material/warning:",
        )
        return names["huidig"], current
    return record.name, scenario.from_json(record.payload, record.version)


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
