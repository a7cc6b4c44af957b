"""Mijlpalen: what has happened, what comes next and when is it decided — timeline, list and decision gates."""

import streamlit as st

from ros import ui
from ros.base import format as fmt
from ros.base.options import one_of
from ros.data.catalog import BODY_CODES
from ros.model import milestones as ms
from ros.present.calendar import milestones_ics

t, lang, snap, labels = ui.t, ui.lang(), ui.snapshot(), ui.labels("milestones")

st.title(t("milestones.title"))
st.markdown(t("milestones.intro"))

ui.from_url("orgaan", None, ms.parse_body)
ui.from_url("weergave", ms.VIEWS[0], one_of(ms.VIEWS))
ui.from_url("bereik", "2027", one_of(ms.RANGES))
left, middle, right = st.columns([1, 1, 2])
today = ui.settings.day(
    left, "stand", t("milestones.stand_per"), ms.clock_today(), *ms.STAND_RANGE, help=t("milestones.stand_help")
)
middle.selectbox(
    t("milestones.body"),
    BODY_CODES,
    format_func=lambda b: labels["body_" + b],
    placeholder=t("milestones.body_all"),
    help=t("milestones.body_help"),
    key="orgaan",
)
right.radio(
    t("milestones.view"), ms.VIEWS, format_func=ui.option_labels("milestones.view_"), horizontal=True, key="weergave"
)
body = st.session_state["orgaan"]

facts = ui.milestones_view(today, body)
table = facts.table

cards = st.columns(3)
with cards[0].container(border=True):
    st.markdown(f"**{t('milestones.last_heading')}**")
    if facts.last is None:
        st.markdown(t("milestones.last_none"))
    else:
        what, when = facts.last
        st.markdown(what)
        st.caption(when)
with cards[1].container(border=True):
    ui.next_milestone_card(t("milestones.next_heading"), today, body)
with cards[2].container(border=True):
    st.markdown(f"**{t('milestones.decide_heading')}**")
    for item in facts.decisions or [fmt.unknown(lang)]:
        st.markdown(f"- {item}")

for warning in facts.overdue:
    st.warning(warning, icon=":material/help:")
if body in (None, "raad", "gemeenten", "college"):
    st.info(t("milestones.election_note"), icon=":material/how_to_vote:")
st.caption(f"{t('milestones.stand_caption', date=fmt.long_date(today, lang))} {t('milestones.status_legend')}")

listing = facts.listing
view = st.session_state["weergave"]
if view == "tijdlijn":
    st.radio(
        t("milestones.range"),
        tuple(ms.RANGES),
        format_func=ui.option_labels("milestones.range_"),
        horizontal=True,
        key="bereik",
    )
    if table.empty:
        st.info(t("milestones.chart_empty"))
    else:
        ui.chart(ui.milestones_chart(today, body, st.session_state["bereik"]), key="timeline")
    st.caption(t("milestones.undated_note"))
    with ui.table_alternative("mijlpalen_tijdlijn") as opened:
        if opened:
            st.table(listing, hide_index=True)
elif view == "lijst":
    st.header(t("milestones.list_heading"))
    st.caption(t("milestones.list_count", count=fmt.number(len(listing), lang)))
    st.table(listing, hide_index=True)
else:
    st.header(t("milestones.matrix_heading"))
    st.markdown(t("milestones.matrix_intro"))
    st.table(facts.gates, hide_index=True)
    for line in facts.gate_lines:
        st.caption(line)

ui.source_caption(list(table["source_id"]) + (["besluit_almelo_2025"] if view == "besluiten" else []))
st.header(t("milestones.downloads_heading"))
ui.download_buttons(
    "ros-twente-mijlpalen",
    {t("milestones.dataset_milestones"): facts.export, t("milestones.dataset_gates"): snap["decision_gates"]},
    key="milestones",
)
titles = dict(zip(snap["sources"]["id"], snap["sources"]["title"], strict=True))
st.download_button(
    t("milestones.download_ics"),
    lambda: milestones_ics(table, today, lang, labels, titles),
    file_name="ros-twente-mijlpalen.ics",
    mime="text/calendar",
    icon=":material/event:",
    help=t("milestones.download_ics_help"),
    key="milestones_ics",
    on_click="ignore",
)
