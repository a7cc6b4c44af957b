"""The Excel workbook of a scenario: its settings, every result table and the sources.

Numbers stay numbers (so a planner can compute on), unknown amounts stay empty cells, and text that a spreadsheet
could run as a formula is neutralised by `ros.exports`. Sheet titles come from the catalogue of the UI language.
"""

from __future__ import annotations

import pandas as pd

from ros import exports
from ros.compare import settings_table
from ros.i18n import translate
from ros.scenario import Scenario
from ros.targets import TargetResult


def ledger_sheet(scenario: Scenario) -> pd.DataFrame:
    """The scenario's ledger entries (party, year, the four states; empty = not filled in)."""
    return pd.DataFrame([entry.model_dump() for entry in scenario.ledger_entries],
                        columns=["party", "year", "toegezegd", "gefactureerd", "ontvangen", "besteed"])


def scenario_workbook(
    scenario: Scenario,
    result: TargetResult,
    lang: str,
    sources: pd.DataFrame,
    contributions: pd.DataFrame | None = None,
) -> bytes:
    """The .xlsx bytes: settings, targets per municipality, yearly paths, Twente per year, cost-sharing
    contributions (when a total budget is set), ledger entries and sources."""
    sheets = {
        translate(lang, "scenario.sheet_settings"): settings_table(scenario, lang),
        translate(lang, "scenario.sheet_targets"): result.table(),
        translate(lang, "scenario.sheet_paths"): result.yearly_frame(),
        translate(lang, "scenario.sheet_region"): result.region_path(),
    }
    if contributions is not None:
        sheets[translate(lang, "scenario.sheet_contributions")] = contributions
    sheets[translate(lang, "scenario.sheet_ledger")] = ledger_sheet(scenario)
    sheets[translate(lang, "scenario.sheet_sources")] = sources
    return exports.excel_bytes(sheets)
