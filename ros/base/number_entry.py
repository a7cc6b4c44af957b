"""Numbers as people type them: `80.000`, `80000` and `80 000` are 80000 in Dutch, `-0,5` and `−0,5` are −0,5.

Streamlit's number input reads `80.000` as 80 and `-0,5` as −5, so the settings a planner types are text fields read
here with babel in the UI language (Dutch: `.` groups and `,` is the decimal mark; English the other way round).
Input that could mean two things (`80.00`, `0.5` in Dutch) or lies outside a setting's bounds is refused with a code
and values that the UI turns into a sentence; the caller keeps the previous value. Pure functions, no Streamlit.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import NumberFormatError, format_decimal, get_decimal_symbol, get_group_symbol, parse_decimal

from ros.base import format as fmt
from ros.base.i18n import language

_LOCALES = {"nl": "nl_NL", "en": "en_GB"}
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})  # the minus sign and the en dash people paste for it
_SPACES = re.compile(r"(?<=\d)[ \u00a0\u202f\u2009]+(?=\d)")  # spaces between digits: a thousands separator
_ALLOWED = re.compile(r"[+-]?[0-9.,]+")


class NumberEntryError(ValueError):
    """Typed text that is no acceptable value: `code` names the problem (`empty`, `not_a_number`, `ambiguous`,
    `not_whole`, `out_of_range`), `values` the placeholders of its message (already formatted for the language)."""

    def __init__(self, code: str, values: dict[str, str]) -> None:
        super().__init__(code, values)
        self.code, self.values = code, values


def _locale(lang: str) -> str:
    return _LOCALES[language(lang)]


def parse(
    text: str, lang: str, *, whole: bool, low: float | None = None, high: float | None = None, optional: bool = False
) -> int | float | None:
    """The value of typed `text` in `lang`: an int when `whole`, else a float; None for empty text when `optional`.

    Raises NumberEntryError for empty (not optional), unreadable, ambiguous, fractional (when `whole`) or
    out-of-range input. A leading € and a trailing % are allowed and ignored.
    """
    locale = _locale(lang)
    raw = text.strip().translate(_MINUS).removeprefix("€").removesuffix("%").strip()
    if not raw:
        if optional:
            return None
        raise NumberEntryError("empty", {"text": text})
    raw = _SPACES.sub(get_group_symbol(locale), raw)
    if not _ALLOWED.fullmatch(raw):
        raise NumberEntryError("not_a_number", {"text": text})
    try:
        value = parse_decimal(raw, locale, strict=True)
    except NumberFormatError as error:
        options = [s for s in getattr(error, "suggestions", None) or [] if s]
        if not options:
            raise NumberEntryError("not_a_number", {"text": text}) from None
        raise NumberEntryError("ambiguous", {"text": text, "first": options[0], "second": options[-1]}) from None
    decimal_mark = get_decimal_symbol(locale)
    if whole:
        fraction = raw.rpartition(decimal_mark)[2] if decimal_mark in raw else ""
        if len(fraction) == 3:  # "80,000" in Dutch is 80 to a Dutch reader but 80000 to an English one
            grouped = format_decimal(int(value * 1000), format="#,##0", locale=locale)
            raise NumberEntryError("ambiguous", {"text": text, "first": grouped, "second": f"{value.normalize():f}"})
        if value != value.to_integral_value():
            raise NumberEntryError("not_whole", {"text": text})
    result: int | float = int(value) if whole else float(value)
    if (low is not None and value < Decimal(str(low))) or (high is not None and value > Decimal(str(high))):
        digits = 0 if whole else _digits(low, high)
        raise NumberEntryError(
            "out_of_range", {"text": text, "low": fmt.number(low, lang, digits), "high": fmt.number(high, lang, digits)}
        )
    return result


def _digits(*bounds: float | None) -> int:
    return 1 if any(b is not None and not float(b).is_integer() for b in bounds) else 0


def text(value: int | float | None, lang: str, *, whole: bool, grouping: bool = True, money: bool = False) -> str:
    """A value as it stands in its field: 80.000, 2030 (without `grouping`), -0,5, 102.000 or 102.000,50 (`money`);
    empty for None."""
    if value is None or fmt.is_unknown(value):
        return ""
    group = "#,##0" if grouping else "0"
    if whole or (money and float(value).is_integer()):
        pattern = group
    else:
        pattern = group + (".00" if money else ".0##")
    return format_decimal(value, format=pattern, locale=_locale(lang))
