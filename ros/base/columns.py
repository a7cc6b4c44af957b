"""The column vocabulary: the header of every domain column in each language and the number kind it is shown in.

Domain columns (`homes_base`, `per_1000`, `growth_2030`) keep one name in every layer; their headers come from the
`columns` catalogue (`ros/base/locales/<lang>/columns.toml`) and their number kind (whole number, one decimal,
percentage, year, euros) decides the rounding on screen and in every download.
"""

from __future__ import annotations

import re

from ros.base.i18n import catalogue, language, translate

# The number kind of each domain column, as the screen rounds it.
COLUMN_KINDS = {
    "per_year": "integer", "hist_average": "integer", "historical": "integer", "peak_year": "integer",
    "share": "percent", "growth_pct": "percent", "almelo_share": "percent2",
    "pace_ratio": "decimal1", "pace": "decimal1", "per_1000": "decimal1",
    "avg_household_size": "decimal2", "area_total_km2": "decimal2", "area_land_km2": "decimal2",
    "year": "year", "reached_year": "year", "hist_best_year": "year", "reference_year": "year",
    "baseline_year": "year", "jaar": "year", "start_year": "year", "end_year": "year",
    "amount": "money_cents", "total": "money_cents", "implied_total": "money",
    "toegezegd": "money_cents", "gefactureerd": "money_cents", "ontvangen": "money_cents", "besteed": "money_cents",
}  # fmt: skip
_YEAR_COLUMN = re.compile(r"^(growth|population)_(\d{4})$")
_COMPARED = re.compile(r"^(.+)_(base|other|delta)$")


def column_kind(column: str) -> str | None:
    """The number kind of a domain column ('integer', 'percent', 'year', …), None when it has no fixed kind."""
    if column in COLUMN_KINDS:
        return COLUMN_KINDS[column]
    if _YEAR_COLUMN.match(column):
        return "integer"
    if (match := _COMPARED.match(column)) and match[1] != column:
        return column_kind(match[1])
    return None


def header(column: str, lang: str) -> str:
    """The header of a domain column in `lang` ('homes_base' → 'Woningen (basis)'); unknown names stay as they are."""
    texts = catalogue(language(lang))
    if text := texts.get(f"columns.{column}"):
        return text
    if match := _YEAR_COLUMN.match(column):
        return translate(lang, f"columns.{match[1]}_year", year=match[2])
    if (match := _COMPARED.match(column)) and f"columns.{match[1]}" in texts:
        return translate(lang, f"columns.compared_{match[2]}", label=header(match[1], lang))
    if column.endswith("_source_id") and f"columns.{column[:-10]}" in texts:
        return translate(lang, "columns.source_of", label=header(column[:-10], lang))
    return column
