"""Downloads and captions: CSV/Excel buttons, scenario files, and the source caption and columns under a table."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ros.base import format as fmt
from ros.base.i18n import translate
from ros.data.snapshot import data_version
from ros.model.region import source
from ros.present import exports, workbook
from ros.records import scenario
from ros.records.scenario_file import file_bytes
from ros.ui.cached import per_language
from ros.ui.data import Data, snapshot, target_result
from ros.ui.scenarios import current_scenario, scenario_contributions
from ros.ui.text import lang, t


def source_columns() -> dict[str, Any]:
    """Column labels (and link rendering) for a table of sources."""
    columns = {c: t(f"sources.col_{c}") for c in ("id", "title", "publisher", "date", "licence", "note")}
    return columns | {"reference": st.column_config.LinkColumn(t("sources.col_reference"))}


def scenario_downloads(chosen: scenario.Scenario, name: str | None = None) -> None:
    """Download buttons for a scenario: the scenario file (JSON) and the Excel workbook with every result."""
    label = name or t("scenario.current_name")
    left, right = st.columns(2)
    left.download_button(
        t("scenario.download_file"),
        lambda: file_bytes(
            label, t("scenario.current_author"), scenario.VERSION, scenario.to_json(chosen), datetime.now(UTC)
        ),
        file_name="scenario.json",
        mime="application/json",
        icon=":material/download:",
        on_click="ignore",
        key="scenario_json_current",
    )
    right.download_button(
        t("scenario.download_excel"),
        lambda: workbook.scenario_workbook(
            chosen,
            target_result(chosen.target_settings()),
            lang(),
            snapshot()["sources"],
            scenario_contributions(chosen),
            data_version(snapshot()),
            date.today(),
        ),
        file_name="scenario.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:",
        on_click="ignore",
        key="scenario_xlsx_current",
    )


def template_download(where: DeltaGenerator, label: str, template: pd.DataFrame, file_name: str, key: str) -> None:
    """A button in `where` that downloads an upload template as CSV (built when clicked)."""
    where.download_button(
        label,
        lambda: exports.csv_bytes(template),
        file_name=file_name,
        mime="text/csv",
        icon=":material/download:",
        key=key,
        on_click="ignore",
    )


@per_language(max_entries=512)
def _source_text(data: Data, language: str, source_ids: tuple[str, ...]) -> str:
    parts = []
    for source_id in source_ids:
        row = source(data.snapshot, source_id)
        parts.append(f"{row['publisher']}, *{row['title']}* ({fmt.partial_date(row['date'], language)})")
    return f"{translate(language, 'common.source')}: " + "; ".join(parts)


def source_caption(source_ids: Iterable[str], extra: str = "") -> None:
    """A caption naming the sources (publisher, title, date) of what is shown just above it (the text is built
    once per list of sources and language)."""
    text = _source_text(tuple(dict.fromkeys(source_ids)))
    st.caption(f"{text}. {extra}" if extra else text)


def download_buttons(
    name: str, sheets: Mapping[str, pd.DataFrame] | Callable[[], Mapping[str, pd.DataFrame]], key: str
) -> None:
    """CSV (first sheet, plain and for a Dutch Excel) and Excel (an about sheet with the settings and the data
    version, then all sheets) download buttons side by side; headers in the UI language; files are built on click
    (`sheets` may be a function, called then: a large table is not read on every rerun)."""
    language, chosen = lang(), current_scenario()[0]

    def frames() -> Mapping[str, pd.DataFrame]:
        return sheets() if callable(sheets) else sheets

    def first() -> pd.DataFrame:
        return next(iter(frames().values()))

    plain, dutch, excel = st.columns(3)
    plain.download_button(
        t("common.download_csv"),
        lambda: exports.csv_bytes(exports.localise(first(), language)),
        file_name=f"{name}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"{key}_csv",
        on_click="ignore",
        help=t("downloads.csv_help"),
    )
    dutch.download_button(
        t("downloads.csv_dutch"),
        lambda: exports.dutch_csv_bytes(exports.localise(first(), language)),
        file_name=f"{name}-excel-nl.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"{key}_csv_nl",
        on_click="ignore",
        help=t("downloads.csv_dutch_help"),
    )
    excel.download_button(
        t("common.download_excel"),
        lambda: excel_file(frames(), language, chosen),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:",
        key=f"{key}_xlsx",
        on_click="ignore",
        help=t("downloads.excel_help"),
    )


def excel_file(sheets: Mapping[str, pd.DataFrame], language: str, chosen: scenario.Scenario) -> bytes:
    """The .xlsx bytes of `sheets` behind an about sheet naming the scenario's settings and the data version."""
    about = workbook.about_sheet(chosen, language, data_version(snapshot()), date.today(), ", ".join(sheets))
    return workbook.workbook(about, dict(sheets), language)
