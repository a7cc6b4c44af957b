"""Mijn gemeente: one printable page per municipality for council members, also downloadable as one HTML file."""

import streamlit as st

from ros import ui
from ros.base.markup import escape
from ros.model import milestones as ms
from ros.model.region import municipality_names
from ros.present import briefing

t, lang, snap = ui.t, ui.lang(), ui.snapshot()
names = municipality_names(snap)

st.html(f"<style>{briefing.STREAMLIT_PRINT_CSS}</style>")
code = ui.selected_municipality()
if code is None:
    st.title(t("municipality.title"))
    st.markdown(t("municipality.intro"))
    st.info(t("municipality.choose"), icon=":material/location_city:")
    ui.stop()

chosen, problem = ui.current_scenario()
if problem:
    st.warning(t("municipality.scenario_problem", problem=escape(problem)), icon=":material/warning:")
brief = ui.municipality_briefing(chosen, code, chosen.stand or ms.clock_today())

st.title(brief.title)
st.markdown(t("municipality.intro"))
for line in brief.meta:
    st.markdown(line)
left, right = st.columns([2, 3], vertical_alignment="center")
file_name = briefing.file_slug(f"{t('municipality.title')} {names[code]}") + ".html"
left.download_button(
    t("municipality.download"),
    lambda: briefing.briefing_html(brief),
    file_name=file_name,
    mime="text/html",
    type="primary",
    icon=":material/download:",
    help=t("municipality.download_help"),
    key="mijn_gemeente_html",
    on_click="ignore",
)
right.caption(brief.print_note)
for number, part in enumerate(brief.sections):
    with st.container(key=f"section_{part.key or number}"):
        st.header(part.heading)
        for paragraph in part.paragraphs:
            st.markdown(paragraph)
        if part.figure is not None:
            ui.chart(briefing.print_sized(part.figure), width="content")
            with ui.folded(brief.table_alternative, f"alt_mijn_gemeente_{part.key or number}") as opened:
                if opened:
                    st.table(part.figure_table, hide_index=True)
        if part.table is not None:
            st.table(part.table, hide_index=True)
        if part.caption:
            st.caption(part.caption)
st.caption(brief.footer)
