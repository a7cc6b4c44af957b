"""The targets settings panel, built from the scenario's fields, and the targets result that survives refusals."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ros.base import format as fmt
from ros.base import number_entry
from ros.base.markup import escape
from ros.base.options import one_of
from ros.data import uploads
from ros.model import allocation, targets
from ros.model.allocation import AllocationError
from ros.model.targets import RegionData, TargetResult
from ros.present import targets as wording
from ros.records import scenario
from ros.ui import settings
from ros.ui.data import target_result
from ros.ui.editable_table import EditableTable
from ros.ui.scenarios import current_scenario
from ros.ui.text import lang, t, upload_help
from ros.ui.url import from_url


def targets_settings_panel(region: RegionData) -> AllocationError | None:
    """The grouped settings of the targets page (all in the session's scenario and the link), including custom
    weights from the table editor or an uploaded CSV; returns the refusal of bad weights (None when they are fine)."""
    from_url("kaart", "homes", one_of(targets.MAP_MEASURES))
    with st.expander(t("targets.settings_heading"), expanded=True, icon=":material/tune:"):
        # Two groups a row: a select box shows only one line, so its column must fit the longest option's label.
        c1, c2 = st.columns(2)
        c1.markdown(f"**{t('targets.group_totals')}**")
        settings.number(c1, "woningen", t("targets.homes_total"), help=t("targets.homes_total_help"))
        settings.number(c1, "inwoners", t("targets.residents_total"), help=t("targets.residents_total_help"))
        c2.markdown(f"**{t('targets.group_key')}**")
        key = settings.choice(c2, "sleutel", t("targets.key"), "targets.key_", help=t("targets.key_help"))
        if key == "stedelijk_netwerk":
            share = settings.slider(c2, "steden", t("targets.city_share"), 5, help=t("targets.city_share_help"))
            if note := wording.without_homes_note(targets.without_homes(region, key, share / 100), lang()):
                c2.warning(note, icon=":material/warning:")
        if key.startswith("plan_"):
            c2.caption(t("targets.plan_note"))
        c3, c4 = st.columns(2)
        c3.markdown(f"**{t('targets.group_time')}**")
        settings.choice(c3, "vorm", t("targets.shape"), "targets.shape_", help=t("targets.shape_help"))
        y1, y2 = c3.columns(2)
        settings.number(y1, "startjaar", t("targets.start_year"), grouping=False, help=t("targets.start_year_help"))
        settings.number(y2, "eindjaar", t("targets.end_year"), grouping=False, help=t("targets.end_year_help"))
        if settings.choice(c3, "doorkijk", t("targets.outlook"), "targets.outlook_") == "pace":
            settings.number(c3, "tempo", t("targets.outlook_pace_value"))
        c4.markdown(f"**{t('targets.group_residents')}**")
        change = settings.number(c4, "bewoning", t("targets.occupancy_change"), help=t("targets.occupancy_change_help"))
        c4.caption(
            t(
                "targets.occupancy_note",
                value=fmt.number(targets.occupancy_twente(region), lang(), 2),
                change=fmt.percent(change / 100, lang()),
            )
        )
        return _custom_weights(region) if key == "custom" else None


def _custom_weights(region: RegionData) -> AllocationError | None:
    """The table editor and upload of custom weights; valid weights become the scenario's `gewichten`."""
    codes, names, state = region.codes, region.names, st.session_state
    st.markdown(t("targets.custom_intro"))
    left, right = st.columns([3, 2])
    text = settings.value("gewichten")
    table = EditableTable(  # weights changed elsewhere (an opened scenario, a link) start it again
        "weights",
        text,
        lambda: _weights_table(allocation.weights_from_text(text, codes, names) if text else None, region),
        {
            "code": None,
            "name": t("common.municipality"),
            # Text, read by our reader: the browser's number cell makes "1,5e3" 1,53 without a word.
            "weight": st.column_config.TextColumn(t("targets.col_weight")),
        },
    )
    edited = table.draw(left, hide_index=True, disabled=["code", "name"])
    # No `type=`: Streamlit would refuse other files in English; our own check answers in the UI language.
    upload = right.file_uploader(
        t("targets.custom_upload"), key=f"weights_upload_{table.origin_version}", help=upload_help(uploads.MAX_BYTES)
    )
    _weights_upload(upload, region, table)
    if "_weights_file" in state:
        right.success(t("targets.custom_loaded", file=escape(state["_weights_file"])), icon=":material/check:")
    elif "_weights_refused" in state:
        file, error = state["_weights_refused"]
        right.error(
            t("targets.custom_refused", file=escape(file), message=escape(error.text(lang()))), icon=":material/error:"
        )
    try:
        weights = allocation.check_weights(allocation.frame_weights(edited), codes, names)
    except AllocationError as error:
        return error
    text = allocation.weights_to_text(weights)
    settings.set_value("gewichten", text)
    table.settle(text)
    return None


def _weights_table(weights: dict[str, float] | None, region: RegionData) -> Any:
    """The editor's table of `weights` (1 each when None), every weight as exact text in the UI language."""
    frame = allocation.weights_frame(weights, region.codes, region.names)
    return frame.assign(weight=[number_entry.exact_text(w, lang()) for w in frame["weight"]])


def _weights_upload(upload: Any, region: RegionData, table: EditableTable) -> None:
    """Read a newly uploaded weights file once: good weights replace the table (and rerun), a refused file is
    kept as the only upload message and changes nothing; removing the refused file removes its message."""
    state = st.session_state
    if upload is None:
        state.pop("_weights_refused", None)
        return
    if state.get("_weights_upload_id") == upload.file_id:
        return
    state["_weights_upload_id"] = upload.file_id
    try:
        weights = allocation.read_weights_csv(upload.getvalue(), region.codes, region.names)
    except AllocationError as error:
        state.pop("_weights_file", None)
        state["_weights_refused"] = (upload.name, error)
        return
    state.pop("_weights_refused", None)
    settings.set_value("gewichten", allocation.weights_to_text(weights))
    table.restart()
    state["_weights_file"] = upload.name
    st.rerun()


def targets_result(refused: AllocationError | None) -> tuple[TargetResult, str | None]:
    """The result for the session's scenario; when its settings are refused, the last valid result (or the
    default's) and the reason, so the screen never loses what the user had."""
    chosen, problem = current_scenario()
    if refused is None and problem is None:
        result = target_result(chosen.target_settings())
        st.session_state["_targets_result"] = result
        return result, None
    previous = st.session_state.get("_targets_result") or target_result(scenario.DEFAULT.target_settings())
    return previous, refused.text(lang()) if refused is not None else problem
