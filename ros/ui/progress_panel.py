"""The progress page's glue: its cached view, the own-figures panel and the capacity upload (refusals in UI language).

Own figures are part of the session's scenario (`eigen_opgave`), so saving, scenario files and the workbook carry
them; a refused upload or edit shows why and keeps the last valid figures. An uploaded capacity list lives in the
session only.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from ros.base import format as fmt
from ros.base.markup import escape
from ros.base.problems import Issue
from ros.data import uploads
from ros.model import forecast as fc
from ros.model import own_figures, plan_capacity, progress
from ros.model.targets import TargetResult, TargetSettings
from ros.present import exports
from ros.present import progress as progress_view
from ros.present.cards import Fact
from ros.records import roles
from ros.ui import session
from ros.ui.auth import identity
from ros.ui.cached import per_language
from ros.ui.data import Data, snapshot, target_result
from ros.ui.downloads import template_download
from ros.ui.editable_table import EditableTable
from ros.ui.scenarios import current_scenario
from ros.ui.text import lang, t, upload_help

OWN_KEY = "eigen_opgave"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def own_records() -> list[dict[str, object]]:
    """The session scenario's own figures as plain records."""
    return list(session.scenario_values().get(OWN_KEY) or []) if session.has_scenario() else []


def own_frame() -> pd.DataFrame:
    """The session scenario's own figures, checked (`own_figures.from_records`)."""
    return own_figures.from_records(own_records())


def own_key() -> tuple[tuple[object, ...], ...]:
    """The session scenario's own figures as a cache key: (code, year, new construction, demolition, net) rows."""
    return tuple((r["code"], r["year"], r["new_construction"], r["demolition"], r["net_change"]) for r in own_records())


def own_from_key(own: tuple[tuple[object, ...], ...]) -> pd.DataFrame:
    """The own figures of an `own_key`, checked (`own_figures.from_records`)."""
    return own_figures.from_records(
        [dict(zip(("code", "year", *own_figures.VALUE_COLUMNS.values()), row, strict=True)) for row in own]
    )


def _set_own(frame: pd.DataFrame) -> None:
    session.scenario_values()[OWN_KEY] = own_figures.records(frame)


@per_language(max_entries=32)
def _view(
    data: Data,
    language: str,
    settings: TargetSettings,
    code: str | None,
    measure: str,
    own: tuple[tuple[object, ...], ...],
    capacity: tuple[tuple[object, ...], ...] | None,
    capacity_file: str | None,
    vintage: str | None,
) -> progress_view.ProgressView:
    snap, result = data.snapshot, data.result(settings)
    own_frame_ = own_from_key(own)
    capacity_frame = None
    if capacity is not None:
        checked = pd.DataFrame(list(capacity), columns=["code", *plan_capacity.PHASES]).astype(
            dict.fromkeys(plan_capacity.PHASES, "Int64")
        )
        capacity_frame = plan_capacity.uploaded_capacity(checked)
    return progress_view.build(
        snap, result, code, measure, own_frame_, language, capacity_frame, vintage, capacity_file
    )


def forecast_vintages() -> list[str]:
    """The forecast vintages in the data, newest first (none when the data has no forecast)."""
    frame = snapshot().get("population_forecast")
    return [] if frame is None else fc.vintages(frame)


def progress_view_for(
    result: TargetResult, code: str | None, measure: str, vintage: str | None = None
) -> progress_view.ProgressView:
    """The progress view of `code` under `result`'s settings with the session's own figures and capacity list."""
    own = own_key()
    capacity, name = st.session_state.get("_capacity_upload") or (None, None)
    key = (
        None
        if capacity is None
        else tuple(tuple(None if pd.isna(v) else v for v in row) for row in capacity.itertuples(index=False))
    )
    return _view(result.settings, code, measure, own, key, escape(name) if name else None, vintage)


def _issues(header: str, issues: tuple[Issue, ...]) -> None:
    st.error("\n".join([header] + [f"- {escape(i.text(lang()))}" for i in issues]), icon=":material/error:")


def _reset_own() -> None:
    _set_own(own_figures.empty_frame())
    st.session_state["_own_result"] = None


def _editor_columns(names: dict[str, str]) -> dict[str, ColumnConfig]:
    """The own-figures editor's columns in the UI language."""
    return {
        own_figures.NAME: st.column_config.SelectboxColumn(
            t("progress.col_municipality"), options=list(names.values()), required=True
        ),
        own_figures.YEAR: st.column_config.NumberColumn(
            t("progress.col_year"),
            min_value=own_figures.YEAR_RANGE[0],
            max_value=own_figures.YEAR_RANGE[1],
            step=1,
            format="%d",
        ),
        "nieuwbouw": st.column_config.NumberColumn(t("progress.col_new_construction"), min_value=0, step=1),
        "sloop": st.column_config.NumberColumn(t("progress.col_demolition"), min_value=0, step=1),
        "netto": st.column_config.NumberColumn(t("progress.col_net_change"), step=1),
    }


