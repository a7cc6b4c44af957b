"""Downloads: CSV and Excel bytes from data frames, safe to open in a spreadsheet and readable in the user's language.

Text cells that start with `=`, `+`, `-`, `@`, a tab or a carriage return are prefixed with an apostrophe so that
a spreadsheet shows them as text and never runs them as a formula (OWASP "CSV injection"). Column names of the
domain (`homes_base`, `per_1000`) become headers from the `columns` catalogue, and each column carries a number
kind (whole number, one decimal, percentage, year, euros) that sets the Excel number format and the rounding of the
Dutch CSV (`;`, decimal comma), so both show what the screen shows. Unknown values stay empty cells, never 0.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ros.base.columns import column_kind, header

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_NAME_BAD = re.compile(r"[\[\]\*\?/\\:]")
FORMATS_ATTR, CELL_FORMATS_ATTR = "formats", "cell_formats"

# Number kind → (Excel number format, decimals in the Dutch CSV, percentage).
KINDS: dict[str, tuple[str, int, bool]] = {
    "integer": ("#,##0", 0, False), "decimal1": ("#,##0.0", 1, False), "decimal2": ("#,##0.00", 2, False),
    "percent": ("0.0%", 1, True), "percent2": ("0.00%", 2, True), "year": ("0", 0, False),
    "money": ('"€" #,##0', 0, False), "money_cents": ('"€" #,##0.00', 2, False),
}  # fmt: skip


def neutralise(value: object) -> object:
    """The value, with text that a spreadsheet would run as a formula turned into plain text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell (and column name) neutralised; number formats kept."""
    safe = frame.copy()
    renamed = {c: neutralise(str(c)) for c in safe.columns}
    safe.columns = list(renamed.values())
    safe.attrs = {
        name: {renamed.get(c, c): v for c, v in frame.attrs.get(name, {}).items()}
        for name in (FORMATS_ATTR, CELL_FORMATS_ATTR)
    }
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    return safe


def with_formats(frame: pd.DataFrame, formats: Mapping[str, str | None]) -> pd.DataFrame:
    """`frame` (the same object) with number kinds for some of its columns (column → kind)."""
    known = dict(frame.attrs.get(FORMATS_ATTR, {}))
    known.update({c: k for c, k in formats.items() if k is not None})
    frame.attrs[FORMATS_ATTR] = known
    return frame


def localise(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A copy of `frame` with headers in `lang` and the number kind of every domain column attached."""
    names = {c: header(str(c), lang) for c in frame.columns}
    result = frame.rename(columns=names)
    formats = {names.get(c, c): k for c, k in frame.attrs.get(FORMATS_ATTR, {}).items()}
    formats |= {names[c]: kind for c in frame.columns if (kind := column_kind(str(c))) is not None}
    result.attrs = {FORMATS_ATTR: formats}
    return result


def _kind_of(series: pd.Series, given: str | None) -> str | None:
    """The given kind, else whole numbers for integer columns and floats that are all whole, else two decimals."""
    if given is not None:
        return given
    if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
        return None
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    values = series.dropna().to_numpy(float)
    return "integer" if np.all(np.mod(values, 1) == 0) else "decimal2"


def _cell_kind(value: object) -> str | None:
    """The kind of a single number in a column of mixed cells."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        return None
    return "integer" if float(value).is_integer() else "decimal2"


def _kinds(frame: pd.DataFrame) -> list[list[str | None]]:
    """Per column, the kind of each cell (a column kind, a per-cell kind, or inferred)."""
    formats, cells = frame.attrs.get(FORMATS_ATTR, {}), frame.attrs.get(CELL_FORMATS_ATTR, {})
    result = []
    for column in frame.columns:
        if column in cells:
            result.append(list(cells[column]))
            continue
        series = frame[column]
        kind = _kind_of(series, formats.get(column))
        if kind is None and series.dtype == object:
            result.append([_cell_kind(v) for v in series])
        else:
            result.append([kind] * len(series))
    return result


def _dutch_number(value: object, kind: str | None) -> object:
    """A number as the Dutch screen rounds it, with a decimal comma ('1234,5', '23,4%'); unknown → empty."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if kind is None or isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        return value
    _, decimals, is_percent = KINDS[kind]
    number = float(value) * (100 if is_percent else 1)
    text = f"{round(number, decimals):.{decimals}f}".replace(".", ",")
    if text.lstrip("-").strip("0,") == "":
        text = text.lstrip("-")
    return text + ("%" if is_percent else "")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with byte-order mark, so spreadsheets read the accents) of a neutralised copy of `frame`:
    comma-separated, full precision, decimal point."""
    return neutralise_frame(frame).to_csv(index=False).encode("utf-8-sig")


def dutch_csv_bytes(frame: pd.DataFrame) -> bytes:
    """A CSV for a Dutch spreadsheet: `;`-separated, decimal comma, values rounded as on screen (percentages as
    '23,4%'), unknown values empty, UTF-8 with byte-order mark."""
    safe = neutralise_frame(frame)
    kinds = _kinds(safe)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(safe.columns)
    for row_number, row in enumerate(safe.itertuples(index=False)):
        writer.writerow([_dutch_number(v, kinds[i][row_number]) for i, v in enumerate(row)])
    return buffer.getvalue().encode("utf-8-sig")


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
    """One .xlsx workbook with a sheet per frame (neutralised, numbers with their number format, header row
    frozen, columns sized to content)."""
    buffer = io.BytesIO()
    taken: set[str] = set()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            title = sheet_name(name, taken)
            safe = neutralise_frame(frame)
            safe.to_excel(writer, sheet_name=title, index=False)
            worksheet = writer.sheets[title]
            worksheet.freeze_panes = "A2"
            _apply_formats(worksheet, _kinds(safe))
            for cells in worksheet.columns:
                width = max((len(str(c.value)) for c in cells if c.value is not None), default=8)
                worksheet.column_dimensions[cells[0].column_letter].width = min(max(width + 2, 8), 60)
    return buffer.getvalue()


def _apply_formats(worksheet: object, kinds: Sequence[Sequence[str | None]]) -> None:
    """Give every number cell below the header the Excel number format of its kind."""
    for column_number, column_kinds in enumerate(kinds, start=1):
        for row_number, kind in enumerate(column_kinds, start=2):
            cell = worksheet.cell(row=row_number, column=column_number)  # type: ignore[attr-defined]
            if kind is not None and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                cell.number_format = KINDS[kind][0]
