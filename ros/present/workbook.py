"""The Excel workbook of a scenario, and the first sheet of every workbook: what it holds and which data and settings
it was made with.

Numbers stay numbers with the number format of the screen (so a planner can compute on), settings as numbers next
to their words, unknown amounts stay empty cells, headers in the UI language, and text that a spreadsheet could run
as a formula is neutralised by `ros.present.exports`.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from ros.base import format as fmt
from ros.base.i18n import translate
from ros.data.snapshot import DataVersion
from ros.model.targets import TargetResult
from ros.present import exports
from ros.present.comparison import LABELS, setting_text
from ros.records.scenario import DEFAULT, URL_FIELDS, Scenario

# The number kind of each numeric setting; percentages are stored as fractions so Excel shows 100,0%.
SETTING_KINDS = {"woningen": "integer", "inwoners": "integer", "tempo": "integer", "startjaar": "year",
                 "eindjaar": "year", "steden": "percent", "vast_rijk": "percent", "vast_provincie": "percent",
                 "vast_waterschap": "percent", "bewoning": "percent2", "totaalbudget": "money_cents"}  # fmt: skip


def setting_number(alias: str, value: object) -> int | float | None:
    """A setting's value as a number for a spreadsheet (percentages as fractions), None when it is not a number."""
    if alias not in SETTING_KINDS or value is None:
        return None
    if SETTING_KINDS[alias].startswith("percent"):
        return float(value) / 100  # type: ignore[arg-type]
    return value if isinstance(value, int) else float(value)  # type: ignore[arg-type]


def about_sheet(scenario: Scenario, lang: str, version: DataVersion, made: date, contents: str) -> pd.DataFrame:
    """The first sheet of a workbook: what it holds, the data version, the day it was made, then every setting of
    the scenario in words and as a number (with its default and its name in the link)."""
    item, words, number, default, parameter = (
        translate(lang, f"downloads.col_{c}") for c in ("item", "words", "number", "default", "parameter")
    )
    rows: list[dict[str, object]] = [
        {item: translate(lang, "downloads.contents"), words: contents},
        {
            item: translate(lang, "downloads.data_version"),
            words: translate(
                lang,
                "downloads.data_version_text",
                fingerprint=version.fingerprint or fmt.unknown(lang),
                date=fmt.partial_date(version.newest_source or None, lang),
            ),
        },
        {item: translate(lang, "downloads.made"), words: fmt.long_date(made, lang)},
        {item: translate(lang, "downloads.settings"), words: translate(lang, "downloads.settings_text")},
    ]
    kinds: list[str | None] = [None] * len(rows)
    for field_alias, name in URL_FIELDS.items():
        alias, value = str(field_alias), getattr(scenario, name)
        rows.append(
            {
                item: translate(lang, LABELS[alias]),
                words: setting_text(alias, value, lang),
                number: setting_number(alias, value),
                default: setting_text(alias, getattr(DEFAULT, name), lang),
                parameter: alias,
            }
        )
        kinds.append(SETTING_KINDS.get(alias))
    frame = pd.DataFrame(rows, columns=[item, words, number, default, parameter]).astype({number: object})
    frame[number] = [None if pd.isna(v) else v for v in frame[number]]
    frame.attrs[exports.CELL_FORMATS_ATTR] = {number: kinds}
    return frame


def ledger_sheet(scenario: Scenario) -> pd.DataFrame:
    """The scenario's ledger entries (party, year, the four states; empty = not filled in)."""
    return pd.DataFrame(
        [entry.model_dump() for entry in scenario.ledger_entries],
        columns=["party", "year", "toegezegd", "gefactureerd", "ontvangen", "besteed"],
    )


def own_figures_sheet(scenario: Scenario) -> pd.DataFrame:
    """The scenario's own figures (code, year, new construction, demolition, net change; empty = not given)."""
    return pd.DataFrame(
        [entry.model_dump() for entry in scenario.own_figures],
        columns=["code", "year", "new_construction", "demolition", "net_change"],
    )


def workbook(about: pd.DataFrame, sheets: dict[str, pd.DataFrame], lang: str) -> bytes:
    """The .xlsx bytes of `sheets` (headers in `lang`) behind the sheet `about`."""
    localised = {name: exports.localise(frame, lang) for name, frame in sheets.items()}
    return exports.excel_bytes({translate(lang, "downloads.sheet_about"): about, **localised})


def scenario_workbook(
    scenario: Scenario,
    result: TargetResult,
    lang: str,
    sources: pd.DataFrame,
    contributions: pd.DataFrame | None = None,
    version: DataVersion | None = None,
    made: date | None = None,
) -> bytes:
    """The .xlsx bytes: about (settings and data version), targets per municipality, yearly paths, Twente per year,
    cost-sharing contributions (when a total budget is set), ledger entries, own figures (when any) and sources."""
    about = about_sheet(
        scenario,
        lang,
        version or DataVersion("", ""),
        made or date.today(),
        translate(lang, "downloads.contents_scenario"),
    )
    sheets = {
        translate(lang, "scenario.sheet_targets"): result.table(),
        translate(lang, "scenario.sheet_paths"): result.yearly_frame(),
        translate(lang, "scenario.sheet_region"): result.region_path(),
    }
    if contributions is not None:
        sheets[translate(lang, "scenario.sheet_contributions")] = contributions
    sheets[translate(lang, "scenario.sheet_ledger")] = ledger_sheet(scenario)
    if scenario.own_figures:
        sheets[translate(lang, "progress.sheet_own")] = own_figures_sheet(scenario)
    sheets[translate(lang, "scenario.sheet_sources")] = sources
    return workbook(about, sheets, lang)
