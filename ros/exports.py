"""Downloads: CSV and Excel bytes from data frames, safe to open in a spreadsheet.

Text cells that start with `=`, `+`, `-`, `@`, a tab or a carriage return are prefixed with an apostrophe so that
a spreadsheet shows them as text and never runs them as a formula (OWASP "CSV injection").
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_NAME_BAD = re.compile(r"[\[\]\*\?/\\:]")


def neutralise(value: object) -> object:
    """The value, with text that a spreadsheet would run as a formula turned into plain text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell (and column name) neutralised."""
    safe = frame.copy()
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with byte-order mark, so spreadsheets read the accents) of a neutralised copy of `frame`."""
    return neutralise_frame(frame).to_csv(index=False).encode("utf-8-sig")


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (at most 31 characters, no []:*?/\\)."""
    base = _SHEET_NAME_BAD.sub("_", name).strip("'")[:31] or "Blad"
    candidate, number = base, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def excel_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One .xlsx workbook with a sheet per frame (neutralised, header row frozen, columns sized to content)."""
    buffer = io.BytesIO()
    taken: set[str] = set()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            title = sheet_name(name, taken)
            neutralise_frame(frame).to_excel(writer, sheet_name=title, index=False)
            worksheet = writer.sheets[title]
            worksheet.freeze_panes = "A2"
            for cells in worksheet.columns:
                width = max((len(str(c.value)) for c in cells if c.value is not None), default=8)
                worksheet.column_dimensions[cells[0].column_letter].width = min(max(width + 2, 8), 60)
    return buffer.getvalue()