def own_figures_panel(names: dict[str, str], template_year: int) -> None:
    """Upload, template, reset and the table editor of own figures; valid figures go into the session scenario.
    A lezer sees the figures of the opened scenario but cannot enter them."""
    state = st.session_state
    actor = identity()
    if not roles.allowed(actor, "own_figures"):
        st.caption(t("roles.own_figures_read_only", role=t(f"roles.role_{actor.role}")))
        if own_records():
            st.dataframe(own_figures.editor_frame(own_frame(), names).drop(columns=own_figures.CODE), hide_index=True)
        return
    records = own_records()
    table = EditableTable(
        "own",
        records,
        lambda: own_figures.editor_frame(own_frame(), names).drop(columns=own_figures.CODE),
        _editor_columns(names),
    )
    left, right = st.columns([3, 2])
    upload = right.file_uploader(  # no `type=`: our check names the problem in the UI language
        t("progress.own_upload"), key=f"own_upload_{table.origin_version}", help=upload_help(uploads.MAX_BYTES)
    )
    template = own_figures.template(names, template_year)
    a, b = right.columns(2)
    template_download(a, t("progress.own_template"), template, "sjabloon-eigen-opgave.csv", "own_template_csv")
    b.download_button(
        t("progress.own_template_excel"),
        lambda: exports.excel_bytes({"eigen opgave": exports.with_formats(template, {own_figures.YEAR: "year"})}),
        file_name="sjabloon-eigen-opgave.xlsx",
        mime=_XLSX,
        icon=":material/table:",
        key="own_template_xlsx",
        on_click="ignore",
    )
    right.button(t("progress.own_reset"), icon=":material/restart_alt:", key="own_reset", on_click=_reset_own)
    if upload is not None and state.get("_own_file") != upload.file_id:
        result = own_figures.load_upload(upload.name, upload.getvalue(), names)
        state["_own_file"], state["_own_result"] = upload.file_id, (upload.name, result)
        if result.ok:
            _set_own(result.frame)
            table.restart()
            st.rerun()
    if state.get("_own_result"):
        name, result = state["_own_result"]
        if result.ok:
            right.success(t("progress.own_loaded", file=escape(name), count=len(result.frame)), icon=":material/check:")
        else:
            with right:
                _issues(t("progress.own_refused", file=escape(name)), result.issues)
    edited = table.draw(
        left,
        num_rows="dynamic",
        hide_index=True,
        placeholder=fmt.unknown(lang()),  # an empty cell is unknown, never Streamlit's "None"
    )
    checked = own_figures.check_own_figures(edited, names)
    if checked.ok:
        if own_figures.records(checked.frame) != own_records():
            _set_own(checked.frame)
            table.settle(own_records())
            st.rerun()  # the figures above the editor were drawn from the previous figures
    else:
        with left:
            _issues(t("progress.own_edit_refused"), checked.issues)
    count = len(own_records())
    left.caption(t("progress.own_count", count=count) if count else t("progress.own_none"))


def capacity_panel(names: dict[str, str]) -> None:
    """Upload a newer capacity list by phase (session only), its template and the way back to the 2021 list."""
    state = st.session_state
    version = state.setdefault("_capacity_version", 0)
    upload = st.file_uploader(
        t("progress.capacity_upload"), key=f"capacity_upload_{version}", help=upload_help(uploads.MAX_BYTES)
    )
    left, right = st.columns(2)
    template = plan_capacity.capacity_template(names)
    template_download(
        left, t("progress.capacity_template"), template, "sjabloon-plancapaciteit.csv", "capacity_template_csv"
    )
    if state.get("_capacity_upload"):
        right.button(
            t("progress.capacity_reset"),
            icon=":material/restart_alt:",
            key="capacity_reset",
            on_click=lambda: state.update(
                _capacity_upload=None, _capacity_message=None, _capacity_version=state["_capacity_version"] + 1
            ),
        )
    if upload is not None and state.get("_capacity_file") != upload.file_id:
        checked, issues = plan_capacity.load_upload(upload.name, upload.getvalue(), names)
        state["_capacity_file"], state["_capacity_message"] = upload.file_id, (upload.name, len(checked), issues)
        if not issues:
            state["_capacity_upload"] = (checked, upload.name)
    if state.get("_capacity_message"):
        name, count, issues = state["_capacity_message"]
        if issues:
            _issues(t("progress.capacity_refused", file=escape(name)), issues)
        else:
            st.success(t("progress.capacity_loaded", file=escape(name), count=count), icon=":material/check:")


def _scenario_view(code: str | None) -> progress_view.ProgressView:
    """The progress view of `code` under the session's scenario, measured as net additions."""
    chosen, _ = current_scenario()
    return progress_view_for(target_result(chosen.target_settings()), code, progress.MEASURES[0])


def progress_headline(code: str | None = None) -> str:
    """One line for other pages: the delivery ratio of `code` (None = Twente) or why it is unknown."""
    return progress_view.headline(_scenario_view(code))


def progress_municipality_line(code: str) -> str:
    """The municipality's own progress line in plain words."""
    return progress_view.municipality_sentence(_scenario_view(code))


def progress_meeting(code: str | None = None) -> tuple[list[Fact], str, tuple[str, ...]]:
    """The meeting view's progress figures, its one-line headline and the sources of the realisation."""
    view = _scenario_view(code)
    return progress_view.meeting_facts(view), progress_view.headline(view), view.delivery.sources
