"""AppTest: PostgreSQL stops under a running app and starts again; the pages say so in Dutch, lose nothing the user
typed, and recover in the same session without a reload (issue 24, F3)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from ros.records import scenario as sc
from ros.records.scenario_store import ScenarioStore
from tests.support.app import run_app, texts

PAGE, COMPARE = "app_pages/scenarios.py", "app_pages/vergelijken.py"
NOT_SAVED = (
    "De gedeelde database is niet bereikbaar; er is niets opgeslagen. Wat u hebt ingevuld, blijft staan: probeer het "
    "straks opnieuw."
)
NOT_SHOWN = "De gedeelde database is niet bereikbaar, dus de opgeslagen scenario's zijn nu niet te zien."
NOT_COMPARED = "De gedeelde database is niet bereikbaar, dus de afgesproken basis en de opgeslagen scenario's"


@pytest.fixture
def shared(postgresql_server: object, postgresql_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[ScenarioStore]:
    """The app's store on the test PostgreSQL server; the server runs again after the test, whatever happened."""
    monkeypatch.setenv("ROS_SCENARIO_DB_URL", postgresql_url)
    store = ScenarioStore(postgresql_url)
    yield store
    store.engine.dispose()
    if not postgresql_server.running():  # type: ignore[attr-defined]
        postgresql_server.start()  # type: ignore[attr-defined]


def _typed(at: AppTest) -> tuple[str | None, str | None]:
    return at.text_input(key="save_name").value, at.text_input(key="save_author").value


def test_a_stopped_database_is_said_in_dutch_and_the_app_recovers(
    shared: ScenarioStore, postgresql_server: object
) -> None:
    agreed = shared.save("Afgesproken", "Cor", sc.to_json(sc.Scenario(homes_total=72_000)), sc.VERSION)
    shared.mark_agreed(agreed.id)
    at = run_app(PAGE)
    assert "Afgesproken" in at.dataframe[-2].value["name"].tolist()

    postgresql_server.stop()  # type: ignore[attr-defined]
    at.text_input(key="save_name").input("Snel bouwen")
    at.text_input(key="save_author").input("Anna")
    at.button(key="FormSubmitter:save_scenario-Opslaan").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [NOT_SAVED]
    assert NOT_SHOWN in texts(at)
    assert _typed(at) == ("Snel bouwen", "Anna")  # nothing the user typed is lost
    at.run()  # a rerun while the database is away changes nothing
    assert not at.exception
    assert _typed(at) == ("Snel bouwen", "Anna")

    compare = run_app(COMPARE)  # another session: Vergelijken works, against the default baseline
    assert not compare.exception
    assert NOT_COMPARED in texts(compare)

    postgresql_server.start()  # type: ignore[attr-defined]
    at.run()  # back without a reload: the list is there again, and the typed name and author still are
    assert not at.exception
    assert NOT_SHOWN not in texts(at)
    assert "Afgesproken" in at.dataframe[-2].value["name"].tolist()
    assert _typed(at) == ("Snel bouwen", "Anna")
    at.button(key="FormSubmitter:save_scenario-Opslaan").click().run()
    assert "Het scenario is opgeslagen." in texts(at)
    assert sorted(r.name for r in shared.list()) == ["Afgesproken", "Snel bouwen"]
    compare.run()  # the session that opened during the outage keeps the baseline it showed, and is offered the agreed
    assert NOT_COMPARED not in texts(compare)
    basis = compare.selectbox(key="basis")
    basis.select_index(basis.options.index("afgesproken basis ‘Afgesproken’")).run()
    assert "Afgesproken" in texts(compare)
