"""Facts that change only with the data, the day or the language: computed once per process and shared by every
session, so that a rerun only reads state and emits elements (the pages called these on 14-row frames every time).
"""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from ros.base.i18n import section
from ros.data.snapshot import sources_of
from ros.model import budget, cost_sharing, governance, region
from ros.model import milestones as ms
from ros.present import budget as budget_words
from ros.present import overview
from ros.present.briefing import Briefing
from ros.present.milestones import MilestoneCard
from ros.present.milestones import next_milestone_card as card_of
from ros.present.municipality import briefing as briefing_of
from ros.records import scenario
from ros.ui.cached import per_data, per_language
from ros.ui.data import Data


@per_data(max_entries=32)
def standing(data: Data, code: str | None = None) -> region.Standing:
    """Where Twente (code None) or one municipality stands (`ros.model.region.standing`), once per process."""
    return region.standing(data.snapshot, code)


@per_data()
def budget_summary(data: Data) -> budget.BudgetSummary:
    """The known/unknown summary of the ROS budget (`ros.model.budget.budget_summary`), once per process."""
    return budget.budget_summary(data.snapshot)


@per_language(max_entries=4)
def growth_table(data: Data, language: str) -> pd.DataFrame:
    """`ros.model.region.standing_table` with text columns (growth, population, population_now) in the language."""
    return overview.growth_table(data.snapshot, language)


@per_language(max_entries=4)
def growth_chart(data: Data, language: str) -> go.Figure:
    """The overview's population growth per municipality in the chosen language, built once."""
    return overview.growth_chart(data.snapshot, growth_table.cached(data, language), language)


@per_language(max_entries=4)
def governance_diagram(data: Data, language: str) -> str:
    """The governance diagram (Graphviz DOT) in the chosen language, built once."""
    return governance.governance_dot(data.snapshot["parties"], section(language, "governance"))


@per_data()
def parties_by_kind(data: Data) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Party names by kind (`ros.model.governance.parties_by_kind`) as (kind, names) pairs, once per process."""
    return tuple((kind, tuple(names)) for kind, names in governance.parties_by_kind(data.snapshot["parties"]).items())


@per_language(max_entries=64)
def milestone_card(data: Data, language: str, today: date, body: str | None = None) -> MilestoneCard | None:
    """The next-milestone card on `today` (optionally for one body) in the chosen language, or None when nothing
    dated lies ahead; once per day, body and language."""
    frame = data.snapshot["milestones"]
    upcoming = ms.next_milestone(frame, today, body)
    return None if upcoming is None else card_of(upcoming, frame, language)


@per_language(max_entries=64)
def _briefing(
    data: Data,
    language: str,
    settings: str,  # noqa: ARG001 - the cache key of the unhashed `_chosen` (its settings as JSON)
    code: str,
    today: date,
    _chosen: scenario.Scenario,
) -> Briefing:
    result = data.result(_chosen.target_settings())
    return briefing_of(data.snapshot, result, _chosen, code, today, language)


def municipality_briefing(chosen: scenario.Scenario, code: str, today: date) -> Briefing:
    """The 'Mijn gemeente' briefing of `code` under `chosen` on `today` in the chosen language
    (`ros.present.municipality.briefing`), built once per scenario settings, municipality, day and language."""
    return _briefing(json.dumps(scenario.to_json(chosen), sort_keys=True), code, today, chosen)


@per_data(max_entries=64)
def dataset_sources(data: Data, name: str) -> pd.DataFrame:
    """The rows of sources.csv that dataset `name` points to (`ros.data.snapshot.sources_of`), once per data version."""
    return sources_of(data.snapshot, name)


@per_language(max_entries=4)
def budget_tables(data: Data, language: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The budget per party (`ros.model.budget.budget_table`), as shown on screen and as downloaded in the chosen
    language; once per data version and language."""
    table = budget.budget_table(data.snapshot)
    return table, budget_words.party_table(table, language), budget_words.export_table(table, language)


@per_data()
def cost_sharing_parties(data: Data) -> tuple[cost_sharing.Party, ...]:
    """The 17 parties with the figures the cost-sharing keys use (`ros.model.cost_sharing.parties_for_keys`), once per
    data version."""
    return tuple(cost_sharing.parties_for_keys(data.snapshot["parties"], data.snapshot["municipalities"]))


@per_data()
def party_problems(data: Data) -> tuple[str, ...]:
    """What is wrong with the parties against the budget (`ros.model.budget.check_parties`), once per data version."""
    return tuple(budget.check_parties(data.snapshot))
