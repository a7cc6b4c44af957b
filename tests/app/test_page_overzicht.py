"""AppTest: the overview page through app.py, in Dutch and English, with URL state."""

from datetime import date

from ros.model import milestones
from tests.support.app import run_app, texts
from tests.support.markdown import shown


def test_overview_shows_targets_and_standing_in_dutch() -> None:
    at = run_app()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Nieuwe woningen tot 2050"] == "≥ 69.000"
    assert metrics["Extra inwoners tot 2050"] == "> 100.000"
    assert metrics["Inwoners op 1-1-2026"] == "646.449"
    assert metrics["Woningen op 1-1-2024"] == "288.025"
    body = texts(at)
    assert "+5.643 sinds 1-1-2024" in body
    assert "5,6% van de 100.000 extra inwoners" in body
    assert "Woningen gebouwd sinds 2024: **onbekend**" in body
    assert "Kerncijfers wijken en buurten 2024 (85984NED)" in body
    assert "**3 gemeenten**" not in body
    assert "**14 gemeenten**: Almelo, Borne" in body


def test_language_switch_translates_the_page_and_numbers() -> None:
    at = run_app()
    at.sidebar.radio(key="lang").set_value("en").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["New homes by 2050"] == "≥ 69,000"
    assert metrics["Inhabitants on 1/1/2026"] == "646,449"
    assert at.title[0].value == "ROS Twente: the step change at a glance"
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"


def test_url_sets_language_and_municipality_and_survives_page_switch() -> None:
    at = run_app(query={"lang": "en", "gemeente": "enschede"})
    assert at.title[0].value.startswith("ROS Twente: the step change")
    assert at.sidebar.selectbox(key="gemeente").value == "GM0153"
    at.switch_page("app_pages/bronnen.py").run()
    assert at.title[0].value == "Data & sources"
    assert at.sidebar.selectbox(key="gemeente").value == "GM0153"
    assert dict(at.query_params) in ({"lang": "en", "gemeente": "GM0153"}, {"lang": ["en"], "gemeente": ["GM0153"]})


def test_bad_url_parameters_fall_back_with_one_dutch_notice() -> None:
    at = run_app(query={"lang": "xx", "gemeente": "Atlantis", "<script>": "1"})
    assert not at.exception
    assert at.title[0].value.startswith("ROS Twente: de schaalsprong")
    assert at.sidebar.selectbox(key="gemeente").value is None
    [warning] = [shown(w.value) for w in at.warning]
    assert "genegeerd" in warning
    for part in ("lang=xx", "gemeente=Atlantis", "<script>=1"):
        assert part in warning


def test_money_and_next_milestone_for_the_boss_meeting(monkeypatch) -> None:
    monkeypatch.setattr(milestones, "clock_today", lambda: date(2026, 11, 27))
    at = run_app()
    metrics = {m.label: (m.value, m.delta) for m in at.metric}
    assert metrics["Budget ROS 2025-2026"][0] == "≥ € 102.000"
    assert metrics["Eerstvolgende mijlpaal"] == ("3 dagen", "venster sluit over 3 dagen")
    body = texts(at)
    assert "ten minste € 102.000 bekend; 16 bijdragen onbekend" in body
    assert "**BO MIRT 2026: mogelijk moment om de ROS voor te leggen**" in body
    assert "september 2026 – november 2026, aanname · ◇ verwacht" in body


def test_on_1_december_2026_the_ros_card_says_its_venues_passed_instead_of_counting_down(monkeypatch) -> None:
    monkeypatch.setattr(milestones, "clock_today", lambda: date(2026, 12, 1))
    at = run_app()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert "Eerstvolgende mijlpaal" not in labels
    body = texts(at)
    notice = "Verwacht in 2026; BOL 2026 en BO MIRT 2026 zijn voorbij zonder bevestiging."
    assert body.index("**Eerstvolgende mijlpaal**") < body.index(notice) < body.index("**Product 1: ROS afgerond")
    assert "30 dagen" not in body
    assert "venster sluit over" not in body
    at.sidebar.radio(key="lang").set_value("en").run()
    assert "Expected in 2026; BOL 2026 and BO MIRT 2026 have passed without confirmation." in texts(at)


def test_next_milestone_moves_with_the_date(monkeypatch) -> None:
    monkeypatch.setattr(milestones, "clock_today", lambda: date(2026, 3, 1))
    at = run_app(query={"lang": "en"})
    metrics = {m.label: (m.value, m.delta) for m in at.metric}
    assert metrics["Next milestone"][0] == "17 days"
    assert "Municipal elections in all 14 municipalities" in texts(at)
