"""Refused input described by catalogue keys, so that a refusal reads in the UI language and names every problem.

A `Problem` is a key in the translation catalogues (`ros/base/locales/<lang>/input.toml` and others) with the values
for its placeholders; a value may itself be a Problem, or `Money`/`Number`, formatted per language. Problems pickle
(they are kept in Streamlit's caches). `InputError` carries every problem found; its plain text is Dutch, for logs
and tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ros.base import format as fmt
from ros.base.i18n import translate


@dataclass(frozen=True, eq=False)
class Problem:
    """One refused thing: a catalogue key and the values for its placeholders."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The problem as one sentence in `lang`."""
        return translate(lang, self.key, **{k: _shown(v, lang) for k, v in self.values.items()})

    def __str__(self) -> str:
        return self.text("nl")


def problem(key: str, /, **values: object) -> Problem:
    """A Problem for catalogue key `key` with placeholder values."""
    return Problem(key, values)


@dataclass(frozen=True)
class Issue:
    """One refused cell of an uploaded or edited table (or column / file when `row` is None), with its problem."""

    row: int | None
    column: str
    problem: Problem

    @property
    def message(self) -> str:
        """The problem in Dutch."""
        return self.problem.text("nl")

    def text(self, lang: str) -> str:
        """The problem in `lang`."""
        return self.problem.text(lang)


@dataclass(frozen=True)
class Money:
    """An amount in euros, shown with cents in the reader's language."""

    amount: float


@dataclass(frozen=True)
class Number:
    """A whole number, shown with the reader's grouping (1.000 / 1,000)."""

    value: int


@dataclass(frozen=True)
class Figure:
    """A number as it was read (whole or not), shown with the reader's marks and the decimals it has: 1.850, 1,85."""

    value: Decimal


def given(value: object) -> object:
    """What a user gave, for a message: text quoted as typed ('1,5e3'), a number as a Figure (-0,5 / -0.5)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return repr(value)[:40]
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return Figure(number) if number.is_finite() and abs(number) < 10**15 else repr(value)[:40]


def _shown(value: object, lang: str) -> object:
    if isinstance(value, Problem):
        return value.text(lang)
    if isinstance(value, Money):
        return fmt.money(value.amount, lang, cents=True)
    if isinstance(value, Number):
        return fmt.number(value.value, lang)
    if isinstance(value, Figure):
        exponent = value.value.normalize().as_tuple().exponent
        return fmt.number(value.value, lang, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    return value


class InputError(ValueError):
    """Input that cannot be used, with every problem found (`problems`); `str()` is the Dutch text."""

    def __init__(self, *problems: Problem) -> None:
        self.problems = tuple(problems)
        super().__init__(" ".join(p.text("nl") for p in self.problems))

    def texts(self, lang: str) -> list[str]:
        """Each problem as a sentence in `lang`."""
        return [p.text(lang) for p in self.problems]

    def text(self, lang: str) -> str:
        """All problems as one paragraph in `lang`."""
        return " ".join(self.texts(lang))
