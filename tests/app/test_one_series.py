"""After a refresh every page shows the same, newest population and history, and none reads a shipped table that
the refreshed one supersedes (ros.data.series)."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ros.base import format as fmt
from ros.base.config import ROOT
from ros.data import series
from ros.data.snapshot import Snapshot
from tests.support.app import run_app, texts
from tests.support.progress import monthly_population, revised_changes, write_refreshed

SERIES_FILE = str(ROOT / "ros" / "data" / "series.py")


@pytest.fixture
def refreshed_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A refreshed data directory: dwelling changes 2012–2026 (Enschede's 2016 revised) and 37230ned to 1-10-2026."""
    folder = write_refreshed(tmp_path / "data")
    revised_changes().to_csv(folder / "dwelling_changes.csv", index=False)
    monthly_population().to_csv(folder / "population_monthly.csv", index=False)
    monkeypatch.setenv("ROS_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def superseded_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every read of a shipped table that the snapshot's refreshed table supersedes, outside ros/data/series.py."""
    reads: list[str] = []
    original = Snapshot.__getitem__

    def recording(self: Snapshot, name: str) -> pd.DataFrame:
        if name in series.SUPERSEDED and series.SUPERSEDED[name] in self.tables:
            frame = sys._getframe(1)
            while frame.f_code.co_filename.endswith("_collections_abc.py"):  # Mapping.get reads through []
                frame = frame.f_back  # type: ignore[assignment]
            if frame.f_code.co_filename != SERIES_FILE:
                reads.append(f"{name} in {frame.f_code.co_filename}:{frame.f_lineno}")
        return original(self, name)

    monkeypatch.setattr(Snapshot, "__getitem__", recording)
    return reads


def open_page(page: str, query: dict[str, str], **state: object) -> AppTest:
    """Run app.py once with `query` (AppTest learns the pages' URL paths from a first run), then `page` with the
    page's own URL parameters `state` added."""
    at = run_app(None, query)
    for key, value in state.items():
        at.query_params[key] = value
    return at.switch_page(page).run()


def shown(page: str, query: dict[str, str] | None = None, **state: object) -> str:
    """The visible text of `page` with the specs of its charts appended."""
    at = open_page(page, query or {}, **state)
    assert not at.exception
    return texts(at) + " ".join(c.proto.spec for c in at.get("plotly_chart"))


@pytest.mark.usefixtures("refreshed_dir")
def test_every_page_shows_the_refreshed_population_and_history(superseded_reads, snapshot) -> None:
    monthly = monthly_population()
    latest = monthly[monthly["month"] == "2026-10"]
    twente_now = fmt.number(int(latest["population"].sum()), "nl")
    growth = fmt.signed(int(latest["population"].sum() - snapshot["municipalities"]["population"].sum()), "nl")
    history = revised_changes()
    history = history[history["period"].str.len() == 4]
    history = history[history["period"].astype(int) <= 2020]
    twente_average = fmt.number(history["new_construction"].sum() / 9, "nl")
    enschede_average = fmt.number(history.loc[history["code"] == "GM0153", "new_construction"].sum() / 9, "nl")
    assert (twente_now, growth, twente_average, enschede_average) == ("647.709", "+6.903", "1.666", "429")

    assert f"Inwoners op 1-10-2026\n{twente_now}" in shown("app_pages/overzicht.py")
    doelen = shown("app_pages/doelen.py")
    assert f"gemiddelde van 2012–2020** ({twente_average} per jaar" in doelen
    assert f'"hovertemplate":"1-10-2026: {growth} (voorlopig)' in doelen  # the residents chart's latest count
    assert f"telde Twente {twente_now} inwoners" in shown("app_pages/voortgang.py")
    headline = shown("app_pages/vergadermodus.py", dia="1")
    assert f"Inwoners op 1 oktober 2026\n{twente_now}" in headline
    assert f"Gebouwd per jaar, 2012–2020 (gemiddeld)\n{twente_average}" in shown("app_pages/vergadermodus.py", dia="3")
    enschede = {"gemeente": "GM0153"}
    assert f"({enschede_average} per jaar" in shown("app_pages/doelen.py", enschede)
    briefing = shown("app_pages/mijn_gemeente.py", enschede)
    assert f"Enschede gemiddeld **{enschede_average} woningen" in briefing
    assert superseded_reads == []

    # The texts and sources move with the data: no page says the figures after 2020 are missing.
    assert "na 2020 ontbreken" not in doelen
    assert "wat er sinds 2022 is gebouwd (CBS 81955NED en 86098NED, t/m september 2026) staat op de pagina" in doelen
    assert "nieuwere cijfers zitten nog niet in de gegevens" not in headline
    assert (
        "CBS-woningvoorraad; wat er sindsdien bijkwam staat bij de woningen gebouwd sinds 2024 (CBS 81955NED en "
        "86098NED, t/m september 2026)." in headline
    )
    caption = next(line for line in headline.splitlines() if line.startswith("Bron: Gemeente Almelo"))
    for table in ("85984NED", "37230ned", "81955NED", "86098NED"):
        assert f"({table})" in caption
    assert (
        "nieuwbouw 2012–2020 en de woningmutaties t/m september 2026 (CBS 81955NED en 86098NED); inwoners per "
        "1 oktober 2026 (CBS 37230ned)" in briefing
    )
