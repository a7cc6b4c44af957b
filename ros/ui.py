"""Streamlit glue: cached loaders, the shared sidebar widgets, translation lookup and small rendering helpers.

This is the only module in `ros` that imports Streamlit. Pages call these helpers so that they stay thin and
never repeat each other. Settings that define a shareable view are linked to the URL by `from_url`/`sync_url`
(not Streamlit's `bind="query-params"`, which puts formatted labels in the URL and drops bad values silently);
scenario settings live in the session's scenario so that they survive page switches.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pydantic import ValidationError

from ros import allocation, budget, compare, cost_sharing, exports, ledger, scenario, targets, trajectory
from ros import format as fmt
from ros import milestones as ms
from ros.allocation import AllocationError
from ros.charts import targets as target_charts
from ros.charts.budget import budget_sankey
from ros.charts.maps import municipality_map
from ros.charts.milestones import milestones_timeline
from ros.config import DATA_DIR, LANGUAGES, scenario_db_url
from ros.geo import Boundaries, load_boundaries, settings
from ros.i18n import language, section, translate
from ros.ledger import LedgerResult
from ros.region import municipality_names, source
from ros.region import target as region_target
from ros.snapshot import Snapshot, load_snapshot
from ros.store import (
    ScenarioRecord,
    ScenarioStore,
    StoreError,
    parse_scenario_file,
    scenario_file,
)
from ros.targets import RegionData, TargetResult, TargetSettings, recompute
from ros.validation import DataError
from ros.workbook import scenario_workbook

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


@st.cache_resource(show_spinner=False)
def _cached_snapshot(data_dir: str) -> Snapshot:
    return load_snapshot(Path(data_dir))


def snapshot() -> Snapshot:
    """The validated data snapshot (loaded once per process); stops the page with a message if it is invalid."""
    try:
        return _cached_snapshot(str(DATA_DIR))
    except DataError as error:
        st.error(t("common.data_error", message=str(error)), icon=":material/error:")
        st.stop()


@st.cache_resource(show_spinner=False)
def _cached_target_region(data_dir: str) -> RegionData:
    return targets.region_data(_cached_snapshot(data_dir))


def target_region() -> RegionData:
    """The arrays the targets page recomputes from (`ros.targets.RegionData`), built once per process."""
    snapshot()
    return _cached_target_region(str(DATA_DIR))


@st.cache_resource(show_spinner=False, ttl=600)
def _cached_boundaries(year: int, file: str | None, cache_dir: str, url: str, offline: bool) -> Boundaries:
    return load_boundaries(year, file=file, cache_dir=Path(cache_dir), url=url, offline=offline)


def boundaries(year: int = 2024) -> Boundaries:
    """The municipal boundaries for the map (`ros.geo.Boundaries`), with `problem` in the UI language.

    Settings (ROS_BOUNDARIES_FILE, ROS_CACHE_DIR, ROS_PDOK_URL, ROS_OFFLINE) are read at call time. The result is
    kept for ten minutes, so a failed download is retried later but not on every rerun.
    """
    now = settings()
    result = _cached_boundaries(year, now.file, str(now.cache_dir), now.url, now.offline)
    if result.problem_key and lang() != "nl":  # `problem` is already Dutch, with Dutch decimal commas
        problem = f"{t(result.problem_key, **result.problem_values)} {t('geo.fallback')}"
        return dataclasses.replace(result, problem=problem)
    return result


def lang() -> str:
    """The UI language chosen in the sidebar (Dutch by default); before the switch exists, the URL's ?lang=."""
    if "lang" in st.session_state:
        return language(st.session_state["lang"])
    return language(st.query_params.get("lang"))


def t(key: str, **values: object) -> str:
    """The text for `key` in the chosen language."""
    return translate(lang(), key, **values)


def labels(area: str) -> dict[str, str]:
    """All texts of one catalogue area in the chosen language, for figure builders."""
    return section(lang(), area)


