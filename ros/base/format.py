"""Dutch-first formatting of numbers, money, percentages and dates through babel.

Every function takes the UI language (`nl` or `en`) and returns display text. Missing values (None, NaN, NA)
become the word for unknown ("onbekend"), never zero. Numbers and percentages round halves away from zero, the
way Dutch readers round by hand (1.172,5 → 1.173), not to the even neighbour as babel does by default; amounts
keep babel's rounding (a rule for them belongs with the claims they support, such as "ten minste").
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

import pandas as pd
from babel.dates import format_date, format_datetime, get_timezone
from babel.numbers import format_currency, format_decimal, format_percent

from ros.base.i18n import language, translate

_LOCALES = {"nl": "nl_NL", "en": "en_GB"}
Number = float | int | Decimal


def is_unknown(value: object) -> bool:
    """True for None, NaN and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except TypeError:
        return True


def unknown(lang: str) -> str:
    """The word for an unknown value."""
    return translate(lang, "common.unknown")


def _locale(lang: str) -> str:
    return _LOCALES[language(lang)]


def number(value: Number | None, lang: str, digits: int = 0) -> str:
    """A number with grouping and a fixed number of decimals: 69.000, 2,2."""
    if value is None or is_unknown(value):
        return unknown(lang)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    with localcontext(rounding=ROUND_HALF_UP):
        return format_decimal(value, format=pattern, locale=_locale(lang))


def signed(value: Number | None, lang: str, digits: int = 0) -> str:
    """A number with an explicit sign: +5.643, −120."""
    if value is None or is_unknown(value):
        return unknown(lang)
    text = number(-value if value < 0 else value, lang, digits)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def money(value: Number | None, lang: str, cents: bool = False) -> str:
    """An amount in euros: € 102.000 (or € 102.000,50 with cents)."""
    if value is None or is_unknown(value):
        return unknown(lang)
    pattern = "¤ #,##0.00" if cents else "¤ #,##0"
    if language(lang) == "en":
        pattern = pattern.replace("¤ ", "¤")
    return format_currency(value, "EUR", format=pattern, locale=_locale(lang), currency_digits=False)


def percent(share: float | Decimal | None, lang: str, digits: int = 1) -> str:
    """A share (0.25) as a percentage: 25,0%."""
    if share is None or is_unknown(share):
        return unknown(lang)
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    with localcontext(rounding=ROUND_HALF_UP):
        return format_percent(share, format=pattern, locale=_locale(lang))


def long_date(value: date | None, lang: str) -> str:
    """A date written out: 1 januari 2024 / 1 January 2024."""
    if is_unknown(value):
        return unknown(lang)
    return format_date(value, format="d MMMM y", locale=_locale(lang))


def short_date(value: date | None, lang: str) -> str:
    """A compact date: 1-1-2024 / 1/1/2024."""
    if is_unknown(value):
        return unknown(lang)
    return format_date(value, format="d-M-y" if language(lang) == "nl" else "d/M/y", locale=_locale(lang))


def partial_date(value: str | None, lang: str) -> str:
    """A source date as precise as it is known: '2025', 'november 2024' or '12 november 2024'."""
    if is_unknown(value) or value == "":
        return unknown(lang)
    parts = str(value).split("-")
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return format_date(date(int(parts[0]), int(parts[1]), 1), format="MMMM y", locale=_locale(lang))
    return long_date(date.fromisoformat(str(value)), lang)


_FORMATTERS: dict[str, Callable[[Any, str], str]] = {
    "number": number,
    "signed": signed,
    "money": money,
    "percent": percent,
    "date": short_date,
}


def with_text_columns(frame: pd.DataFrame, lang: str, columns: dict[str, str]) -> pd.DataFrame:
    """A copy of `frame` with a `<column>_text` column per entry, formatted as named
    (number, signed, money, percent, date)."""
    result = frame.copy()
    for column, kind in columns.items():
        formatter = _FORMATTERS[kind]
        result[f"{column}_text"] = [formatter(v, lang) for v in result[column]]
    return result


def plotly_separators(lang: str) -> str:
    """Plotly's `separators` setting (decimal mark, then thousands mark) for the language."""
    return ",." if language(lang) == "nl" else ".,"


def date_time(value: datetime | None, lang: str, zone: str = "Europe/Amsterdam") -> str:
    """A moment in Dutch local time: 27-11-2026 19:05 / 27/11/2026 19:05."""
    if is_unknown(value):
        return unknown(lang)
    pattern = "d-M-y HH:mm" if language(lang) == "nl" else "d/M/y HH:mm"
    return format_datetime(value, pattern, tzinfo=get_timezone(zone), locale=_locale(lang))
