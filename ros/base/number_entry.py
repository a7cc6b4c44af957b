"""Numbers as people type them: `80.000`, `80000` and `80 000` are 80000 in Dutch, `-0,5` and `−0,5` are −0,5.

The one reader of numbers from users. Streamlit's number input reads `80.000` as 80 and `-0,5` as −5, so the
settings a planner types are text fields read here with babel in the UI language (Dutch: `.` groups and `,` is the
decimal mark; English the other way round). Links and uploaded or edited table cells do not say their language:
they are read with either mark, and where both readings fit (a weight of 1.850) the value is refused. Input that
could mean two things (`80.00`, `0.5` in Dutch), is fractional where whole numbers are asked, has more decimals
than allowed or lies outside a setting's bounds is refused with a code and values that the caller turns into a
sentence; the caller keeps the previous value. Pure functions, no Streamlit.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import NumberFormatError, format_decimal, get_decimal_symbol, get_group_symbol, parse_decimal

from ros.base import format as fmt
from ros.base.i18n import language
from ros.base.problems import Figure

_LOCALES = {"nl": "nl_NL", "en": "en_GB"}
_LARGEST = Decimal(10) ** 15  # no setting, weight, count or amount comes near; larger is a typing or export error
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})  # the minus sign and the en dash people paste for it
_SPACES = re.compile(r"(?<=\d)[ \u00a0\u202f\u2009]+(?=\d)")  # spaces between digits: a thousands separator
_ALLOWED = re.compile(r"[+-]?[0-9.,]+")
_SPACED = re.compile(r"[1-9][0-9]{0,2}(?:[ \u00a0\u202f\u2009][0-9]{3})+(?:[.,][0-9]+)?")
_GROUPED = {mark: re.compile(rf"[1-9][0-9]{{0,2}}(?:{re.escape(mark)}[0-9]{{3}})+") for mark in ".,"}


class NumberEntryError(ValueError):
    """Typed text that is no acceptable value: `code` names the problem (`empty`, `not_a_number`, `ambiguous`,
    `not_whole`, `too_precise`, `out_of_range`), `values` the placeholders of its message: strings formatted for the
    language when it was known, else `Figure`s that a `Problem` formats for its reader."""

    def __init__(self, code: str, values: dict[str, object]) -> None:
        super().__init__(code, values)
        self.code, self.values = code, values


def _locale(lang: str) -> str:
    return _LOCALES[language(lang)]


def parse(
    text: str,
    lang: str | None,
    *,
    whole: bool,
    low: float | None = None,
    high: float | None = None,
    optional: bool = False,
    decimals: int | None = None,
) -> int | float | None:
    """The value of typed `text` in `lang`: an int when `whole`, else a float; None for empty text when `optional`.

    With `lang` None the marks are not known (an uploaded cell, a link): a lone mark before three digits (1.850,
    1,850) groups thousands in a whole number or an amount of at most two `decimals`, is decided by the bounds
    otherwise, and is refused when both readings fit. Raises NumberEntryError for empty (not optional), unreadable,
    ambiguous, fractional (when `whole`), too precise (more than `decimals`) or out-of-range input. A leading € and
    a trailing % are allowed and ignored.
    """
    raw = text.strip().translate(_MINUS).removeprefix("€").removesuffix("%").strip()
    if not raw:
        if optional:
            return None
        raise NumberEntryError("empty", {"text": text})
    places = 0 if whole else decimals
    if lang is None:
        value = _unmarked(raw, text, places, low, high)
        return _checked(value, text, whole=whole, low=low, high=high, decimals=decimals, lang=None)
    return _checked(
        _marked(raw, text, _locale(lang), places), text, whole=whole, low=low, high=high, decimals=decimals, lang=lang
    )


def cell(
    value: object, *, whole: bool, low: float | None = None, high: float | None = None, decimals: int | None = None
) -> int | float | None:
    """An uploaded or edited table cell as a number (None when empty): a number as it is, text read by `parse`
    without knowing its marks. Raises NumberEntryError like `parse`."""
    if isinstance(value, str):
        return parse(value, None, whole=whole, low=low, high=high, optional=True, decimals=decimals)
    if fmt.is_unknown(value):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise NumberEntryError("not_a_number", {"text": str(value)[:40]})
    number = Decimal(repr(value) if isinstance(value, float) else value)
    if not number.is_finite():
        raise NumberEntryError("not_a_number", {"text": str(value)})
    return _checked(number, str(value), whole=whole, low=low, high=high, decimals=decimals, lang=None)


def _checked(
    value: Decimal,
    text: str,
    *,
    whole: bool,
    low: float | None,
    high: float | None,
    decimals: int | None,
    lang: str | None,
) -> int | float:
    """`value` when it is whole (if asked), has at most `decimals` and lies within the bounds, as int or float."""
    if not abs(value) < _LARGEST:
        raise NumberEntryError("not_a_number", {"text": text[:40]})
    if whole and value != value.to_integral_value():
        raise NumberEntryError("not_whole", {"text": text})
    exponent = value.normalize().as_tuple().exponent
    if not whole and decimals is not None and isinstance(exponent, int) and exponent < -decimals:
        raise NumberEntryError("too_precise", {"text": text, "decimals": decimals})
    if not _within(value, low, high):
        if lang is None:
            bounds: dict[str, object] = {
                k: None if b is None else Figure(Decimal(str(b))) for k, b in (("low", low), ("high", high))
            }
        else:
            digits = 0 if whole else _digits(low, high)
            bounds = {"low": fmt.number(low, lang, digits), "high": fmt.number(high, lang, digits)}
        raise NumberEntryError("out_of_range", {"text": text} | bounds)
    return int(value) if whole else float(value)


def _within(value: Decimal, low: float | None, high: float | None) -> bool:
    return not ((low is not None and value < Decimal(str(low))) or (high is not None and value > Decimal(str(high))))


def _marked(raw: str, text: str, locale: str, places: int | None) -> Decimal:
    """`raw` read with the marks of `locale` (babel); a decimal part of three digits where at most `places` are
    written (80,000 in a whole field or an amount) is refused as ambiguous."""
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
    fraction = raw.rpartition(decimal_mark)[2] if decimal_mark in raw else ""
    if places is not None and places < 3 and len(fraction) == 3:  # "80,000": 80 to a Dutch reader, 80000 in English
        grouped = format_decimal(int(value * 1000), format="#,##0", locale=locale)
        raise NumberEntryError(
            "ambiguous", {"text": text, "first": grouped, "second": format_decimal(value, locale=locale)}
        )
    return value


def _unmarked(raw: str, text: str, places: int | None, low: float | None, high: float | None) -> Decimal:
    """`raw` read without knowing which mark is decimal (see `parse`)."""
    sign, unsigned = (raw[0], raw[1:]) if raw[0] in "+-" else ("", raw)
    if _SPACES.search(unsigned):
        if not _SPACED.fullmatch(unsigned):
            raise NumberEntryError("not_a_number", {"text": text})
        unsigned = _SPACES.sub("", unsigned).replace(",", ".")
    if not _ALLOWED.fullmatch(unsigned):
        raise NumberEntryError("not_a_number", {"text": text})
    readings = [-r if sign == "-" else r for r in _readings(unsigned)]
    if not readings:
        raise NumberEntryError("not_a_number", {"text": text})
    if len(readings) == 2 and not (places is not None and places < 3):
        fitting = [r for r in readings if _within(r, low, high)]
        if len(fitting) == 2:
            raise NumberEntryError(
                "ambiguous", {"text": text, "first": Figure(readings[0]), "second": Figure(readings[1])}
            )
        readings = fitting or readings
    return readings[0]


def _readings(digits: str) -> list[Decimal]:
    """What unsigned `digits` with unknown marks can mean: nothing, one value, or (a lone mark before three digits:
    1.850) the grouped reading and the decimal one."""
    marks = [mark for mark in ".," if mark in digits]
    if len(marks) == 2:
        decimal_mark = max(marks, key=digits.rfind)  # of 1.234,5 and 1,234.5 the last mark is the decimal one
        head, _, tail = digits.rpartition(decimal_mark)
        group = marks[0] if decimal_mark == marks[1] else marks[1]
        if _GROUPED[group].fullmatch(head) and tail.isdigit():
            return [Decimal(head.replace(group, "") + "." + tail)]
        return []
    if not marks:
        return [Decimal(digits)] if digits.isdigit() else []
    mark = marks[0]
    if _GROUPED[mark].fullmatch(digits):
        grouped = Decimal(digits.replace(mark, ""))
        return [grouped, Decimal(digits.replace(mark, "."))] if digits.count(mark) == 1 else [grouped]
    head, _, tail = digits.partition(mark)
    return [Decimal(f"{head}.{tail}")] if head.isdigit() and tail.isdigit() else []


def _digits(*bounds: float | None) -> int:
    return 1 if any(b is not None and not float(b).is_integer() for b in bounds) else 0


def text(value: int | float | None, lang: str, *, whole: bool, grouping: bool = True, money: bool = False) -> str:
    """A value as it stands in its field: 80.000, 2030 (without `grouping`), -0,5, 102.000 or 102.000,50 (`money`);
    empty for None."""
    if value is None or fmt.is_unknown(value):
        return ""
    group = "#,##0" if grouping else "0"
    pattern = group if whole or (money and float(value).is_integer()) else group + (".00" if money else ".0##")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def exact_text(value: float, lang: str) -> str:
    """A value with every digit it has and no grouping, as a table cell that `cell` reads back exactly in any
    language: 1850, 2,5 (Dutch), 0.3333333333333333 (English); a fraction of three digits gets a fourth, 1,1250, so
    that it cannot be taken for thousands."""
    plain = format(Decimal(repr(float(value))).normalize(), "f")
    whole_part, _, fraction = plain.partition(".")
    if not fraction:
        return whole_part
    padded = fraction + "0" if _GROUPED["."].fullmatch(f"{whole_part}.{fraction}") else fraction
    return whole_part + get_decimal_symbol(_locale(lang)) + padded