def source_columns() -> dict[str, object]:
    """Column labels (and link rendering) for a table of sources."""
    columns = {c: t(f"sources.col_{c}") for c in ("id", "title", "publisher", "date", "licence", "note")}
    return columns | {"reference": st.column_config.LinkColumn(t("sources.col_reference"))}


def start_run() -> None:
    """Begin a run: forget the previous run's linked widgets; on the session's first run, read the scenario
    settings from the URL (every page's settings, so a link can carry a whole scenario)."""
    st.session_state["_url_defaults"] = {}
    if "_scenario" not in st.session_state:
        found, ignored = scenario.from_query(st.query_params.to_dict())
        st.session_state["_scenario"] = scenario.state_values(found)
        st.session_state.setdefault("_url_ignored", []).extend(ignored)


def from_url(key: str, default: Any, parse: Callable[[str], Any]) -> None:
    """Link widget state `key` to the URL parameter of the same name; call before creating the widget.

    Scenario settings (`ros.scenario`) take their value from the session's scenario, which the URL filled on the
    first run and which keeps the value while the user is on other pages. Other view settings are read from the
    URL on the session's first run when `parse` accepts them. A bad value keeps the default and is reported once;
    `sync_url` writes the values back (only those that differ from the default, so links stay short).
    """
    st.session_state["_url_defaults"][key] = default
    if key in scenario.URL_FIELDS:
        if key not in st.session_state:
            value = st.session_state["_scenario"].get(key)
            st.session_state[key] = default if value is None else value
        return
    loaded = st.session_state.setdefault("_url_loaded", set())
    if key in loaded and key in st.session_state:
        return
    loaded.add(key)
    raw = st.query_params.get(key)
    value = default
    if raw is not None:
        try:
            value = parse(raw)
        except (ValueError, KeyError, TypeError):
            st.session_state.setdefault("_url_ignored", []).append(f"{key}={raw}")
    st.session_state[key] = value


def sync_url(notice: Any) -> None:
    """Write the scenario and this page's view settings to the URL; show, once, which parameters were ignored."""
    registered = st.session_state.get("_url_defaults", {})
    page_defaults = st.session_state.setdefault("_url_page_defaults", {})
    page_defaults.update(registered)
    values = st.session_state["_scenario"]
    for key in (k for k in registered if k in scenario.URL_FIELDS):
        # A page default that is not the scenario's (the milestones' "today") is stored as the scenario default.
        value = st.session_state.get(key)
        values[key] = scenario.default_value(key) if value == registered[key] else value
    if not st.session_state.get("_url_checked"):
        st.session_state["_url_checked"] = True
        unknown = [f"{k}={v}" for k, v in st.query_params.items() if k not in registered and k not in scenario.URL_FIELDS]
        st.session_state.setdefault("_url_ignored", []).extend(unknown)
    wanted = {}
    for key in scenario.URL_FIELDS:
        value, default = values.get(key), page_defaults.get(key, scenario.default_value(key))
        if value is not None and value != default:
            wanted[key] = scenario.url_text(value)
    for key, default in registered.items():
        value = st.session_state.get(key, default)
        if key not in scenario.URL_FIELDS and value not in (default, None):
            wanted[key] = str(value)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    ignored = st.session_state.pop("_url_ignored", [])
    if ignored:
        notice.warning(t("common.url_ignored", params=", ".join(sorted(set(ignored)))), icon=":material/link_off:")


@st.cache_resource(show_spinner=False)
def _cached_store(url: str) -> ScenarioStore:
    return ScenarioStore(url)


def store() -> ScenarioStore:
    """The scenario store (one engine per database URL and process)."""
    return _cached_store(scenario_db_url())


def current_scenario() -> tuple[scenario.Scenario, str | None]:
    """The session's scenario (every page's settings and the last valid ledger), or the default plus the Dutch
    reason when the current settings do not fit together."""
    values = dict(st.session_state.get("_scenario") or scenario.state_values(scenario.DEFAULT))
    values["grootboek"] = [e.model_dump() for e in scenario.ledger_entries(st.session_state.get("budget_ledger_valid"))]
    try:
        return scenario.from_state(values), None
    except ValidationError as error:
        return scenario.DEFAULT, scenario.describe(error)


