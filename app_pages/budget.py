"""Budget: who pays what for drawing up the ROS, who holds the money (Hengelo), and what is still unknown."""

import streamlit as st

from ros import ui
from ros.base import format as fmt
from ros.base.markup import escape
from ros.model import budget, cost_sharing, ledger
from ros.present import budget as budget_words

t, lang, snap = ui.t, ui.lang(), ui.snapshot()
table, party_table, budget_export = ui.budget_tables()
summary = budget.summarise(table)
names = dict(zip(snap["parties"]["id"], snap["parties"]["name"], strict=True))
flag = {"True": True, "False": False, "1": True, "0": False}.__getitem__

st.title(t("budget.title"))
st.markdown(t("budget.intro"))
cols = st.columns(4)
cols[0].metric(
    t("budget.metric_known"),
    t("budget.at_least", value=fmt.money(summary.known_total, lang)),
    help=t("budget.metric_known_help"),
)
cols[1].metric(t("budget.metric_parties"), t("budget.count_of", count=summary.known_count, total=summary.party_count))
cols[2].metric(
    t("budget.metric_unknown"),
    t("budget.count_of", count=summary.unknown_count, total=summary.party_count),
    help=t("budget.metric_unknown_help"),
)
cols[3].metric(t("budget.metric_cashier"), t("budget.cashier_name"), help=t("budget.metric_cashier_help"))
st.info(budget_words.summary_text(summary, lang), icon=":material/info:")
for problem in ui.party_problems():
    st.error(t("common.data_error", message=problem), icon=":material/error:")

st.header(t("budget.flow_heading"))
ui.from_url("onbekend", False, flag)
show_unknown = st.toggle(t("budget.show_unknown"), help=t("budget.show_unknown_help"), key="onbekend")
ui.chart(ui.budget_flow_chart(show_unknown))
with ui.table_alternative("budget_stromen") as opened:
    if opened:
        st.dataframe(ui.budget_flow_table(show_unknown), hide_index=True)
who, about = st.columns([1, 1], gap="large")
who.markdown(f"**{t('budget.who_pays')}**")
who.dataframe(
    party_table,
    hide_index=True,
    height=38 + 35 * len(table),
    column_config={t("budget.col_note"): st.column_config.TextColumn(width="large")},
)
about.markdown(f"**{t('budget.cashier_heading')}**")
about.markdown(t("budget.cashier_text"))
about.markdown(f"**{t('budget.facts_heading')}**")
about.markdown(budget_words.facts_markdown(lang))
ui.source_caption(["besluit_almelo_2025"])

st.header(t("budget.key_heading"))
st.warning(t("budget.scenario_label"), icon=":material/calculate:")
parties = ui.cost_sharing_parties()
key = ui.settings.choice(st, "verdeelsleutel", t("budget.key"), "budget.key_", radio=True)
fixed, weights = {}, cost_sharing.weights_table(parties)
if key in ("population", "dwellings"):
    st.markdown(f"**{t('budget.fixed_heading')}**", help=t("budget.fixed_help", measure=t(f"budget.measure_{key}")))
    for column, kind in zip(st.columns(3), cost_sharing.FIXED_KINDS, strict=True):
        fixed[kind] = cost_sharing.percent_share(ui.settings.number(column, f"vast_{kind}", t(f"budget.fixed_{kind}")))
elif key == "custom":
    st.markdown(f"**{t('budget.weights_heading')}**", help=t("budget.weights_help"))
    weights = st.data_editor(
        weights,
        hide_index=True,
        num_rows="fixed",
        key="budget_weights",
        disabled=["name"],
        column_config={
            "party_id": None,
            "name": t("budget.col_party"),
            "weight": st.column_config.NumberColumn(t("budget.col_weight"), step=0.5),
        },
    )
total = cost_sharing.whole_cents(ui.settings.value("totaalbudget"))
allocation = implications = None
try:
    custom = cost_sharing.custom_weights(weights["party_id"].tolist(), weights["weight"].tolist())
    implications = cost_sharing.almelo_implications(parties, fixed, custom)
    implied = cost_sharing.implied_total(implications, key)
    allocation = None if total is None else cost_sharing.allocate(parties, total, key, fixed, custom)
except cost_sharing.CostKeyError as error:
    st.error(t("budget.key_error", message=escape(error.text(lang))), icon=":material/error:")
total_col, button_col = st.columns([2, 3], vertical_alignment="bottom")
ui.settings.number(
    total_col,
    "totaalbudget",
    t("budget.total"),
    money=True,
    placeholder=t("budget.total_placeholder"),
    help=t("budget.total_help"),
)
if implications is not None and implied is not None:
    button_col.button(
        t("budget.use_almelo_total", amount=fmt.money(implied, lang, cents=True)),
        on_click=ui.settings.set_value,
        args=("totaalbudget", float(implied)),
        key="budget_use_almelo",
    )
if total is None:
    st.info(t("budget.no_total"), icon=":material/edit:")
if allocation is not None:
    checked = cost_sharing.allocation_check(allocation)
    st.markdown(
        t("budget.sum_check", sum=fmt.money(checked.total, lang, cents=True), total=fmt.money(total, lang, cents=True))
        + " "
        + t(
            "budget.almelo_compare",
            scenario=fmt.money(checked.almelo, lang, cents=True),
            decided=fmt.money(cost_sharing.ALMELO_AMOUNT, lang),
        )
    )
    bars, numbers = st.columns([3, 2])
    ui.chart(budget_words.contribution_figure(allocation, lang), where=bars)
    numbers.dataframe(budget_words.allocation_table(allocation, lang), hide_index=True, height=560)
if implications is not None:
    st.markdown(f"**{t('budget.implications_heading')}**")
    st.caption(t("budget.implications_text"))
    st.dataframe(budget_words.implications_table(implications, lang), hide_index=True)
ui.source_caption(["besluit_almelo_2025", "cbs_85984ned"], t("budget.population_note"))

st.header(t("budget.ledger_heading"))
st.markdown(t("budget.ledger_intro"))
book = ui.ledger_panel(names)
for note in budget_words.decision_notes(ledger.pledge_differences(book, table), lang):
    st.caption(note)
st.markdown(f"**{t('budget.ledger_totals')}**")
st.dataframe(budget_words.ledger_totals_table(book, lang), hide_index=True)
ui.download_buttons("ros-kasboek", {t("budget.sheet_ledger"): ledger.export_ledger(book)}, key="budget_ledger")

st.header(t("budget.downloads_heading"))
st.caption(t("budget.downloads_text"))
sheets = {
    t("budget.sheet_budget"): budget_export,
    t("budget.sheet_ledger"): ledger.export_ledger(book),
    t("budget.sheet_sources"): ui.dataset_sources("budget"),
}
if allocation is not None and total is not None:
    sheets[t("budget.sheet_scenario")] = cost_sharing.export_allocation(allocation, key, total)
ui.download_buttons("ros-budget", sheets, key="budget_all")
