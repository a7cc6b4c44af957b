"""Typed numbers read in the UI language and written back the same way (ros.base.number_entry)."""

from __future__ import annotations

import pytest

from ros.base import number_entry
from ros.base.number_entry import NumberEntryError


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("80.000", 80_000),
        ("80000", 80_000),
        ("80 000", 80_000),
        ("80\u202f000", 80_000),
        (" 1.234.567 ", 1_234_567),
        ("+5", 5),
        ("0", 0),
    ],
)
def test_dutch_whole_numbers(typed: str, value: int) -> None:
    read = number_entry.parse(typed, "nl", whole=True, low=0, high=10_000_000)
    assert read == value
    assert isinstance(read, int)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("-0,5", -0.5),
        ("\u22120,5", -0.5),
        ("\u20130,5", -0.5),
        ("0,25", 0.25),
        ("1.234,5", 1234.5),
        ("5%", 5.0),
        ("-5", -5.0),
    ],
)
def test_dutch_decimals(typed: str, value: float) -> None:
    assert number_entry.parse(typed, "nl", whole=False, low=-5, high=1_000_000) == value


@pytest.mark.parametrize(
    ("typed", "code", "values"),
    [
        ("80.00", "ambiguous", {"first": "8.000", "second": "80"}),
        ("0.5", "ambiguous", {"first": "5", "second": "0,5"}),
        ("80,000", "ambiguous", {"first": "80.000", "second": "80"}),
        ("8 0000", "ambiguous", {"first": "80.000", "second": "8"}),
        ("1,5", "not_whole", {}),
        ("abc", "not_a_number", {}),
        ("1e5", "not_a_number", {}),
        ("NaN", "not_a_number", {}),
        ("--1", "not_a_number", {}),
        ("", "empty", {}),
        ("-1", "out_of_range", {"low": "0", "high": "10.000.000"}),
    ],
)
def test_refusals_name_the_problem(typed: str, code: str, values: dict[str, str]) -> None:
    with pytest.raises(NumberEntryError) as refused:
        number_entry.parse(typed, "nl", whole=True, low=0, high=10_000_000)
    assert refused.value.code == code
    assert refused.value.values == {"text": typed} | values


def test_english_reads_the_other_way_round() -> None:
    assert number_entry.parse("80,000", "en", whole=True) == 80_000
    assert number_entry.parse("-0.5", "en", whole=False) == -0.5
    with pytest.raises(NumberEntryError, match="ambiguous"):
        number_entry.parse("-0,5", "en", whole=False)


def test_empty_is_none_where_a_setting_may_be_left_open() -> None:
    assert number_entry.parse("  ", "nl", whole=False, optional=True) is None


def test_values_are_shown_as_they_are_typed() -> None:
    assert number_entry.text(80_000, "nl", whole=True) == "80.000"
    assert number_entry.text(80_000, "en", whole=True) == "80,000"
    assert number_entry.text(2030, "nl", whole=True, grouping=False) == "2030"
    assert [number_entry.text(v, "nl", whole=False) for v in (-0.5, 0.0, -0.25)] == ["-0,5", "0,0", "-0,25"]
    assert number_entry.text(1_734_000.0, "nl", whole=False, money=True) == "1.734.000"
    assert number_entry.text(1_734_000.5, "nl", whole=False, money=True) == "1.734.000,50"
    assert number_entry.text(None, "nl", whole=True) == ""
    for value in (80_000, -0.5, 1234.5):
        shown = number_entry.text(value, "nl", whole=isinstance(value, int))
        assert number_entry.parse(shown, "nl", whole=isinstance(value, int)) == value


