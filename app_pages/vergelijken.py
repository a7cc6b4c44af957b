"""Vergelijken: a baseline (the default or the agreed scenario) against the current or a saved scenario."""

import streamlit as st

from ros import compare, ui
from ros import format as fmt
from ros.charts.maps import municipality_map
from ros.markup import escape
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

result = compare.target_differences(ui.target_result(base.target_settings()), ui.target_result(other.target_settings()))
total = compare.totals(result)
cols = st.columns(3)
for col, measure in zip(cols, ("homes", "residents", "per_year"), strict=True):
    col.metric(t(f"comparison.{measure}"), fmt.number(total[f"{measure}_other"], lang),
               delta=t("comparison.versus", delta=fmt.signed(round(total[f"{measure}_delta"]), lang),
                       base=fmt.number(total[f"{measure}_base"], lang)), delta_color="off")

st.header(t("comparison.table_heading"))
st.dataframe(comparison.display(result, lang, t("common.twente")), hide_index=True, column_config=ui.comparison_columns())
ui.download_buttons("vergelijking", {t("comparison.title"): result}, key="comparison")

st.header(t("comparison.map_heading"))
places = fmt.with_text_columns(compare.municipalities_only(result), lang, {"homes_delta": "signed"})
boundaries = ui.boundaries()
if boundaries.problem:
    st.info(boundaries.problem, icon=":material/map:")
st.plotly_chart(municipality_map(places, "homes_delta", "homes_delta_text", {"title": t("comparison.map_title"),
                                 "colorbar": t("comparison.map_colorbar")}, boundaries.geojson,
                                 fmt.plotly_separators(lang)), config={"displayModeBar": False})
ui.source_caption(["cbs_85984ned", "cbs_81955ned", boundaries.source_id])
