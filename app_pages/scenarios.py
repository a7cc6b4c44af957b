"""Scenario's: the current settings in words, a link to share them, save and manage named scenarios, files."""

import streamlit as st

from ros import compare, scenario, ui
from ros.markup import escape, escape_values
from ros.store import StoreError, export_json

t, lang = ui.t, ui.lang()
current, problem = ui.current_scenario()
store = ui.store()

st.title(t("scenario.title"))
st.markdown(t("scenario.intro"))
ui.show_store_message()

st.header(t("scenario.current_heading"))
if problem:
    st.warning(t("scenario.current_invalid", problem=escape(problem)), icon=":material/warning:")
changed = compare.changed_settings(current, lang)
if changed.empty:
    st.markdown(t("scenario.is_default"))
else:
    st.dataframe(changed, hide_index=True, column_config=ui.settings_columns())
st.markdown(t("scenario.share_heading"))
st.code(scenario.share_link(st.context.url, "doelen", current), language=None, wrap_lines=True)
st.caption(t("scenario.share_help"))
ui.scenario_downloads(current)

with st.form("save_scenario", clear_on_submit=True, border=True):
    st.markdown(f"**{t('scenario.save_heading')}**")
    name_col, author_col = st.columns(2)
    name = name_col.text_input(t("scenario.name"), max_chars=100)
    author = author_col.text_input(t("scenario.author"), max_chars=100)
    if st.form_submit_button(t("scenario.save"), icon=":material/save:", disabled=problem is not None):
        ui.store_action(lambda: store.save(name, author, scenario.to_json(current), scenario.VERSION), "saved")
        st.rerun()

st.header(t("scenario.saved_heading"))
records = store.list(scenario.validate_settings, scenario.VERSION)
if not records:
    st.markdown(t("scenario.none_saved"))
else:
    st.dataframe(ui.records_table(records), hide_index=True, column_config=ui.records_columns())
    by_id = {r.id: r for r in records}
    chosen = by_id[st.selectbox(t("scenario.choose"), list(by_id), format_func=lambda i: by_id[i].name,
                                key="scenario_choice")]
    if chosen.problem:
        st.warning(t("scenario.record_problem", name=escape(chosen.name), problem=escape(chosen.problem)), icon=":material/warning:")
    open_col, agreed_col, copy_col, delete_col = st.columns(4)
    open_col.button(t("scenario.open"), icon=":material/open_in_new:", disabled=chosen.status != "ok",
                    on_click=ui.open_record, args=(chosen,), key="scenario_open")
    agreed_col.button(t("scenario.unmark" if chosen.agreed else "scenario.mark"), icon=":material/verified:",
                      on_click=ui.store_action, key="scenario_agreed",
                      args=((store.clear_agreed if chosen.agreed else lambda: store.mark_agreed(chosen.id)), "agreed"))
    copy_col.button(t("scenario.duplicate"), icon=":material/content_copy:", key="scenario_copy", on_click=ui.store_action,
                    args=(lambda: store.duplicate(chosen.id, t("scenario.copy_of", name=chosen.name)[:100],
                                                  chosen.author), "duplicated"))
    delete_col.button(t("scenario.delete"), icon=":material/delete:", key="scenario_delete", type="secondary",
                      on_click=ui.store_action, args=(lambda: store.delete(chosen.id), "deleted"))
    rename_col, file_col = st.columns([3, 1], vertical_alignment="bottom")
    rename_col.text_input(t("scenario.new_name"), value=chosen.name, max_chars=100, key=f"rename_{chosen.id}")
    rename_col.button(t("scenario.rename"), icon=":material/edit:", key="scenario_rename", on_click=ui.rename_record,
                      args=(chosen,))
    try:
        file_col.download_button(t("scenario.download_file"), export_json(chosen), file_name="scenario.json",
                                 mime="application/json", icon=":material/download:", on_click="ignore")
    except StoreError as error:
        file_col.caption(t(f"store.{error.code}", **escape_values(error.params)))

st.header(t("scenario.import_heading"))
upload = st.file_uploader(t("scenario.import"), type=["json"], key="scenario_upload", help=t("scenario.import_help"))
if upload is not None:
    ui.import_scenario_file(upload.name, upload.getvalue())
