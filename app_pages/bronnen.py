"""Data & bronnen: every shipped table with its sources, dates and licences, as CSV and as one Excel workbook."""

import streamlit as st

from ros import ui
from ros.catalog import CATALOG
from ros.snapshot import sources_of

t, snap = ui.t, ui.snapshot()

st.title(t("sources.title"))
st.markdown(t("sources.intro"))
ui.download_buttons("ros-twente-gegevens", {t(d.title_key): snap[d.name] for d in CATALOG}, key="all")

st.header(t("datasets.sources"))
st.dataframe(snap["sources"], hide_index=True, column_config=ui.source_columns())

for dataset in CATALOG[1:]:
    with st.expander(t(dataset.title_key), expanded=False):
        st.caption(t("sources.file", file=f"data/{dataset.file}", rows=len(snap[dataset.name])))
        st.dataframe(snap[dataset.name], hide_index=True)
        st.dataframe(sources_of(snap, dataset.name), hide_index=True, column_config=ui.source_columns())
        ui.download_buttons(dataset.name, {t(dataset.title_key): snap[dataset.name],
                                           t("datasets.sources"): sources_of(snap, dataset.name)}, key=dataset.name)
