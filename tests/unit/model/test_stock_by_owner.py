"""The housing associations' share of the stock, on data built in code."""

from __future__ import annotations

import pandas as pd

from ros.model.stock_by_owner import SOCIAL_RENT_AIM, association_share


def test_the_share_per_year_with_unknown_kept_unknown() -> None:
    stock = pd.DataFrame(
        {
            "code": ["GM0153", "GM0153", "GM0153", "GM0164"],
            "year": [2024, 2023, 2025, 2024],
            "total": [77000, 76289, None, 40000],
            "housing_association": [17600, 17546, 17700, None],
            "status": ["definitief", "definitief", "voorlopig", "definitief"],
        }
    ).astype({"total": "Int64", "housing_association": "Int64"})
    enschede = association_share(stock, "GM0153")
    assert enschede["year"].tolist() == [2023, 2024, 2025]
    assert [round(s, 4) for s in enschede["share"][:2]] == [0.23, 0.2286]
    assert pd.isna(enschede["share"].iloc[2])  # stock unknown in 2025: share unknown, not 0
    assert enschede["status"].iloc[2] == "voorlopig"
    assert pd.isna(association_share(stock, "GM0164")["share"].iloc[0])
    assert SOCIAL_RENT_AIM == 0.30
