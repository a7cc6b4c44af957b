"""Comparing two scenarios' results: per municipality and for Twente, the baseline's and the other scenario's homes,
residents, homes a year, pace ratio and homes per 1,000 inhabitants, and the difference.

A baseline (the default scenario from the decision, or the scenario marked as agreed) is set against one other
scenario; both come from `ros.targets.recompute`. Which settings differ, in words, is in `ros.wording.comparison`.
"""

from __future__ import annotations

import pandas as pd

from ros.targets import TOTAL_CODE, TargetResult

COMPARED = ("homes", "residents", "per_year", "pace_ratio", "per_1000")


def target_differences(base: TargetResult, other: TargetResult) -> pd.DataFrame:
    """Per municipality and a totals row (code 'twente'): code, name and for homes, residents, per_year,
    pace_ratio and per_1000 the base value, the other value and the difference (`<measure>_base`, `_other`,
    `_delta`)."""
    a, b = base.table().set_index("code"), other.table().set_index("code")
    frame = pd.DataFrame({"code": a.index, "name": a["name"].to_numpy()})
    for measure in COMPARED:
        frame[f"{measure}_base"] = a[measure].to_numpy()
        frame[f"{measure}_other"] = b.loc[a.index, measure].to_numpy()
        frame[f"{measure}_delta"] = frame[f"{measure}_other"] - frame[f"{measure}_base"]
    return frame


def municipalities_only(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of the 14 municipalities (without the totals row)."""
    return frame[frame["code"] != TOTAL_CODE].reset_index(drop=True)


def totals(frame: pd.DataFrame) -> pd.Series:
    """The totals row of a comparison."""
    return frame[frame["code"] == TOTAL_CODE].iloc[0]
