"""The population forecast against the ambition: series per area (Twente derived when needed) and the gaps."""

from __future__ import annotations

import pandas as pd
import pytest

from ros.model import forecast

CODES = ["GM0001", "GM0002"]


@pytest.fixture
def frame() -> pd.DataFrame:
    rows: list[tuple[str, int, str, int, int | None, int | None]] = [
        (c, y, "2019", f, None, None)
        for c, base in zip(CODES, (70_000, 30_000), strict=True)
        for y, f in ((2025, base), (2026, base + 100), (2030, base + 500))
    ]
    rows.append(("CR12", 2050, "2019", 608_200, None, None))
    rows += [("CR12", 2050, "2022", 650_000, 620_000, 680_000), ("GM0001", 2050, "2022", 75_000, 70_000, 80_000)]
    return pd.DataFrame(rows, columns=["code", "year", "vintage", "forecast", "lower", "upper"])


def test_twente_series_adds_derived_sums_where_no_region_figure(frame) -> None:
    twente = forecast.series(frame, None, "2019", CODES)
    assert list(twente["year"]) == [2025, 2026, 2030, 2050]
    assert list(twente["forecast"]) == [100_000, 100_200, 101_000, 608_200]
    assert list(twente["derived"]) == [True, True, True, False]
    assert forecast.vintages(frame) == ["2022", "2019"]


def test_ambition_above_the_trend_and_today_against_the_forecast(frame) -> None:
    twente = forecast.series(frame, None, "2019", CODES)
    result = forecast.compare(twente, "2019", 640_806, 100_000, 2050, (2026, 646_449))
    assert (result.last_year, result.forecast_last, result.ambition_last, result.above_trend) == (
        2050,
        608_200,
        737_102,
        128_902,
    )
    assert (result.forecast_today, result.today_difference, result.derived) == (100_200, 546_249, False)


def test_municipality_forecast_ends_in_2030_and_the_ambition_line_is_linear(frame) -> None:
    almelo = forecast.series(frame, "GM0001", "2019", CODES)
    result = forecast.compare(almelo, "2019", 70_000, 2_600, 2050, None)
    assert (result.last_year, result.forecast_last, result.ambition_last, result.above_trend) == (
        2030,
        70_500,
        70_578,  # 1-1-2030 is 6 of the 27 years from 1-1-2024 to the end of 2050
        78,
    )
    assert forecast.ambition(70_000, 2_600, 2050, 2024) == 70_000
    assert forecast.ambition(70_000, 2_600, 2050, 2050) == 72_504  # a year before the end of 2050
    assert forecast.ambition(70_000, 2_600, 2050, 2051) == 72_600
    assert forecast.ambition(70_000, 2_600, 2050, 2060) == 72_600
    assert forecast.ambition(70_000, 2_600, 2050, 2023) is None  # no ambition before the base


def test_interval_of_the_2022_vintage(frame) -> None:
    result = forecast.compare(forecast.series(frame, None, "2022", CODES), "2022", 640_806, 100_000, 2050, None)
    assert (result.forecast_last, result.lower_last, result.upper_last) == (650_000, 620_000, 680_000)
