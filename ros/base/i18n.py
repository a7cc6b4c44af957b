"""Translation catalogues: Dutch (default) and English, one TOML file per area in `ros/base/locales/<lang>/`.

A key is `<file stem>.<name>` (for example `overview.title`). Both languages have exactly the same keys; a test
checks it. Texts may hold `{placeholders}` that `translate` fills in.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ros.base.config import DEFAULT_LANGUAGE, LANGUAGES, LOCALES_DIR


def _flatten(table: dict[str, Any], prefix: str) -> dict[str, str]:
    """Nested TOML tables as dotted keys."""
    flat: dict[str, str] = {}
    for name, value in table.items():
        key = f"{prefix}.{name}"
        if isinstance(value, dict):
            flat.update(_flatten(value, key))
        else:
            flat[key] = str(value)
    return flat


@cache
def catalogue(lang: str, locales_dir: Path = LOCALES_DIR) -> dict[str, str]:
    """All texts of one language as a flat key → text mapping."""
    texts: dict[str, str] = {}
    for path in sorted((locales_dir / lang).glob("*.toml")):
        with path.open("rb") as handle:
            texts.update(_flatten(tomllib.load(handle), path.stem))
    return texts


def language(value: object) -> str:
    """A supported language code for any input; unknown values give the default (Dutch)."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def translate(lang: str, key: str, **values: object) -> str:
    """The text for `key` in `lang` with placeholders filled; falls back to Dutch, then to the key itself."""
    text = catalogue(language(lang)).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**values) if values else text


@dataclass(frozen=True, slots=True)
class Translator:
    """The texts of one language, optionally of one catalogue area: `Translator("nl", "progress")("title")` is
    `translate("nl", "progress.title")`. One typed callable for builders that look up many texts."""

    lang: str
    area: str = ""

    def __call__(self, key: str, **values: object) -> str:
        """The text for `key` (within `area` when one is set) with placeholders filled."""
        return translate(self.lang, f"{self.area}.{key}" if self.area else key, **values)


def section(lang: str, area: str) -> dict[str, str]:
    """All texts of one catalogue file (`area`) by their short name, for builders that take a label mapping."""
    prefix = f"{area}."
    return {k[len(prefix) :]: v for k, v in catalogue(language(lang)).items() if k.startswith(prefix)}


def localized(field: str, lang: str) -> str:
    """The column of a text kept in both languages in the data: 'title_en' in English, 'title_nl' otherwise."""
    return f"{field}_{'en' if language(lang) == 'en' else 'nl'}"
