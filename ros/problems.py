"""Refused input described by catalogue keys, so that a refusal reads in the UI language and names every problem.

A `Problem` is a key in the translation catalogues (`ros/locales/<lang>/input.toml` and others) with the values
for its placeholders; a value may itself be a Problem or a function of the language (money and numbers are
formatted per language). `InputError` carries every problem found; its plain text is Dutch, for logs and tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ros.i18n import translate


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


def _shown(value: object, lang: str) -> object:
    if isinstance(value, Problem):
        return value.text(lang)
    if callable(value):
        return value(lang)
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

