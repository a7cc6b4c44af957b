"""Comparing scenarios in words: every setting's value as text, the settings that differ, the comparison of
results (`ros.model.comparison.target_differences`) as text columns for the screen, and the Vergelijken page's
view (`ComparisonView`: key figures, table and map of the differences).

Settings are described through the page catalogues (the label of each setting is the label of its widget), so the
comparison reads like the pages do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ros.base import format as fmt
from ros.base.i18n import translate
from ros.data.catalog import TWENTE
from ros.data.snapshot import Snapshot
from ros.model import comparison as compare
from ros.model.region import target as target_row
from ros.model.targets import TargetResult
from ros.present.charts.maps import municipality_map
from ros.records.scenario import DEFAULT, URL_FIELDS, Scenario

# The label of each setting is the label of its widget.
LABELS = {
    "woningen": "targets.homes_total", "inwoners": "targets.residents_total", "sleutel": "targets.key",
    "steden": "targets.city_share", "gewichten": "targets.col_weight", "vorm": "targets.shape",
    "startjaar": "targets.start_year", "eindjaar": "targets.end_year", "doorkijk": "targets.outlook",
    "tempo": "targets.outlook_pace_value", "bewoning": "targets.occupancy_change", "verdeelsleutel": "budget.key",
    "vast_rijk": "budget.fixed_rijk", "vast_provincie": "budget.fixed_provincie",
    "vast_waterschap": "budget.fixed_waterschap", "totaalbudget": "budget.total", "stand": "milestones.stand_per",
}  # fmt: skip
# Settings whose value is a code with its own catalogue text.
CHOICES = {"sleutel": "targets.key_", "vorm": "targets.shape_", "doorkijk": "targets.outlook_",
           "verdeelsleutel": "budget.key_"}  # fmt: skip
PERCENTAGES = ("steden", "vast_rijk", "vast_provincie", "vast_waterschap")


def setting_text(alias: str, value: Any, lang: str) -> str:
    """A setting's value in words: a key's name, 80.000, 80,0%, −0,5% per jaar, € 1.234,50, 1 maart 2026, vandaag."""
    if alias in CHOICES:
        return translate(lang, CHOICES[alias] + str(value))
    if alias == "stand":
        return translate(lang, "scenario.today") if value is None else fmt.long_date(value, lang)
    if alias == "totaalbudget":
        return fmt.money(value, lang, cents=value is not None and not float(value).is_integer())
    if alias == "gewichten":
        return translate(lang, "scenario.weights_given" if value else "scenario.none")
    if alias in PERCENTAGES:
        return fmt.percent(float(value) / 100, lang, 1)
    if alias == "bewoning":
        return translate(lang, "scenario.per_year_percent", value=fmt.percent(float(value) / 100, lang, 1))
    if alias in ("startjaar", "eindjaar"):
        return str(value)
    return fmt.number(value, lang)


def differences(base: Scenario, other: Scenario, lang: str) -> pd.DataFrame:
    """Settings that differ: setting (label), base and other (values in words), in page order. The ledger counts
    as one setting ('grootboek') when its entries differ."""
    rows = []
    for alias, name in URL_FIELDS.items():
        a, b = getattr(base, name), getattr(other, name)
        if a != b:
            rows.append(
                {
                    "setting": translate(lang, LABELS[alias]),
                    "base": setting_text(alias, a, lang),
                    "other": setting_text(alias, b, lang),
                }
            )
    if base.ledger_entries != other.ledger_entries:
        rows.append(
            {
                "setting": translate(lang, "budget.ledger_heading"),
                "base": translate(lang, "scenario.entries", count=len(base.ledger_entries)),
                "other": translate(lang, "scenario.entries", count=len(other.ledger_entries)),
            }
        )
    if base.own_figures != other.own_figures:
        rows.append(
            {
                "setting": translate(lang, "progress.own_heading"),
                "base": translate(lang, "scenario.entries", count=len(base.own_figures)),
                "other": translate(lang, "scenario.entries", count=len(other.own_figures)),
            }
        )
    return pd.DataFrame(rows, columns=["setting", "base", "other"])


def changed_settings(scenario: Scenario, lang: str) -> pd.DataFrame:
    """The settings in which `scenario` differs from the default (setting, default, value)."""
    return differences(DEFAULT, scenario, lang).rename(columns={"base": "default", "other": "value"})


def display(frame: pd.DataFrame, lang: str, twente: str) -> pd.DataFrame:
    """The comparison as text columns for the screen: name, then per measure base → other and the signed change."""
    shown = pd.DataFrame({"name": frame["name"].where(frame["code"] != TWENTE, twente)})
    for measure in ("homes", "residents", "housed", "per_year"):
        shown[f"{measure}_base"] = [fmt.number(v, lang) for v in frame[f"{measure}_base"]]
        shown[f"{measure}_other"] = [fmt.number(v, lang) for v in frame[f"{measure}_other"]]
        shown[f"{measure}_delta"] = [fmt.signed(round(v), lang) for v in frame[f"{measure}_delta"]]
    shown["pace_base"] = [fmt.number(v, lang, 1) for v in frame["pace_ratio_base"]]
    shown["pace_other"] = [fmt.number(v, lang, 1) for v in frame["pace_ratio_other"]]
    return shown


def settings_table(scenario: Scenario, lang: str) -> pd.DataFrame:
    """Every setting of a scenario: URL name, setting (label), value and default in words."""
    return pd.DataFrame(
        [
            {"parameter": alias, "setting": translate(lang, LABELS[alias]),
             "value": setting_text(alias, getattr(scenario, name), lang),
             "default": setting_text(alias, getattr(DEFAULT, name), lang)}
            for alias, name in URL_FIELDS.items()
        ]
    )  # fmt: skip


def key_figures_table(frame: pd.DataFrame, lang: str, woondeal_value: int, woondeal_year: int) -> pd.DataFrame:
    """`ros.model.comparison.key_figures` in words: what each figure is (targets and projections named as such), the two
    values and the difference; the Woondeal check says whether each scenario reaches ≥ `woondeal_value` by the end
    of `woondeal_year` in words ('gehaald' / 'niet gehaald'), never by colour alone."""
    rows = []
    for measure, base, other, delta in frame[["measure", "base", "other", "delta"]].itertuples(index=False):
        label = translate(lang, f"comparison.key_{measure}", year=woondeal_year, value=fmt.number(woondeal_value, lang))
        if measure in ("end_year", "reached_year"):
            values = [translate(lang, "targets.never") if v is None else str(v) for v in (base, other)]
            change = (
                fmt.unknown(lang)
                if delta is None
                else translate(lang, "comparison.years", value=fmt.signed(delta, lang))
            )
        elif measure == "woondeal":
            values = [
                translate(
                    lang,
                    "comparison.woondeal_met" if v >= woondeal_value else "comparison.woondeal_missed",
                    value=fmt.number(v, lang),
                )
                for v in (base, other)
            ]
            change = fmt.signed(delta, lang)
        else:
            values = [fmt.number(v, lang) for v in (base, other)]
            change = fmt.signed(round(delta), lang)
        if delta == 0:
            change = translate(lang, "comparison.no_difference")
        rows.append({"measure": label, "base": values[0], "other": values[1], "delta": change})
    return pd.DataFrame(rows, columns=["measure", "base", "other", "delta"])


def difference_texts(deltas: pd.Series, lang: str) -> list[str]:
    """The map's label per municipality: the signed difference, or 'geen verschil'."""
    return [translate(lang, "comparison.no_difference") if v == 0 else fmt.signed(round(v), lang) for v in deltas]


