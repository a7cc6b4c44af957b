"""AppTest: the Mijlpalen page through app.py — next-up card, overdue warning, body filter, views and URL state."""

from __future__ import annotations

from datetime import date

from tests.support.app import run_app, texts, widget_labels
from tests.support.markdown import shown

PAGE = "app_pages/mijlpalen.py"
STAND = {"stand": "2026-11-27"}


def query_of(at) -> dict[str, str]:
    return {k: (v[0] if isinstance(v, list) else v) for k, v in dict(at.query_params).items()}


def test_cards_answer_what_happened_what_is_next_and_when_we_decide() -> None:
    at = run_app(PAGE, STAND)
    assert not at.exception
    assert at.title[0].value == "Mijlpalen"
    [metric] = at.metric
    assert (metric.label, metric.value, metric.delta) == ("Eerstvolgende", "3 dagen", "venster sluit over 3 dagen")
    body = texts(at)
    assert "✓ Gemeenteraadsverkiezingen in alle 14 gemeenten" in body
    assert "**BO MIRT 2026: mogelijk moment om de ROS voor te leggen**" in body
    assert "- Product 2: uitvoeringsagenda (uitvoeringsprojecten en nader onderzoek) (? geen datum)" in body
    assert "Status per 27 november 2026." in body
    [warning] = at.warning
    assert warning.value.startswith(
        "**BO Leefomgeving 2026: mogelijk moment om de ROS voor te leggen** (juni 2026, aanname)"
    )
    assert "over tijd / onbevestigd" in warning.value
    assert "de huidige én de nieuwe gemeenteraden worden betrokken" in at.info[0].value
    assert len(at.get("plotly_chart")) == 1


def test_after_the_bo_mirt_window_both_bo_moments_are_unconfirmed_and_the_ros_is_next() -> None:
    at = run_app(PAGE, {"stand": "2026-12-01"})
    assert [w.value.split("**")[1] for w in at.warning] == [
        "BO Leefomgeving 2026: mogelijk moment om de ROS voor te leggen",
        "BO MIRT 2026: mogelijk moment om de ROS voor te leggen",
    ]
    # both venues of the ROS have passed unconfirmed: no countdown, the card says so first
    assert at.metric == []
    body = texts(at)
    notice = "Verwacht in 2026; BOL 2026 en BO MIRT 2026 zijn voorbij zonder bevestiging."
    assert notice in body
    assert body.index("Eerstvolgende") < body.index(notice) < body.index("**Product 1: ROS afgerond")
    assert "**Product 1: ROS afgerond en voorgelegd in het BOL of BO MIRT van 2026**" in body
    assert "30 dagen" not in body


def test_filter_by_body_in_the_list_view() -> None:
    at = run_app(PAGE, {"stand": "2026-10-01"})
    at.selectbox(key="orgaan").set_value("raad").run()
    at.radio(key="weergave").set_value("lijst").run()
    assert not at.exception
    [table] = at.table
    shown = table.value
    assert list(shown["Mijlpaal"])[:3] == [
        "Beeldvormend beraad gemeenteraad Almelo (contourennotitie omgevingsvisie; 'op weg naar 2050')",
        "Collegebesluit Almelo: instemming plan van aanpak, € 102.000, Hengelo budgethouder; de raad wordt "
        "geïnformeerd per raadsbrief (D/25/754153)",
        "Gemeenteraadsverkiezingen in alle 14 gemeenten",
    ]
    assert list(shown["Status"]) == ["✓ gebeurd"] * 3 + ["○ gepland"] * 2
    assert "5 mijlpalen" in texts(at)  # the three council milestones and the 2050 and 2100 horizons
    assert "Geen gedateerde mijlpaal meer na deze datum." in texts(at)  # nothing dated ahead for councils
    assert query_of(at) == {"stand": "2026-10-01", "orgaan": "raad", "weergave": "lijst"}


def test_decision_gate_matrix_view() -> None:
    at = run_app(PAGE, STAND)
    at.radio(key="weergave").set_value("besluiten").run()
    assert not at.exception
    [table] = at.table
    matrix = table.value.set_index("Partij")
    assert matrix.shape == (17, 7)
    assert matrix.at["Almelo", "Plan van aanpak (4 april 2025)"] == "✓ besloten"
    assert matrix.at["Almelo", "ROS voorgelegd (BOL/BO MIRT 2026) (2026)"] == "◷ gepland"
    assert matrix.at["Hengelo", "Volmacht Hengelo (2025 – 2026)"] == "? onbekend"
    assert "ROS vastgesteld: 0 besloten, 0 gepland, 17 onbekend" in texts(at)
    assert at.get("plotly_chart") == []


def test_url_opens_a_view_with_a_filter_and_a_zoom() -> None:
    at = run_app(PAGE, {"stand": "2026-01-09", "orgaan": "gemeenten", "weergave": "tijdlijn", "bereik": "2100"})
    assert not at.exception
    assert at.date_input(key="stand").value == date(2026, 1, 9)
    assert at.selectbox(key="orgaan").value == "gemeenten"
    assert at.radio(key="bereik").value == "2100"
    assert at.metric[0].value == "68 dagen"  # municipal elections on 18 March 2026
    assert at.metric[0].delta == "begint over 68 dagen"


def test_bad_url_values_fall_back_with_one_dutch_notice() -> None:
    at = run_app(PAGE, {"stand": "gisteren", "orgaan": "minister", "weergave": "kaart"})
    assert not at.exception
    assert at.date_input(key="stand").value == date.today()
    assert at.selectbox(key="orgaan").value is None
    assert at.radio(key="weergave").value == "tijdlijn"
    notices = [shown(w.value) for w in at.warning if "genegeerd" in w.value]
    assert len(notices) == 1
    for part in ("stand=gisteren", "orgaan=minister", "weergave=kaart"):
        assert part in shown(notices[0])


def test_english() -> None:
    at = run_app(PAGE, STAND | {"lang": "en"})
    assert at.title[0].value == "Milestones"
    assert (at.metric[0].label, at.metric[0].value) == ("Next up", "3 days")
    assert "BO MIRT 2026: possible moment to present the ROS" in texts(at)
    shown_labels = widget_labels(at, "download_button")
    assert shown_labels == ["Download CSV", "Download CSV for Excel (NL)", "Download Excel", "Calendar (ICS)"]
