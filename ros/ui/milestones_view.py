"""The Mijlpalen page's view (`ros.present.milestones.milestones_view`) for one day, body filter and language, built
once and shared by all sessions."""

from __future__ import annotations

from datetime import date

from ros.present import milestones
from ros.present.milestones import MilestonesView
from ros.ui.cached import per_language
from ros.ui.data import Data


@per_language(max_entries=64)
def milestones_view(data: Data, language: str, today: date, body: str | None) -> MilestonesView:
    """What the milestones page shows on `today` for `body` (None: every body) in the chosen language (cached)."""
    return milestones.milestones_view(data.snapshot, today, body, language)
