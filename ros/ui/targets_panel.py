"""The targets settings panel and the targets result that survives refused settings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from ros import allocation, targets, trajectory
from ros import format as fmt
from ros.allocation import AllocationError
from ros.markup import escape
from ros.targets import RegionData, TargetResult, TargetSettings, recompute
from ros.ui.text import lang, t
from ros.ui.url import from_url


def targets_settings_panel(region: RegionData, homes_goal: Mapping[str, Any], residents_goal: Mapping[str, Any]
                           ) -> AllocationError | None:
    """The grouped settings of the targets page (all in the URL), including custom weights from the table editor
    or an uploaded CSV; returns the refusal of bad weights (None when they are fine)."""
    codes, names = region.codes, region.names
    from_url("woningen", int(homes_goal["value"]), targets.bounded_int(0, targets.MAX_TOTAL))
    from_url("inwoners", int(residents_goal["value"]), targets.bounded_int(0, targets.MAX_TOTAL))
    from_url("sleutel", "population", targets.choice(allocation.KEYS))
    from_url("steden", 100, targets.bounded_int(0, 100))
    from_url("gewichten", "", lambda raw: allocation.weights_to_text(allocation.weights_from_text(raw, codes, names)))
    from_url("vorm", "linear", targets.choice(trajectory.SHAPES))
    from_url("startjaar", 2025, targets.bounded_int(trajectory.FIRST_YEAR, 2050))
    from_url("eindjaar", int(homes_goal["year"]), targets.bounded_int(2025, trajectory.LAST_YEAR))
    from_url("doorkijk", "stop", targets.choice(trajectory.OUTLOOKS))
    from_url("tempo", 2000, targets.bounded_int(0, targets.MAX_TOTAL))
    from_url("bewoning", 0.0, targets.bounded_float(-5.0, 5.0))
    from_url("kaart", "homes", targets.choice(targets.MAP_MEASURES))

    with st.expander(t("targets.settings_heading"), expanded=True, icon=":material/tune:"):
        c1, c2, c3, c4 = st.columns(4)
        c1.markdown(f"**{t('targets.group_totals')}**")
        c1.number_input(t("targets.homes_total"), 0, targets.MAX_TOTAL, step=1000, key="woningen",
                        help=t("targets.homes_total_help"))
        c1.number_input(t("targets.residents_total"), 0, targets.MAX_TOTAL, step=1000, key="inwoners",
                        help=t("targets.residents_total_help"))
        c2.markdown(f"**{t('targets.group_key')}**")
        key = c2.selectbox(t("targets.key"), allocation.KEYS, format_func=lambda k: t(f"targets.key_{k}"), key="sleutel",
                           help=t("targets.key_help"))
        if key == "stedelijk_netwerk":
            c2.slider(t("targets.city_share"), 0, 100, step=5, key="steden", help=t("targets.city_share_help"))
        if key.startswith("plan_"):
            c2.caption(t("targets.plan_note"))
        c3.markdown(f"**{t('targets.group_time')}**")
        c3.selectbox(t("targets.shape"), trajectory.SHAPES, format_func=lambda s: t(f"targets.shape_{s}"), key="vorm",
                     help=t("targets.shape_help"))
        y1, y2 = c3.columns(2)
        y1.number_input(t("targets.start_year"), trajectory.FIRST_YEAR, 2050, key="startjaar", help=t("targets.start_year_help"))
        y2.number_input(t("targets.end_year"), 2025, trajectory.LAST_YEAR, key="eindjaar", help=t("targets.end_year_help"))
        outlook = c3.selectbox(t("targets.outlook"), trajectory.OUTLOOKS, format_func=lambda o: t(f"targets.outlook_{o}"),
                               key="doorkijk")
        if outlook == "pace":
            c3.number_input(t("targets.outlook_pace_value"), 0, targets.MAX_TOTAL, step=100, key="tempo")
        c4.markdown(f"**{t('targets.group_residents')}**")
        c4.number_input(t("targets.occupancy_change"), -5.0, 5.0, step=0.1, format="%.1f", key="bewoning",
                        help=t("targets.occupancy_change_help"))
        c4.caption(t("targets.occupancy_note", value=fmt.number(targets.occupancy_twente(region), lang(), 2),
                     change=fmt.percent(st.session_state["bewoning"] / 100, lang())))
        custom_error = None
        if key == "custom":
            st.markdown(t("targets.custom_intro"))
            left, right = st.columns([3, 2])
            version = st.session_state.setdefault("_weights_version", 0)
            base = st.session_state.setdefault("_weights_base", allocation.weights_frame(
                allocation.weights_from_text(st.session_state["gewichten"], codes, names)
                if st.session_state["gewichten"] else None, codes, names))
            edited = left.data_editor(base, hide_index=True, disabled=["code", "name"], key=f"weights_editor_{version}",
                                      column_config={"code": None, "name": t("common.municipality"),
                                                     "weight": st.column_config.NumberColumn(t("targets.col_weight"))})
            upload = right.file_uploader(t("targets.custom_upload"), type=["csv", "txt"], key=f"weights_upload_{version}")
            if "_weights_file" in st.session_state:
                right.success(t("targets.custom_loaded", file=escape(st.session_state["_weights_file"])), icon=":material/check:")
            try:
                if upload is not None:
                    weights = allocation.read_weights_csv(upload.getvalue(), codes, names)
                    st.session_state["_weights_base"] = allocation.weights_frame(weights, codes, names)
                    st.session_state["_weights_version"] = version + 1
                    st.session_state["gewichten"] = allocation.weights_to_text(weights)
                    st.session_state["_weights_file"] = upload.name
                    st.rerun()
                weights = allocation.check_weights(allocation.frame_weights(edited), codes, names)
                st.session_state["gewichten"] = allocation.weights_to_text(weights)
            except AllocationError as error:
                custom_error = error
    return custom_error


def targets_result(region: RegionData, refused: AllocationError | None) -> tuple[TargetResult, AllocationError | None]:
    """The recompute for the page's settings; when they are refused, the last valid result (or the default) and
    the refusal, so the screen never loses what the user had."""
    try:
        if refused is not None:
            raise refused
        result = recompute(region, targets.settings_from_state(st.session_state, region))
    except AllocationError as error:
        previous = st.session_state.get("_targets_result")
        return previous or recompute(region, TargetSettings()), error
    st.session_state["_targets_result"] = result
    return result, None
