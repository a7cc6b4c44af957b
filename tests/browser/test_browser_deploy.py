"""Browser: the regional deployment. Two app servers on one PostgreSQL see each other's scenarios; a double click on
Opslaan saves once; people sign in through a local OpenID Connect provider as a planner and as a lezer and see only
what their role may do; a tampered or expired identity cookie means signed out, never an error page."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ros.records.scenario_store import ScenarioStore
from tests.support.browser import assert_no_exception, new_context, wait_for_app
from tests.support.server import free_port, start_app

pytestmark = pytest.mark.browser
COOKIE_SECRET = "test-cookie-secret-0123456789abcdef"


def new_tab(browser, base: str):
    context = new_context(browser, viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    tab = context.new_page()
    tab.base_url = base
    return context, tab


def goto(tab, path: str) -> None:
    tab.goto(f"{tab.base_url}/{path}")
    wait_for_app(tab)


def open_picker(tab, label: str) -> None:
    """Open a selectbox's list (a click focuses the combobox; the arrow key opens it if the click did not)."""
    tab.get_by_label(label).click()
    if not tab.locator("[role=option]").first.is_visible():
        tab.keyboard.press("ArrowDown")
    tab.locator("[role=option]").first.wait_for()


def picker_options(tab) -> list[str]:
    """The names in the 'Kies een opgeslagen scenario' picker."""
    open_picker(tab, "Kies een opgeslagen scenario")
    options = tab.locator("[role=option]").all_inner_texts()
    tab.keyboard.press("Escape")
    return options


def save_scenario(tab, name: str, author: str, double: bool = False) -> None:
    tab.get_by_label("Naam van het scenario").fill(name)
    tab.get_by_label("Uw naam").fill(author)
    button = tab.get_by_role("button", name="Opslaan", exact=True)
    button.dblclick() if double else button.click()
    tab.get_by_text("Het scenario is opgeslagen.").wait_for()
    wait_for_app(tab)


# --- two servers, one PostgreSQL -------------------------------------------------------------------------------


