"""Dutch-first number, money, percent and date formatting; unknown is a word, never zero."""

from datetime import date

import pandas as pd
import pytest

from ros.base import format as fmt


@pytest.mark.parametrize(
    ("call", "nl", "en"),
    [
        (lambda lang: fmt.number(69000, lang), "69.000", "69,000"),
        (lambda lang: fmt.number(2.24, lang, 1), "2,2", "2.2"),
        (lambda lang: fmt.money(102000, lang), "€ 102.000", "€102,000"),
        (lambda lang: fmt.money(1234.5, lang, cents=True), "€ 1.234,50", "€1,234.50"),
        (lambda lang: fmt.percent(0.0088, lang), "0,9%", "0.9%"),
        (lambda lang: fmt.signed(5643, lang), "+5.643", "+5,643"),
        (lambda lang: fmt.signed(-46, lang), "−46", "−46"),
        (lambda lang: fmt.long_date(date(2024, 1, 1), lang), "1 januari 2024", "1 January 2024"),
        (lambda lang: fmt.short_date(date(2026, 3, 18), lang), "18-3-2026", "18/3/2026"),
        (lambda lang: fmt.partial_date("2024-11", lang), "november 2024", "November 2024"),
        (lambda lang: fmt.partial_date("2025", lang), "2025", "2025"),
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


def test_halves_round_away_from_zero_the_dutch_way() -> None:
    assert fmt.number(1172.5, "nl") == "1.173"
    assert fmt.number(2.5, "en") == "3"
    assert fmt.signed(-1172.5, "nl") == "−1.173"
    assert fmt.number(2.25, "nl", 1) == "2,3"
    assert fmt.percent(0.125, "nl", 0) == "13%"
