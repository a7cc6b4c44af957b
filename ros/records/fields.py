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
    """The trimmed name or author, or StoreError when empty, too long, not text or holding control characters."""
    if not isinstance(value, str) or not value.strip():
        raise StoreError(f"{kind}_empty")
    text = value.strip()
    if len(text) > MAX_NAME_LENGTH:
        raise StoreError(f"{kind}_too_long", length=len(text), limit=MAX_NAME_LENGTH)
    if any(unicodedata.category(char) == "Cc" for char in text):
        raise StoreError(f"{kind}_control")
    return text


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
