"""Vergadermodus: six views for a BOSS meeting on a projector, stepped through with Vorige/Volgende (or ← →),
each with the scenario and the data date."""

from collections.abc import Sequence
from typing import Any

import streamlit as st

from ros import ui
from ros.model import cost_sharing, targets
from ros.model import meeting as presentation
from ros.model import milestones as ms
from ros.model.region import standing
from ros.present import meeting
from ros.present.cards import Fact

t, lang, snap = ui.t, ui.lang(), ui.snapshot()
ui.projector_frame()
ui.from_url("dia", presentation.DEFAULT_STEP, presentation.parse_step)
step = st.session_state["dia"]
chosen, problem = ui.current_scenario()
today = chosen.stand or ms.clock_today()
result = ui.target_result(chosen.target_settings())
s, view = result.settings, presentation.view_of(step)


def cards(facts: Sequence[Fact], stacked: bool = False, level: int = 3) -> None:
    """Headline figures in large type (side by side, or `stacked`): label as a heading of `level`, value as a
    metric, note below."""
    places: list[Any] = [st] * len(facts) if stacked else list(st.columns(len(facts)))
    for place, fact in zip(places, facts, strict=True):
        with place.container(border=True, height="stretch"):
            st.markdown(f"{'#' * level} {fact.label}", anchors=False)
            st.metric(fact.label, fact.value, label_visibility="collapsed")
            st.markdown(fact.note)


st.title(t(f"meeting.heading_{view}"), anchor=False)
back, middle, forward = st.columns([1, 3, 1], vertical_alignment="center")
back.button(
    t("meeting.previous"),
    icon=":material/arrow_back:",
    width="stretch",
    disabled=step == 1,
    shortcut="Left",
    help=t("meeting.previous_help"),
    key="meeting_previous",
    on_click=lambda: st.session_state.update(dia=presentation.previous_step(step)),
)
middle.markdown(f"## {meeting.step_label(step, lang)}", anchors=False, text_alignment="center")
forward.button(
    t("meeting.next"),
    icon=":material/arrow_forward:",
    icon_position="right",
    type="primary",
    width="stretch",
    disabled=presentation.is_last(step),
    shortcut="Right",
    help=t("meeting.next_help"),
    key="meeting_next",
    on_click=lambda: st.session_state.update(dia=presentation.next_step(step)),
)
st.markdown(f"{meeting.scenario_text(chosen, lang)}  \n{meeting.data_date_text(standing(snap), today, lang)}")
if problem:
    st.warning(problem, icon=":material/warning:")

if view == "headline":
    groups = meeting.headline_facts(snap, result, lang, today)
    for column, (group, facts) in zip(st.columns(len(groups)), groups.items(), strict=True):
        with column:
            st.header(t(f"meeting.group_{group}"), anchor=False)
            cards(facts, stacked=True, level=4)
    ui.source_caption(meeting.headline_sources(snap))
elif view == "map":
    shown, boundaries = meeting.shown_table(result, lang), ui.boundaries()
    left, right = st.columns([2, 1])
    ui.chart(meeting.map_figure(shown, boundaries.geojson, result, lang), where=left, key="meeting_map")
    right.markdown(f"### {t('meeting.map_list')}", anchors=False)
    right.table(meeting.homes_table(shown, lang), hide_index=True)
    right.markdown(meeting.key_note(result, lang))
    if boundaries.problem:
        st.info(boundaries.problem, icon=":material/map:")
    ui.source_caption(["besluit_almelo_2025", "cbs_85984ned", *targets.key_sources(s.key), boundaries.source_id])
elif view == "pace":
    cards(meeting.pace_facts(result, lang))
    ui.realised_pace_line(s.start_year)
    rows = presentation.pace_rows(meeting.shown_table(result, lang))
    ui.chart(meeting.pace_figure(rows, result, lang), key="meeting_pace")
    with ui.table_alternative("vergadermodus_tempo") as opened:
        if opened:
            st.table(meeting.pace_table(rows, lang), hide_index=True)
    st.markdown(meeting.key_note(result, lang))
    ui.source_caption(
        ["besluit_almelo_2025", *meeting.history_sources(snap), "cbs_85984ned", *targets.key_sources(s.key)]
    )
elif view == "budget":
    st.markdown(f"## {meeting.budget_line(snap, today, lang)}", anchors=False)
    cashier = meeting.budget_facts(snap, lang)[-1]
    parties = cost_sharing.parties_for_keys(snap["parties"], snap["municipalities"])
    contribution = chosen.sharing(parties)
    left, right = st.columns([1, 2])
    with left:
        cards([cashier])
    right.markdown(f"### {t('meeting.contribution_heading')}", anchors=False)
    if contribution.allocation is None:
        right.info(meeting.contribution_reason(contribution, lang), icon=":material/calculate:")
    else:
        right.markdown(meeting.contribution_note(contribution, lang))
        ui.chart(meeting.contribution_figure(contribution.allocation, lang), where=right, key="meeting_bars")
        with right, ui.table_alternative("vergadermodus_bijdragen") as opened:
            if opened:
                st.table(meeting.contribution_table(contribution.allocation, lang), hide_index=True)
    ui.source_caption(["besluit_almelo_2025"])
elif view == "progress":
    progress_facts, line, sources = ui.progress_meeting(ui.selected_municipality())
    facts_column, ranking_column = st.columns([2, 3])
    with facts_column:
        st.markdown(f"### {line}", anchors=False)
        if progress_facts:
            cards(progress_facts, stacked=True, level=4)
    with ranking_column:
        ui.ranking_meeting(ui.selected_municipality(), 470)
    ui.source_caption(sources)
else:
    cards([meeting.next_fact(snap["milestones"], today, lang)])
    st.header(t("meeting.open_heading"), anchor=False)
    items = meeting.milestone_items(snap["milestones"], today, lang, ui.labels("milestones"))
    for item in items:
        st.markdown(meeting.milestone_line(item, lang), anchors=False)
    if not items:
        st.markdown(t("meeting.no_open"))
    ui.source_caption([item.source_id for item in items] or ["besluit_almelo_2025"])
st.caption(t("meeting.sidebar_note"))