@pytest.fixture
def two_servers(postgresql_url: str, tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    env = {"ROS_SCENARIO_DB_URL": postgresql_url}
    first, second = start_app(tmp_path, env), start_app(tmp_path, env)
    try:
        yield next(first), next(second), postgresql_url
    finally:
        for server in (first, second):
            server.close()


def test_a_scenario_saved_on_one_server_appears_on_the_other(browser, two_servers) -> None:
    one, two, url = two_servers
    context_one, tab_one = new_tab(browser, one)
    context_two, tab_two = new_tab(browser, two)
    goto(tab_two, "scenarios")
    assert "Er zijn nog geen scenario's opgeslagen." in tab_two.inner_text("[data-testid=stMain]")
    goto(tab_one, "scenarios?woningen=80000")
    save_scenario(tab_one, "Gedeeld via PostgreSQL", "Anna")
    goto(tab_two, "scenarios")
    assert_no_exception(tab_two)
    assert picker_options(tab_two) == ["Gedeeld via PostgreSQL — lokale gebruiker"]  # name and owner
    [record] = ScenarioStore(url).list()
    assert (record.name, record.payload["woningen"]) == ("Gedeeld via PostgreSQL", 80000)  # type: ignore[index]
    context_one.close()
    context_two.close()


def test_a_double_click_on_save_saves_once(browser, two_servers) -> None:
    one, _, url = two_servers
    context, tab = new_tab(browser, one)
    goto(tab, "scenarios")
    save_scenario(tab, "Dubbel geklikt", "Anna", double=True)
    time.sleep(1.5)  # let a second submission arrive and run, if there is one
    wait_for_app(tab)
    main = tab.inner_text("[data-testid=stMain]")
    assert "Geef het scenario een naam." not in main
    assert "Er bestaat al een scenario" not in main
    assert [r.name for r in ScenarioStore(url).list()] == ["Dubbel geklikt"]
    assert [e.action for e in ScenarioStore(url).audit()] == ["save"]
    context.close()


# --- signing in through a local OpenID Connect provider -------------------------------------------------------


@pytest.fixture(scope="module")
def oidc_provider() -> Iterator[str]:
    from oidc_provider_mock import User, run_server_in_thread

    anna = {"email": "anna@enschede.nl", "name": "Anna de Vries", "groups": ["ros-planners"]}
    users = [
        User(sub="anna", claims=anna),
        User(sub="lia", claims={"email": "lia@hengelo.nl", "name": "Lia Lezer", "groups": ["iedereen"]}),
    ]
    with run_server_in_thread(user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def signed_in_server(oidc_provider: str, tmp_path: Path) -> Iterator[str]:
    """An app server with [auth] and [roles] in a secrets file in a temp dir (`--secrets.files`)."""
    port_holder = tmp_path / "secrets"
    port_holder.mkdir()
    database = tmp_path / "scenarios.db"

    def secrets_for(port: int) -> Path:
        file = port_holder / "secrets.toml"
        file.write_text(
            "[auth]\n"
            f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
            f'cookie_secret = "{COOKIE_SECRET}"\n'
            'client_id = "ros-twente"\nclient_secret = "geheim"\n'
            f'server_metadata_url = "{oidc_provider}/.well-known/openid-configuration"\n'
            '[roles.groups]\n"ros-planners" = "planner"\n',
            encoding="utf-8",
        )
        return file

    port = free_port()
    file = secrets_for(port)
    env = {"ROS_SCENARIO_DB": str(database), "ROS_SCENARIO_DB_URL": ""}
    yield from start_app(tmp_path, env, "--secrets.files", str(file), host="localhost", port=port)


def sign_in(tab, sub: str) -> None:
    goto(tab, "scenarios")
    tab.get_by_role("button", name="Aanmelden").click()
    tab.wait_for_selector("text=Authorize Client")  # the provider's page
    tab.locator(f"button[name=sub][value={sub}]").click()
    tab.wait_for_url(f"{tab.base_url}/**")
    wait_for_app(tab)
    goto(tab, "scenarios")


def main_text(tab) -> str:
    return tab.inner_text("[data-testid=stMain]")


def test_a_planner_and_a_lezer_sign_in_and_see_what_their_role_allows(browser, signed_in_server: str) -> None:
    context, tab = new_tab(browser, signed_in_server)
    goto(tab, "scenarios")
    assert_no_exception(tab)
    assert "U bent niet aangemeld en werkt als lezer" in main_text(tab)
    assert tab.get_by_role("button", name="Opslaan", exact=True).count() == 0

    sign_in(tab, "anna")
    assert "Aangemeld als Anna de Vries (anna@\u2060enschede.nl), rol planner." in main_text(tab)
    save_scenario(tab, "Plan van Anna", "Anna de Vries")
    assert tab.get_by_role("button", name="Verwijderen").count() == 1  # her own
    assert tab.get_by_role("button", name="Markeren als afgesproken basis").count() == 0  # a coördinator's
    tab.get_by_role("button", name="Afmelden").click()
    tab.wait_for_function("() => !document.body.innerText.includes('Aangemeld als')")
    goto(tab, "scenarios")
    assert "U bent niet aangemeld" in main_text(tab)

    sign_in(tab, "lia")
    text = main_text(tab)
    assert "Aangemeld als Lia Lezer (lia@\u2060hengelo.nl), rol lezer." in text
    assert "Met de rol lezer kunt u scenario's openen en downloaden" in text
    assert tab.get_by_role("button", name="Opslaan", exact=True).count() == 0
    open_picker(tab, "Kies een opgeslagen scenario")
    tab.get_by_role("option", name="Plan van Anna").click()
    tab.get_by_role("button", name="Openen").wait_for()  # the rerun after the choice may start late
    wait_for_app(tab)
    assert tab.get_by_role("button", name="Openen").count() == 1
    for hidden in ("Verwijderen", "Dupliceren", "Naam wijzigen", "Markeren als afgesproken basis"):
        assert tab.get_by_role("button", name=hidden).count() == 0, hidden
    tab.get_by_role("button", name="Openen").click()
    tab.get_by_text("Scenario ‘Plan van Anna’ is geopend").wait_for()
    context.close()


def _signed(value: str, age_days: float) -> str:
    """A cookie value signed as Streamlit signs it (itsdangerous, the cookie name as salt), dated `age_days` ago."""
    from itsdangerous import TimestampSigner, URLSafeTimedSerializer

    class Dated(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time() - age_days * 86400)

    return URLSafeTimedSerializer(COOKIE_SECRET, salt="_streamlit_user", signer=Dated).dumps(value)


@pytest.mark.parametrize("cookie", ["tampered", "expired", "garbage"])
def test_a_bad_identity_cookie_means_signed_out(browser, signed_in_server: str, cookie: str) -> None:
    claims = json.dumps(
        {
            "email": "anna@enschede.nl",
            "name": "Anna de Vries",
            "groups": ["ros-planners"],
            "is_logged_in": True,
            "provider": "default",
            "origin": signed_in_server,
        }
    )
    fresh = _signed(claims, 0)
    flipped = fresh[:8] + ("B" if fresh[8] != "B" else "C") + fresh[9:]  # one character of the payload changed
    value = {"tampered": flipped, "expired": _signed(claims, 40), "garbage": "%%%nonsense"}[cookie]
    context, tab = new_tab(browser, signed_in_server)
    context.add_cookies([{"name": "_streamlit_user", "value": value, "url": signed_in_server}])
    goto(tab, "scenarios")
    assert_no_exception(tab)
    assert "U bent niet aangemeld" in main_text(tab)
    assert tab.get_by_role("button", name="Aanmelden").count() == 1
    # the same cookie, correctly signed and fresh, does sign in: the test would notice if nothing were read
    context.add_cookies([{"name": "_streamlit_user", "value": fresh, "url": signed_in_server}])
    goto(tab, "scenarios")
    assert "Aangemeld als Anna de Vries" in main_text(tab)
    context.close()
