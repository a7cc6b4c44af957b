"""Reading uploaded tables (CSV or Excel) within fixed bounds, before any parsing costs the server much.

An upload is refused, quickly and with the reason from the catalogues, when it is larger than `MAX_BYTES`, has more
lines than the caller's row limit, or (Excel) when its zip members would unpack to more than `MAX_UNPACKED_BYTES`
— a 600 KB .xlsx can hold a sheet of millions of rows — or hold more XML elements than `MAX_XML_ELEMENTS`. The
members are counted as bytes before openpyxl sees them, because even read-only openpyxl parses every sheet in
full when the sheet does not state its dimensions. Then openpyxl reads values only (formulas are never evaluated)
and reading stops at the row limit.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ros.base.config import MAX_UPLOAD_BYTES
from ros.base.problems import InputError, Number, problem

MAX_BYTES = MAX_UPLOAD_BYTES
MAX_UNPACKED_BYTES = 20 * 1024 * 1024  # the unpacked XML of an .xlsx; a sheet of 2.000 short rows is ~200 KB
MAX_XML_ELEMENTS = 100_000  # tags in all XML members together; parsing 100.000 takes well under a second
MAX_COLUMNS = 30
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
# A DTD: entities that expand a few bytes into gigabytes ("billion laughs") or read other files. Excel never writes
# one, nor XML in UTF-16 (NUL bytes), which would hide a DTD from this byte search.
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
EXCEL = (".xlsx", ".xlsm")
TEXT = (".csv", ".txt")


class UploadError(InputError):
    """An uploaded file that cannot be read as a table at all."""


def _megabytes(size: int) -> str:
    return str(size // (1024 * 1024))


def check_size(data: bytes, limit: int = MAX_BYTES) -> None:
    """Refuse a file larger than `limit` bytes (before anything else is done with it)."""
    if len(data) > limit:
        raise UploadError(problem("input.file_too_large", limit=_megabytes(limit)))


def check_kind(file_name: str, kinds: Sequence[str]) -> str:
    """The file's suffix (lower case) when it is one of `kinds` (e.g. ('.csv', '.xlsx')), else UploadError."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in kinds:
        raise UploadError(problem("input.file_wrong_kind", kinds=", ".join(kinds)))
    return suffix


def decoded(data: bytes) -> str:
    """Uploaded text: UTF-8 (with or without BOM), UTF-16 with a BOM (spreadsheets' "Unicode text"), else
    Windows-1252; UploadError when it is no text at all."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UploadError(problem("input.file_not_text")) from None
    if b"\x00" in data[:4096]:
        raise UploadError(problem("input.file_not_text"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise UploadError(problem("input.file_not_text")) from None


def _too_many_rows(max_rows: int) -> UploadError:
    return UploadError(problem("input.file_too_many_rows", limit=Number(max_rows)))


def csv_rows(data: bytes, max_rows: int) -> list[list[str]]:
    """The non-empty lines of an uploaded CSV (comma, semicolon or tab, as the header line has most) as cells."""
    check_size(data)
    if data.count(b"\n") > max_rows + 1 or data.count(b"\r") > max_rows + 1:
        raise _too_many_rows(max_rows)
    lines = [line for line in decoded(data).splitlines() if line.strip()]
    if not lines:
        raise UploadError(problem("input.file_empty"))
    delimiter = max(",;\t", key=lines[0].count)
    try:
        return [row[:MAX_COLUMNS] for row in csv.reader(lines, delimiter=delimiter)]
    except csv.Error:
        raise UploadError(problem("input.file_not_table")) from None


def excel_rows(data: bytes, max_rows: int) -> list[list[object]]:
    """The rows of the first sheet of an uploaded .xlsx, values only (cells beyond `MAX_COLUMNS` are left out)."""
    import openpyxl

    check_size(data)
    check_workbook(data, max_rows)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # any damaged workbook is one message
        raise UploadError(problem("input.file_not_excel")) from None
    try:
        if not book.worksheets:
            raise UploadError(problem("input.file_empty"))
        rows: list[list[object]] = []
        # Not `max_row`: without stored dimensions, read-only openpyxl reads the whole sheet to find it.
        for row in book.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS):
            if len(rows) > max_rows:
                raise _too_many_rows(max_rows)
            rows.append(list(row))
    except UploadError:
        raise
    except Exception:  # a sheet that breaks while reading is one message
        raise UploadError(problem("input.file_not_excel")) from None
    finally:
        book.close()
    rows = [r for r in rows if any(v is not None and str(v).strip() for v in r)]
    if not rows:
        raise UploadError(problem("input.file_empty"))
    return rows


def check_workbook(data: bytes, max_rows: int) -> None:
    """Refuse a workbook that unpacks too large, or whose sheets hold more rows or XML elements than allowed,
    counting bytes only (zipfile never returns more than a member's declared size)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                raise UploadError(problem("input.file_unpacks_too_large", limit=_megabytes(MAX_UNPACKED_BYTES)))
            elements = 0
            for member in members:
                if not member.filename.endswith((".xml", ".rels")):
                    continue
                sheet, rows, tail = member.filename.startswith("xl/worksheets/"), 0, b""
                with archive.open(member) as stream:
                    while chunk := stream.read(1 << 20):
                        elements += chunk.count(b"<")
                        block = tail + chunk
                        if _DECLARATION.search(block):
                            raise UploadError(problem("input.file_xml_entities"))
                        if b"\x00" in chunk:
                            raise UploadError(problem("input.file_not_excel"))
                        if sheet:
                            rows += len(_ROW_TAG.findall(block)) - len(_ROW_TAG.findall(tail))
                        tail = block[-16:]
                if rows > max_rows + 1:
                    raise _too_many_rows(max_rows)
                if elements > MAX_XML_ELEMENTS:
                    raise UploadError(problem("input.file_too_many_cells"))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        if isinstance(error, UploadError):
            raise
        raise UploadError(problem("input.file_not_excel")) from None


def table_frame(file_name: str, data: bytes, max_rows: int, kinds: Sequence[str] = (*TEXT, *EXCEL)) -> pd.DataFrame:
    """An uploaded table as a frame of object cells (text, or numbers from Excel; "" where a row is short), the
    header line's cells as columns (empty trailing ones dropped); UploadError for a row longer than the header."""
    rows = table_rows(file_name, data, max_rows, kinds)
    header = ["" if cell is None else str(cell) for cell in rows[0]]
    while header and not header[-1].strip():
        header.pop()
    body = []
    for number, row in enumerate(rows[1:], start=2):
        if any(cell is not None and str(cell).strip() for cell in row[len(header) :]):
            raise UploadError(problem("input.ledger_row_too_long", row=number))
        cells = list(row[: len(header)])
        body.append(cells + [""] * (len(header) - len(cells)))
    return pd.DataFrame(body, columns=header, dtype=object)


def table_rows(
    file_name: str, data: bytes, max_rows: int, kinds: Sequence[str] = (*TEXT, *EXCEL)
) -> list[list[object]]:
    """The rows (header first) of an uploaded CSV or Excel file, by its suffix, within the bounds above."""
    check_size(data)
    suffix = check_kind(file_name, kinds)
    rows: list[list[object]] = (
        excel_rows(data, max_rows) if suffix in EXCEL else [list(r) for r in csv_rows(data, max_rows)]
    )
    return rows