def apply_scenario(chosen: scenario.Scenario) -> None:
    """Make `chosen` the session's scenario: every page's widgets start from it on their next run."""
    values = scenario.state_values(chosen)
    st.session_state["_scenario"] = values
    for key in scenario.URL_FIELDS:
        st.session_state.pop(key, None)
    names = dict(zip(snapshot()["parties"]["id"], snapshot()["parties"]["name"], strict=True))
    book = scenario.ledger_frame(chosen.ledger_entries, names)
    st.session_state["budget_ledger"] = st.session_state["budget_ledger_valid"] = book
    st.session_state["budget_ledger_version"] = st.session_state.get("budget_ledger_version", 0) + 1


def settings_columns() -> dict[str, str]:
    """Column labels for a table of settings (changed settings or a comparison of two scenarios)."""
    return {c: t(f"scenario.col_{c}") for c in ("parameter", "setting", "value", "default", "base", "other")}


def target_result(settings: TargetSettings) -> TargetResult:
    """The targets recompute for `settings` on the shipped data."""
    return recompute(target_region(), settings)


def scenario_contributions(chosen: scenario.Scenario) -> pd.DataFrame | None:
    """Each party's contribution under the scenario's cost-sharing key and total, or None without a total."""
    if chosen.budget_total is None or chosen.cost_key == "eigen":
        return None
    parties = cost_sharing.parties_for_keys(snapshot()["parties"], snapshot()["municipalities"])
    fixed = {kind: cost_sharing.percent_share(getattr(chosen, f"fixed_{kind}")) for kind in cost_sharing.FIXED_KINDS}
    return cost_sharing.allocate(parties, chosen.budget_total, chosen.cost_key, fixed, {})


def scenario_downloads(chosen: scenario.Scenario, name: str | None = None) -> None:
    """Download buttons for a scenario: the scenario file (JSON) and the Excel workbook with every result."""
    label = name or t("scenario.current_name")
    left, right = st.columns(2)
    left.download_button(
        t("scenario.download_file"),
        lambda: scenario_file(label, t("scenario.current_author"), scenario.VERSION, scenario.to_json(chosen),
                              datetime.now(UTC)),
        file_name="scenario.json", mime="application/json", icon=":material/download:", on_click="ignore",
        key="scenario_json_current",
    )
    right.download_button(
        t("scenario.download_excel"),
        lambda: scenario_workbook(chosen, target_result(chosen.target_settings()), lang(), snapshot()["sources"],
                                  scenario_contributions(chosen)),
        file_name="scenario.xlsx", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:", on_click="ignore", key="scenario_xlsx_current",
    )


def show_store_message() -> None:
    """Show (once) the outcome of the last scenario action."""
    kind, text = st.session_state.pop("_store_message", (None, None))
    if kind == "ok":
        st.success(text, icon=":material/check_circle:")
    elif kind == "error":
        st.error(text, icon=":material/error:")


def store_action(action: Callable[[], Any], done: str) -> None:
    """Run a store action and keep its outcome for `show_store_message` (a refused action loses nothing)."""
    try:
        action()
    except StoreError as error:
        st.session_state["_store_message"] = ("error", t(f"store.{error.code}", **error.params))
    else:
        st.session_state["_store_message"] = ("ok", t(f"scenario.done_{done}"))


def rename_record(record: ScenarioRecord) -> None:
    """Rename a saved scenario to the text in its rename box (button callback; a stale revision is refused)."""
    new_name = st.session_state.get(f"rename_{record.id}", record.name)
    store_action(lambda: store().rename(record.id, new_name, record.revision), "renamed")


def records_table(records: list[ScenarioRecord]) -> pd.DataFrame:
    """Saved scenarios for the screen: name, author, saved (local time), status in words, agreed baseline."""
    return pd.DataFrame(
        {
            "name": [r.name for r in records],
            "author": [r.author for r in records],
            "saved": [fmt.date_time(r.updated_at, lang()) for r in records],
            "status": [t(f"store.status_{r.status}") for r in records],
            "agreed": [r.agreed for r in records],
        }
    )


