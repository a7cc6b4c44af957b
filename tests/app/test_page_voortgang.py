"""Voortgang page through app.py: the shipped snapshot (not in the data yet), uploaded own figures, and a refreshed
snapshot with CBS figures 2021–2026 (provisional months) written into a temporary data directory."""

from __future__ import annotations

import pytest

from tests.support.app import run_app, texts

PAGE = "app_pages/voortgang.py"
OWN_CSV = (
    b"code;gemeente;jaar;nieuwbouw;sloop;netto\nGM0153;Enschede;2025;316;469;0\nGM0153;Enschede;2026;700;100;650\n"
)


def test_shipped_snapshot_says_realisation_is_not_in_the_data_yet() -> None:
    at = run_app(PAGE, alt_voortgang_jaren=True)
    assert not at.exception
    shown = texts(at)
    assert "De realisatie sinds 2025 staat nog niet in de gegevens." in shown
    assert (
        "De CBS-cijfers in deze gegevens lopen tot en met 2020; het bouwpad van dit scenario begint in 2025." in shown
    )
    assert "ververs de gegevens" in shown
    assert "Eigen opgave" in shown
    assert "De realisatie sinds 2022 staat nog niet in de gegevens (CBS-cijfers tot en met 2020)" in shown
    assert "Leveringsratio" not in [m.label for m in at.metric]  # no ratio, no empty track chart
    specs = [chart.proto.spec for chart in at.get("plotly_chart")]
    assert any("Woningen per jaar: nieuwbouw en netto toevoeging" in spec for spec in specs)
    assert not any("Cumulatief gerealiseerd" in spec for spec in specs)  # no empty track chart
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Dekking plancapaciteit"] == "28%"
    assert metrics["Tekort tot de vuistregel (130%)"] == "70.142"
    assert "19.558 woningen plancapaciteit tegen 69.000 nog te bouwen" in shown
    assert "De realisatie sinds 2025 is onbekend; daarom staat hier het hele doel als nog te bouwen." in shown
    table = at.dataframe[0].value
    assert list(table.iloc[-1]) == ["2020", "1.719", "onbekend", "onbekend", "definitief", "CBS"]
    # the shipped PBL/CBS 2019 forecast: Twente 608.200 in 2050, the 1-1-2026 figure the sum of the 14 (derived)
    assert (
        "Volgens de prognose 2019 telt Twente op 1-1-2050 **608.200** inwoners; de ambitie komt dan uit op "
        "737.102. De ambitie ligt daarmee **+128.902** boven de trend."
    ) in shown
    assert "Op 1-1-2026 telde Twente 646.449 inwoners (voorlopig), +18.549 ten opzichte van de prognose" in shown
    assert "Het Twentse cijfer is de som van de 14 gemeenten (afgeleid)." in shown
    assert "in juli 2023 hebben CBS en PBL de details" in shown


def test_uploaded_own_figures_give_enschede_its_line() -> None:
    at = run_app(PAGE, {"gemeente": "GM0153"}, alt_voortgang_jaren=True)
    at.file_uploader(key="own_upload_1").upload("eigen.csv", OWN_CSV, "text/csv").run()
    assert not at.exception
    shown = texts(at)
    assert "'eigen.csv' ingelezen: 2 regels eigen opgave." in shown
    metrics = {m.label: (m.value, m.delta) for m in at.metric}
    assert metrics["Gerealiseerd 2025–2026"] == ("650", "Volgens het bouwpad: 1.340")
    assert metrics["Leveringsratio"] == ("49%", "onder 75%")
    assert metrics["Nodig per jaar vanaf nu tot eind 2050 (netto toevoeging)"] == (
        "699",
        "gerealiseerd tempo 325 per jaar",
    )
    assert metrics["Doel bereikt in dit tempo"][0] == "2078"
    assert "Met eigen opgave van de gemeente: 2025, 2026." in shown
    assert "Voorlopige cijfers" not in shown
    assert "Deze ratio valt in de band: **onder 75%**." in shown
    assert "Ter vergelijking, geen ROS-regel" in shown
    comparison = next(d.value for d in at.dataframe if "Netto CBS" in d.value.columns)
    assert list(comparison.iloc[1]) == [
        "Enschede",
        "2026",
        "onbekend",
        "700",
        "onbekend",
        "100",
        "onbekend",
        "650",
        "eigen opgave",
    ]
    assert at.session_state["_scenario"]["eigen_opgave"][1] == {
        "code": "GM0153",
        "year": 2026,
        "new_construction": 700,
        "demolition": 100,
        "net_change": 650,
    }
    assert "Enschede: 4.999 woningen plancapaciteit tegen 16.765 nog te bouwen" in shown
    realised = at.dataframe[0].value.set_index("Periode")
    assert list(realised.loc["2023"]) == ["onbekend", "onbekend", "onbekend", "—", "—"]  # a gap year, not left out
    assert list(realised.loc["2026"]) == ["700", "100", "650", "eigen opgave", "eigen opgave"]


