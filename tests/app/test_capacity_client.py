"""scripts/capacity_test.py's simulated browser against a real `streamlit run` on loopback: it opens a page, learns
its widgets from the ForwardMsgs, changes one with a BackMsg like a click does, and sees the rerun finish."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from scripts.capacity_test import Results, Session, changed_state, typed_number
from scripts.pagebench.server import Server, server_env

APP = """import streamlit as st

choice = st.segmented_control("Maat", ["woningen", "inwoners"], key="maat", required=True, default="woningen")
st.markdown(f"gekozen: {choice}")
homes = st.text_input("Woningen", "69.000", key="woningen")
st.markdown(f"getypt: {homes}")
st.text_input("Naam", "Snel bouwen", key="naam")
if st.checkbox("Fout", key="fout"):
    raise ValueError("bewust")
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("capacity-app")
    (folder / "app.py").write_text(APP, encoding="utf-8")
    with Server(folder / "app.py", server_env(), folder) as server:
        yield server


def _run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine on its own event loop in a thread: the browser tests' Playwright keeps a loop running in the
    main thread of the test process, where asyncio.run refuses to start."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _session(server: Server, results: Results) -> Session:
    session = Session(0, server.base, [("app.py", "")], "", results, think=0.1, timeout=30, seed=1)
    session.keep_text = True
    return session


def test_a_session_opens_the_page_changes_a_widget_and_the_server_reruns_with_it(served: Server) -> None:
    async def scenario() -> tuple[Session, list[str]]:
        import websockets
        from websockets.typing import Origin, Subprotocol

        results = Results(level=1)
        session = _session(served, results)
        texts: list[str] = []
        async with websockets.connect(
            served.base.replace("http", "ws") + "/_stcore/stream",
            subprotocols=[Subprotocol("streamlit")],
            origin=Origin(served.base),
        ) as socket:
            session.socket = socket
            reader = asyncio.create_task(session.read())
            assert await session.rerun(page_name="") is not None
            widgets = {w.kind: w for w in session.widgets.values()}
            assert set(widgets) == {"button_group", "checkbox", "text_input"}  # the name field is no number
            assert widgets["text_input"].value == "69.000"
            assert widgets["button_group"].options == ["woningen", "inwoners"]
            assert widgets["button_group"].value == "woningen"
            state, value = changed_state(widgets["button_group"], session.rng)
            assert value == "inwoners"
            assert list(state.string_array_value.data) == ["inwoners"]
            session.states = {state.id: state}
            assert await session.rerun(page_hash=session.page_hash, timed="button_group") is not None
            state, typed = changed_state(widgets["text_input"], random.Random(3))
            assert typed in ("68.310", "69.690")
            assert state.string_value == typed
            session.states = {state.id: state}
            assert await session.rerun(page_hash=session.page_hash, timed="text_input") is not None
            reader.cancel()
        texts += session.texts
        return session, texts

    session, texts = _run(scenario())
    assert "gekozen: inwoners" in texts
    assert any(text in texts for text in ("getypt: 68.310", "getypt: 69.690"))
    assert len(session.results.reruns[1]) == 2
    assert session.results.errors == {}


def test_a_typed_number_moves_by_a_step_and_stays_dutch() -> None:
    rng = random.Random(0)
    assert {typed_number("69.000", rng) for _ in range(20)} == {"68.310", "69.690"}
    assert {typed_number("0,0", rng) for _ in range(20)} == {"0,1"}  # never below zero from zero
    assert {typed_number("-0,5", rng) for _ in range(20)} == {"-0,4", "-0,6"}


def test_an_exception_in_the_script_is_counted_as_an_error(served: Server) -> None:
    async def scenario() -> Results:
        import websockets
        from websockets.typing import Origin, Subprotocol

        results = Results(level=1)
        session = _session(served, results)
        async with websockets.connect(
            served.base.replace("http", "ws") + "/_stcore/stream",
            subprotocols=[Subprotocol("streamlit")],
            origin=Origin(served.base),
        ) as socket:
            session.socket = socket
            reader = asyncio.create_task(session.read())
            await session.rerun(page_name="")
            checkbox = next(w for w in session.widgets.values() if w.kind == "checkbox")
            state, value = changed_state(checkbox, session.rng)
            assert value is True
            assert state.bool_value is True
            session.states = {state.id: state}
            assert await session.rerun(page_hash=session.page_hash, timed="checkbox") is None
            reader.cancel()
        return results

    results = _run(scenario())
    assert len(results.errors[1]) == 1
    assert "ValueError: bewust" in results.errors[1][0]
    assert results.reruns == {}
