"""A link carries the whole scenario: settings of other pages survive page switches and bad values are named once."""

from tests.support.app import run_app
from tests.support.markdown import shown


def _query(at) -> dict[str, str]:
    return {k: (v[0] if isinstance(v, list) else v) for k, v in dict(at.query_params).items()}


def test_a_scenario_link_opened_on_the_overview_reaches_the_targets_and_budget_pages() -> None:
    at = run_app(query={"woningen": "80000", "vorm": "s_curve", "verdeelsleutel": "gelijk", "gemeente": "GM0153"})
    assert not at.exception
    assert not at.warning
    # the old Dutch key name is accepted and the link is rewritten with its English name
    assert _query(at) == {"woningen": "80000", "vorm": "s_curve", "verdeelsleutel": "equal", "gemeente": "GM0153"}
    at.switch_page("app_pages/doelen.py").run()
    assert at.text_input(key="woningen").value == "80.000"
    assert at.selectbox(key="vorm").value == "s_curve"
    at.text_input(key="woningen").input("75.000").run()
    at.switch_page("app_pages/budget.py").run()
    assert at.radio(key="verdeelsleutel").value == "equal"
    assert _query(at)["woningen"] == "75000"
    at.switch_page("app_pages/doelen.py").run()
    assert at.text_input(key="woningen").value == "75.000"


def test_default_settings_leave_the_link_clean() -> None:
    at = run_app("app_pages/doelen.py")
    assert _query(at) == {}
    at.switch_page("app_pages/mijlpalen.py").run()
    assert _query(at) == {}


def test_bad_scenario_values_in_a_link_are_named_once_in_dutch() -> None:
    at = run_app("app_pages/doelen.py", query={"woningen": "-3", "startjaar": "2049", "eindjaar": "2030", "x": "1"})
    [warning] = at.warning
    for part in ("woningen=-3", "eindjaar=2030", "x=1"):
        assert part in shown(warning.value)
    assert at.text_input(key="startjaar").value == "2049"
    assert at.text_input(key="woningen").value == "69.000"
    at.run()
    assert not at.warning


def test_visiting_the_milestones_page_does_not_turn_today_into_a_setting() -> None:
    from datetime import date

    at = run_app("app_pages/mijlpalen.py")
    at.switch_page("app_pages/scenarios.py").run()
    assert "standaardscenario" in " ".join(m.value for m in at.markdown)
    at.switch_page("app_pages/mijlpalen.py").run()
    at.date_input(key="stand").set_value(date(2026, 3, 1)).run()
    assert _query(at) == {"stand": "2026-03-01"}
    at.switch_page("app_pages/scenarios.py").run()
    assert at.dataframe[0].value["value"].tolist() == ["1 maart 2026"]


def test_a_dutch_thousands_dot_in_a_link_is_read_as_thousands_on_every_page() -> None:
    """Issue 24, F1: /doelen?woningen=80.000 became 80 homes and the link said woningen=80."""
    at = run_app("app_pages/doelen.py", query={"woningen": "80.000", "tempo": "2.500", "totaalbudget": "250.000"})
    assert not at.exception
    assert not at.warning
    assert at.text_input(key="woningen").value == "80.000"
    assert _query(at) == {"woningen": "80000", "tempo": "2500", "totaalbudget": "250000"}
    at.switch_page("app_pages/budget.py").run()
    assert at.text_input(key="totaalbudget").value == "250.000"