def test_own_figures_of_one_municipality_do_not_make_a_twente_total() -> None:
    at = run_app(PAGE, alt_voortgang_jaren=True)
    at.file_uploader(key="own_upload_1").upload("eigen.csv", OWN_CSV, "text/csv").run()
    shown = texts(at)
    assert "De realisatie sinds 2025 staat nog niet in de gegevens." in shown
    assert (
        "Er is eigen opgave voor 1 van de 14 gemeenten; een Twents totaal kan pas als alle 14 een cijfer hebben."
        in shown
    )
    table = at.dataframe[0].value
    assert list(table.iloc[-1]) == ["2026", "onbekend", "onbekend", "onbekend", "eigen opgave", "—"]


def test_refused_own_figures_upload_keeps_what_was_there() -> None:
    at = run_app(PAGE, {"gemeente": "GM0153"})
    at.file_uploader(key="own_upload_1").upload("eigen.csv", OWN_CSV, "text/csv").run()
    bad = b"gemeente,jaar,netto\nAtlantis,2025,5\n"
    at.file_uploader(key="own_upload_2").upload("kapot.csv", bad, "text/csv").run()
    shown = texts(at)
    assert "'kapot.csv' is niet overgenomen; de eigen opgave die er al stond blijft staan:" in shown
    assert "Rij 2, kolom 'gemeente': 'Atlantis' is geen Twentse gemeente" in shown
    assert len(at.session_state["_scenario"]["eigen_opgave"]) == 2
    assert {m.label: m.value for m in at.metric}["Leveringsratio"] == "49%"
    at.button(key="own_reset").click().run()
    assert at.session_state["_scenario"]["eigen_opgave"] == []
    assert "De realisatie sinds 2025 staat nog niet in de gegevens." in texts(at)


def _typed(at, editor: str, **edits: object):
    """Run `at` with a change typed into the own-figures editor `editor` (what the grid sends: row positions)."""
    at.session_state[editor] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [], **edits}
    return at.run()


def _net(at) -> list[object]:
    return [r["net_change"] for r in at.session_state["_scenario"]["eigen_opgave"]]


def test_a_figure_typed_into_the_table_reaches_the_page() -> None:
    at = run_app(PAGE, {"gemeente": "GM0153"}, alt_voortgang_jaren=True)
    at.file_uploader(key="own_upload_1").upload("eigen.csv", OWN_CSV, "text/csv").run()
    _typed(at, "own_editor_2", edited_rows={1: {"netto": 1250}})  # Enschede 2026: 650 → 1.250
    assert not at.exception
    shown = texts(at)
    assert (
        "Sinds 2025 is 1.250 woningen netto toevoeging gerealiseerd (2025–2026); het bouwpad vroeg tot dan 1.340."
        in shown
    )
    assert {m.label: m.value for m in at.metric}["Leveringsratio"] == "93%"
    realised = at.dataframe[0].value.set_index("Periode")
    assert list(realised.loc["2026"]) == ["700", "100", "1.250", "eigen opgave", "eigen opgave"]
    assert _net(at) == [0, 1250]


