"""The scenario file: one scenario as UTF-8 JSON in a small envelope, written for download and checked on import.

The envelope holds `format` ("ros-twente-scenario"), the settings' schema `version`, `name`, `author`, `created_at`
and `settings`. A file is refused (`StoreError`) when it is larger than `MAX_BYTES`, no UTF-8 JSON, another format,
or when its fields are missing or bad; every problem of the envelope is named together.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ros.records.errors import StoreError
from ros.records.fields import MAX_BYTES, Validator, clean_text, utc
from ros.records.scenario_store import ScenarioRecord

FILE_FORMAT = "ros-twente-scenario"


def file_bytes(name: str, author: str, version: int, settings: dict[str, Any], created_at: datetime) -> bytes:
    """A scenario file (UTF-8 JSON): format, version, name, author, created_at and settings."""
    envelope = {
        "format": FILE_FORMAT,
        "version": version,
        "name": name,
        "author": author,
        "created_at": utc(created_at).isoformat(),
        "settings": settings,
    }
    return json.dumps(envelope, ensure_ascii=False, indent=2).encode("utf-8")


def export_json(record: ScenarioRecord) -> bytes:
    """A stored scenario as a scenario file; StoreError when its stored text is unreadable."""
    if record.payload is None:
        raise StoreError("export_unreadable", name=record.name)
    return file_bytes(record.name, record.author, record.version, record.payload, record.created_at)


def _refuse_constant(name: str) -> None:
    """JSON has no NaN or Infinity; Python's reader would accept them."""
    raise ValueError(name)


def _read_envelope(data: bytes) -> dict[str, Any]:
    """The file's JSON object when it is small enough, UTF-8, plain JSON and of our format; otherwise StoreError."""
    if len(data) > MAX_BYTES:
        raise StoreError("file_too_large")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StoreError("file_not_utf8") from exc
    try:
        envelope = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise StoreError("file_not_json", line=exc.lineno) from exc
    except (ValueError, RecursionError) as exc:
        raise StoreError("file_not_json_plain") from exc
    if not isinstance(envelope, dict) or envelope.get("format") != FILE_FORMAT:
        raise StoreError("file_wrong_format")
    return envelope


def parse_scenario_file(data: bytes, current_version: int, validate: Validator) -> dict[str, Any]:
    """The checked envelope of a scenario file (name and author trimmed); otherwise StoreError naming every problem
    of the envelope (missing and bad fields, name, author, settings) together."""
    envelope = _read_envelope(data)
    problems: list[StoreError] = []
    missing = [field for field in ("version", "name", "author", "created_at", "settings") if field not in envelope]
    if missing:
        problems.append(StoreError("file_missing_fields", fields=", ".join(missing)))
    version = envelope.get("version")
    if "version" in envelope and (isinstance(version, bool) or not isinstance(version, int) or version < 1):
        problems.append(StoreError("file_bad_field", field="version"))
        version = None
    created_at = None
    if "created_at" in envelope:
        try:
            created_at = datetime.fromisoformat(envelope["created_at"])
        except (TypeError, ValueError):
            problems.append(StoreError("file_bad_field", field="created_at"))
    settings = envelope.get("settings")
    if "settings" in envelope and not isinstance(settings, dict):
        problems.append(StoreError("file_bad_field", field="settings"))
    texts = {}
    for kind in ("name", "author"):
        if kind in envelope:
            try:
                texts[kind] = clean_text(envelope[kind], kind)
            except StoreError as error:
                problems.append(error)
    if isinstance(version, int) and version > current_version:
        problems.append(StoreError("file_newer_version", version=version, current=current_version))
    elif isinstance(version, int) and isinstance(settings, dict):
        try:
            validate(settings, version)
        except Exception as exc:  # the validator's own message is the reason shown
            problems.append(StoreError("file_invalid_settings", reason=exc if hasattr(exc, "text") else str(exc)))
    if problems:
        raise StoreError.of(problems)
    assert isinstance(version, int)
    assert isinstance(settings, dict)
    assert created_at is not None
    return {
        "format": FILE_FORMAT,
        "version": version,
        "name": texts["name"],
        "author": texts["author"],
        "created_at": utc(created_at),
        "settings": settings,
    }
