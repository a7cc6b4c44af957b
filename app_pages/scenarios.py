"""Scenario's: the current settings in words, a link to share them, save and manage named scenarios, files."""

import streamlit as st

from ros import ui
from ros.base.markup import escape
from ros.present import comparison
from ros.records import scenario
from ros.records.fields import MAX_BYTES as SCENARIO_FILE_BYTES

t, lang = ui.t, ui.lang()
current, problem = ui.current_scenario()

st.title(t("scenario.title"))
st.markdown(t("scenario.intro"))
actor = ui.sign_in_line()
ui.show_store_message()

st.header(t("scenario.current_heading"))
if problem:
    st.warning(t("scenario.current_invalid", problem=escape(problem)), icon=":material/warning:")
changed = comparison.changed_settings(current, lang)
if changed.empty:
    st.markdown(t("scenario.is_default"))
else:
    st.dataframe(changed, hide_index=True, column_config=ui.settings_columns())
st.markdown(t("scenario.share_heading"))
st.code(scenario.share_link(st.context.url, "doelen", current), language=None, wrap_lines=True)
st.caption(t("scenario.share_help"))
ui.scenario_downloads(current)

ui.save_form(current, problem, actor)

st.header(t("scenario.saved_heading"))
ui.saved_scenarios_panel(actor)
ui.audit_panel(actor)

st.header(t("scenario.import_heading"))
upload = st.file_uploader(
    t("scenario.import"),
    key="scenario_upload",
    help=f"{t('scenario.import_help')} {ui.upload_help(SCENARIO_FILE_BYTES)}",
)
if upload is not None:
    ui.import_scenario_file(upload.name, upload.getvalue(), actor)
ui.clear_store_message()