def test_a_typed_figure_survives_a_double_language_switch_and_another_page() -> None:
    at = run_app(PAGE, {"gemeente": "GM0153"})
    at.file_uploader(key="own_upload_1").upload("eigen.csv", OWN_CSV, "text/csv").run()
    _typed(at, "own_editor_2", edited_rows={1: {"netto": 1250}})
    # a language switch renames the columns, so Streamlit starts the editor afresh: it must start from 1.250
    at.radio(key="lang").set_value("en").run()
    assert _net(at) == [0, 1250]
    assert list(at.data_editor[0].value["netto"]) == [0, 1250]
    assert "Since 2025, 1,250 homes of net additions have been realised (2025–2026)" in texts(at)
    at.radio(key="lang").set_value("nl").run()
    at.switch_page("app_pages/doelen.py").run()
    at.switch_page(PAGE).run()
    assert _net(at) == [0, 1250]
    assert list(at.data_editor[0].value["netto"]) == [0, 1250]
    assert {m.label: m.value for m in at.metric}["Leveringsratio"] == "93%"


def test_a_refused_typed_row_is_still_there_after_another_page() -> None:
    at = run_app(PAGE, {"gemeente": "GM0153"})
    at.file_uploader(key="own_upload_1").upload("eigen.csv", OWN_CSV, "text/csv").run()
    _typed(at, "own_editor_2", added_rows=[{"gemeente": "Hengelo", "netto": 40}])  # no year yet
    refused = "Deze wijziging in de tabel is niet overgenomen; de laatste geldige eigen opgave blijft staan:"
    assert refused in texts(at)
    assert "het jaar ontbreekt" in texts(at)
    assert _net(at) == [0, 650]
    at.switch_page("app_pages/doelen.py").run()
    at.switch_page(PAGE).run()
    editor = at.data_editor[0].value
    assert list(editor["gemeente"]) == ["Enschede", "Enschede", "Hengelo"]
    assert list(editor["netto"]) == [0, 650, 40]
    assert refused in texts(at)
    assert _net(at) == [0, 650]


def test_english_and_the_measure_in_the_link_survive_a_double_language_switch() -> None:
    at = run_app(PAGE, {"lang": "en", "maat": "new_construction"})
    assert "Realisation since 2025 is not in the data yet." in texts(at)
    assert at.segmented_control(key="maat").value == "new_construction"
    at.radio(key="lang").set_value("nl").run()
    at.radio(key="lang").set_value("en").run()
    assert at.segmented_control(key="maat").value == "new_construction"
    assert at.query_params["maat"] == "new_construction"


def test_a_bad_measure_in_the_link_falls_back_with_one_notice() -> None:
    at = run_app(PAGE, {"maat": "<b>alles</b>"})
    assert at.segmented_control(key="maat").value == "net_change"
    assert "maat=<b>alles</b>" in texts(at)


@pytest.fixture
def refreshed(tmp_path, monkeypatch) -> None:
    """The app reads a refreshed snapshot (fixture CBS figures 2021–2026, forecast 2022) pinned by ROS_DATA_DIR."""
    from tests.support.progress import write_refreshed

    monkeypatch.setenv("ROS_DATA_DIR", str(write_refreshed(tmp_path / "data")))


