"""Browser: the multi-process deployment (scripts/cluster.py) on loopback: nginx with the repository's site
configuration in front of two dashboard processes on one PostgreSQL. A browser session sticks to one process (its
page, its websocket and its reruns), sign-in's round trip through the provider works through nginx, the loss of the
other process goes unnoticed, and a session on a lost process reconnects to the survivor with its view restored from
the link."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from scripts.cluster import NGINX, Cluster
from tests.browser.test_browser_deploy import COOKIE_SECRET, goto, main_text, new_tab, oidc_provider, sign_in
from tests.support.browser import assert_no_exception, wait_for_app

pytestmark = pytest.mark.browser
__all__ = ["oidc_provider"]  # the provider fixture, shared with test_browser_deploy
HOMES = "Nieuwe woningen voor heel Twente"


@pytest.fixture
def cluster(postgresql_url: str, oidc_provider: str, tmp_path: Path) -> Iterator[Cluster]:
    """Two dashboard processes behind nginx on one PostgreSQL, sign-in through the local provider."""
    if not (shutil.which("nginx") or os.access(NGINX, os.X_OK)):
        if os.environ.get("CI"):
            pytest.fail("CI is set but nginx is not installed (apt-get install nginx)")
        pytest.skip("nginx not installed (apt-get install nginx); the multi-process test skipped")
    secrets = tmp_path / "secrets.toml"
    cluster = Cluster(2, database_url=postgresql_url, env={"STREAMLIT_SECRETS_FILES": str(secrets)})
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://localhost:{cluster.port}/oauth2callback"\n'
        f'cookie_secret = "{COOKIE_SECRET}"\n'
        'client_id = "ros-twente"\nclient_secret = "geheim"\n'
        f'server_metadata_url = "{oidc_provider}/.well-known/openid-configuration"\n'
        '[roles.groups]\n"ros-planners" = "planner"\n',
        encoding="utf-8",
    )
    with cluster:
        yield cluster


def processes_seen(cluster: Cluster, key: str) -> list[str]:
    """The process(es) nginx sent each request with affinity key `key` to, in order, with the request."""
    assert cluster.nginx is not None
    found = []
    for line in cluster.nginx.access_log.read_text().splitlines():
        if line.startswith(f"{key} "):
            found.append(line.split(" ", 1)[1])
    return found


def answered_by(line: str) -> str:
    """The process that answered a request in processes_seen's list (the last one nginx tried)."""
    found = re.match(r"(?:\S+, )*(\S+) \d{3} ", line)
    assert found, line
    return found.group(1)


def affinity_key(context) -> str:
    [cookie] = [c for c in context.cookies() if c["name"] == "ros_affinity"]
    return str(cookie["value"])


def type_homes(tab, value: str, expected: str) -> None:
    homes = tab.get_by_role("textbox", name=HOMES)
    homes.fill(value)
    homes.press("Enter")
    tab.wait_for_function(f"() => location.search.includes('woningen={expected}')")
    wait_for_app(tab)


def test_new_visitors_are_spread_and_each_sticks_to_its_process(cluster: Cluster) -> None:
    ports = {f"127.0.0.1:{app.port}" for app in cluster.apps}
    first_visits = [requests.get(f"{cluster.base}/_stcore/health", timeout=10) for _ in range(24)]
    assert {r.headers["X-Upstream"] for r in first_visits} == ports  # random keys: both processes get visitors
    for visit in first_visits[:6]:
        key = visit.cookies["ros_affinity"]
        again = [
            requests.get(f"{cluster.base}/{path}", cookies={"ros_affinity": key}, timeout=30)
            for path in ("_stcore/health", "doelen", "api/v1/population?gemeente=GM0153", "_stcore/host-config")
        ]
        assert [r.status_code for r in again] == [200] * 4
        assert {r.headers["X-Upstream"] for r in again} == {visit.headers["X-Upstream"]}
    assert "Enschede" in again[2].text  # the API passes through nginx too


