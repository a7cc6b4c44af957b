"""Realised homes since the start year as page text, from the refreshed CBS tables (`ros.model.realised`)."""

from __future__ import annotations

import streamlit as st

from ros.model import progress, realised
from ros.model.targets import TargetSettings
from ros.present import realised as realised_words
from ros.ui.cached import per_data
from ros.ui.data import Data
from ros.ui.text import lang


@per_data(max_entries=128)
def _homes(data: Data, start: int, code: str | None) -> realised.RealisedHomes | None:
    return realised.homes_since(data.snapshot, start, code)


def realised_homes(start: int, code: str | None = None) -> str:
    """New construction and net change since `start` for Twente or `code`, with period, tables and status."""
    return realised_words.homes_sentence(_homes(start, code), start, lang())


def realised_pace(start: int, code: str | None = None) -> str:
    """The realised pace per year since `start` for Twente or `code`, with period, tables and status."""
    return realised_words.pace_sentence(_homes(start, code), start, lang())


def realised_pace_line(start: int, code: str | None = None) -> None:
    """Show the realised pace since `start` where the refreshed CBS figures have it (nothing otherwise)."""
    if _homes(start, code) is not None:
        st.markdown(realised_pace(start, code))


@per_data(max_entries=128)
def catch_up_track(data: Data, settings: TargetSettings, code: str | None = None) -> progress.Track | None:
    """The net-additions track of Twente or `code` under `settings` from the refreshed CBS figures (its catch-up
    pace, as Voortgang opens), or None without them (`realised.catch_up`)."""
    return realised.catch_up(data.snapshot, data.result(settings), code)