@pytest.mark.usefixtures("refreshed")
def test_refreshed_snapshot_shows_the_delivery_ratio_with_its_months() -> None:
    at = run_app(PAGE, alt_voortgang_jaren=True)
    assert not at.exception
    shown = texts(at)
    metrics = [(m.label, m.value, m.delta) for m in at.metric]
    assert metrics[:4] == [
        ("Gerealiseerd 2025–2026 t/m september", "4.242", "Volgens het bouwpad: 4.654"),
        ("Leveringsratio", "91%", "85–95%"),
        ("Nodig per jaar vanaf nu tot eind 2050 (netto toevoeging)", "2.670", "gerealiseerd tempo 2.424 per jaar"),
        ("Doel bereikt in dit tempo", "2053", ""),
    ]
    assert metrics[4:7] == [
        ("Gerealiseerd 2022–2026 t/m september", "10.689", ""),  # the Woondeal since 2022
        ("Leveringsratio", "144%", "95% of meer"),
        ("Nodig per jaar vanaf nu tot eind 2030 (netto toevoeging)", "803", ""),
    ]
    assert "De ratio gebruikt de jaren 2025–2026 t/m september. Voorlopige cijfers: 2025, 2026." in shown
    realised = at.dataframe[0].value.set_index("Periode")
    assert list(realised.loc["2026 t/m september"]) == ["2.079*", "252*", "1.953*", "voorlopig", "CBS"]
    assert list(realised.loc["2024"]) == ["2.520*", "371*", "2.219*", "nader voorlopig", "CBS"]  # not + 12 months
    assert list(realised.loc["2021"]) == ["2.310", "371", "2.009", "definitief", "CBS"]
    assert len(at.get("plotly_chart")) == 5  # realised, track, ranking, capacity, forecast
    assert "19.558 woningen plancapaciteit tegen 64.758 nog te bouwen, een dekking van **30%**" in shown
    assert (
        "Volgens de prognose 2022 telt Twente op 1-1-2050 **655.000** inwoners; de ambitie komt dan uit op "
        "737.102. De ambitie ligt daarmee **+82.102** boven de trend." in shown
    )
    assert "67%-interval: 625.000 tot 690.000." in shown
    assert "Op 1-1-2026 telde Twente 646.449 inwoners (voorlopig), −1.551 ten opzichte van de prognose" in shown
    assert "in juli 2023 hebben CBS en PBL de details" in shown


@pytest.mark.usefixtures("refreshed")
def test_refreshed_snapshot_older_forecast_vintage_from_the_link() -> None:
    at = run_app(PAGE, {"prognose": "2019"})
    shown = texts(at)
    assert "Volgens de prognose 2019 telt Twente op 1-1-2050 **608.200** inwoners" in shown
    assert "**+128.902** boven de trend" in shown


def test_after_a_real_refresh_from_the_cbs_stand_in(tmp_path, monkeypatch) -> None:
    """End to end: `ros.data.refresh` against the loopback CBS stand-in writes a version; the page reads it."""
    from ros.data import refresh, versions
    from tests.support.cbs import serve

    service = serve()
    cbs = next(service)
    try:
        monkeypatch.setenv("ROS_CACHE_DIR", str(tmp_path / "cache"))
        monkeypatch.setenv("ROS_CBS_URL", cbs.url)
        monkeypatch.setenv("ROS_CBS_V4_URL", cbs.v4_url)
        monkeypatch.delenv("ROS_CBS_TIMEOUT", raising=False)
        monkeypatch.delenv("ROS_DATA_DIR", raising=False)
        assert refresh.main([]) == 0
        changes = versions.load_current()["dwelling_changes"]
        towns = changes[changes["code"].str.startswith("GM")]
        # Independent of ros.model.progress: net additions 2025 (year) plus the months of 2026, summed over the 14.
        expected = int(
            towns.loc[towns["period"] == "2025", "net_change"].sum()
            + towns.loc[towns["period"].str.startswith("2026-"), "net_change"].sum()
        )
        months = towns.loc[towns["period"].str.startswith("2026-"), "period"].nunique()
        at = run_app(PAGE)
        assert not at.exception
        metrics = [(m.label, m.value) for m in at.metric]
        assert months == 9  # the stand-in serves January to September 2026
        assert metrics[0] == ("Gerealiseerd 2025–2026 t/m september", f"{expected:,}".replace(",", "."))
        assert metrics[1][0] == "Leveringsratio"
        assert metrics[1][1].endswith("%")
        assert "De realisatie sinds 2025 staat nog niet in de gegevens." not in texts(at)
    finally:
        service.close()


