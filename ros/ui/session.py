"""The values a session shares between its pages, one typed accessor each, so that no module spells their keys: the
scenario's settings (every page's widgets start from them and the link carries them) and the ledger (the table as
given and its last valid version, which the scenario holds). A panel's own state (an upload's message, an editor's
table) stays in that panel; widget values stay under their widget's key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

_SCENARIO = "_scenario"
_LEDGER = "budget_ledger"  # the ledger table as given (upload, reset, opened scenario); its editor starts from it
_LEDGER_VALID = "budget_ledger_valid"


def has_scenario() -> bool:
    """Whether the session has its scenario yet (it is read from the link on the first run)."""
    return _SCENARIO in st.session_state


def scenario_values() -> dict[str, Any]:
    """The session's scenario settings by URL name; setting one changes the session's scenario."""
    values: dict[str, Any] = st.session_state[_SCENARIO]
    return values


def set_scenario_values(values: dict[str, Any]) -> None:
    """Make `values` (settings by URL name) the session's scenario."""
    st.session_state[_SCENARIO] = values


def ensure_ledger(empty: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """Give the session an empty ledger (`empty()`, built only then) where it has none yet; the last valid one."""
    for key in (_LEDGER, _LEDGER_VALID):
        if key not in st.session_state:
            st.session_state[key] = empty()
    book: pd.DataFrame = st.session_state[_LEDGER_VALID]
    return book


def ledger() -> pd.DataFrame:
    """The ledger table as last given (after `ensure_ledger`)."""
    book: pd.DataFrame = st.session_state[_LEDGER]
    return book


def valid_ledger() -> pd.DataFrame | None:
    """The last valid ledger (None before the budget page made one), which the session's scenario holds."""
    return st.session_state.get(_LEDGER_VALID)


def set_valid_ledger(book: pd.DataFrame) -> None:
    """Keep `book` as the last valid ledger (what the user typed, once checked)."""
    st.session_state[_LEDGER_VALID] = book


def give_ledger(book: pd.DataFrame) -> None:
    """Give the session a new ledger (an upload, a reset, an opened scenario): valid, and the table its editor
    starts from again."""
    st.session_state[_LEDGER] = st.session_state[_LEDGER_VALID] = book
