"""A scenario ledger of the ROS money per party and year: toegezegd → gefactureerd → ontvangen → besteed.

Nothing of this is public, so the shipped ledger is empty (every amount unknown). A planner fills it in in the
table on the page or uploads a CSV/Excel file (read within the bounds of `ros.data.uploads`); `validate_ledger`
checks every cell and returns one problem per violation (catalogue keys `input.*`), naming the row and the column.
Rules: known parties only (the 17 of `parties.csv`), years 2025 and 2026, amounts in euros ≥ 0 with at most two
decimals, and a later state never above an earlier known one (nothing can be received that was not invoiced).
Empty cells stay unknown and are never summed as zero. The ledger lives in the session and in downloads; it never
writes to `data/`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pandas as pd

from ros.base import columns, number_entry
from ros.base import format as fmt
from ros.base.config import LANGUAGES
from ros.base.names import find_code
from ros.base.problems import InputError, Issue, Money, Problem, given, problem
from ros.data import uploads

STATES = ("toegezegd", "gefactureerd", "ontvangen", "besteed")
YEARS = (2025, 2026)
PARTY, NAME, YEAR = "partij", "naam", "jaar"
COLUMNS = (PARTY, NAME, YEAR, *STATES)
ALIASES = {"party_id": PARTY, "party": PARTY, "id": PARTY, "name": NAME, "year": YEAR}
MAX_ROWS = 1_000  # 17 parties × 2 years is 34 rows; anything far beyond that is not a ledger


@dataclass(frozen=True)
class LedgerResult:
    """The checked ledger (all parties × years, amounts as float, NaN = unknown) and what was refused."""

    frame: pd.DataFrame
    issues: tuple[Issue, ...]

    @property
    def ok(self) -> bool:
        """True when nothing was refused."""
        return not self.issues


def empty_ledger(parties: Mapping[str, str], years: Sequence[int] = YEARS) -> pd.DataFrame:
    """A ledger with one row per party (id → name, in the given order) and year, every amount unknown."""
    rows = [{PARTY: pid, NAME: name, YEAR: year} for pid in parties for year in years for name in [parties[pid]]]
    frame = pd.DataFrame(rows, columns=[PARTY, NAME, YEAR])
    for state in STATES:
        frame[state] = pd.Series([float("nan")] * len(frame), dtype="float64")
    frame[YEAR] = frame[YEAR].astype("int64")
    return frame


def parse_amount(value: object) -> Decimal | None:
    """A cell as euros (None when empty): numbers, and text like '€ 1.234,56', '1,234.56', '1234,56' or '5.000'
    read by the one reader of every upload (`number_entry.cell`; a lone mark before three digits groups thousands,
    as an amount never has three decimals). Raises InputError (a ValueError) with the problem when the cell is not
    an amount, is negative or has more than two decimals."""
    shown = given(value)
    try:
        amount = number_entry.cell(value, whole=False, decimals=2)
    except number_entry.NumberEntryError as error:
        key = "input.amount_decimals" if error.code == "too_precise" else "input.amount_not_money"
        raise InputError(problem(key, value=shown)) from None
    if amount is None:
        return None
    if amount < 0:
        raise InputError(problem("input.amount_negative", value=shown))
    return Decimal(repr(amount)).quantize(Decimal("0.01"))


def _parse_year(value: object, years: Sequence[int]) -> int:
    """A cell as one of the ledger years; InputError otherwise."""
    period = f"{min(years)}–{max(years)}"
    if value is None or fmt.is_unknown(value) or not str(value).strip():
        raise InputError(problem("input.year_missing"))
    try:
        number = Decimal(str(value).strip())
        year = int(number)
    except (InvalidOperation, ValueError, OverflowError):
        raise InputError(problem("input.year_not_year", value=repr(value)[:40], period=period)) from None
    if number != year or year not in years:
        raise InputError(problem("input.year_outside", value=repr(value)[:40], period=period))
    return year


def _party_id(value: object, parties: Mapping[str, str]) -> str:
    """A cell as a party id (the id itself or the party's name in any official spelling, `ros.base.names`)."""
    text = "" if value is None or fmt.is_unknown(value) else str(value).strip()
    if not text:
        raise InputError(problem("input.party_missing"))
    found = find_code(text, parties)
    if found is None:
        raise InputError(problem("input.party_unknown", text=text[:80], count=len(parties)))
    return found


def header_aliases() -> dict[str, str]:
    """The headers a ledger download carries in either language ('Party', 'Pledged (€)', 'Toegezegd (€)'), lower
    case, mapped to the column names of the upload format, so a downloaded ledger uploads again as it is."""
    return {columns.header(c, lang).strip().lower(): c for c in COLUMNS for lang in LANGUAGES}


def normalise_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Column names trimmed, lower case, English aliases (party_id, name, year) and the headers of a ledger download
    in either language turned into the Dutch ones."""
    aliases = ALIASES | header_aliases()
    renamed = {c: aliases.get(str(c).strip().lower(), str(c).strip().lower()) for c in frame.columns}
    return frame.rename(columns=renamed)


def _column_issues(frame: pd.DataFrame) -> list[Issue]:
    """One issue per missing, unknown or repeated column of a ledger (columns already normalised)."""
    missing = [c for c in (PARTY, YEAR, *STATES) if c not in frame.columns]
    issues = [Issue(None, c, problem("input.ledger_column_missing", column=c)) for c in missing]
    allowed = ", ".join(COLUMNS)
    issues += [
        Issue(None, str(c), problem("input.ledger_column_unknown", column=str(c)[:80], allowed=allowed))
        for c in frame.columns
        if c not in COLUMNS
    ]
    if frame.columns.duplicated().any():
        issues.append(Issue(None, "", problem("input.ledger_column_twice")))
    return issues


def _above_earlier(amounts: Mapping[str, Decimal | None]) -> list[tuple[str, Problem]]:
    """Each state whose amount exceeds that of an earlier state (spent above committed, …), with the refusal."""
    found = []
    for later_index, later in enumerate(STATES):
        value = amounts.get(later)
        for earlier in reversed(STATES[:later_index]):
            bound = amounts.get(earlier)
            if value is not None and bound is not None and value > bound:
                found.append(
                    (
                        later,
                        problem(
                            "input.amount_above_earlier",
                            earlier=earlier,
                            value=Money(float(value)),
                            bound=Money(float(bound)),
                        ),
                    )
                )
                break
    return found


def validate_ledger(
    frame: pd.DataFrame, parties: Mapping[str, str], years: Sequence[int] = YEARS, first_row: int = 1
) -> LedgerResult:
    """Check a ledger from the table editor or a file. Row numbers in messages start at `first_row` (1 for the
    table on the page, 2 for a file whose header is line 1). Returns the full ledger (every party × year;
    rows that are absent stay unknown) with the accepted values, and one issue per refused cell."""
    frame = normalise_columns(frame)
    issues = _column_issues(frame)
    result = empty_ledger(parties, years)
    if issues:
        return LedgerResult(result, tuple(issues))
    if frame.empty:
        return LedgerResult(result, (Issue(None, "", problem("input.ledger_no_rows")),))
    seen: dict[tuple[str, int], int] = {}
    for position, record in enumerate(frame.to_dict(orient="records")):
        row = position + first_row

        def refuse(column: str, reason: Problem, row: int = row) -> None:
            issues.append(Issue(row, column, problem("input.ledger_cell", row=row, column=column, problem=reason)))

        party = year = None
        try:
            party = _party_id(record[PARTY], parties)
        except InputError as error:
            refuse(PARTY, error.problems[0])
        try:
            year = _parse_year(record[YEAR], years)
        except InputError as error:
            refuse(YEAR, error.problems[0])
        amounts: dict[str, Decimal | None] = {}
        for state in STATES:
            try:
                amounts[state] = parse_amount(record[state])
            except InputError as error:
                refuse(state, error.problems[0])
        for state, reason in _above_earlier(amounts):
            refuse(state, reason)
        if party is None or year is None:
            continue
        if (party, year) in seen:
            refuse(PARTY, problem("input.party_year_twice", party=parties[party], year=year, row=seen[(party, year)]))
            continue
        seen[(party, year)] = row
        mask = (result[PARTY] == party) & (result[YEAR] == year)
        for state, amount in amounts.items():
            result.loc[mask, state] = float(amount) if amount is not None else float("nan")
    return LedgerResult(result, tuple(issues))


def read_upload(file_name: str, data: bytes) -> pd.DataFrame:
    """The first sheet of an uploaded CSV (comma or semicolon) or Excel file, cells as text or numbers, read within
    the bounds of `ros.data.uploads` (size, rows, unpacked size); raises UploadError when it cannot be read."""
    return uploads.table_frame(file_name, data, MAX_ROWS, (".csv", *uploads.EXCEL))


def ledger_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Per year and state: the known total (Decimal), how many amounts are known and how many unknown.
    Unknown amounts are counted, never added."""
    rows = []
    for year in sorted(frame[YEAR].unique()):
        part = frame[frame[YEAR] == year]
        for state in STATES:
            values = [Decimal(str(v)).quantize(Decimal("0.01")) for v in part[state] if not fmt.is_unknown(v)]
            rows.append(
                {
                    YEAR: int(year),
                    "state": state,
                    "known_total": sum(values, Decimal("0.00")) if values else None,
                    "known_count": len(values),
                    "unknown_count": len(part) - len(values),
                }
            )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class PledgeDifference:
    """A party whose pledges in the ledger (toegezegd, all years) differ from its known budget amount."""

    name: str
    pledged: Decimal
    amount: Decimal
    status: str


def pledge_differences(frame: pd.DataFrame, budget: pd.DataFrame) -> list[PledgeDifference]:
    """Where the ledger's toegezegd over all years differs from a known budget amount (a note, not an error);
    unknown pledges or amounts are no difference."""
    differences = []
    for row in budget.to_dict(orient="records"):
        if fmt.is_unknown(row["amount"]):
            continue
        pledged = frame.loc[frame[PARTY] == row["party_id"], "toegezegd"]
        if pledged.isna().any() or pledged.empty:
            continue
        total = sum((Decimal(str(v)).quantize(Decimal("0.01")) for v in pledged), Decimal("0.00"))
        amount = Decimal(str(row["amount"])).quantize(Decimal("0.01"))
        if total != amount:
            differences.append(PledgeDifference(str(row["name"]), total, amount, str(row["status"])))
    return differences


def export_ledger(frame: pd.DataFrame) -> pd.DataFrame:
    """The ledger for download, in the upload format: unknown amounts stay empty cells (never 0)."""
    return frame[list(COLUMNS)].copy()


def load_upload(file_name: str, data: bytes, parties: Mapping[str, str], years: Sequence[int] = YEARS) -> LedgerResult:
    """Read and check an uploaded ledger file; a file that cannot be read becomes one issue (row None)."""
    try:
        frame = read_upload(file_name, data)
    except uploads.UploadError as error:
        return LedgerResult(empty_ledger(parties, years), tuple(Issue(None, "", p) for p in error.problems))
    return validate_ledger(frame, parties, years, first_row=2)


def known_count(frame: pd.DataFrame) -> int:
    """How many amounts in the ledger are known (filled in)."""
    return int(frame[list(STATES)].notna().sum().sum())
