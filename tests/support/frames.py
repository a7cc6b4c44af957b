"""One cell of a data frame, for tests that compare it with a number or a text."""

from __future__ import annotations

from typing import Any

import pandas as pd


def cell(frame: pd.DataFrame, row: Any, column: str) -> Any:
    """`frame.loc[row, column]`: pandas types a cell as any scalar (text, dates, None, …), so without this every
    comparison with a number would need a cast."""
    return frame.loc[row, column]


def row(frame: pd.DataFrame, key: Any) -> pd.Series:
    """`frame.loc[key]` when `key` names exactly one row, as a Series (pandas types it as a frame or a series)."""
    found = frame.loc[key]
    assert isinstance(found, pd.Series), key
    return found