@dataclass(frozen=True, eq=False)
class ComparisonView:
    """Differences per municipality (`compare.target_differences`), the key figures in words, the screen table,
    whether any municipality differs, and the map of the differences."""

    result: pd.DataFrame
    key_figures: pd.DataFrame
    shown: pd.DataFrame
    any_difference: bool
    map: go.Figure


def comparison_view(
    snapshot: Snapshot, base: TargetResult, other: TargetResult, geojson: dict[str, Any] | None, lang: str
) -> ComparisonView:
    """The comparison of `base` with `other` in `lang`, with the map of the differences on `geojson`."""
    result = compare.target_differences(base, other)
    woondeal = target_row(snapshot, "woondeal_homes_2030")
    wd_year, wd_value = int(woondeal["year"]), int(woondeal["value"])
    headers = {c: translate(lang, f"comparison.col_{c}") for c in ("measure", "base", "other", "delta")}
    key_figures = key_figures_table(compare.key_figures(base, other, wd_year), lang, wd_value, wd_year).rename(
        columns=headers
    )
    places = compare.municipalities_only(result)
    places = places.assign(homes_delta_text=difference_texts(places["homes_delta"], lang))
    figure = municipality_map(
        places,
        "homes_delta",
        "homes_delta_text",
        {"title": translate(lang, "comparison.map_title"), "colorbar": translate(lang, "comparison.map_colorbar")},
        geojson,
        fmt.plotly_separators(lang),
        diverging=True,
    )
    shown = display(result, lang, translate(lang, "common.twente"))
    return ComparisonView(result, key_figures, shown, bool(places["homes_delta"].any()), figure)
