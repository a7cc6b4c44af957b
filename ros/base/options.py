"""Values that must be one of a fixed set of options: view choices in a link (?weergave=lijst, ?kaart=homes), a
body code, a saved scenario's id. One parser for all of them, so a bad value is refused the same way everywhere."""

from __future__ import annotations

from collections.abc import Callable, Collection


class NotAnOption(ValueError, KeyError):
    """A value that is none of the options: a bad value, and a key that is not there (callers catch either)."""


def one_of(options: Collection[str], *, fold_case: bool = False) -> Callable[[str], str]:
    """A parser that returns its input when it is one of `options` (after trimming, and lower-casing with
    `fold_case`) and raises NotAnOption otherwise."""

    def parse(raw: str) -> str:
        value = raw.strip().lower() if fold_case else raw
        if value not in options:
            raise NotAnOption(raw)
        return value

    return parse
