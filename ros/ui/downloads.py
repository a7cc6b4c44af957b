"""Downloads and captions: CSV/Excel buttons, scenario files, and the source caption and columns under a table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from ros import exports, scenario
from ros import format as fmt
from ros.region import source
from ros.store import scenario_file
from ros.ui.data import snapshot, target_result
from ros.ui.scenarios import scenario_contributions
from ros.ui.text import lang, t
from ros.workbook import scenario_workbook


def source_columns() -> dict[str, object]:
    """Column labels (and link rendering) for a table of sources."""
    columns = {c: t(f"sources.col_{c}") for c in ("id", "title", "publisher", "date", "licence", "note")}
    return columns | {"reference": st.column_config.LinkColumn(t("sources.col_reference"))}



def scenario_downloads(chosen: scenario.Scenario, name: str | None = None) -> None:
    """Download buttons for a scenario: the scenario file (JSON) and the Excel workbook with every result."""
    label = name or t("scenario.current_name")
    left, right = st.columns(2)
    left.download_button(
        t("scenario.download_file"),
        lambda: scenario_file(label, t("scenario.current_author"), scenario.VERSION, scenario.to_json(chosen),
                              datetime.now(UTC)),
        file_name="scenario.json", mime="application/json", icon=":material/download:", on_click="ignore",
        key="scenario_json_current",
    )
    right.download_button(
        t("scenario.download_excel"),
        lambda: scenario_workbook(chosen, target_result(chosen.target_settings()), lang(), snapshot()["sources"],
                                  scenario_contributions(chosen)),
        file_name="scenario.xlsx", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:", on_click="ignore", key="scenario_xlsx_current",
    )



def source_caption(source_ids: Iterable[str], extra: str = "") -> None:
    """A caption naming the sources (publisher, title, date) of what is shown just above it."""
    parts = []
    for source_id in dict.fromkeys(source_ids):
        row = source(snapshot(), source_id)
        parts.append(f"{row['publisher']}, *{row['title']}* ({fmt.partial_date(row['date'], lang())})")
    text = f"{t('common.source')}: " + "; ".join(parts)
    st.caption(f"{text}. {extra}" if extra else text)


def download_buttons(name: str, sheets: Mapping[str, pd.DataFrame], key: str) -> None:
    """CSV (first sheet) and Excel (all sheets) download buttons side by side; files are built on click."""
    first = next(iter(sheets.values()))
    left, right = st.columns(2)
    left.download_button(
        t("common.download_csv"),
        lambda: exports.csv_bytes(first),
        file_name=f"{name}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"{key}_csv",
        on_click="ignore",
    )
    right.download_button(
        t("common.download_excel"),
        lambda: exports.excel_bytes(sheets),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:",
        key=f"{key}_xlsx",
        on_click="ignore",
    )
