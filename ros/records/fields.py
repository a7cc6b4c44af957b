"""The values a record is made of, checked on the way in and read back on the way out.

Names and authors are trimmed text of 1–100 characters without control characters; settings are a JSON object of at
most `MAX_BYTES` as UTF-8 text; a schema version is a whole number of at least 1. Stored moments come back as UTC
(SQLite gives naive values), stored JSON text as values. Used by every repository and by the scenario file format.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Literal

from ros.records.errors import StoreError

MAX_NAME_LENGTH = 100
MAX_ID_LENGTH = 320  # an e-mail address can be this long
MAX_BYTES = 1024 * 1024  # scenario files and stored settings; a real scenario is a few kilobytes

Validator = Callable[[dict[str, Any], int], None]


def clean_text(value: object, kind: Literal["name", "author"]) -> str:
    """The name or author as it is kept and compared: NFKC-normalised, invisible characters (zero-width space, joiners,
    direction marks, soft hyphen) removed, runs of spaces made one, trimmed. StoreError when empty, too long, not
    text, holding control characters, or when one word mixes scripts (a Cyrillic a, U+0430, among Latin letters)."""
    if not isinstance(value, str):
        raise StoreError(f"{kind}_empty")
    visible = "".join(char for char in unicodedata.normalize("NFKC", value) if unicodedata.category(char) != "Cf")
    text = " ".join(part for part in visible.strip().split(" ") if part)
    if not text:
        raise StoreError(f"{kind}_empty")
    if len(text) > MAX_NAME_LENGTH:
        raise StoreError(f"{kind}_too_long", length=len(text), limit=MAX_NAME_LENGTH)
    if any(unicodedata.category(char) == "Cc" for char in text):
        raise StoreError(f"{kind}_control")
    for word in text.split():
        if len({_script(char) for char in word if char.isalpha()} - {None}) > 1:
            raise StoreError(f"{kind}_mixed_scripts", word=word)
    return text


_EAST_ASIAN = {"CJK", "HIRAGANA", "KATAKANA", "HANGUL"}  # written together in one word


def _script(letter: str) -> str | None:
    """The script a letter belongs to, from its Unicode name ("LATIN SMALL LETTER A" → "LATIN"); None if unnamed."""
    first = unicodedata.name(letter, "").replace("-", " ").split(" ")[0]
    return "CJK" if first in _EAST_ASIAN else first or None


def payload_text(payload: object) -> str:
    """The settings as JSON text, or StoreError when they are no JSON object or too large."""
    if not isinstance(payload, dict):
        raise StoreError("payload_not_object")
    try:
        text = json.dumps(payload, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as exc:
        raise StoreError("payload_not_json", reason=str(exc)) from exc
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise StoreError("payload_too_large")
    return text


def check_version(version: object) -> int:
    """A schema version: a whole number of at least 1."""
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise StoreError("version_bad", version=version)
    return version


def utc(moment: datetime) -> datetime:
    """The moment as timezone-aware UTC (SQLite gives naive UTC values back)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def loads(value: str | None) -> Any:
    """Stored JSON text as a value; None stays None, unreadable text becomes None."""
    if value is None:
        return None
    try:
        return json.loads(value)
    except (ValueError, RecursionError):
        return None


def dumps(value: object) -> str | None:
    """A value as stored JSON text; None stays None."""
    return None if value is None else json.dumps(value, ensure_ascii=False)
