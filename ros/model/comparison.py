"""Comparing two scenarios' results: per municipality and for Twente, the baseline's and the other scenario's homes,
residents, homes a year, pace ratio and homes per 1,000 inhabitants, and the difference.

A baseline (the default scenario from the decision, or the scenario marked as agreed) is set against one other
scenario; both come from `ros.model.targets.recompute`. Which settings differ, in words, is in `ros.present.comparison`.
"""

from __future__ import annotations

import pandas as pd

from ros.data.catalog import TWENTE
from ros.model.targets import TargetResult, row, woondeal_check

COMPARED = ("homes", "residents", "per_year", "pace_ratio", "per_1000")
# The key figures of a scenario for Twente, each at the scenario's own target year.
KEY_FIGURES = ("end_year", "homes", "residents", "housed", "per_year", "reached_year", "woondeal")


def target_differences(base: TargetResult, other: TargetResult) -> pd.DataFrame:
    """Per municipality and a totals row (code 'twente'): code, name and for homes, residents (the target share),
    housed (the residents the homes house by each scenario's own target year, a projection), per_year, pace_ratio
    and per_1000 the base value, the other value and the difference (`<measure>_base`, `_other`, `_delta`)."""
    a, b = base.table().set_index("code"), other.table().set_index("code")
    a["housed"], b["housed"] = a[f"growth_{base.settings.end_year}"], b[f"growth_{other.settings.end_year}"]
    frame = pd.DataFrame({"code": a.index, "name": a["name"].to_numpy()})
    for measure in (*COMPARED[:2], "housed", *COMPARED[2:]):
        frame[f"{measure}_base"] = a[measure].to_numpy()
        frame[f"{measure}_other"] = b.loc[a.index, measure].to_numpy()
        frame[f"{measure}_delta"] = frame[f"{measure}_other"] - frame[f"{measure}_base"]
    return frame


def scenario_figures(result: TargetResult, woondeal_year: int) -> dict[str, float | int | None]:
    """Twente's key figures under one scenario: target year, homes and residents targets, the residents the homes
    house by the target year (a projection), homes a year needed, the year the target is reached at the 2012–2020
    pace (None when never) and the homes the path adds by the end of `woondeal_year`."""
    twente = row(result.table(), None)
    end = result.settings.end_year
    reached = twente["reached_year"]
    return {
        "end_year": end,
        "homes": int(twente["homes"]),
        "residents": int(twente["residents"]),
        "housed": int(twente[f"growth_{end}"]),
        "per_year": float(twente["per_year"]),
        "reached_year": None if pd.isna(reached) else int(reached),
        "woondeal": woondeal_check(result, woondeal_year),
    }


def key_figures(base: TargetResult, other: TargetResult, woondeal_year: int) -> pd.DataFrame:
    """Per key figure (`measure`, in `KEY_FIGURES` order): the baseline's and the other scenario's value and the
    difference (None when either is unknown)."""
    a, b = scenario_figures(base, woondeal_year), scenario_figures(other, woondeal_year)
    return pd.DataFrame(
        [{"measure": m, "base": a[m], "other": b[m], "delta": _delta(a[m], b[m])} for m in KEY_FIGURES], dtype=object
    )


def _delta(base: float | None, other: float | None) -> float | None:
    """`other` − `base`, None when either is unknown."""
    return None if base is None or other is None else other - base


def municipalities_only(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of the 14 municipalities (without the totals row)."""
    return frame[frame["code"] != TWENTE].reset_index(drop=True)


def totals(frame: pd.DataFrame) -> pd.Series:
    """The totals row of a comparison."""
    return frame[frame["code"] == TWENTE].iloc[0]