def records_columns() -> dict[str, object]:
    """Column labels for `records_table`."""
    labels = {c: t(f"scenario.col_{c}") for c in ("name", "author", "saved", "status")}
    return labels | {"agreed": st.column_config.CheckboxColumn(t("scenario.col_agreed"))}


def open_record(record: ScenarioRecord) -> None:
    """Make a saved scenario the session's scenario (button callback)."""
    try:
        apply_scenario(scenario.from_json(record.payload or {}, record.version))
    except ValueError as error:
        st.session_state["_store_message"] = ("error", t("scenario.open_failed", name=record.name, problem=str(error)))
    else:
        st.session_state["_store_message"] = ("ok", t("scenario.done_opened", name=record.name))


def import_scenario_file(name: str, data: bytes) -> None:
    """Check an uploaded scenario file and offer to open or save it; a refused file changes nothing."""
    try:
        envelope = parse_scenario_file(data, scenario.VERSION, scenario.validate_settings)
    except StoreError as error:
        st.error(t("scenario.import_refused", file=name, reason=t(f"store.{error.code}", **error.params)),
                 icon=":material/error:")
        return
    found = scenario.from_json(envelope["settings"], envelope["version"])
    st.success(t("scenario.import_ok", name=envelope["name"], author=envelope["author"]), icon=":material/check:")
    changes = compare.changed_settings(found, lang())
    if not changes.empty:
        st.dataframe(changes, hide_index=True, column_config=settings_columns())
    left, right = st.columns(2)
    left.button(t("scenario.open"), icon=":material/open_in_new:", key="import_open", on_click=apply_scenario,
                args=(found,))
    right.button(t("scenario.import_save"), icon=":material/save:", key="import_save", on_click=store_action,
                 args=(lambda: store().save(envelope["name"], envelope["author"], envelope["settings"],
                                            envelope["version"]), "saved"))


def baseline() -> tuple[str, scenario.Scenario]:
    """The comparison's baseline: the scenario marked as agreed (when it is valid), else the default scenario."""
    record = store().agreed(scenario.validate_settings, scenario.VERSION)
    if record is not None and record.status == "ok" and record.payload is not None:
        return t("comparison.agreed_name", name=record.name), scenario.from_json(record.payload, record.version)
    return t("comparison.default_name"), scenario.DEFAULT


def comparison_choice(current: scenario.Scenario) -> tuple[str, scenario.Scenario]:
    """The scenario to compare with the baseline: the current one (default) or a valid saved one, in the URL
    as ?vergelijk=<id>."""
    records = {r.id: r for r in store().list(scenario.validate_settings, scenario.VERSION) if r.status == "ok"}
    options = ["huidig", *records]
    from_url("vergelijk", "huidig", lambda raw: raw if raw in options else (_ for _ in ()).throw(KeyError(raw)))
    if st.session_state["vergelijk"] not in options:
        st.session_state["vergelijk"] = "huidig"
    names = {"huidig": t("comparison.current_name")} | {i: r.name for i, r in records.items()}
    chosen = st.selectbox(t("comparison.choose"), options, format_func=names.get, key="vergelijk")
    if chosen == "huidig":
        return names[chosen], current
    return names[chosen], scenario.from_json(records[chosen].payload or {}, records[chosen].version)


def comparison_columns() -> dict[str, str]:
    """Column labels for `compare.display`."""
    names = ("homes_base", "homes_other", "homes_delta", "residents_base", "residents_other", "residents_delta",
             "per_year_base", "per_year_other", "per_year_delta", "pace_base", "pace_other")
    return {"name": t("common.municipality")} | {c: t(f"comparison.col_{c}") for c in names}


