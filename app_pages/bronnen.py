"""Data & bronnen: every shipped table with its sources, dates and licences, as CSV and as one Excel workbook."""

import streamlit as st

from ros import ui
from ros.data.snapshot import datasets_in

t, snap = ui.t, ui.snapshot()
datasets = datasets_in(snap)

st.title(t("sources.title"))
st.markdown(t("sources.intro"))
ui.download_buttons("ros-twente-gegevens", {t(d.title_key): snap[d.name] for d in datasets}, key="all")

ui.versions_panel()

st.header(t("datasets.sources"))
st.dataframe(snap["sources"], hide_index=True, column_config=ui.source_columns())

for dataset in datasets[1:]:
    with ui.folded(t(dataset.title_key), f"dataset_{dataset.name}") as opened:
        if not opened:
            continue
        st.caption(
            t("sources.file", file=f"{snap.version.label.rstrip('/')}/{dataset.file}", rows=len(snap[dataset.name]))
        )
        if dataset.name == "population_forecast":
            st.caption(t("progress.forecast_caveat"))
        st.dataframe(snap[dataset.name], hide_index=True)
        st.dataframe(ui.dataset_sources(dataset.name), hide_index=True, column_config=ui.source_columns())
        ui.download_buttons(
            dataset.name,
            {t(dataset.title_key): snap[dataset.name], t("datasets.sources"): ui.dataset_sources(dataset.name)},
            key=dataset.name,
        )
