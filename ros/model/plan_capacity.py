"""Plan capacity against the part of the target still to build, and a newer capacity list by planning phase.

The shipped capacity is the provincial list of 2021 (hard and soft plans, soft for 2021–2030; flagged incomplete
by its compilers, `plan_capacity.csv`). A planner may upload a newer list per municipality by phase: onherroepelijk,
in voorbereiding, in ontwikkeling, potentieel. Coverage is capacity ÷ the homes still to build (the scenario's
target minus what is known to be realised since its start year; the whole target when that is unknown, and the
table says so). Planners commonly keep about 130 % of what must be built in plans because some plans fall through:
that is a rule of thumb, shown as one, not a norm. The gap is what would still need new locations.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ros.base.problems import InputError, Issue, problem
from ros.data import uploads
from ros.data.catalog import TWENTE
from ros.model import own_figures
from ros.model.own_figures import cell_issue

RULE_OF_THUMB = 1.3
PHASES = ("onherroepelijk", "in_voorbereiding", "in_ontwikkeling", "potentieel")
_PHASE_ALIASES = {
    "in voorbereiding": "in_voorbereiding",
    "in ontwikkeling": "in_ontwikkeling",
    "irrevocable": "onherroepelijk",
    "in preparation": "in_voorbereiding",
    "in development": "in_ontwikkeling",
    "potential": "potentieel",
}
SHIPPED_YEAR = 2021  # the year of the shipped provincial list


def shipped_capacity(plan_capacity: pd.DataFrame) -> pd.DataFrame:
    """The shipped 2021 list as code, hard, soft and total capacity (homes)."""
    frame = plan_capacity[["code", "hard_plans", "soft_plans", "total_plans"]]
    return frame.rename(columns={"hard_plans": "hard", "soft_plans": "soft", "total_plans": "total"}).astype(
        {"hard": "Int64", "soft": "Int64", "total": "Int64"}
    )


def uploaded_capacity(frame: pd.DataFrame) -> pd.DataFrame:
    """A checked phase list as code, hard (onherroepelijk), soft (the other phases) and total, plus the phases;
    the total is unknown when a phase is."""
    result = frame.copy()
    result["hard"] = result["onherroepelijk"]
    soft = result[list(PHASES[1:])]
    result["soft"] = pd.array(
        [pd.NA if row.isna().any() else int(row.sum()) for _, row in soft.iterrows()], dtype="Int64"
    )
    result["total"] = pd.array(
        [
            pd.NA if pd.isna(h) or pd.isna(s) else int(h + s)
            for h, s in zip(result["hard"], result["soft"], strict=True)
        ],
        dtype="Int64",
    )
    return result


def coverage_table(
    capacity: pd.DataFrame,
    targets: Mapping[str, int],
    realised: Mapping[str, int | None],
    order: list[str],
    rule: float = RULE_OF_THUMB,
) -> pd.DataFrame:
    """Per municipality (in `order`) and a last Twente row: target, realised since the start (NA = unknown),
    basis ('remaining' or 'whole_target' when the realisation is unknown), to_build, capacity (total, hard, soft),
    coverage (capacity ÷ to_build), the capacity the rule of thumb asks (to_build × rule, rounded up), and the
    gaps to 100 % and to the rule of thumb (never below 0). NA wherever an input is unknown."""
    by_code = capacity.set_index("code")
    rows = []
    for code in order:
        total = by_code["total"].get(code, pd.NA) if code in by_code.index else pd.NA
        hard = by_code["hard"].get(code, pd.NA) if code in by_code.index else pd.NA
        soft = by_code["soft"].get(code, pd.NA) if code in by_code.index else pd.NA
        rows.append(_row(code, int(targets[code]), realised.get(code), total, hard, soft, rule))
    known = rows
    twente_realised = None if any(r["realised"] is pd.NA for r in known) else sum(int(r["realised"]) for r in known)
    twente_total = pd.NA if any(r["capacity"] is pd.NA for r in known) else sum(int(r["capacity"]) for r in known)
    twente_hard = pd.NA if any(r["hard"] is pd.NA for r in known) else sum(int(r["hard"]) for r in known)
    twente_soft = pd.NA if any(r["soft"] is pd.NA for r in known) else sum(int(r["soft"]) for r in known)
    rows.append(
        _row(
            TWENTE,
            sum(int(targets[c]) for c in order),
            twente_realised,
            twente_total,
            twente_hard,
            twente_soft,
            rule,
        )
    )
    frame = pd.DataFrame(rows)
    for column in ("realised", "to_build", "capacity", "hard", "soft", "rule_capacity", "gap", "gap_rule"):
        frame[column] = frame[column].astype("Int64")
    frame["coverage"] = frame["coverage"].astype("Float64")
    return frame


def _row(code: str, target: int, realised: Any, total: Any, hard: Any, soft: Any, rule: float) -> dict[str, Any]:
    unknown = realised is None or realised is pd.NA
    to_build = target if unknown else max(target - int(realised), 0)
    capacity = pd.NA if total is None or pd.isna(total) else int(total)
    needed = math.ceil(round(to_build * rule, 9))
    return {
        "code": code,
        "target": target,
        "realised": pd.NA if unknown else int(realised),
        "basis": "whole_target" if unknown else "remaining",
        "to_build": to_build,
        "capacity": capacity,
        "hard": pd.NA if hard is None or pd.isna(hard) else int(hard),
        "soft": pd.NA if soft is None or pd.isna(soft) else int(soft),
        "coverage": pd.NA if capacity is pd.NA or to_build == 0 else capacity / to_build,
        "rule_capacity": needed,
        "gap": pd.NA if capacity is pd.NA else max(to_build - capacity, 0),
        "gap_rule": pd.NA if capacity is pd.NA else max(needed - capacity, 0),
    }


def check_capacity(
    frame: pd.DataFrame, names: Mapping[str, str], first_row: int = 2
) -> tuple[pd.DataFrame, tuple[Issue, ...]]:
    """Check an uploaded capacity list (code or gemeente, and the four phases); returns the checked frame (code
    and the phases as Int64, NA = empty) and one issue per problem (catalogue-keyed, read in the UI language)."""
    frame = own_figures.normalise_columns(frame).rename(columns=_PHASE_ALIASES)
    issues: list[Issue] = []
    if "code" not in frame.columns and own_figures.NAME not in frame.columns:
        issues.append(Issue(None, "code", problem("upload_rows.code_or_name_missing")))
    missing = [p for p in PHASES if p not in frame.columns]
    issues += [Issue(None, p, problem("input.ledger_column_missing", column=p)) for p in missing]
    allowed = ("code", own_figures.NAME, *PHASES)
    issues += [
        Issue(None, str(c), problem("input.ledger_column_unknown", column=str(c)[:60], allowed=", ".join(allowed)))
        for c in frame.columns
        if c not in allowed
    ]
    if frame.columns.duplicated().any():
        issues.append(Issue(None, "", problem("input.ledger_column_twice")))
    if issues:
        return _empty_capacity(), tuple(issues)
    rows: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    for position, record in enumerate(frame.to_dict(orient="records")):
        row = position + first_row
        try:
            code = own_figures.municipality_code(record.get("code"), record.get(own_figures.NAME), names)
        except ValueError as error:
            issues.append(cell_issue(row, "code", error))
            continue
        if code in seen:
            twice = problem("upload_rows.municipality_twice", name=names[code], row=seen[code])
            issues.append(cell_issue(row, "code", InputError(twice)))
            continue
        seen[code] = row
        values = {}
        for phase in PHASES:
            try:
                values[phase] = own_figures.parse_count(record.get(phase))
            except ValueError as error:
                issues.append(cell_issue(row, phase, error))
        rows.append({"code": code, **values})
    if not rows and not issues:
        issues.append(Issue(None, "", problem("input.ledger_no_rows")))
    if issues:
        return _empty_capacity(), tuple(issues)
    result = pd.DataFrame(rows, columns=["code", *PHASES])
    for phase in PHASES:
        result[phase] = result[phase].astype("Int64")
    return result, ()


def _empty_capacity() -> pd.DataFrame:
    frame = pd.DataFrame({"code": pd.Series([], dtype=object)})
    for phase in PHASES:
        frame[phase] = pd.Series([], dtype="Int64")
    return frame


def load_upload(file_name: str, data: bytes, names: Mapping[str, str]) -> tuple[pd.DataFrame, tuple[Issue, ...]]:
    """Read and check an uploaded capacity list; a file that cannot be read is one issue."""
    try:
        frame = own_figures.read_upload(file_name, data, max_rows=200)
    except uploads.UploadError as error:
        return _empty_capacity(), tuple(Issue(None, "", p) for p in error.problems)
    return check_capacity(frame, names)


def capacity_template(names: Mapping[str, str]) -> pd.DataFrame:
    """The upload template: one row per municipality with empty phases."""
    frame = pd.DataFrame({"code": list(names), own_figures.NAME: list(names.values())})
    for phase in PHASES:
        frame[phase] = pd.Series([pd.NA] * len(frame), dtype="Int64")
    return frame