def targets_settings_panel(region: RegionData, homes_goal: Mapping[str, Any], residents_goal: Mapping[str, Any]
                           ) -> AllocationError | None:
    """The grouped settings of the targets page (all in the URL), including custom weights from the table editor
    or an uploaded CSV; returns the refusal of bad weights (None when they are fine)."""
    codes, names = region.codes, region.names
    from_url("woningen", int(homes_goal["value"]), targets.bounded_int(0, targets.MAX_TOTAL))
    from_url("inwoners", int(residents_goal["value"]), targets.bounded_int(0, targets.MAX_TOTAL))
    from_url("sleutel", "population", targets.choice(allocation.KEYS))
    from_url("steden", 100, targets.bounded_int(0, 100))
    from_url("gewichten", "", lambda raw: allocation.weights_to_text(allocation.weights_from_text(raw, codes, names)))
    from_url("vorm", "linear", targets.choice(trajectory.SHAPES))
    from_url("startjaar", 2025, targets.bounded_int(trajectory.FIRST_YEAR, 2050))
    from_url("eindjaar", int(homes_goal["year"]), targets.bounded_int(2025, trajectory.LAST_YEAR))
    from_url("doorkijk", "stop", targets.choice(trajectory.OUTLOOKS))
    from_url("tempo", 2000, targets.bounded_int(0, targets.MAX_TOTAL))
    from_url("bewoning", 0.0, targets.bounded_float(-5.0, 5.0))
    from_url("kaart", "homes", targets.choice(targets.MAP_MEASURES))

    with st.expander(t("targets.settings_heading"), expanded=True, icon=":material/tune:"):
        c1, c2, c3, c4 = st.columns(4)
        c1.markdown(f"**{t('targets.group_totals')}**")
        c1.number_input(t("targets.homes_total"), 0, targets.MAX_TOTAL, step=1000, key="woningen",
                        help=t("targets.homes_total_help"))
        c1.number_input(t("targets.residents_total"), 0, targets.MAX_TOTAL, step=1000, key="inwoners",
                        help=t("targets.residents_total_help"))
        c2.markdown(f"**{t('targets.group_key')}**")
        key = c2.selectbox(t("targets.key"), allocation.KEYS, format_func=lambda k: t(f"targets.key_{k}"), key="sleutel",
                           help=t("targets.key_help"))
        if key == "stedelijk_netwerk":
            c2.slider(t("targets.city_share"), 0, 100, step=5, key="steden", help=t("targets.city_share_help"))
        if key.startswith("plan_"):
            c2.caption(t("targets.plan_note"))
        c3.markdown(f"**{t('targets.group_time')}**")
        c3.selectbox(t("targets.shape"), trajectory.SHAPES, format_func=lambda s: t(f"targets.shape_{s}"), key="vorm",
                     help=t("targets.shape_help"))
        y1, y2 = c3.columns(2)
        y1.number_input(t("targets.start_year"), trajectory.FIRST_YEAR, 2050, key="startjaar", help=t("targets.start_year_help"))
        y2.number_input(t("targets.end_year"), 2025, trajectory.LAST_YEAR, key="eindjaar", help=t("targets.end_year_help"))
        outlook = c3.selectbox(t("targets.outlook"), trajectory.OUTLOOKS, format_func=lambda o: t(f"targets.outlook_{o}"),
                               key="doorkijk")
        if outlook == "pace":
            c3.number_input(t("targets.outlook_pace_value"), 0, targets.MAX_TOTAL, step=100, key="tempo")
        c4.markdown(f"**{t('targets.group_residents')}**")
        c4.number_input(t("targets.occupancy_change"), -5.0, 5.0, step=0.1, format="%.1f", key="bewoning",
                        help=t("targets.occupancy_change_help"))
        c4.caption(t("targets.occupancy_note", value=fmt.number(targets.occupancy_twente(region), lang(), 2),
                     change=fmt.percent(st.session_state["bewoning"] / 100, lang())))
        custom_error = None
        if key == "custom":
            st.markdown(t("targets.custom_intro"))
            left, right = st.columns([3, 2])
            version = st.session_state.setdefault("_weights_version", 0)
            base = st.session_state.setdefault("_weights_base", allocation.weights_frame(
                allocation.weights_from_text(st.session_state["gewichten"], codes, names)
                if st.session_state["gewichten"] else None, codes, names))
            edited = left.data_editor(base, hide_index=True, disabled=["code", "name"], key=f"weights_editor_{version}",
                                      column_config={"code": None, "name": t("common.municipality"),
                                                     "weight": st.column_config.NumberColumn(t("targets.col_weight"))})
            upload = right.file_uploader(t("targets.custom_upload"), type=["csv", "txt"], key=f"weights_upload_{version}")
            if "_weights_file" in st.session_state:
                right.success(t("targets.custom_loaded", file=st.session_state["_weights_file"]), icon=":material/check:")
            try:
                if upload is not None:
                    weights = allocation.read_weights_csv(upload.getvalue(), codes, names)
                    st.session_state["_weights_base"] = allocation.weights_frame(weights, codes, names)
                    st.session_state["_weights_version"] = version + 1
                    st.session_state["gewichten"] = allocation.weights_to_text(weights)
                    st.session_state["_weights_file"] = upload.name
                    st.rerun()
                weights = allocation.check_weights(allocation.frame_weights(edited), codes, names)
                st.session_state["gewichten"] = allocation.weights_to_text(weights)
            except AllocationError as error:
                custom_error = error
    return custom_error