# The provider stand-in (oidc-provider-mock 0.3.4) calls an Authlib 1.9 API that Authlib deprecates; with warnings as
# errors its token endpoint would answer 500. Not ours to fix; ignored for this test by its message.
@pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")
def test_a_sign_in_round_trip_works_through_nginx(browser, cluster: Cluster) -> None:
    context, tab = new_tab(browser, f"http://localhost:{cluster.port}")
    goto(tab, "scenarios")
    assert "U bent niet aangemeld en werkt als lezer" in main_text(tab)
    sign_in(tab, "anna")  # /auth/login -> the provider -> /oauth2callback, through nginx
    assert "Aangemeld als Anna de Vries (anna@\u2060enschede.nl), rol planner." in main_text(tab)
    seen = processes_seen(cluster, affinity_key(context))
    assert any("/oauth2callback" in line for line in seen)
    assert len({line.split(" ", 1)[0] for line in seen}) == 1, seen  # every request, the callback too, on one process
    context.close()


def keys_per_process(cluster: Cluster) -> dict[str, str]:
    """An affinity key that nginx sends to each process, by the process's address (new visitors' keys are random)."""
    keys: dict[str, str] = {}
    for _ in range(200):
        visit = requests.get(f"{cluster.base}/_stcore/health", timeout=10)
        keys.setdefault(visit.headers["X-Upstream"], visit.cookies["ros_affinity"])
        if len(keys) == len(cluster.apps):
            return keys
    raise AssertionError(f"200 new visitors all went to {set(keys)}")


def tab_on(browser, cluster: Cluster, key: str):
    """A browser tab whose affinity cookie is `key`, on Doelen with 80.000 homes typed in."""
    context, tab = new_tab(browser, cluster.base)
    context.add_cookies([{"name": "ros_affinity", "value": key, "url": cluster.base}])
    goto(tab, "doelen")
    type_homes(tab, "80 000", "80000")
    return context, tab


def test_a_session_survives_the_other_process_and_one_on_a_lost_process_reconnects(browser, cluster: Cluster) -> None:
    survivor, lost = cluster.apps
    keys = keys_per_process(cluster)
    survivor_key, lost_key = keys[f"127.0.0.1:{survivor.port}"], keys[f"127.0.0.1:{lost.port}"]
    context_a, tab_a = tab_on(browser, cluster, survivor_key)
    context_b, tab_b = tab_on(browser, cluster, lost_key)
    type_homes(tab_b, "81 000", "81000")
    for key, app in ((survivor_key, survivor), (lost_key, lost)):  # page, websocket and reruns on the key's process
        assert {line.split(" ", 1)[0] for line in processes_seen(cluster, key)} == {f"127.0.0.1:{app.port}"}
    before = len(processes_seen(cluster, lost_key))

    assert lost.process is not None
    lost.process.kill()
    lost.process.wait()
    type_homes(tab_a, "82 000", "82000")  # the survivor's session goes on over its websocket, as if nothing happened
    assert tab_a.get_by_role("textbox", name=HOMES).input_value() == "82.000"
    assert_no_exception(tab_a)

    # The lost process's page sees its websocket close, reconnects through nginx (which passes the request on to
    # the survivor) and the survivor runs the page anew from the link: the 81.000 homes are back.
    tab_b.wait_for_function(
        "() => [...document.querySelectorAll('input')].some(i => i.value === '81.000') && "
        "document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'"
    )
    wait_for_app(tab_b)
    assert_no_exception(tab_b)
    assert "woningen=81000" in tab_b.url
    # after the old websocket's own line (logged when it closed), nginx tried the lost process and went on to the
    # survivor, which answers everything from then on
    after = processes_seen(cluster, lost_key)[before:]
    requests_after = [line for line in after if not line.startswith(f"127.0.0.1:{lost.port} 101 ")]
    assert requests_after, after
    assert {answered_by(line) for line in requests_after} == {f"127.0.0.1:{survivor.port}"}, after
    context_a.close()
    context_b.close()
