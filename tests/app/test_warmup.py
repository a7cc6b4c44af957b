"""Start-up warming (ros/ui/warmup.py): what it fills is what the pages ask for, a failing step is skipped, the heap
is frozen afterwards, and nothing runs under AppTest."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable

import pytest
import streamlit as st

from ros.model import milestones as ms
from ros.model.targets import TargetSettings
from ros.ui import warmup
from tests.support.app import run_app


@pytest.fixture(autouse=True)
def _unfrozen():
    st.cache_resource.clear()
    yield
    gc.unfreeze()
    st.cache_resource.clear()


def test_the_warmed_targets_view_is_the_one_the_targets_page_asks_for_by_default():
    at = run_app("app_pages/doelen.py")
    assert not at.exception
    assert at.session_state["_targets_result"].settings == TargetSettings()


def test_every_warm_step_fills_the_cache_a_page_then_reads_and_the_heap_is_frozen_afterwards():
    steps = warmup.warm_steps()
    assert [name for name, _ in steps] == [
        "snapshot",
        "targets arrays",
        "boundaries",
        "targets view nl",
        "milestones chart nl",
        "budget chart nl",
        "targets view en",
        "milestones chart en",
        "budget chart en",
    ]
    warmed: list[object] = []

    def recorded(step: Callable[[], object]) -> Callable[[], None]:
        return lambda: warmed.append(step())

    warmup._warm([(name, recorded(step)) for name, step in steps])
    assert gc.get_freeze_count() > 100_000  # pandas, plotly and the snapshot are out of the collector's view
    assert all(step() is made for (_, step), made in zip(steps, warmed, strict=True))  # the same objects: cached


def test_a_failing_step_is_logged_and_the_others_still_run(caplog: pytest.LogCaptureFixture):
    ran: list[str] = []

    def broken() -> None:
        raise ValueError("no data")

    with caplog.at_level(logging.WARNING, logger="ros.ui.warmup"):
        warmup._warm([("first", lambda: ran.append("first")), ("broken", broken), ("last", lambda: ran.append("last"))])
    assert ran == ["first", "last"]
    assert "warming broken failed" in caplog.text
    assert gc.get_freeze_count() > 0


def test_nothing_is_started_under_apptest():
    at = run_app()
    assert not at.exception
    assert not warmup._started.is_set()


def test_the_milestones_chart_is_warmed_for_the_page_defaults():
    at = run_app("app_pages/mijlpalen.py")
    assert not at.exception
    assert (at.session_state["stand"], at.session_state["orgaan"], at.session_state["bereik"]) == (
        ms.clock_today(),
        None,
        "2027",
    )
