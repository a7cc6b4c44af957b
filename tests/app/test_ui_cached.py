"""The caching decorator (ros/ui/cached.py) and the views it shares: built once per data version, language and
arguments, never two builders in one cache, and a shared view that no page run changes."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
import streamlit as st

from ros.base.config import ROOT
from ros.model.targets import TargetSettings
from ros.present.comparison import ComparisonView
from ros.present.milestones import MilestonesView
from ros.present.targets import TargetsTables, TargetsView
from ros.ui import data as ui_data
from ros.ui.cached import per_data, per_language
from ros.ui.data import Data
from ros.ui.targets_view import cached_view, targets_tables, targets_view
from tests.support.app import run_app

built: list[tuple[str, str, int]] = []


@per_language(max_entries=8)
def _homes_label(data: Data, language: str, homes: int) -> str:
    built.append((Path(data.folder).name, language, homes))
    return f"{language}:{homes}:{len(data.snapshot['municipalities'])}"


@per_data()
def _first(data: Data) -> str:
    return f"first of {Path(data.folder).name}"


@per_data()
def _second(data: Data) -> str:
    return f"second of {Path(data.folder).name}"


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_resource.clear()
    st.session_state.clear()
    built.clear()
    yield
    st.cache_resource.clear()
    st.session_state.clear()


def test_a_builder_runs_once_per_data_version_language_and_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _homes_label(69_000) == "nl:69000:14"
    assert _homes_label(69_000) == "nl:69000:14"
    assert _homes_label.cached(Data(ui_data.data_dir()), "nl", 69_000) == "nl:69000:14"  # as the warm-up calls it
    assert built == [("data", "nl", 69_000)]
    assert _homes_label(70_000) == "nl:70000:14"
    st.session_state["lang"] = "en"
    assert _homes_label(69_000) == "en:69000:14"
    assert built == [("data", "nl", 69_000), ("data", "nl", 70_000), ("data", "en", 69_000)]
    copy = shutil.copytree(ROOT / "data", tmp_path / "refreshed")  # another version in use: built again from it
    monkeypatch.setenv("ROS_DATA_DIR", str(copy))
    assert ui_data.data_dir() == str(copy)
    assert _homes_label(69_000) == "en:69000:14"
    assert built[-1] == ("refreshed", "en", 69_000)


def test_two_builders_with_the_same_arguments_keep_their_own_results() -> None:
    assert (_first(), _second(), _first()) == ("first of data", "second of data", "first of data")


def _fingerprint(view: TargetsView) -> list[object]:
    """Every field of the view by value: frames by content, figures as JSON."""
    parts: list[object] = []
    for field in dataclasses.fields(view):
        value = getattr(view, field.name)
        if isinstance(value, pd.DataFrame):
            parts.append([*pd.util.hash_pandas_object(value).tolist(), list(value.columns)])
        elif isinstance(value, go.Figure):
            parts.append(value.to_json())
        else:
            parts.append(repr(value))
    return parts


def test_the_shared_targets_view_is_frozen_and_no_page_run_changes_it() -> None:
    at = run_app("app_pages/doelen.py", alt_doelen_kaart=True, alt_doelen_gemeenten=True)
    assert not at.exception
    view = cached_view.cached(Data(ui_data.data_dir()), "nl", TargetSettings())
    before = _fingerprint(view)
    at.segmented_control(key="kaart").set_value("per_1000").run()
    at.selectbox(key="gemeente").set_value("GM0153").run()
    at.switch_page("app_pages/doelen.py").run()
    assert not at.exception
    assert cached_view.cached(Data(ui_data.data_dir()), "nl", TargetSettings()) is view
    assert _fingerprint(view) == before
    assert all(isinstance(getattr(view, f.name), pd.DataFrame | go.Figure | str) for f in dataclasses.fields(view)[1:])
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.shown = view.yearly  # type: ignore[misc]


@pytest.mark.parametrize("view", [TargetsView, TargetsTables, ComparisonView, MilestonesView])
def test_a_shared_view_is_frozen_and_holds_no_list_or_dict(view: type) -> None:
    assert view.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert [f.name for f in dataclasses.fields(view) if str(f.type).startswith(("list", "dict"))] == []


def test_the_shared_tables_hand_out_their_sheets_read_only() -> None:
    tables = targets_tables(targets_view(ui_data.target_result(TargetSettings())))
    assert list(tables.sheets) == ["Per gemeente", "Per jaar"]
    with pytest.raises(TypeError):
        tables.sheets["Per gemeente"] = tables.screen  # type: ignore[index]
