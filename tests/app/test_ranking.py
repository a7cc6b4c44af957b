"""Who is behind, through app.py: the ranking on Voortgang, Overzicht and the meeting view with the shipped
snapshot (unknown, and why), the refreshed fixture (ranked) and the fixture with one municipality's year missing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.support.app import run_app, texts
from tests.support.progress import write_refreshed

PAGE = "app_pages/voortgang.py"
UNKNOWN_2025 = (
    "Wie achterloopt is nog onbekend: de realisatie sinds 2025 staat voor geen enkele gemeente in de gegevens"
)


def _ranking(at) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "plaats" in d.value.columns or "place" in d.value.columns)


@pytest.fixture
def refreshed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The refreshed fixture (net change per municipality 85 + 9·i + 5·(y − 2021), 2026 t/m september)."""
    data = write_refreshed(tmp_path / "data")
    monkeypatch.setenv("ROS_DATA_DIR", str(data))
    return data


def test_shipped_snapshot_ranks_nobody_and_says_why() -> None:
    at = run_app(PAGE)
    assert not at.exception
    shown = texts(at)
    assert f"{UNKNOWN_2025} (CBS-cijfers tot en met 2020). Ververs de gegevens of vul een eigen opgave in." in shown
    table = _ranking(at)
    assert len(table) == 14
    assert set(table["plaats"]) == {"–"}  # nobody ranked, nobody last
    assert set(table["leveringsratio"]) == {"onbekend"}
    assert set(table["waarom geen plaats"]) == {
        "realisatie sinds 2025 niet in de gegevens; CBS-cijfers tot en met 2020"
    }
    assert not any("Leveringsratio woningen" in c.proto.spec for c in at.get("plotly_chart"))
    overview = texts(run_app("app_pages/overzicht.py"))
    assert UNKNOWN_2025 in overview


@pytest.mark.usefixtures("refreshed")
def test_refreshed_fixture_ranks_all_fourteen_with_their_figures() -> None:
    at = run_app(PAGE)
    assert not at.exception
    table = _ranking(at).set_index("gemeente")
    assert list(table.index[:3]) == ["Enschede", "Almelo", "Hengelo"]
    assert list(table.index[-1:]) == ["Dinkelland"]
    assert list(table.loc["Enschede"]) == [
        "1", "222", "1.173", "19%", "−951", "709", "127", "onder 75%", "",
    ]  # fmt: skip
    assert list(table.loc["Dinkelland"])[:5] == ["14", "420", "194", "216%", "+226"]
    assert table.loc["Hellendoorn", "band (referentie: Housing Delivery Test)"] == "95% of meer"
    assert (
        "Woningen sinds 2025 (2025–2026 t/m september): verst achter staan Enschede (19%), Almelo (35%), "
        "Hengelo (46%); verst voor Dinkelland (216%), Tubbergen (212%), Wierden (191%)."
    ) in texts(at)
    assert any("Leveringsratio woningen sinds 2025" in c.proto.spec for c in at.get("plotly_chart"))
    overview = texts(run_app("app_pages/overzicht.py"))
    assert "verst achter staan Enschede (19%), Almelo (35%), Hengelo (46%)" in overview


@pytest.mark.usefixtures("refreshed")
def test_sort_and_kind_come_from_the_link() -> None:
    at = run_app(PAGE, {"rang_op": "difference", "ranglijst": "homes"})
    assert at.segmented_control(key="rang_op").value == "difference"
    table = _ranking(at)
    assert list(table["gemeente"][:2]) == ["Enschede", "Almelo"]  # −950,5 and −353
    assert list(table["tekort (−) of overschot (+)"][:2]) == ["−951", "−353"]
    residents = _ranking(run_app(PAGE, {"ranglijst": "residents", "rang_op": "ratio"})).set_index("gemeente")
    assert list(residents.loc["Haaksbergen"])[:5] == ["1", "−46", "292", "-16%", "−338"]
    assert "band (referentie: Housing Delivery Test)" not in residents.columns  # the bands are for homes


def test_residents_are_ranked_with_the_shipped_counts() -> None:
    at = run_app("app_pages/overzicht.py")
    assert (
        "Inwoners van 1-1-2024 tot 1-1-2026: verst achter staan Haaksbergen (-16%), Hellendoorn (20%), Losser (32%); "
        "verst voor Wierden (202%), Borne (136%), Rijssen-Holten (128%)."
    ) in texts(at)


def test_a_municipality_with_an_unknown_year_is_unranked_not_last(refreshed: Path) -> None:
    changes = pd.read_csv(refreshed / "dwelling_changes.csv", dtype={"period": str})
    changes = changes[~((changes["code"] == "GM0153") & (changes["period"] == "2025"))]
    changes.to_csv(refreshed / "dwelling_changes.csv", index=False)
    at = run_app(PAGE, {"lang": "en"})
    assert not at.exception
    table = _ranking(at).set_index("municipality")
    assert list(table.index[:2]) == ["Almelo", "Hengelo"]
    assert table.index[-1] == "Enschede"
    assert list(table.loc["Enschede", ["place", "delivery ratio", "why no place"]]) == ["–", "unknown", "2025 unknown"]
    assert table.loc["Dinkelland", "place"] == "13"
    assert "Without a place (unknown, not counted as zero): Enschede (2025 unknown)." in texts(at)


@pytest.mark.usefixtures("refreshed")
def test_meeting_step_six_follows_the_sidebar_municipality() -> None:
    at = run_app("app_pages/vergadermodus.py", {"gemeente": "GM0183", "dia": "6"})
    assert not at.exception
    shown = texts(at)
    assert "### Leveringsratio Tubbergen: 212% (2025–2026 t/m september; netto toevoeging)" in shown
    assert "Leveringsratio Twente" not in shown
    spec = next(c.proto.spec for c in at.get("plotly_chart") if "Leveringsratio woningen" in c.proto.spec)
    assert '"size":22' in spec.replace(" ", "")
