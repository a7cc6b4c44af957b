"""Own figures ("eigen opgave"): a municipality's own count of homes built, demolished and the net change per year.

CBS publishes per municipality with a delay; a municipality's own monitor often knows more. A planner types these
figures into a table or uploads a CSV/Excel file (the template has the columns code, gemeente, jaar, nieuwbouw,
sloop, netto). `check_own_figures` checks every cell and returns one catalogue-keyed problem (`ros.base.problems`, read
in the UI language) per problem, naming the row and
the column: a known Twente municipality (code or name), a year 2012–2100, whole homes (Dutch thousands dots
allowed), new construction and demolition not negative, each municipality and year once. Empty cells stay unknown.
Uploads are limited in size and rows before they are parsed. The figures live in the scenario, never in `data/`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from ros.base import format as fmt
from ros.base import number_entry
from ros.base.names import find_code
from ros.base.problems import InputError, Issue, Number, Problem, given, problem
from ros.data import uploads

CODE, NAME, YEAR = "code", "gemeente", "jaar"
VALUE_COLUMNS = {"nieuwbouw": "new_construction", "sloop": "demolition", "netto": "net_change"}
COLUMNS = (CODE, NAME, YEAR, *VALUE_COLUMNS)
ALIASES = {
    "year": YEAR,
    "cbs-code": CODE,
    "municipality": NAME,
    "name": NAME,
    "naam": NAME,
    "new_construction": "nieuwbouw",
    "demolition": "sloop",
    "net_change": "netto",
    "saldo": "netto",
}
YEAR_RANGE = (2012, 2100)
MAX_ROWS = 2_000  # 14 municipalities × every year 2012–2100 fits well within this
MAX_HOMES = 100_000  # a year's change in one municipality; far above anything Twente has seen


def reason(error: ValueError) -> Problem | str:
    """What a cell check refused: its catalogue problem, or the plain text of another ValueError."""
    return error.problems[0] if isinstance(error, InputError) and error.problems else str(error)


def cell_issue(row: int, column: str, error: ValueError) -> Issue:
    """The issue 'Rij 3, kolom 'sloop': …' for a refused cell."""
    return Issue(row, column, problem("input.ledger_cell", row=row, column=column, problem=reason(error)))


@dataclass(frozen=True)
class OwnFiguresResult:
    """The accepted figures (columns code, year, new_construction, demolition, net_change; NA = unknown) and what
    was refused. When anything is refused the accepted figures are not used (the last valid ones stay)."""

    frame: pd.DataFrame
    issues: tuple[Issue, ...]

    @property
    def ok(self) -> bool:
        """True when nothing was refused."""
        return not self.issues


def empty_frame() -> pd.DataFrame:
    """No own figures: the checked columns, typed."""
    frame = pd.DataFrame({"code": pd.Series([], dtype=object), "year": pd.Series([], dtype="int64")})
    for value in VALUE_COLUMNS.values():
        frame[value] = pd.Series([], dtype="Int64")
    return frame


def editor_frame(figures: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """The figures in the editor's and template's form (code, gemeente, jaar, nieuwbouw, sloop, netto)."""
    rows = [
        {
            CODE: r["code"],
            NAME: names.get(r["code"], r["code"]),
            YEAR: int(r["year"]),
            **{dutch: r[value] for dutch, value in VALUE_COLUMNS.items()},
        }
        for r in figures.to_dict(orient="records")
    ]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame[YEAR] = frame[YEAR].astype("Int64")
    for dutch in VALUE_COLUMNS:
        frame[dutch] = frame[dutch].astype("Int64")
    return frame


def template(names: Mapping[str, str], year: int) -> pd.DataFrame:
    """The upload template: one empty row per municipality for `year`."""
    frame = pd.DataFrame({CODE: list(names), NAME: list(names.values()), YEAR: year})
    for dutch in VALUE_COLUMNS:
        frame[dutch] = pd.Series([pd.NA] * len(frame), dtype="Int64")
    return frame


def parse_count(value: object, signed: bool = False) -> int | None:
    """A cell as whole homes (None when empty): 1234, '1.234', '1,234', '1 234', '-120' (only when `signed`), read
    by the one reader of every upload (`number_entry.cell`). Raises InputError (a ValueError) with the problem."""
    try:
        number = number_entry.cell(value, whole=True)
    except number_entry.NumberEntryError:
        raise InputError(problem("upload_rows.not_whole", value=given(value))) from None
    if number is None:
        return None
    if abs(number) > MAX_HOMES:
        raise InputError(problem("upload_rows.too_many", value=given(value), limit=Number(MAX_HOMES)))
    if number < 0 and not signed:
        raise InputError(problem("upload_rows.negative", value=given(value)))
    return int(number)


def _blank(value: object) -> bool:
    return value is None or (not isinstance(value, str) and fmt.is_unknown(value)) or not str(value).strip()


def _year(value: object) -> int:
    low, high = YEAR_RANGE
    if value is None or fmt.is_unknown(value) or not str(value).strip():
        raise InputError(problem("upload_rows.year_empty"))
    text = str(value).strip()
    if re.fullmatch(r"\d{4}(\.0+)?", text) is None:
        raise InputError(problem("upload_rows.not_a_year", value=repr(value)))
    year = int(float(text))
    if not low <= year <= high:
        raise InputError(problem("upload_rows.year_out_of_range", year=year, low=low, high=high))
    return year


def municipality_code(code: object, name: object, names: Mapping[str, str]) -> str:
    """The code of a municipality given by code or name ('Hengelo (O.)', 'gemeente Enschede', any case; see
    `ros.base.names`); InputError (a ValueError) otherwise."""
    for value in (code, name):
        text = "" if value is None or fmt.is_unknown(value) else str(value).strip()
        if text:
            found = find_code(text, names)
            if found is None:
                raise InputError(problem("upload_rows.not_twente", name=text[:60]))
            return found
    raise InputError(problem("upload_rows.municipality_empty"))


def normalise_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Column names trimmed, lower case, English aliases turned into the Dutch ones."""
    renamed = {c: ALIASES.get(str(c).strip().lower(), str(c).strip().lower()) for c in frame.columns}
    return frame.rename(columns=renamed)