def targets_result(region: RegionData, refused: AllocationError | None) -> tuple[TargetResult, AllocationError | None]:
    """The recompute for the page's settings; when they are refused, the last valid result (or the default) and
    the refusal, so the screen never loses what the user had."""
    try:
        if refused is not None:
            raise refused
        result = recompute(region, targets.settings_from_state(st.session_state, region))
    except AllocationError as error:
        previous = st.session_state.get("_targets_result")
        return previous or recompute(region, TargetSettings()), error
    st.session_state["_targets_result"] = result
    return result, None


@dataclass(frozen=True, eq=False)
class TargetsView:
    """What the targets page shows for one set of settings in one language, built once and then reused."""

    result: TargetResult
    shown: pd.DataFrame
    yearly: pd.DataFrame
    path: pd.DataFrame
    region_chart: go.Figure
    municipalities_chart: go.Figure
    residents_chart: go.Figure
    maps: dict[tuple[str, str, int], go.Figure] = dataclasses.field(default_factory=dict)


@st.cache_resource(show_spinner=False, max_entries=32)
def _targets_view(settings: TargetSettings, code: str, data_dir: str) -> TargetsView:
    result = recompute(_cached_target_region(data_dir), settings)
    text, labels, sep = (lambda key, **v: translate(code, key, **v)), section(code, "targets"), fmt.plotly_separators(code)
    yearly, path = result.yearly_frame(result.last_year), result.region_path(result.last_year)
    woondeal = region_target(_cached_snapshot(data_dir), "woondeal_homes_2030")
    wd_year, wd_value = int(woondeal["year"]), int(woondeal["value"])
    path_labels = {k: labels[f"path_{k}"] for k in ("line", "outlook", "historical", "target", "woondeal", "axis", "hover")}
    region_chart = target_charts.region_path_chart(
        path, path_labels | {"path": labels["path_line"], "title": text("targets.path_title", start=settings.start_year)},
        settings.end_year, (settings.homes_total, text("targets.path_target_text", value=fmt.number(settings.homes_total, code))),
        (wd_year, wd_value, text("targets.path_woondeal_text", value=fmt.number(wd_value, code))), sep)
    municipalities_chart = target_charts.municipality_paths_chart(
        yearly, {"title": labels["municipalities_title"], "path": labels["path_line"],
                 "historical": labels["path_historical"], "hover": labels["path_hover"]}, separators=sep)
    actual = targets.actual_growth(result.region)
    residents_chart = target_charts.residents_path_chart(
        path, {k: labels[f"residents_{k}"] for k in ("title", "axis", "path", "target", "actual", "hover")},
        settings.end_year,
        (settings.residents_total, text("targets.residents_target_text", value=fmt.number(settings.residents_total, code))),
        actual and (*actual, text("targets.residents_actual_text", value=fmt.signed(actual[1], code))), sep)
    shown = targets.display_table(result.table(), code, text("common.twente"))
    return TargetsView(result, shown, yearly, path, region_chart, municipalities_chart, residents_chart)


