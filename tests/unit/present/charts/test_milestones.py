"""The Gantt of the milestones: rows per zoom range, today line, status as text and symbol, undated products."""

from __future__ import annotations

from datetime import date

from ros.base.i18n import section
from ros.model import milestones as ms
from ros.present.charts.milestones import milestones_timeline, visible_rows

TODAY = date(2026, 11, 27)
NL, EN = section("nl", "milestones"), section("nl", "milestones") | section("en", "milestones")


def figure(snapshot, range_key: str = "2027", body: str | None = None, lang: str = "nl"):
    table = ms.filter_by_body(ms.timeline(snapshot["milestones"], TODAY), body)
    return milestones_timeline(table, NL if lang == "nl" else EN, TODAY, lang, ms.RANGES[range_key])


def texts_by_row(fig) -> dict[str, str]:
    found: dict[str, str] = {}
    for trace in fig.data:
        if trace.text is not None:
            found.update(zip(trace.y, trace.text, strict=True))
    return found


def test_default_range_2024_2027_drops_the_2022_woondeal_and_the_horizons(snapshot):
    fig = figure(snapshot)
    rows = list(fig.layout.yaxis.tickvals)
    assert rows[0] == "bo_2024_start"
    assert "woondeal_twente" not in rows
    assert "horizon_2050" not in rows
    assert rows[-2:] == ["uitvoeringsagenda", "investeringsagenda"]
    assert fig.layout.xaxis.range == ("2024-01-01", "2028-01-01")
    assert fig.layout.title.text == "Tijdlijn van de ROS Twente"


def test_zoom_to_2100_shows_the_horizons(snapshot):
    rows = list(figure(snapshot, "2100").layout.yaxis.tickvals)
    assert rows[-2:] == ["horizon_2050", "doorkijk_2100"]
    assert figure(snapshot, "2100").layout.xaxis.range == ("2024-01-01", "2103-01-01")
    assert "horizon_2050" in figure(snapshot, "2050").layout.yaxis.tickvals
    assert "doorkijk_2100" not in figure(snapshot, "2050").layout.yaxis.tickvals


def test_status_is_text_next_to_each_bar_and_marker(snapshot):
    texts = texts_by_row(figure(snapshot))
    assert texts["bol_2026"] == "! over tijd, onbevestigd"
    assert texts["bo_mirt_2026"] == "◇ verwacht"
    assert texts["gr2026"] == "✓ gebeurd"
    assert texts["ros_opstellen"] == "▶ loopt"


def test_each_status_has_its_own_symbol_and_legend_entry(snapshot):
    fig = figure(snapshot)
    markers = {t.name: t.marker.symbol for t in fig.data if t.type == "scatter" and t.name}
    assert markers["✓ gebeurd"] == "circle"
    bars = {t.name: t.marker.color for t in fig.data if t.type == "bar"}
    assert bars["! over tijd, onbevestigd"] == "#D55E00"
    assert bars["◇ verwacht"] == "#E69F00"
    early = milestones_timeline(ms.timeline(snapshot["milestones"], date(2025, 6, 10)), NL, date(2025, 6, 10))
    points = {t.name: t.marker.symbol for t in early.data if t.type == "scatter" and t.name}
    assert points["▶ loopt"] == "triangle-right"  # BO Leefomgeving of 10-11 June 2025 on its first day
    assert points["○ gepland"] == "circle-open"
    legend = {t.name for t in fig.data if t.showlegend is not False and t.name}
    assert legend == {"✓ gebeurd", "▶ loopt", "◇ verwacht", "! over tijd, onbevestigd"}


def test_expected_windows_are_hatched_bars_and_short_meetings_are_markers(snapshot):
    fig = figure(snapshot)
    bars = {y: trace for trace in fig.data if trace.type == "bar" for y in trace.y}
    assert {"ros", "bo_mirt_2026", "bol_2026", "ros_opstellen", "budgetperiode", "collegebesluit_almelo"} <= set(bars)
    assert "bo_mirt_2025" not in bars
    assert "bo_2024_start" not in bars  # a few days: a marker, not a bar
    mirt = bars["bo_mirt_2026"]
    position = list(mirt.y).index("bo_mirt_2026")
    assert mirt.base[position] == "2026-09-01"
    assert mirt.x[position] == 91 * 24 * 60 * 60 * 1000  # 1 September to 30 November inclusive
    assert mirt.marker.pattern.shape[position] == "/"
    budget = bars["budgetperiode"]
    assert budget.marker.pattern.shape[list(budget.y).index("budgetperiode")] == ""  # a confirmed phase: solid
    decision = bars["collegebesluit_almelo"]  # confirmed, but its date is only known as May–December 2025
    assert decision.marker.pattern.shape[list(decision.y).index("collegebesluit_almelo")] == "/"


def test_today_line_and_its_date(snapshot):
    fig = figure(snapshot)
    line = fig.layout.shapes[0]
    assert (line.x0, line.x1, line.line.dash) == ("2026-11-27", "2026-11-27", "dash")
    assert any(a.text == "<b>stand 27-11-2026</b>" for a in fig.layout.annotations)


def test_undated_products_get_a_no_date_label_and_no_bar(snapshot):
    fig = figure(snapshot)
    labels = {a.y: a.text for a in fig.layout.annotations if a.y in ("uitvoeringsagenda", "investeringsagenda")}
    assert labels == {"uitvoeringsagenda": "? geen datum – na de ROS", "investeringsagenda": "? geen datum – na de ROS"}
    drawn = {y for t in fig.data if t.x is not None for y, x in zip(t.y, t.x, strict=True) if x is not None}
    assert "uitvoeringsagenda" not in drawn


def test_body_filter_and_english(snapshot):
    fig = figure(snapshot, body="raad", lang="en")
    assert list(fig.layout.yaxis.tickvals) == ["beraad_almelo", "collegebesluit_almelo", "gr2026"]
    assert fig.layout.yaxis.ticktext[2] == "Municipal elections in all 14 municipalities"
    assert texts_by_row(fig)["gr2026"] == "✓ done"


def test_visible_rows_keeps_overlapping_windows(snapshot):
    table = ms.timeline(snapshot["milestones"], TODAY)
    rows = visible_rows(table, (date(2026, 11, 1), date(2026, 12, 31)))
    assert set(rows["id"]) == {"budgetperiode", "ros_opstellen", "bo_mirt_2026", "ros", "uitvoeringsagenda",
                               "investeringsagenda"}  # fmt: skip