@pytest.mark.parametrize(
    ("typed", "read", "value"),
    [
        ("80.000", {"whole": True}, 80_000),
        ("80,000", {"whole": True}, 80_000),
        ("1.234.567", {"whole": True}, 1_234_567),
        ("1 850", {"whole": True}, 1_850),
        ("€ 1.850", {"whole": False, "decimals": 2}, 1_850.0),
        ("1,850", {"whole": False, "decimals": 2}, 1_850.0),
        ("1.234,56", {"whole": False, "decimals": 2}, 1_234.56),
        ("1,234.56", {"whole": False, "decimals": 2}, 1_234.56),
        ("-0.5", {"whole": False, "low": -5, "high": 5}, -0.5),
        ("-0,5", {"whole": False, "low": -5, "high": 5}, -0.5),
        ("1.125", {"whole": False, "low": -5, "high": 5}, 1.125),  # 1125 lies outside the bounds
        ("0.125", {"whole": False}, 0.125),  # a group never starts with 0
        ("12.3456", {"whole": False}, 12.3456),
    ],
)
def test_marks_of_either_language_where_only_one_reading_fits(typed: str, read: dict, value: float) -> None:
    """A link or an uploaded cell does not say its language: a lone mark before three digits groups thousands in a
    whole number or an amount (never written with three decimals), the bounds decide otherwise."""
    assert number_entry.parse(typed, None, **read) == value


@pytest.mark.parametrize(
    ("typed", "read", "code", "dutch", "english"),
    [
        ("1.850", {"whole": False, "low": 0}, "ambiguous", "bedoelt u 1.850 of 1,85?", "do you mean 1,850 or 1.85?"),
        ("1,850", {"whole": False}, "ambiguous", "bedoelt u 1.850 of 1,85?", "do you mean 1,850 or 1.85?"),
        ("1,5e3", {"whole": False}, "not_a_number", "is geen getal", "is not a number"),
        ("1.2.3", {"whole": False}, "not_a_number", "is geen getal", "is not a number"),
        ("8 0000", {"whole": True}, "not_a_number", "is geen getal", "is not a number"),
        ("1,5", {"whole": True}, "not_whole", "geen geheel getal", "not a whole number"),
        ("1234.567", {"whole": False, "decimals": 2}, "too_precise", "meer dan 2 decimalen", "more than 2 decimals"),
        ("-1", {"whole": False, "low": -0.5, "high": 10}, "out_of_range", "van -0,5 tot en met 10", "range -0.5 to 10"),
    ],
)
def test_unknown_marks_are_refused_with_figures_in_the_readers_language(
    typed: str, read: dict, code: str, dutch: str, english: str
) -> None:
    from ros.base.problems import problem

    with pytest.raises(NumberEntryError) as refused:
        number_entry.parse(typed, None, **read)
    assert refused.value.code == code
    said = problem(f"number_entry.{code}", previous="?", **refused.value.values)
    assert dutch in said.text("nl")
    assert english in said.text("en")


def test_cells_of_a_spreadsheet_are_numbers_or_text() -> None:
    assert number_entry.cell(1850.0, whole=True) == 1850
    assert number_entry.cell("1.850", whole=True) == 1850
    assert number_entry.cell(0.1, whole=False, decimals=2) == 0.1
    assert [number_entry.cell(v, whole=True) for v in (None, "", "  ", float("nan"))] == [None] * 4
    for bad in (True, float("inf"), 1.5):
        with pytest.raises(NumberEntryError):
            number_entry.cell(bad, whole=True)


@pytest.mark.parametrize(
    ("value", "dutch", "english"),
    [
        (1.0, "1", "1"),
        (2.5, "2,5", "2.5"),
        (1850.0, "1850", "1850"),
        (1.125, "1,1250", "1.1250"),
        (0.125, "0,125", "0.125"),
    ],
)
def test_exact_text_reads_back_exactly_in_any_language(value: float, dutch: str, english: str) -> None:
    assert [number_entry.exact_text(value, lang) for lang in ("nl", "en")] == [dutch, english]
    assert number_entry.cell(dutch, whole=False) == number_entry.cell(english, whole=False) == value
    assert number_entry.cell(number_entry.exact_text(1 / 3, "nl"), whole=False) == 1 / 3