def targets_map(view: TargetsView, measure: str, found: Boundaries) -> go.Figure:
    """The map of the targets page for one measure, built once per view, measure and boundary source."""
    key = (measure, found.origin, found.year)
    if key not in view.maps:
        name = t(f"targets.measure_{measure}")
        hover = {f"{c}_text": t(f"targets.col_{c}") for c in ("homes", "per_year", "pace_ratio", "residents")}
        view.maps[key] = municipality_map(
            targets.municipality_rows(view.shown), targets.MAP_VALUE[measure], targets.MAP_TEXT[measure],
            {"title": t("targets.map_title", measure=name), "colorbar": name}, found.geojson,
            fmt.plotly_separators(lang()), hover)
    return view.maps[key]


def targets_view(result: TargetResult) -> TargetsView:
    """The table and charts of the targets page for `result`'s settings in the chosen language (cached)."""
    return _targets_view(result.settings, lang(), str(DATA_DIR))


@st.cache_resource(show_spinner=False, max_entries=64)
def _milestones_chart(today: date, body: str | None, span: str, code: str, data_dir: str) -> go.Figure:
    table = ms.filter_by_body(ms.timeline(_cached_snapshot(data_dir)["milestones"], today), body)
    return milestones_timeline(table, section(code, "milestones"), today, code, ms.RANGES[span])


def milestones_chart(today: date, body: str | None, span: str) -> go.Figure:
    """The milestone timeline for a day, a body filter and a zoom range in the chosen language (cached)."""
    return _milestones_chart(today, body, span, lang(), str(DATA_DIR))


@st.cache_resource(show_spinner=False, max_entries=8)
def _budget_flow_chart(show_unknown: bool, code: str, data_dir: str) -> go.Figure:
    flows = budget.budget_flows(budget.budget_table(_cached_snapshot(data_dir)), show_unknown)
    return budget_sankey(flows, section(code, "budget"), code)


def budget_flow_chart(show_unknown: bool) -> go.Figure:
    """The Sankey of the ROS money, with or without the unknown flows, in the chosen language (cached)."""
    return _budget_flow_chart(show_unknown, lang(), str(DATA_DIR))


@st.cache_data(show_spinner=False, max_entries=16)
def checked_ledger(frame: pd.DataFrame, parties: dict[str, str]) -> LedgerResult:
    """The ledger table checked (`ros.ledger.validate_ledger`), recomputed only when its content changes."""
    return ledger.validate_ledger(frame, parties)


def ledger_panel(names: dict[str, str]) -> pd.DataFrame:
    """The budget page's ledger: upload, reset and the table editor, with Dutch messages for refused input; returns
    the last valid ledger (session only, never written to data/)."""
    state = st.session_state
    state.setdefault("budget_ledger", ledger.empty_ledger(names))
    state.setdefault("budget_ledger_valid", ledger.empty_ledger(names))
    state.setdefault("budget_ledger_version", 0)
    upload = st.file_uploader(t("budget.ledger_upload"), type=["csv", "xlsx"], key="budget_ledger_upload")
    st.button(t("budget.ledger_reset"), icon=":material/restart_alt:", key="budget_ledger_reset",
              on_click=lambda: state.update(budget_ledger=ledger.empty_ledger(names),
                                            budget_ledger_valid=ledger.empty_ledger(names),
                                            budget_ledger_version=state["budget_ledger_version"] + 1))
    if upload is not None and state.get("budget_ledger_file") != upload.file_id:
        result = ledger.load_upload(upload.name, upload.getvalue(), names)
        state["budget_ledger_file"], state["budget_ledger_result"] = upload.file_id, (upload.name, result)
        if result.ok:
            state["budget_ledger"] = state["budget_ledger_valid"] = result.frame
            state["budget_ledger_version"] += 1
    if upload is not None and "budget_ledger_result" in state:
        name, result = state["budget_ledger_result"]
        if result.ok:
            st.success(t("budget.ledger_upload_ok", name=name, count=ledger.known_count(result.frame)))
        else:
            st.error("\n".join([t("budget.ledger_upload_refused", name=name)] + [f"- {i.message}" for i in result.issues]),
                     icon=":material/error:")
    edited = st.data_editor(state["budget_ledger"], hide_index=True, num_rows="fixed",
                            key=f"budget_ledger_editor_{state['budget_ledger_version']}",
                            disabled=[ledger.PARTY, ledger.NAME, ledger.YEAR], column_config={
                                ledger.PARTY: None, ledger.NAME: t("budget.col_party"), ledger.YEAR: t("budget.col_year"),
                                **{s: st.column_config.NumberColumn(t(f"budget.state_{s}"), format="euro", step=0.01)
                                   for s in ledger.STATES}})
    checked_book = checked_ledger(edited, names)
    if checked_book.ok:
        state["budget_ledger_valid"] = checked_book.frame
    else:
        st.error("\n".join([t("budget.ledger_edit_refused")] + [f"- {i.message}" for i in checked_book.issues]),
                 icon=":material/error:")
    return state["budget_ledger_valid"]


