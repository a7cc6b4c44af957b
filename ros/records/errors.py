"""The refusal of a store operation or a scenario file: a code, its values, and the message in a language.

The messages come from `ros/base/locales/{nl,en}/store.toml`; the exception's own text is the Dutch one, so a log or
a test reads the same words a Dutch user sees.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ros.base.format import number
from ros.base.i18n import translate


def localized(values: Mapping[str, object], lang: str) -> dict[str, object]:
    """Placeholder values said in `lang`: those that can say themselves (`.text(lang)`: a refused settings check)
    do, whole numbers are written the language's way (1.000 in Dutch)."""
    return {key: _said(value, lang) for key, value in values.items()}


def _said(value: object, lang: str) -> object:
    """One placeholder value in `lang` (see `localized`)."""
    if callable(said := getattr(value, "text", None)):
        return said(lang)
    if isinstance(value, int) and not isinstance(value, bool):
        return number(value, lang)
    return value


class StoreError(ValueError):
    """A refused store operation or scenario file; `code` names the case, the message says it in Dutch."""

    more: tuple[StoreError, ...] = ()  # further refusals of the same file, named together with this one

    def __init__(self, code: str, **params: object) -> None:
        self.code, self.params = code, params
        super().__init__(self.message("nl"))

    @classmethod
    def of(cls, errors: Sequence[StoreError]) -> StoreError:
        """One error that names every refusal in `errors` (the first gives `code` and `params`)."""
        combined = cls(errors[0].code, **errors[0].params)
        combined.more = tuple(errors[1:])
        combined.args = (" ".join(e.message("nl") for e in errors),)
        return combined

    def message(self, lang: str) -> str:
        """The message in `lang` (a role code among the values is named in that language too)."""
        values = localized(self.params, lang)
        if "role" in values:
            values["role"] = translate(lang, f"roles.role_{values['role']}")
        return translate(lang, f"store.{self.code}", **values)