def _column_issues(frame: pd.DataFrame) -> list[Issue]:
    """One issue per repeated, missing or unknown column of own figures (columns already normalised)."""
    issues: list[Issue] = []
    if frame.columns.duplicated().any():
        issues.append(Issue(None, "", problem("input.ledger_column_twice")))
    if CODE not in frame.columns and NAME not in frame.columns:
        issues.append(Issue(None, CODE, problem("upload_rows.code_or_name_missing")))
    if YEAR not in frame.columns:
        issues.append(Issue(None, YEAR, problem("input.ledger_column_missing", column=YEAR)))
    if not any(c in frame.columns for c in VALUE_COLUMNS):
        issues.append(Issue(None, "", problem("upload_rows.no_value_column")))
    allowed = ", ".join(COLUMNS)
    issues += [
        Issue(None, str(c), problem("input.ledger_column_unknown", column=str(c)[:60], allowed=allowed))
        for c in frame.columns
        if c not in COLUMNS
    ]
    return issues


def check_own_figures(frame: pd.DataFrame, names: Mapping[str, str], first_row: int = 1) -> OwnFiguresResult:
    """Check own figures from the editor or a file (row numbers from `first_row`: 1 on the page, 2 in a file).
    Rows without any figure are skipped; every other problem is one issue."""
    frame = normalise_columns(frame)
    issues = _column_issues(frame)
    if issues:
        return OwnFiguresResult(empty_frame(), tuple(issues))
    rows: list[dict[str, object]] = []
    seen: dict[tuple[str, int], int] = {}
    for position, record in enumerate(frame.to_dict(orient="records")):
        row = position + first_row

        def refuse(column: str, error: ValueError, row: int = row) -> None:
            issues.append(cell_issue(row, column, error))

        if all(_blank(record.get(dutch)) for dutch in VALUE_COLUMNS):
            continue
        values: dict[str, int | None] = {}
        for dutch, name in VALUE_COLUMNS.items():
            try:
                values[name] = parse_count(record.get(dutch), signed=dutch == "netto")
            except ValueError as error:
                refuse(dutch, error)
                values[name] = None
        code = year = None
        try:
            code = municipality_code(record.get(CODE), record.get(NAME), names)
        except ValueError as error:
            refuse(CODE if CODE in frame.columns else NAME, error)
        try:
            year = _year(record.get(YEAR))
        except ValueError as error:
            refuse(YEAR, error)
        if code is None or year is None:
            continue
        if (code, year) in seen:
            twice = problem("upload_rows.year_twice", name=names[code], year=year, row=seen[(code, year)])
            refuse(YEAR, InputError(twice))
            continue
        seen[(code, year)] = row
        rows.append({"code": code, "year": year, **values})
    if issues:
        return OwnFiguresResult(empty_frame(), tuple(issues))
    result = pd.DataFrame(rows, columns=["code", "year", *VALUE_COLUMNS.values()]) if rows else empty_frame()
    result["year"] = result["year"].astype("int64")
    for value in VALUE_COLUMNS.values():
        result[value] = result[value].astype("Int64")
    return OwnFiguresResult(result.sort_values(["code", "year"], ignore_index=True), ())


