"""Overzicht: the targets, where Twente stands, the 17 parties and how the ROS is steered."""

import streamlit as st

from ros import ui
from ros.base import format as fmt
from ros.model import milestones as ms
from ros.model import region
from ros.present import budget as budget_words

t, lang, snap = ui.t, ui.lang(), ui.snapshot()
homes, residents = region.target(snap, "ros_homes_2050"), region.target(snap, "ros_residents_2050")
now, money = ui.standing(), ui.budget_summary()

st.title(t("overview.title"))
st.markdown(t("overview.intro"))

cols = st.columns(4)
cols[0].metric(
    t("overview.homes_target"),
    t("overview.at_least", value=fmt.number(homes["value"], lang)),
    help=t("overview.quote", quote=homes["wording"]),
)
cols[1].metric(
    t("overview.residents_target"),
    t("overview.more_than", value=fmt.number(residents["value"], lang)),
    help=t("overview.quote", quote=residents["wording"]),
)
cols[2].metric(
    t("overview.population_now", date=fmt.short_date(now.reference_date_now, lang)),
    fmt.number(now.population_now, lang),
    delta=t("overview.since", value=fmt.signed(now.growth, lang), date=fmt.short_date(now.reference_date, lang)),
    help=t("overview.population_now_help"),
)
cols[3].metric(
    t("overview.dwellings_now", date=fmt.short_date(now.reference_date, lang)),
    fmt.number(now.dwellings, lang),
    help=t("overview.dwellings_now_help"),
)
ui.source_caption([homes["source_id"], "cbs_85984ned", "cbs_37230ned"])

money_box, next_box = st.columns(2)
with money_box.container(border=True):
    st.metric(
        t("overview.money", period=money.period),
        t("overview.money_known", amount=fmt.money(money.known_total, lang)),
        help=t("overview.money_help"),
    )
    st.markdown(budget_words.summary_text(money, lang))
    st.page_link("app_pages/budget.py", label=t("overview.to_budget"), icon=":material/payments:")
with next_box.container(border=True):
    ui.next_milestone_card(t("overview.next_milestone"), ms.clock_today())
    st.page_link("app_pages/mijlpalen.py", label=t("overview.to_milestones"), icon=":material/event:")

st.header(t("overview.progress_heading"))
progress = region.share_of(now.growth, residents["value"])
st.progress(
    min(max(progress, 0.0), 1.0),
    text=t(
        "overview.progress_residents",
        growth=fmt.signed(now.growth, lang),
        share=fmt.percent(progress, lang),
        target=fmt.number(residents["value"], lang),
    ),
)
st.markdown(ui.realised_homes(2024))
st.markdown(ui.progress_headline())
st.markdown(ui.ranking_for("homes").sentence)
st.markdown(ui.ranking_for("residents").sentence)
st.page_link("app_pages/voortgang.py", label=t("progress.to_progress"), icon=":material/trending_up:")

table, counted = ui.growth_table(), fmt.short_date(now.reference_date_now, lang)
ui.chart(ui.growth_chart())
with ui.table_alternative("overzicht_groei") as opened:
    if opened:
        st.dataframe(
            table[["name", "population_text", "population_now_text", "growth_text"]],
            hide_index=True,
            column_config={
                "name": t("common.municipality"),
                "population_text": t("overview.col_2024"),
                "population_now_text": t("overview.col_2026", now=counted),
                "growth_text": t("overview.col_growth"),
            },
        )
ui.source_caption(["cbs_85984ned", "cbs_37230ned"], t("overview.provisional_note", now=counted))

st.header(t("overview.governance_heading"))
st.graphviz_chart(ui.governance_diagram(), width="stretch")
st.markdown(t("overview.governance_text"))
for kind, names in ui.parties_by_kind():
    st.markdown(f"- **{t('governance.kind_' + kind, count=len(names))}**: {', '.join(names)}")
ui.source_caption(["besluit_almelo_2025"])
