"""Permits per period and split, and the latest four quarters against a year earlier, on data built in code."""

from __future__ import annotations

import pandas as pd

from ros.model.permits import latest_four_quarters, permits_and_completions, permits_by


def _permits(cells: dict[tuple[str, str, str], int | None], code: str = "GM0153") -> pd.DataFrame:
    """permits.csv rows from {(period, ownership, client): dwellings}; 2025 provisional."""
    rows = [
        {
            "code": code,
            "period": period,
            "period_kind": "year" if len(period) == 4 else "quarter",
            "ownership": ownership,
            "client": client,
            "dwellings": dwellings,
            "status": "voorlopig" if period.startswith("2025") else "definitief",
            "source_id": "cbs_83671ned",
        }
        for (period, ownership, client), dwellings in cells.items()
    ]
    return pd.DataFrame(rows).astype({"dwellings": "Int64"})


QUARTERS = [f"{y}Q{q}" for y in (2024, 2025) for q in (1, 2, 3, 4)]


def test_latest_four_quarters_against_the_same_quarters_a_year_earlier() -> None:
    totals = dict(zip(QUARTERS, [260, 256, 259, 262, 240, 230, 200, 190], strict=True))
    data = _permits({(q, "total", "total"): v for q, v in totals.items()})
    found = latest_four_quarters(data, "GM0153")
    assert found is not None
    assert found.quarters == ("2025Q1", "2025Q2", "2025Q3", "2025Q4")
    assert (found.latest, found.year_before) == (860, 1037)
    assert round(found.change or 0, 4) == -0.1707
    assert found.provisional == ("2025Q1", "2025Q2", "2025Q3", "2025Q4")


def test_an_unknown_or_missing_quarter_makes_the_sum_unknown_never_zero() -> None:
    cells = {(q, "buy", "private"): 10 for q in QUARTERS} | {("2025Q4", "buy", "private"): None}
    found = latest_four_quarters(_permits(cells), "GM0153", "buy", "private")
    assert found is not None
    assert found.latest is None
    assert found.year_before == 40
    assert found.change is None
    missing = latest_four_quarters(_permits({(q, "total", "total"): 5 for q in QUARTERS[2:]}), "GM0153")
    assert missing is not None
    assert missing.year_before is None  # 2024Q1 and 2024Q2 are not in the data
    assert missing.latest == 20
    assert latest_four_quarters(_permits({(q, "total", "total"): 5 for q in QUARTERS}), "GM0164") is None


def test_permits_by_ownership_or_client_keep_the_other_split_at_its_total() -> None:
    data = _permits(
        {
            ("2024", "total", "total"): 1037,
            ("2024", "rent", "total"): 464,
            ("2024", "buy", "total"): 573,
            ("2024", "rent", "corporation"): 258,
            ("2024", "total", "corporation"): 258,
            ("2024", "total", "market"): 520,
        }
    )
    by_ownership = permits_by(data, "GM0153", "year", "ownership")
    assert by_ownership[["category", "dwellings"]].to_records(index=False).tolist() == [
        ("buy", 573),
        ("rent", 464),
        ("total", 1037),
    ]
    by_client = permits_by(data, "GM0153", "year", "client")
    assert by_client["category"].tolist() == ["corporation", "market", "total"]
    assert permits_by(data, "GM0153", "quarter", "client").empty


def test_permits_beside_completions_one_and_two_years_later() -> None:
    data = _permits(
        {("2022", "total", "total"): 900, ("2023", "total", "total"): 1000, ("2024", "total", "total"): 1037}
    )
    changes = pd.DataFrame(
        {
            "code": ["GM0153"] * 4,
            "period": ["2023", "2024", "2025", "2026-03"],
            "period_kind": ["year", "year", "year", "month"],
            "new_construction": [700, None, 810, 60],
        }
    )
    lag = permits_and_completions(data, changes, "GM0153")
    assert lag["year"].tolist() == [2022, 2023, 2024]
    assert lag["permits"].tolist() == [900, 1000, 1037]
    assert lag["completions_next"].tolist()[0] == 700
    assert pd.isna(lag["completions_next"].iloc[1])  # 2024 unknown stays unknown
    assert pd.isna(lag["completions_after_two"].iloc[0])  # 2022 + 2 = 2024, unknown
    assert lag["completions_after_two"].iloc[1] == 810
    assert pd.isna(lag["completions_after_two"].iloc[2])  # 2026 is not a whole year yet
