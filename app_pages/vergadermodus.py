"""Vergadermodus: five views for a BOSS meeting on a projector, stepped through with Vorige/Volgende (or ← →),
each with the scenario and the data date."""

import streamlit as st

from ros import cost_sharing, presentation, targets, ui
from ros import format as fmt
from ros import milestones as ms
from ros.charts.budget import contribution_bars
from ros.charts.maps import municipality_map
from ros.charts.presentation import pace_bars, presentation_layout
from ros.region import standing

t, lang, snap = ui.t, ui.lang(), ui.snapshot()
ui.projector_frame()
sep, chart_config = fmt.plotly_separators(lang), {"displayModeBar": False}
ui.from_url("dia", presentation.DEFAULT_STEP, presentation.parse_step)
step = st.session_state["dia"]
chosen, problem = ui.current_scenario()
today = chosen.stand or ms.clock_today()
result = targets.recompute(ui.target_region(), chosen.target_settings())
s, view = result.settings, presentation.view_of(step)


def cards(facts: list[presentation.Fact], stacked: bool = False, level: int = 3) -> None:
    """Headline figures in large type (side by side, or `stacked`): label as a heading of `level`, value as a
    metric, note below."""
    for place, fact in zip([st] * len(facts) if stacked else st.columns(len(facts)), facts, strict=True):
        with place.container(border=True, height="stretch"):
            st.markdown(f"{'#' * level} {fact.label}", anchors=False)
            st.metric(fact.label, fact.value, label_visibility="collapsed")
            st.markdown(fact.note)


st.title(t(f"meeting.heading_{view}"), anchor=False)
back, middle, forward = st.columns([1, 3, 1], vertical_alignment="center")
back.button(t("meeting.previous"), icon=":material/arrow_back:", width="stretch", disabled=step == 1, shortcut="Left",
            help=t("meeting.previous_help"), key="meeting_previous",
            on_click=lambda: st.session_state.update(dia=presentation.previous_step(step)))
middle.markdown(f"## {presentation.step_label(step, lang)}", anchors=False, text_alignment="center")
forward.button(t("meeting.next"), icon=":material/arrow_forward:", icon_position="right", type="primary",
               width="stretch", disabled=presentation.is_last(step), shortcut="Right", help=t("meeting.next_help"),
               key="meeting_next", on_click=lambda: st.session_state.update(dia=presentation.next_step(step)))
st.markdown(f"{presentation.scenario_text(chosen, lang)}  \n{presentation.data_date_text(standing(snap), today, lang)}")
if problem:
    st.warning(problem, icon=":material/warning:")

if view == "headline":
    groups = presentation.headline_facts(snap, result, lang)
    for column, (group, facts) in zip(st.columns(len(groups)), groups.items(), strict=True):
        with column:
            st.header(t(f"meeting.group_{group}"), anchor=False)
            cards(facts, stacked=True, level=4)
    ui.source_caption(["besluit_almelo_2025", "cbs_85984ned", "cbs_37230ned", "cbs_81955ned"])
elif view == "map":
    shown, boundaries = presentation.shown_table(result, lang), ui.boundaries()
    left, right = st.columns([3, 1])
    figure = municipality_map(presentation.map_rows(shown), "homes", "homes_text", {
        "title": t("meeting.map_title", start=s.start_year, end=s.end_year), "colorbar": t("meeting.map_colorbar")},
        boundaries.geojson, sep, {"share_text": t("meeting.col_share")})
    left.plotly_chart(presentation_layout(figure, font_size=20, height=660), config=chart_config, key="meeting_map")
    right.markdown(f"### {t('meeting.map_list')}", anchors=False)
    right.table(presentation.homes_list(shown, lang).rename(columns={
        c: t(f"meeting.col_{c}") for c in ("name", "homes", "share")}), hide_index=True)
    right.markdown(presentation.key_note(result, lang))
    if boundaries.problem:
        st.info(boundaries.problem, icon=":material/map:")
    ui.source_caption(["besluit_almelo_2025", "cbs_85984ned", *targets.key_sources(s.key), boundaries.source_id])
elif view == "pace":
    cards(presentation.pace_facts(result, lang))
    rows = presentation.pace_rows(presentation.shown_table(result, lang))
    st.plotly_chart(presentation_layout(pace_bars(rows, {
        "title": t("meeting.pace_title", rule=presentation.key_name(result, lang)), "needed": t("meeting.pace_needed"),
        "historical": t("meeting.pace_historical"), "text": t("meeting.pace_text")}, sep),
        height=440), config=chart_config, key="meeting_pace")
    with st.expander(t("common.table_alternative")):
        st.table(rows[["name", "per_year_text", "hist_average_text", "pace_ratio_short_text"]].rename(columns={
            "name": t("meeting.col_name"), "per_year_text": t("meeting.pace_needed"),
            "hist_average_text": t("meeting.pace_historical"), "pace_ratio_short_text": t("meeting.pace_ratio")}),
            hide_index=True)
    st.markdown(presentation.key_note(result, lang))
    ui.source_caption(["besluit_almelo_2025", "cbs_81955ned", "cbs_85984ned", *targets.key_sources(s.key)])
elif view == "budget":
    st.markdown(f"## {presentation.budget_line(snap, today, lang)}", anchors=False)
    cashier = presentation.budget_facts(snap, lang)[-1]
    parties = cost_sharing.parties_for_keys(snap["parties"], snap["municipalities"])
    labels, contribution = ui.labels("budget"), cost_sharing.scenario_sharing(chosen, parties)
    left, right = st.columns([1, 2])
    with left:
        cards([cashier])
    right.markdown(f"### {t('meeting.contribution_heading')}", anchors=False)
    if contribution.allocation is None:
        right.info(presentation.contribution_reason(contribution, lang), icon=":material/calculate:")
    else:
        right.markdown(t("meeting.contribution_note", rule=t(f"budget.key_{chosen.cost_key}"),
                         total=fmt.money(contribution.total, lang, cents=True)))
        right.plotly_chart(presentation_layout(contribution_bars(contribution.allocation, labels, lang), height=500),
                           config=chart_config, key="meeting_bars")
        with right.expander(t("common.table_alternative")):
            st.table(cost_sharing.allocation_view(contribution.allocation, lang).rename(columns={
                "name": t("budget.col_party"), "kind": t("budget.col_kind"), "share": t("budget.col_share"),
                "amount": t("budget.col_contribution")}), hide_index=True)
    ui.source_caption(["besluit_almelo_2025"])
else:
    cards([presentation.next_fact(snap["milestones"], today, lang, ui.labels("milestones"))])
    st.header(t("meeting.open_heading"), anchor=False)
    items = presentation.milestone_items(snap["milestones"], today, lang, ui.labels("milestones"))
    for item in items:
        council = f" · **{t('meeting.council_involved')}**" if item.council else ""
        st.markdown(f"#### {item.status} · {item.title}\n{item.when} · {item.bodies}{council}", anchors=False)
    if not items:
        st.markdown(t("meeting.no_open"))
    ui.source_caption([item.source_id for item in items] or ["besluit_almelo_2025"])
st.caption(t("meeting.sidebar_note"))
