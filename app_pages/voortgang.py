"""Voortgang: homes realised against the scenario's path, the delivery ratio and catch-up pace, the Woondeal, own
figures, plan capacity against what is still to build, and the population forecast against the ambition."""

import streamlit as st

from ros import ui
from ros.base import format as fmt
from ros.base.options import one_of
from ros.model import progress
from ros.model.region import municipality_names
from ros.model.region import target as target_row

t, lang, snap = ui.t, ui.lang(), ui.snapshot()
names = municipality_names(snap)
vintages = ui.forecast_vintages()

st.title(t("progress.heading"))
st.markdown(t("progress.intro"))
chosen, problem = ui.current_scenario()
if problem:
    st.warning(t("progress.scenario_problem", problem=problem), icon=":material/warning:")
result = ui.target_result(chosen.target_settings())
s = result.settings
st.caption(
    t(
        "progress.scenario_line",
        homes=fmt.number(s.homes_total, lang),
        start=s.start_year,
        end=s.end_year,
        shape=t(f"targets.shape_{s.shape}"),
        allocation=t(f"targets.key_{s.key}"),
    )
)
ui.from_url("maat", progress.MEASURES[0], one_of(progress.MEASURES))
measure = str(
    st.segmented_control(
        t("progress.measure"),
        progress.MEASURES,
        key="maat",
        required=True,
        format_func=ui.option_labels("progress.measure_"),
        help=t("progress.measure_help"),
    )
)
if vintages:
    ui.from_url("prognose", vintages[0], one_of(vintages))
view = ui.progress_view_for(result, ui.selected_municipality(), measure, st.session_state.get("prognose"))
catch_up, tx = view.catch_up, view.catch_up.figures

st.header(t("progress.realised_heading", area=view.area))
st.markdown(t("progress.realised_intro"))
ui.chart(view.delivery.chart)
with ui.table_alternative("voortgang_jaren") as opened:
    if opened:
        st.dataframe(view.delivery.table, hide_index=True)
ui.source_caption(view.delivery.sources, t("progress.provisional_mark"))
ui.download_buttons("voortgang", view.sheets, key="progress")

st.header(t("progress.track_heading", start=s.start_year))
if not catch_up.track.in_data:
    st.info(catch_up.missing, icon=":material/hourglass_empty:")
else:
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(
        t("progress.metric_realised", years=tx.years),
        tx.realised,
        delta_arrow="off",
        delta_color="off",
        delta=f"{t('progress.metric_required')}: {tx.required}",
    )
    m2.metric(
        t("progress.metric_ratio"),
        tx.ratio,
        help=t("progress.metric_ratio_help", years=tx.years),
        delta=tx.band,
        delta_arrow="off",
        delta_color="off",
    )
    m3.metric(
        t("progress.metric_catch_up", end=s.end_year, measure=t(f"progress.measure_{measure}")),
        tx.catch_up,
        delta_arrow="off",
        delta_color="off",
        delta=t("progress.metric_catch_up_delta", pace=tx.pace),
    )
    m4.metric(t("progress.metric_reached"), tx.reached)
    st.markdown(tx.sentence)
    st.caption(tx.notes)
    st.info(tx.band_sentence, icon=":material/balance:")
    ui.chart(catch_up.chart)
    with ui.table_alternative("voortgang_spoor") as opened:
        if opened:
            st.dataframe(catch_up.table, hide_index=True)

st.header(t("ranking.heading"))
st.markdown(t("ranking.intro"))
ui.ranking_panel(measure)

woondeal = target_row(snap, "woondeal_homes_2030")
st.header(t("progress.woondeal_heading", value=fmt.number(woondeal["value"], lang)))
st.caption(t("progress.woondeal_intro"))
if view.woondeal is None:
    st.info(t("progress.woondeal_twente_only"), icon=":material/info:")
elif not view.woondeal.track.in_data:
    st.info(t("progress.woondeal_not_in_data", last=view.delivery.last_data_year), icon=":material/hourglass_empty:")
else:
    w1, w2, w3 = st.columns(3)
    wx = view.woondeal.figures
    w1.metric(t("progress.metric_realised", years=wx.years), wx.realised)
    w2.metric(
        t("progress.metric_ratio"),
        wx.ratio,
        delta=wx.band,
        delta_arrow="off",
        delta_color="off",
    )
    w3.metric(t("progress.metric_catch_up", end=2030, measure=t(f"progress.measure_{measure}")), wx.catch_up)
    st.markdown(wx.sentence)
    st.caption(wx.notes)
ui.source_caption([woondeal["source_id"]])

st.header(t("progress.own_heading"))
st.markdown(t("progress.own_intro"))
ui.own_figures_panel(names, int(view.delivery.years["year"].max()) + 1)
if view.comparison is not None:
    st.subheader(t("progress.own_compare_heading"))
    st.dataframe(view.comparison, hide_index=True)

st.header(t("progress.capacity_heading"))
st.markdown(t("progress.capacity_intro", start=s.start_year))
c1, c2 = st.columns(2)
c1.metric(t("progress.capacity_metric_coverage"), view.capacity.coverage_text)
c2.metric(t("progress.capacity_metric_gap"), view.capacity.gap_rule)
st.markdown(view.capacity.sentence)
st.caption(view.capacity.notes)
ui.chart(view.capacity.chart)
with ui.table_alternative("voortgang_capaciteit") as opened:
    if opened:
        st.dataframe(view.capacity.table, hide_index=True)
ui.capacity_panel(names)

st.header(t("progress.forecast_heading"))
if view.forecast is None:
    st.info(view.forecast_missing, icon=":material/info:")
else:
    if len(vintages) > 1:
        st.segmented_control(
            t("progress.forecast_vintage"),
            vintages,
            key="prognose",
            required=True,
            format_func=lambda v: t("progress.forecast_vintage_option", vintage=v),
        )
    forecast = view.forecast
    st.markdown(forecast.intro)
    ui.chart(forecast.chart)
    st.markdown(" ".join(forecast.sentences))
    st.warning(t("progress.forecast_caveat"), icon=":material/warning:")
    with ui.table_alternative("voortgang_prognose") as opened:
        if opened:
            st.dataframe(forecast.table, hide_index=True)
    ui.source_caption(forecast.sources)
