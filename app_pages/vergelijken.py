"""Vergelijken: any two of the current, the default, the agreed and the saved scenarios side by side."""

import streamlit as st

from ros import ui
from ros.base.markup import escape
from ros.model.region import target as target_row
from ros.present import comparison

t, lang = ui.t, ui.lang()
current, problem = ui.current_scenario()

st.title(t("comparison.title"))
(base_name, base), (other_name, other) = ui.comparison_pair(current)
st.markdown(t("comparison.intro", base=escape(base_name), other=escape(other_name)))
if problem:
    st.warning(t("scenario.current_invalid", problem=escape(problem)), icon=":material/warning:")

changes = comparison.differences(base, other, lang)
if changes.empty:
    st.info(t("comparison.same"), icon=":material/info:")
else:
    st.dataframe(changes, hide_index=True, column_config=ui.settings_columns())

boundaries = ui.boundaries()
view = ui.comparison_view(base.target_settings(), other.target_settings(), boundaries)
woondeal = target_row(ui.snapshot(), "woondeal_homes_2030")
st.header(t("comparison.key_heading"))
st.caption(t("comparison.key_intro"))
st.table(view.key_figures, hide_index=True)

st.header(t("comparison.table_heading"))
st.dataframe(view.shown, hide_index=True, column_config=ui.comparison_columns(base.end_year, other.end_year))
ui.download_buttons("vergelijking", {t("comparison.title"): view.result}, key="comparison")

st.header(t("comparison.map_heading"))
if not view.any_difference:
    st.info(t("comparison.map_no_difference"), icon=":material/check:")
if boundaries.problem:
    st.info(boundaries.problem, icon=":material/map:")
ui.chart(view.map)
ui.source_caption(["cbs_85984ned", "cbs_81955ned", woondeal["source_id"], boundaries.source_id])
