"""Facts that change only with the data, the day or the language: computed once per process and shared by every
session, so that a rerun only reads state and emits elements (the pages called these on 14-row frames every time).
"""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ros.base import format as fmt
from ros.base.i18n import section, translate
from ros.data.snapshot import sources_of
from ros.model import budget, cost_sharing, governance, region
from ros.model import milestones as ms
from ros.present import budget as budget_words
from ros.present.charts.overview import population_growth_bars
from ros.present.milestones import MilestoneCard
from ros.present.milestones import next_milestone_card as card_of
from ros.present.municipality import Briefing
from ros.present.municipality import briefing as briefing_of
from ros.records import scenario
from ros.ui.data import _cached_snapshot, _cached_target_result, data_dir, snapshot
from ros.ui.text import lang

_GROWTH_TEXT = {"growth": "signed", "population": "number", "population_now": "number"}


@st.cache_resource(show_spinner=False, max_entries=32)
def _standing(code: str | None, data_dir: str) -> region.Standing:
    return region.standing(_cached_snapshot(data_dir), code)


def standing(code: str | None = None) -> region.Standing:
    """Where Twente (code None) or one municipality stands (`ros.model.region.standing`), once per process."""
    snapshot()
    return _standing(code, str(data_dir()))


@st.cache_resource(show_spinner=False)
def _budget_summary(data_dir: str) -> budget.BudgetSummary:
    return budget.budget_summary(_cached_snapshot(data_dir))


def budget_summary() -> budget.BudgetSummary:
    """The known/unknown summary of the ROS budget (`ros.model.budget.budget_summary`), once per process."""
    snapshot()
    return _budget_summary(str(data_dir()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _growth_table(code: str, data_dir: str) -> pd.DataFrame:
    return fmt.with_text_columns(region.standing_table(_cached_snapshot(data_dir)), code, _GROWTH_TEXT)


def growth_table() -> pd.DataFrame:
    """`ros.model.region.standing_table` with text columns (growth, population, population_now) in the language."""
    snapshot()
    return _growth_table(lang(), str(data_dir()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _growth_chart(code: str, data_dir: str) -> go.Figure:
    labels = {k: translate(code, f"overview.{v}") for k, v in (("axis", "growth_axis"), ("hover", "growth_hover"))}
    now = region.standing(_cached_snapshot(data_dir)).reference_date_now
    labels["title"] = translate(code, "overview.growth_chart", now=fmt.short_date(now, code))
    return population_growth_bars(_growth_table(code, data_dir), labels, fmt.plotly_separators(code))


def growth_chart() -> go.Figure:
    """The overview's population growth per municipality in the chosen language, built once."""
    snapshot()
    return _growth_chart(lang(), str(data_dir()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _governance(code: str, data_dir: str) -> tuple[str, dict[str, list[str]]]:
    parties = _cached_snapshot(data_dir)["parties"]
    return governance.governance_dot(parties, section(code, "governance")), governance.parties_by_kind(parties)


def governance_diagram() -> str:
    """The governance diagram (Graphviz DOT) in the chosen language, built once."""
    snapshot()
    return _governance(lang(), str(data_dir()))[0]


def parties_by_kind() -> dict[str, list[str]]:
    """Party names by kind (`ros.model.governance.parties_by_kind`), once per process."""
    snapshot()
    return _governance(lang(), str(data_dir()))[1]


@st.cache_resource(show_spinner=False, max_entries=64)
def _milestone_card(today: date, body: str | None, code: str, data_dir: str) -> MilestoneCard | None:
    frame = _cached_snapshot(data_dir)["milestones"]
    upcoming = ms.next_milestone(frame, today, body)
    return None if upcoming is None else card_of(upcoming, frame, code)


def milestone_card(today: date, body: str | None = None) -> MilestoneCard | None:
    """The next-milestone card on `today` (optionally for one body) in the chosen language, or None when nothing
    dated lies ahead; once per day, body and language."""
    snapshot()
    return _milestone_card(today, body, lang(), str(data_dir()))


@st.cache_resource(show_spinner=False, max_entries=64)
def _briefing(
    settings: str,  # noqa: ARG001 - the cache key of the unhashed `_chosen` (its settings as JSON)
    code: str,
    today: date,
    lang_code: str,
    data_dir: str,
    _chosen: scenario.Scenario,
) -> Briefing:
    result = _cached_target_result(_chosen.target_settings(), data_dir)
    return briefing_of(_cached_snapshot(data_dir), result, _chosen, code, today, lang_code)


def municipality_briefing(chosen: scenario.Scenario, code: str, today: date) -> Briefing:
    """The 'Mijn gemeente' briefing of `code` under `chosen` on `today` in the chosen language
    (`ros.present.municipality.briefing`), built once per scenario settings, municipality, day and language."""
    snapshot()
    settings = json.dumps(scenario.to_json(chosen), sort_keys=True)
    return _briefing(settings, code, today, lang(), str(data_dir()), chosen)


@st.cache_resource(show_spinner=False, max_entries=64)
def _sources_of(name: str, folder: str) -> pd.DataFrame:
    return sources_of(_cached_snapshot(folder), name)


def dataset_sources(name: str) -> pd.DataFrame:
    """The rows of sources.csv that dataset `name` points to (`ros.data.snapshot.sources_of`), once per data version."""
    snapshot()
    return _sources_of(name, str(data_dir()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _budget_tables(code: str, folder: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    table = budget.budget_table(_cached_snapshot(folder))
    return table, budget_words.party_table(table, code), budget_words.export_table(table, code)


def budget_tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The budget per party (`ros.model.budget.budget_table`), as shown on screen and as downloaded in the chosen
    language; once per data version and language."""
    snapshot()
    return _budget_tables(lang(), str(data_dir()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _cost_sharing_facts(folder: str) -> tuple[list[cost_sharing.Party], list[str]]:
    snap = _cached_snapshot(folder)
    return cost_sharing.parties_for_keys(snap["parties"], snap["municipalities"]), budget.check_parties(snap)


def cost_sharing_parties() -> list[cost_sharing.Party]:
    """The 17 parties with the figures the cost-sharing keys use (`ros.model.cost_sharing.parties_for_keys`), once per
    data version."""
    snapshot()
    return _cost_sharing_facts(str(data_dir()))[0]


def party_problems() -> list[str]:
    """What is wrong with the parties against the budget (`ros.model.budget.check_parties`), once per data version."""
    snapshot()
    return _cost_sharing_facts(str(data_dir()))[1]