def _municipality_code(raw: str) -> str:
    """A URL value as a known municipality code (accepts the code or the name, any case)."""
    names = municipality_names(snapshot())
    by_name = {name.lower(): code for code, name in names.items()}
    code = raw.upper() if raw.upper() in names else by_name[raw.strip().lower()]
    return code


def _language_code(raw: str) -> str:
    if raw not in LANGUAGES:
        raise ValueError(raw)
    return raw


def language_switch() -> str:
    """The NL/EN switch in the sidebar, kept in the URL as ?lang=en; returns the language code."""
    from_url("lang", LANGUAGES[0], _language_code)
    st.sidebar.radio("Taal / Language", LANGUAGES, format_func=LANGUAGE_NAMES.get, horizontal=True, key="lang")
    # Screen readers pick their voice from <html lang>, which Streamlit fixes at "en"; the code is one of LANGUAGES.
    with st.sidebar:
        st.html(f"<script>document.documentElement.lang = '{lang()}';</script>", unsafe_allow_javascript=True)
    return lang()


def municipality_picker() -> str | None:
    """The sidebar municipality choice, kept across pages and in the URL as ?gemeente=GM0153."""
    names = municipality_names(snapshot())
    from_url("gemeente", None, _municipality_code)
    st.sidebar.selectbox(
        t("common.municipality"),
        list(names),
        format_func=names.get,
        placeholder=t("common.all_twente"),
        help=t("common.municipality_help"),
        key="gemeente",
    )
    return selected_municipality()


def selected_municipality() -> str | None:
    """The CBS code chosen in the sidebar, or None for all of Twente."""
    return st.session_state.get("gemeente")


def source_caption(source_ids: Iterable[str], extra: str = "") -> None:
    """A caption naming the sources (publisher, title, date) of what is shown just above it."""
    parts = []
    for source_id in dict.fromkeys(source_ids):
        row = source(snapshot(), source_id)
        parts.append(f"{row['publisher']}, *{row['title']}* ({fmt.partial_date(row['date'], lang())})")
    text = f"{t('common.source')}: " + "; ".join(parts)
    st.caption(f"{text}. {extra}" if extra else text)


def download_buttons(name: str, sheets: Mapping[str, pd.DataFrame], key: str) -> None:
    """CSV (first sheet) and Excel (all sheets) download buttons side by side; files are built on click."""
    first = next(iter(sheets.values()))
    left, right = st.columns(2)
    left.download_button(
        t("common.download_csv"),
        lambda: exports.csv_bytes(first),
        file_name=f"{name}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"{key}_csv",
        on_click="ignore",
    )
    right.download_button(
        t("common.download_excel"),
        lambda: exports.excel_bytes(sheets),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:",
        key=f"{key}_xlsx",
        on_click="ignore",
    )
