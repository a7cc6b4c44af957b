"""AppTest: the Data & bronnen page lists every dataset with its sources and downloads."""

from ros.data.catalog import CATALOG
from tests.support.app import run_app, texts

SHIPPED = [d for d in CATALOG if not d.optional]


def test_every_dataset_is_listed_with_rows_and_sources() -> None:
    at = run_app("app_pages/bronnen.py")
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert "Gemeenten: kerncijfers op 1 januari 2024" in labels
    assert "Nieuwbouw van woningen per jaar, 2012–2020" in labels
    assert len(labels) == len(SHIPPED) - 1
    sources = at.dataframe[0].value
    assert "cbs_85984ned" in set(sources["id"])
    # closed data sets send nothing: only the sources table and the downloads of everything
    assert len(at.dataframe) == 1
    assert len(at.get("download_button")) == 3
    assert "Bestand data/new_construction.csv" not in texts(at)


def test_an_opened_dataset_shows_its_rows_sources_and_downloads() -> None:
    at = run_app("app_pages/bronnen.py", dataset_new_construction=True)
    assert not at.exception
    assert "Bestand data/new_construction.csv, 126 regels." in texts(at)
    rows, sources = at.dataframe[1].value, at.dataframe[2].value
    assert len(rows) == 126
    assert set(rows["code"]) >= {"GM0153", "GM0164"}
    assert set(sources["id"]) == {"cbs_81955ned"}
    assert len(at.get("download_button")) == 6
    at.session_state["dataset_new_construction"] = False
    at.run()
    assert len(at.dataframe) == 1  # closed again: its tables are gone


def test_sources_page_in_english() -> None:
    at = run_app("app_pages/bronnen.py", query={"lang": "en"})
    assert at.title[0].value == "Data & sources"
    assert "Municipalities: key figures on 1 January 2024" in [e.label for e in at.expander]
