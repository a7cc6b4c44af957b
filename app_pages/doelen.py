"""Doelen per gemeente: split the ROS totals over the 14 municipalities, spread them over the years, compare the
pace with 2012–2020 and show the residents the homes can house."""

import streamlit as st

from ros import ui
from ros.base import format as fmt
from ros.base.markup import escape
from ros.model import milestones as ms
from ros.model import targets
from ros.model.region import target as target_row
from ros.present import targets as wording

t, lang, snap, region = ui.t, ui.lang(), ui.snapshot(), ui.target_region()
homes_goal, residents_goal = target_row(snap, "ros_homes_2050"), target_row(snap, "ros_residents_2050")
woondeal = target_row(snap, "woondeal_homes_2030")

st.title(t("targets.title"))
st.markdown(t("targets.intro"))
custom_error = ui.targets_settings_panel(region)
result, refused = ui.targets_result(custom_error)
if refused is not None:
    st.error(t("targets.refused", message=escape(refused)), icon=":material/block:")
ui.show_store_message()
with st.expander(t("targets.save_heading"), icon=":material/save:"):
    ui.save_form(*ui.current_scenario(), ui.identity())
s, view = result.settings, ui.targets_view(result)
tables, focus_code = ui.targets_tables(view), ui.selected_municipality()
focus = ui.focus_row(view, focus_code)

st.header(t("targets.focus_heading", name=focus["name"]))
m1, m2, m3, m4 = st.columns(4)
m1.metric(
    t("targets.metric_homes", start=s.start_year, end=s.end_year),
    focus["homes_text"],
    delta_arrow="off",
    delta=t("targets.metric_share", share=focus["share_text"]),
    delta_color="off",
)
m2.metric(
    t("targets.metric_per_year"),
    focus["per_year_text"],
    delta_arrow="off",
    delta_color="off",
    delta=t("targets.metric_per_year_delta", ratio=focus["pace_ratio_short_text"]),
    help=focus["pace_ratio_text"],
)
m3.metric(t("targets.metric_reached"), focus["reached_year_text"], help=t("targets.metric_reached_help"))
m4.metric(
    t("targets.metric_residents", year=s.end_year),
    focus[f"growth_{s.end_year}_text"],
    delta=t("targets.metric_residents_delta", gap=focus["gap_text"], target=focus["residents_text"]),
    delta_color="green" if focus["gap"] >= 0 else "red",
    delta_arrow="up" if focus["gap"] >= 0 else "down",
    help=t("targets.metric_residents_help"),
)
st.markdown(
    t(
        "targets.focus_sentence" if focus["homes"] else "targets.focus_none",
        name=focus["name"],
        homes=focus["homes_text"],
        start=s.start_year,
        end=s.end_year,
        per_year=focus["per_year_text"],
        ratio=focus["pace_ratio_text"],
        average=focus["hist_average_text"],
        best=focus["hist_best_text"],
        best_year=focus["hist_best_year_text"],
        reached=focus["reached_year_text"],
        growth=focus[f"growth_{s.end_year}_text"],
        target=focus["residents_text"],
    )
)
if focus["homes"]:
    st.markdown(
        wording.from_now_text(
            int(focus["homes"]),
            s.start_year,
            s.end_year,
            ui.current_scenario()[0].stand or ms.clock_today(),
            lang,
            ui.catch_up_track(s, focus_code),
        )
    )
    ui.realised_pace_line(s.start_year, focus_code)

st.header(t("targets.table_heading"))
st.caption(t("targets.table_intro"))
st.dataframe(tables.screen, hide_index=True)
ui.source_caption(
    [homes_goal["source_id"], "cbs_85984ned", "cbs_81955ned", *targets.key_sources(s.key)], t("targets.sources_table")
)
ui.download_buttons("doelen-per-gemeente", tables.sheets, key="targets")

st.header(t("targets.map_heading"))


@st.fragment
def map_section() -> None:
    """The measure picker reruns only the map, its table and its sources."""
    measure = str(
        st.segmented_control(
            t("targets.map_measure"),
            targets.MAP_MEASURES,
            key="kaart",
            required=True,
            format_func=ui.option_labels("targets.measure_"),
        )
    )
    boundaries = ui.boundaries()
    if boundaries.problem:
        st.info(boundaries.problem, icon=":material/map:")
    ui.chart(ui.targets_map(view, measure, boundaries))
    with ui.table_alternative("doelen_kaart") as opened:
        if opened:
            st.dataframe(ui.measure_table(view, measure), hide_index=True)
    ui.source_caption([homes_goal["source_id"], "cbs_85984ned", "cbs_81955ned", boundaries.source_id])
    ui.sync_url_after_fragment()


map_section()

st.header(t("targets.path_heading"))
wd_year, wd_value = int(woondeal["year"]), int(woondeal["value"])
left, right = st.columns([3, 1])
ui.chart(view.region_chart, where=left)
wd_homes = targets.woondeal_check(result, wd_year)
wd_badge, wd_sentence, wd_met = wording.woondeal_status(wd_homes, wd_value, wd_year, lang)
right.metric(
    t("targets.woondeal_metric", year=wd_year),
    fmt.number(wd_homes, lang),
    delta=wd_badge,
    delta_color="green" if wd_met else "red",
    delta_arrow="up" if wd_met else "down",
)
right.markdown(wd_sentence)
right.caption(wording.woondeal_note(snap, wd_value, wd_year, s.start_year, lang))
with ui.table_alternative("doelen_bouwpad") as opened:
    if opened:
        st.dataframe(tables.path, hide_index=True)
ui.source_caption([homes_goal["source_id"], woondeal["source_id"], "cbs_81955ned"])

st.header(t("targets.municipalities_heading"))
ui.chart(ui.municipalities_chart(view, focus_code))
with ui.table_alternative("doelen_gemeenten") as opened:
    if opened:
        st.dataframe(tables.wide, hide_index=True)
ui.source_caption(["cbs_81955ned", *targets.key_sources(s.key)])

st.header(t("targets.residents_heading"))
r1, r2, r3, r4 = st.columns(4)
twente = ui.focus_row(view, None)
for column, year in zip((r1, r2, r3), (2030, 2040, 2050), strict=True):
    column.metric(
        t("targets.population_metric", year=year),
        twente[f"population_{year}_text"],
        delta=twente[f"growth_{year}_text"],
        delta_color="off",
        delta_arrow="off",
    )
r4.metric(
    t("targets.homes_needed_metric", value=fmt.number(s.residents_total, lang)),
    fmt.number(result.homes_needed_for_residents(), lang),
    help=t("targets.homes_needed_help", value=fmt.number(s.residents_total, lang), year=s.end_year),
)
ui.chart(view.residents_chart)
with ui.table_alternative("doelen_inwoners") as opened:
    if opened:
        st.dataframe(tables.path, hide_index=True)
        st.caption(t("targets.residents_table"))
        st.dataframe(tables.residents, hide_index=True)
ui.source_caption(
    ["cbs_85984ned", "cbs_37230ned", residents_goal["source_id"]],
    t(
        "targets.occupancy_note",
        value=fmt.number(targets.occupancy_twente(region), lang, 2),
        change=fmt.percent(s.occupancy_change, lang),
    ),
)
st.subheader(t("residents.sensitivity_heading"))
st.markdown(t("residents.sensitivity_intro"))
st.table(tables.sensitivity, hide_index=True)
st.caption(t("residents.sensitivity_note"))