def read_upload(file_name: str, data: bytes, max_rows: int = MAX_ROWS) -> pd.DataFrame:
    """The first sheet of an uploaded CSV (comma, semicolon or tab) or Excel file, cells as text or numbers, read
    within the bounds of `ros.data.uploads`; raises UploadError with the problem."""
    return uploads.table_frame(file_name, data, max_rows)


def load_upload(file_name: str, data: bytes, names: Mapping[str, str]) -> OwnFiguresResult:
    """Read and check an uploaded file of own figures; a file that cannot be read is one issue."""
    try:
        frame = read_upload(file_name, data)
    except uploads.UploadError as error:
        return OwnFiguresResult(empty_frame(), tuple(Issue(None, "", p) for p in error.problems))
    return check_own_figures(frame, names, first_row=2)


def from_records(records: Sequence[Mapping[str, object]]) -> pd.DataFrame:
    """Checked figures from the scenario's entries (code, year, new_construction, demolition, net_change)."""
    if not records:
        return empty_frame()
    frame = pd.DataFrame(list(records), columns=["code", "year", *VALUE_COLUMNS.values()])
    frame["year"] = frame["year"].astype("int64")
    for value in VALUE_COLUMNS.values():
        frame[value] = frame[value].astype("Int64")
    return frame.sort_values(["code", "year"], ignore_index=True)


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Checked figures as plain records for the scenario (None = unknown)."""
    return [
        {
            "code": r["code"],
            "year": int(r["year"]),
            **{v: (None if fmt.is_unknown(r[v]) else int(r[v])) for v in VALUE_COLUMNS.values()},
        }
        for r in frame.to_dict(orient="records")
    ]


def comparison(cbs: pd.DataFrame, own: pd.DataFrame) -> pd.DataFrame:
    """Per municipality and year with own figures: CBS's value and the own value of each measure side by side
    (NA where a side has none), and which is used (CBS wins where it has a value)."""
    by_key = cbs.set_index(["code", "year"])
    rows = []
    for record in own.to_dict(orient="records"):
        key = (record["code"], int(record["year"]))
        row: dict[str, object] = {"code": key[0], "year": key[1]}
        for value in VALUE_COLUMNS.values():
            official = by_key[value].get(key, pd.NA) if key in by_key.index else pd.NA
            row[f"{value}_cbs"], row[f"{value}_own"] = official, record[value]
            row[f"{value}_used"] = (
                "cbs" if not fmt.is_unknown(official) else ("eigen" if not fmt.is_unknown(record[value]) else None)
            )
        rows.append(row)
    frame = pd.DataFrame(rows)
    for value in VALUE_COLUMNS.values():
        for side in ("cbs", "own"):
            if f"{value}_{side}" in frame:
                frame[f"{value}_{side}"] = frame[f"{value}_{side}"].astype("Int64")
    return frame
