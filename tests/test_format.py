"""Dutch-first number, money, percent and date formatting; unknown is a word, never zero."""

from datetime import date

import pandas as pd
import pytest

from ros import format as fmt


@pytest.mark.parametrize(
    ("call", "nl", "en"),
    [
        (lambda l: fmt.number(69000, l), "69.000", "69,000"),
        (lambda l: fmt.number(2.24, l, 1), "2,2", "2.2"),
        (lambda l: fmt.money(102000, l), "€ 102.000", "€102,000"),
        (lambda l: fmt.money(1234.5, l, cents=True), "€ 1.234,50", "€1,234.50"),
        (lambda l: fmt.percent(0.0088, l), "0,9%", "0.9%"),
        (lambda l: fmt.signed(5643, l), "+5.643", "+5,643"),
        (lambda l: fmt.signed(-46, l), "−46", "−46"),
        (lambda l: fmt.long_date(date(2024, 1, 1), l), "1 januari 2024", "1 January 2024"),
        (lambda l: fmt.short_date(date(2026, 3, 18), l), "18-3-2026", "18/3/2026"),
        (lambda l: fmt.partial_date("2024-11", l), "november 2024", "November 2024"),
        (lambda l: fmt.partial_date("2025", l), "2025", "2025"),
    ],
)
def test_formats_in_both_languages(call, nl: str, en: str) -> None:
    assert (call("nl"), call("en")) == (nl, en)


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA])
def test_unknown_values_are_words(missing) -> None:
    assert fmt.number(missing, "nl") == "onbekend"
    assert fmt.money(missing, "nl") == "onbekend"
    assert fmt.percent(missing, "en") == "unknown"
    assert fmt.long_date(missing, "nl") == "onbekend"


def test_zero_is_zero_not_unknown() -> None:
    assert fmt.number(0, "nl") == "0"
    assert fmt.money(0, "nl") == "€ 0"


def test_text_columns_are_added_per_language() -> None:
    frame = pd.DataFrame({"value": [1234, None]})
    result = fmt.with_text_columns(frame, "nl", {"value": "number"})
    assert result["value_text"].tolist() == ["1.234", "onbekend"]
    assert "value_text" not in frame


def test_plotly_separators_follow_the_language() -> None:
    assert fmt.plotly_separators("nl") == ",."
    assert fmt.plotly_separators("en") == ".,"
