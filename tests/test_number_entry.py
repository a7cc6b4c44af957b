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
    assert read == value and isinstance(read, int)


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
