"""Vergelijken: a baseline (the default or the agreed scenario) against the current or a saved scenario."""

import streamlit as st

from ros import compare, ui
from ros import format as fmt
from ros.charts.maps import municipality_map
from ros.markup import escape
from ros.region import target as target_row
from ros.wording import comparison

t, lang = ui.t, ui.lang()
current, problem = ui.current_scenario()
base_name, base = ui.baseline()

st.title(t("comparison.title"))
other_name, other = ui.comparison_choice(current)
st.markdown(t("comparison.intro", base=escape(base_name), other=escape(other_name)))
if problem:
    st.warning(t("scenario.current_invalid", problem=escape(problem)), icon=":material/warning:")

changes = comparison.differences(base, other, lang)
if changes.empty:
    st.info(t("comparison.same"), icon=":material/info:")
else:
    st.dataframe(changes, hide_index=True, column_config=ui.settings_columns())

base_result, other_result = ui.target_result(base.target_settings()), ui.target_result(other.target_settings())
result = compare.target_differences(base_result, other_result)
woondeal = target_row(ui.snapshot(), "woondeal_homes_2030")
st.header(t("comparison.key_heading"))
st.caption(t("comparison.key_intro"))
st.table(comparison.key_figures_table(compare.key_figures(base_result, other_result, int(woondeal["year"])), lang,
                                      int(woondeal["value"]), int(woondeal["year"])).rename(columns={
    c: t(f"comparison.col_{c}") for c in ("measure", "base", "other", "delta")}), hide_index=True)

st.header(t("comparison.table_heading"))
st.dataframe(comparison.display(result, lang, t("common.twente")), hide_index=True,
             column_config=ui.comparison_columns(base.end_year, other.end_year))
ui.download_buttons("vergelijking", {t("comparison.title"): result}, key="comparison")

st.header(t("comparison.map_heading"))
places = compare.municipalities_only(result)
places = places.assign(homes_delta_text=comparison.difference_texts(places["homes_delta"], lang))
if not places["homes_delta"].any():
    st.info(t("comparison.map_no_difference"), icon=":material/check:")
boundaries = ui.boundaries()
if boundaries.problem:
    st.info(boundaries.problem, icon=":material/map:")
st.plotly_chart(municipality_map(places, "homes_delta", "homes_delta_text", {"title": t("comparison.map_title"),
                                 "colorbar": t("comparison.map_colorbar")}, boundaries.geojson,
                                 fmt.plotly_separators(lang), diverging=True), config={"displayModeBar": False})
ui.source_caption(["cbs_85984ned", "cbs_81955ned", woondeal["source_id"], boundaries.source_id])
