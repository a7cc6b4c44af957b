"""AppTest: the Data & bronnen page lists every dataset with its sources and downloads."""

from conftest import run_app, texts
from ros.catalog import CATALOG

SHIPPED = [d for d in CATALOG if not d.optional]


def test_every_dataset_is_listed_with_rows_and_sources() -> None:
    at = run_app("app_pages/bronnen.py")
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert "Gemeenten: kerncijfers op 1 januari 2024" in labels
    assert "Nieuwbouw van woningen per jaar, 2012–2020" in labels
    assert len(labels) == len(SHIPPED) - 1
    assert "Bestand data/new_construction.csv, 126 regels." in texts(at)
    sources = at.dataframe[0].value
    assert "cbs_85984ned" in set(sources["id"])
    assert len(at.get("download_button")) == 3 * len(SHIPPED)


def test_sources_page_in_english() -> None:
    at = run_app("app_pages/bronnen.py", query={"lang": "en"})
    assert at.title[0].value == "Data & sources"
    assert "Municipalities: key figures on 1 January 2024" in [e.label for e in at.expander]
