"""The comparison page's results for one pair of settings in one language, built once and shared by all sessions."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from ros.base import format as fmt
from ros.base.i18n import translate
from ros.data.geo import Boundaries
from ros.model import comparison as compare
from ros.model.region import target as target_row
from ros.model.targets import TargetSettings
from ros.present import comparison
from ros.present.charts.maps import municipality_map
from ros.ui.cached import per_language
from ros.ui.data import Data


@dataclass(frozen=True, eq=False)
class ComparisonView:
    """Differences per municipality (`compare.target_differences`), the key figures in words, the screen table,
    whether any municipality differs, and the map of the differences."""

    result: pd.DataFrame
    key_figures: pd.DataFrame
    shown: pd.DataFrame
    any_difference: bool
    map: go.Figure


@per_language(max_entries=32)
def _comparison_view(
    data: Data,
    language: str,
    base: TargetSettings,
    other: TargetSettings,
    origin: str,  # noqa: ARG001 - with `year`, the cache key of the unhashed `_boundaries`
    year: int,  # noqa: ARG001 - see `origin`
    _boundaries: Boundaries,
) -> ComparisonView:
    base_result, other_result = data.result(base), data.result(other)
    result = compare.target_differences(base_result, other_result)
    woondeal = target_row(data.snapshot, "woondeal_homes_2030")
    wd_year, wd_value = int(woondeal["year"]), int(woondeal["value"])
    headers = {c: translate(language, f"comparison.col_{c}") for c in ("measure", "base", "other", "delta")}
    key_figures = comparison.key_figures_table(
        compare.key_figures(base_result, other_result, wd_year), language, wd_value, wd_year
    ).rename(columns=headers)
    places = compare.municipalities_only(result)
    places = places.assign(homes_delta_text=comparison.difference_texts(places["homes_delta"], language))
    figure = municipality_map(
        places,
        "homes_delta",
        "homes_delta_text",
        {
            "title": translate(language, "comparison.map_title"),
            "colorbar": translate(language, "comparison.map_colorbar"),
        },
        _boundaries.geojson,
        fmt.plotly_separators(language),
        diverging=True,
    )
    shown = comparison.display(result, language, translate(language, "common.twente"))
    return ComparisonView(result, key_figures, shown, bool(places["homes_delta"].any()), figure)


def comparison_view(base: TargetSettings, other: TargetSettings, boundaries: Boundaries) -> ComparisonView:
    """The comparison of `base` with `other` in the chosen language, with the map on `boundaries` (cached per
    settings pair, language and boundary source)."""
    return _comparison_view(base, other, boundaries.origin, boundaries.year, boundaries)
