"""Realised homes in words: what CBS counted since the start year, for Overzicht, Doelen, Vergadermodus, Mijn gemeente.

Takes `ros.model.realised.RealisedHomes` (or None when the refreshed tables are not in the data) and a language; every
text
comes from `ros/base/locales/<lang>/refresh.toml`. Unknown sums read "onbekend", a running year "t/m september 2026".
"""

from __future__ import annotations

from ros.base import format as fmt
from ros.base.i18n import translate
from ros.model.realised import RealisedHomes


def period_text(homes: RealisedHomes, lang: str) -> str:
    """The last period counted: '2025' for a whole year, 'september 2026' for a running year."""
    return period_of(homes.last_year, homes.months, lang)


def period_of(year: int, months: int, lang: str) -> str:
    """A period of `months` months of `year`: '2025' for a whole year, 'september 2026' for a running year."""
    return fmt.partial_date(f"{year}-{months:02d}", lang) if months < 12 else str(year)


def tables_text(homes: RealisedHomes, lang: str) -> str:
    """The CBS tables the figures come from: '81955NED en 86098NED'."""
    ids = [source.removeprefix("cbs_").upper() for source in homes.source_ids]
    return (
        translate(lang, "refresh.and_list", first=", ".join(ids[:-1]), last=ids[-1]) if len(ids) > 1 else "".join(ids)
    )


def _facts(homes: RealisedHomes, lang: str) -> dict[str, str]:
    return {
        "start": str(homes.first_year),
        "period": period_text(homes, lang),
        "tables": tables_text(homes, lang),
        "status": translate(lang, f"refresh.status_{homes.status.replace(' ', '_')}"),
    }


def homes_sentence(homes: RealisedHomes | None, start: int, lang: str) -> str:
    """New construction and net change since `start`, with period, status and tables; or why it is not known."""
    if homes is None:
        return translate(lang, "refresh.realised_not_yet", start=start, unknown=fmt.unknown(lang))
    return translate(
        lang,
        "refresh.realised_homes",
        new=fmt.number(homes.new_construction, lang),
        net=fmt.number(homes.net_change, lang),
        **_facts(homes, lang),
    )


def pace_sentence(homes: RealisedHomes | None, start: int, lang: str) -> str:
    """The realised pace per year since `start` (new construction and net change), or why it is not known."""
    if homes is None:
        return translate(lang, "refresh.realised_not_yet", start=start, unknown=fmt.unknown(lang))

    def per_year(value: int | None) -> str:
        return fmt.number(None if value is None else value / homes.years, lang)

    return translate(
        lang,
        "refresh.realised_pace",
        new=per_year(homes.new_construction),
        net=per_year(homes.net_change),
        **_facts(homes, lang),
    )
