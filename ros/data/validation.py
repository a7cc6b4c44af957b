"""Row-by-row validation of the shipped CSV tables with pydantic, reported in Dutch.

Each table in the catalogue has a pydantic row model. `validate_table` checks every row against it and raises
`DataError` naming the file, the line number (as a spreadsheet shows it, header = line 1) and the problem.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from ros.base.i18n import catalogue, language, translate
from ros.base.problems import InputError


class DataError(ValueError):
    """A shipped or uploaded table that does not meet its schema; the message says where and why."""


GemeenteCode = Annotated[str, Field(pattern=r"^GM\d{4}$")]
Count = Annotated[int, Field(ge=0)]
Text = Annotated[str, Field(min_length=1)]


def _partial_date(value: str) -> str:
    """Accept a date as precise as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD."""
    if re.fullmatch(r"\d{4}", value):
        return value
    if re.fullmatch(r"\d{4}-\d{2}", value):
        date.fromisoformat(value + "-01")
        return value
    date.fromisoformat(value)
    return value


PartialDate = Annotated[str, AfterValidator(_partial_date)]


class Row(BaseModel):
    """Base for row models: strict about unknown columns, lenient about CSV text types."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def describe_error(error: Mapping[str, Any], lang: str = "nl") -> str:
    """One phrase (no full stop) for one pydantic error, in `lang` (catalogue area `validation`); a refusal raised
    as `InputError` inside a validator speaks for itself."""
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, InputError) and not error["loc"]:
        return cause.text(lang).rstrip(".")
    if isinstance(cause, InputError):
        field = ".".join(str(p) for p in error["loc"])
        return translate(lang, "validation.field_problem", field=field, problem=cause.text(lang).rstrip("."))
    if error["type"] == "value_error" and not error["loc"]:
        return str(error["msg"]).removeprefix("Value error, ")
    texts = catalogue(language(lang))
    field = ".".join(str(p) for p in error["loc"]) or texts["validation.row"]
    phrase = texts.get(f"validation.{error['type']}", texts["validation.value_error"])
    given = error.get("input")
    if error["type"] == "missing" or isinstance(given, dict):
        return translate(lang, "validation.field", field=field, phrase=phrase)
    return translate(lang, "validation.field_given", field=field, phrase=phrase, given=repr(given)[:60])


def _cell(value: Any) -> Any:
    """A CSV cell as pydantic should see it: empty cells are missing values."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    return value


def validate_table(frame: pd.DataFrame, model: type[Row], file: str | Path) -> list[Row]:
    """Validate every row of `frame`; return the parsed rows or raise DataError for the first bad one."""
    name = Path(file).name
    expected = set(model.model_fields)
    missing = [c for c in model.model_fields if c not in frame.columns and model.model_fields[c].is_required()]
    if missing:
        raise DataError(
            f"{name}: kolom(men) {', '.join(missing)} ontbreken (verwacht: {', '.join(model.model_fields)})"
        )
    unknown = [str(c) for c in frame.columns if c not in expected]
    if unknown:
        raise DataError(f"{name}: kolom(men) {', '.join(unknown)} onbekend (verwacht: {', '.join(model.model_fields)})")
    rows = []
    for position, record in enumerate(frame.to_dict(orient="records")):
        values = {k: v for k, v in ((k, _cell(v)) for k, v in record.items()) if v is not None}
        try:
            rows.append(model.model_validate(values))
        except ValidationError as error:
            problems = "; ".join(describe_error(e) for e in error.errors())
            raise DataError(f"{name}, regel {position + 2}: {problems}") from None
    return rows


def require_unique(frame: pd.DataFrame, columns: list[str], file: str | Path) -> None:
    """Raise DataError naming the first combination of `columns` that occurs twice."""
    duplicated = frame.index[frame.duplicated(subset=columns)]
    if len(duplicated):
        first = frame.loc[duplicated[0], columns].astype(str).tolist()
        raise DataError(
            f"{Path(file).name}, regel {int(duplicated[0]) + 2}: {' / '.join(first)} komt vaker dan één keer voor"
            f" (sleutel: {', '.join(columns)})"
        )
