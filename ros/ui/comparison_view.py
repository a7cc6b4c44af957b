"""The Vergelijken page's view (`ros.present.comparison.comparison_view`) for one pair of settings in one language,
built once and shared by all sessions."""

from __future__ import annotations

from ros.data.geo import Boundaries
from ros.model.targets import TargetSettings
from ros.present import comparison
from ros.present.comparison import ComparisonView
from ros.ui.cached import per_language
from ros.ui.data import Data


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
    return comparison.comparison_view(
        data.snapshot, data.result(base), data.result(other), _boundaries.geojson, language
    )


def comparison_view(base: TargetSettings, other: TargetSettings, boundaries: Boundaries) -> ComparisonView:
    """The comparison of `base` with `other` in the chosen language, with the map on `boundaries` (cached per
    settings pair, language and boundary source)."""
    return _comparison_view(base, other, boundaries.origin, boundaries.year, boundaries)
