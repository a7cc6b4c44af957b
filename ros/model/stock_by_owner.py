"""The dwelling stock by owner (CBS 82900NED or its successor 86286NED; `stock_by_owner.csv`, only after a refresh):
the housing associations' share of the stock per region on 1 January of each year.

The national aim it is set against is 30 % social rent (Kamerbrief Monitoring Woningbouw, 20-5-2025; see
`../shared/reference/plan_register.md` §4). That aim is about what is built, not about the stock, so a view shows it
as a reference line, never as a target the stock has missed. A share is unknown (None) when the stock or the
associations' part is unknown — never computed from a zero.
"""

from __future__ import annotations

import pandas as pd

SOCIAL_RENT_AIM = 0.30  # share of social rent in new building, national aim (Kamerbrief 20-5-2025)


def association_share(stock: pd.DataFrame, code: str) -> pd.DataFrame:
    """Region `code` per year, oldest first: columns year, total, housing_association (Int64, NA = unknown), share
    (float, NA when unknown or the stock is 0) and status."""
    rows = stock[stock["code"] == code].sort_values("year", ignore_index=True)
    frame = rows[["year", "total", "housing_association", "status"]].astype(
        {"total": "Int64", "housing_association": "Int64"}
    )
    total = frame["total"].astype("Float64").where(frame["total"] > 0)
    share = frame["housing_association"].astype("Float64") / total
    return frame.assign(share=share)[["year", "total", "housing_association", "share", "status"]]
