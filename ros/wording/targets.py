"""The Doelen page in words: the sensitivity of the residents figures to the occupancy assumption."""

from __future__ import annotations

import pandas as pd

from datetime import date

from ros import format as fmt
from ros import pace
from ros.i18n import translate


def change_text(change: float, lang: str, is_setting: bool = False) -> str:
    """'−0,25% per jaar (aanname)', with '(aanname, ingesteld)' for the value the planner set."""
    shown = f"{fmt.signed(change * 100, lang, 2)}%"
    return translate(lang, "residents.change_setting" if is_setting else "residents.change_text", change=shown)


def homes_needed_text(value: float, lang: str) -> str:
    """Homes needed as a whole number; none when the existing stock already houses the target; 'onbekend'."""
    if fmt.is_unknown(value):
        return fmt.unknown(lang)
    return translate(lang, "residents.none_needed") if value <= 0 else fmt.number(value, lang)


def occupancy_sensitivity_table(
    frame: pd.DataFrame, lang: str, residents_target: int, homes: int, year: int
) -> pd.DataFrame:
    """`TargetResult.occupancy_sensitivity` as text with headers: change (each an assumption), homes needed for the
    residents target and residents housed by the allocated homes, at the end of `year`."""
    headers = {
        "change": translate(lang, "residents.col_change"),
        "homes_needed": translate(lang, "residents.col_homes_needed", target=fmt.number(residents_target, lang),
                                  year=year),
        "residents_housed": translate(lang, "residents.col_residents_housed", homes=fmt.number(homes, lang), year=year),
    }
    return pd.DataFrame({
        headers["change"]: [change_text(c, lang, s) for c, s in zip(frame["change"], frame["is_setting"], strict=True)],
        headers["homes_needed"]: [homes_needed_text(v, lang) for v in frame["homes_needed"]],
        headers["residents_housed"]: [fmt.signed(v, lang) for v in frame["residents_housed"]],
    })


def without_homes_note(names: tuple[str, ...], lang: str) -> str:
    """What a key means for the municipalities it gives nothing: 'Bij deze instelling krijgen 11 gemeenten 0
    woningen: …' (empty when every municipality gets homes)."""
    if not names:
        return ""
    return translate(lang, "targets.without_homes", count=len(names), names=", ".join(names))


def woondeal_status(homes: int, target: int, year: int, lang: str) -> tuple[str, str, bool]:
    """Whether the path reaches the Woondeal (≥ `target` homes by the end of `year`): a short badge ('niet gehaald
    (≥ 14.100)'), a sentence that says by how much, and whether it does."""
    met, values = homes >= target, {"value": fmt.number(target, lang), "year": year,
                                    "short": fmt.number(target - homes, lang)}
    state = "met" if met else "missed"
    return (translate(lang, f"targets.woondeal_{state}", **values),
            translate(lang, f"targets.woondeal_{state}_sentence", **values), met)


def from_now_text(homes: int, start_year: int, end_year: int, today: date, lang: str) -> str:
    """The plan's pace counted from today instead of from the start year: what a year is needed at most (when
    nothing has been built since the start year, which the data do not yet say); empty before the start year."""
    if today.year < start_year:
        return ""
    per_year = pace.per_year_from_now(homes, end_year, today)
    if per_year is None:
        return translate(lang, "targets.from_now_over", end=end_year)
    return translate(lang, "targets.from_now", date=fmt.short_date(today, lang), per_year=fmt.number(per_year, lang),
                     end=end_year, start=start_year, years=fmt.number(pace.years_left(end_year, today), lang, 1))