def _mijn_gemeente(code: str):
    """Mijn gemeente needs a first run of app.py before switching (its url_path is hyphenated)."""
    from streamlit.testing.v1 import AppTest

    from tests.support.app import APP

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["gemeente"] = code
    at.run()
    return at.switch_page("app_pages/mijn_gemeente.py").run()


def test_headlines_on_overzicht_and_mijn_gemeente_with_the_shipped_snapshot() -> None:
    at = run_app("app_pages/overzicht.py")
    assert (
        "Leveringsratio: onbekend — de realisatie sinds 2025 staat nog niet in de gegevens (CBS tot en met 2020)."
        in texts(at)
    )
    at = _mijn_gemeente("GM0153")
    assert (
        "Hoeveel woningen Enschede sinds 2025 heeft gebouwd, staat nog niet in de gegevens (CBS-cijfers tot en met "
        "2020). Daarom is nog niet te zeggen of de gemeente op koers ligt."
    ) in texts(at)


@pytest.mark.usefixtures("refreshed")
def test_headlines_on_overzicht_and_mijn_gemeente_with_a_refreshed_snapshot() -> None:
    at = run_app("app_pages/overzicht.py")
    assert "Leveringsratio Twente: 91% (2025–2026 t/m september; netto toevoeging)" in texts(at)
    at = _mijn_gemeente("GM0153")
    assert (
        "Sinds 2025 zijn in Enschede 222 woningen netto bijgekomen (2025–2026 t/m september); het bouwpad vroeg "
        "tot dan 1.173. Dat is 19% van wat nodig was."
    ) in texts(at)


@pytest.mark.usefixtures("refreshed")
def test_meeting_view_has_a_progress_step_with_the_ratio() -> None:
    at = run_app("app_pages/vergadermodus.py", {"dia": "6"})
    assert not at.exception
    assert "## Leveringsratio Twente: 91% (2025–2026 t/m september; netto toevoeging)" in texts(at)
    assert [(m.label, m.value) for m in at.metric] == [
        ("Gerealiseerd 2025–2026 t/m september", "4.242"),
        ("Leveringsratio", "91%"),
        ("Nodig per jaar vanaf nu tot eind 2050 (netto toevoeging)", "2.670"),
    ]
    assert "referentieband Housing Delivery Test (geen ROS-regel): 85–95%" in texts(at)


@pytest.mark.parametrize(
    ("lang", "refused", "cell", "capacity"),
    [
        (
            "nl",
            "'kapot.csv' is niet overgenomen; de eigen opgave die er al stond blijft staan:",
            "Rij 2, kolom 'gemeente': 'Atlantis' is geen Twentse gemeente (gebruik een code zoals GM0153 of de naam).",
            "Rij 2, kolom 'onherroepelijk': het aantal mag niet negatief zijn (gekregen: '-1').",
        ),
        (
            "en",
            "'kapot.csv' was not taken over; the own figures already there stay:",
            "Row 2, column 'gemeente': 'Atlantis' is not a Twente municipality "
            "(use a code such as GM0153 or the name).",
            "Row 2, column 'onherroepelijk': the number cannot be negative (got: '-1').",
        ),
    ],
)
def test_refused_uploads_read_in_the_ui_language(lang, refused, cell, capacity) -> None:
    at = run_app(PAGE, {"lang": lang})
    bad = b"gemeente,jaar,netto\nAtlantis,2025,5\n"
    at.file_uploader(key="own_upload_1").upload("kapot.csv", bad, "text/csv").run()
    shown = texts(at)
    assert f"{refused}\n- {cell}" in shown
    phases = b"code,onherroepelijk,in_voorbereiding,in_ontwikkeling,potentieel\nGM0153,-1,1,1,1\n"
    at.file_uploader(key="capacity_upload_0").upload("plan.csv", phases, "text/csv").run()
    assert f"- {capacity}" in texts(at)
