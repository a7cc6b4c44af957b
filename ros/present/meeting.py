"""Vergadermodus in words: what the six views of a BOSS meeting say, their figures and tables, in one language.

A meeting steps through a fixed sequence (`ros.model.meeting.STEPS`): (1) headline figures, (2) the map of homes per
municipality, (3) the pace needed against 2012–2020, (4) the budget (known and unknown), (5) the next milestones and
(6) the progress (worded by `ros.present.progress`). Every view names the scenario (the decision's defaults, or the
settings that differ, in words) and the dates of the data. The figures come from the same places as the other pages:
the targets of the decision (`targets.csv`), CBS 85984NED (1-1-2024) and 37230ned (1-1-2026, provisional), CBS
81955NED (new construction 2012–2020), `budget.csv` and `milestones.csv`; a scenario's homes and pace from
`ros.model.targets.recompute`; what to order, pick or compare from `ros.model.meeting`. Unknown stays unknown
("onbekend").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial

import pandas as pd
import plotly.graph_objects as go

from ros.base import format as fmt
from ros.base.i18n import localized, translate
from ros.data import series
from ros.data.geo import JSONObject
from ros.data.snapshot import Snapshot
from ros.model import budget, cost_sharing, pace, realised, region
from ros.model import milestones as ms
from ros.model.meeting import (
    MILESTONE_COUNT,
    STEPS,
    homes_decided,
    homes_order,
    map_rows,
    open_milestones,
    residents_decided,
)
from ros.model.progress import Track
from ros.model.targets import TargetResult, row
from ros.present import budget as budget_words
from ros.present import milestones as milestone_words
from ros.present import realised as realised_words
from ros.present.cards import Fact
from ros.present.charts.maps import municipality_map
from ros.present.charts.meeting import pace_bars, presentation_layout
from ros.present.comparison import setting_text
from ros.present.milestones import next_milestone_card
from ros.present.realised import period_of
from ros.present.targets import display_table, ratio_text
from ros.records import scenario
from ros.records.scenario import Scenario

BUILT_SINCE = 2024  # the overview and the meeting view count the homes built from the same year


def step_label(step: int, lang: str) -> str:
    """'3 / 5 · Tempo': the position in the sequence and the view's short name."""
    return translate(
        lang,
        "meeting.step_label",
        step=step,
        count=len(STEPS),
        name=translate(lang, f"meeting.short_{STEPS[step - 1]}"),
    )


# --- scenario and data date, shown on every view --------------------------------------------------------------


def scenario_settings(chosen: Scenario, lang: str) -> list[str]:
    """The settings that differ from the decision's defaults, each as 'name: value' in words ('Woningen tot het
    eindjaar: 80.000'); the ledger as a count of filled-in rows. Empty for the default scenario."""
    names = scenario.URL_FIELDS
    lines = [
        f"{translate(lang, f'meeting.setting_{alias}')}: {setting_text(alias, getattr(chosen, names[alias]), lang)}"
        for alias in scenario.to_query(chosen)
    ]
    if chosen.ledger_entries:
        lines.append(translate(lang, "meeting.setting_grootboek", count=len(chosen.ledger_entries)))
    return lines


def scenario_text(chosen: Scenario, lang: str) -> str:
    """One line for every view: 'Scenario: standaardscenario (besluit)' or 'Scenario (aanname): a; b; c'."""
    lines = scenario_settings(chosen, lang)
    if not lines:
        return translate(lang, "meeting.scenario_default")
    return translate(lang, "meeting.scenario_changed", settings="; ".join(lines))


def data_date_text(standing: region.Standing, stand: date, lang: str) -> str:
    """The dates of the data on every view: CBS figures, the provisional population count and the timeline's day."""
    provisional = standing.status_now in ("voorlopig", "nader voorlopig")
    status = translate(lang, f"common.{'provisional' if provisional else 'final'}")
    return translate(
        lang,
        "meeting.data_date",
        reference=fmt.long_date(standing.reference_date, lang),
        now=fmt.long_date(standing.reference_date_now, lang),
        status=status,
        stand=fmt.long_date(stand, lang),
    )


# --- (1) headline figures --------------------------------------------------------------------------------------


def headline_facts(
    snapshot: Snapshot, result: TargetResult, lang: str, today: date | None = None
) -> dict[str, list[Fact]]:
    """The headline figures in three groups: the targets of the decision (with the scenario's figures when they
    differ), where Twente stands (with dates) and the money (known and unknown)."""
    homes, residents = region.target(snapshot, "ros_homes_2050"), region.target(snapshot, "ros_residents_2050")
    s, now = result.settings, region.standing(snapshot)
    built = realised.homes_since(snapshot, BUILT_SINCE)
    twente = row(result.table(), None)
    number = partial(fmt.number, lang=lang)
    decided = translate(lang, "meeting.from_decision")
    homes_note = (
        decided
        if homes_decided(s, homes)
        else translate(lang, "meeting.scenario_figure", value=number(s.homes_total), start=s.start_year, end=s.end_year)
    )
    residents_note = (
        decided
        if residents_decided(s, residents)
        else translate(
            lang, "meeting.scenario_figure", value=number(s.residents_total), start=s.start_year, end=s.end_year
        )
    )
    targets = [
        Fact(
            translate(lang, "meeting.homes_target", year=int(homes["year"])),
            translate(lang, "overview.at_least", value=number(homes["value"])),
            homes_note,
        ),
        Fact(
            translate(lang, "meeting.residents_target", year=int(residents["year"])),
            translate(lang, "overview.more_than", value=number(residents["value"])),
            residents_note,
        ),
        Fact(
            translate(lang, "meeting.per_year_needed", start=s.start_year, end=s.end_year),
            number(twente["per_year"]),
            ". ".join(
                filter(
                    None,
                    (
                        ratio_text(twente["pace_ratio"], lang),
                        _from_now(
                            s.homes_total, s.start_year, s.end_year, today, lang, realised.catch_up(snapshot, result)
                        ),
                    ),
                )
            ),
        ),
    ]
    progress = region.share_of(now.growth, s.residents_total)
    standing = [
        Fact(
            translate(lang, "meeting.population_on", date=fmt.long_date(now.reference_date_now, lang)),
            number(now.population_now),
            translate(
                lang,
                "meeting.population_note",
                growth=fmt.signed(now.growth, lang),
                date=fmt.long_date(now.reference_date, lang),
                share=fmt.percent(progress, lang),
                target=number(s.residents_total),
                status=translate(lang, "common.provisional"),
            ),
        ),
        Fact(
            translate(lang, "meeting.dwellings_on", date=fmt.long_date(now.reference_date, lang)),
            number(now.dwellings),
            _dwellings_note(built, lang),
        ),
        _built_since(built, lang),
    ]
    money = budget.budget_summary(snapshot)
    funds = [
        Fact(
            translate(lang, "meeting.money_known", period=money.period.replace("-", "–")),
            translate(lang, "overview.at_least", value=fmt.money(money.known_total, lang)),
            translate(lang, "meeting.money_known_note"),
        ),
        Fact(
            translate(lang, "meeting.money_unknown"),
            translate(lang, "budget.count_of", count=money.unknown_count, total=money.party_count),
            translate(lang, "meeting.money_unknown_note"),
        ),
    ]
    return {"targets": targets, "standing": standing, "money": funds}


# --- (2) map and (3) pace ----------------------------------------------------------------------------------------


def shown_table(result: TargetResult, lang: str) -> pd.DataFrame:
    """The scenario's result table with display texts (the totals row named 'Twente')."""
    return display_table(result.table(), lang, translate(lang, "common.twente"))


def homes_list(shown: pd.DataFrame) -> pd.DataFrame:
    """Homes per municipality, most first, then Twente: name, homes (text), share (text) — the map's numbers as
    a list that can be read from the back of the room."""
    listed = homes_order(shown)
    return pd.DataFrame({"name": listed["name"], "homes": listed["homes_text"], "share": listed["share_text"]})


def key_name(result: TargetResult, lang: str) -> str:
    """The name of the key that split the totals ('Naar inwonertal (1-1-2024)')."""
    return translate(lang, f"targets.key_{result.settings.key}")


def key_note(result: TargetResult, lang: str) -> str:
    """Which key split the totals, marked as an assumption: the decision sets only the Twente totals."""
    return translate(lang, "meeting.key_note", rule=key_name(result, lang))


def _dwellings_note(built: realised.RealisedHomes | None, lang: str) -> str:
    """The dwelling stock's note: newer figures are not in the data, or (refreshed) where the changes since are."""
    if built is None:
        return translate(lang, "meeting.dwellings_note")
    return translate(
        lang,
        "meeting.dwellings_note_refreshed",
        start=BUILT_SINCE,
        tables=realised_words.tables_text(built, lang),
        period=realised_words.period_text(built, lang),
    )


def headline_sources(snapshot: Snapshot) -> list[str]:
    """Every table the headline figures use: the decision, CBS 85984NED, the current population's table, the
    tables of the 2012–2020 history and those of the homes built since 2024."""
    built = realised.homes_since(snapshot, BUILT_SINCE)
    return list(
        dict.fromkeys(
            [
                "besluit_almelo_2025",
                "cbs_85984ned",
                *series.population_now(snapshot)["source_id"],
                *series.construction_sources(snapshot, *pace.HISTORY_YEARS),
                *(built.source_ids if built else ()),
            ]
        )
    )


def history_sources(snapshot: Snapshot) -> tuple[str, ...]:
    """The tables of the 2012–2020 history the pace step compares with."""
    return series.construction_sources(snapshot, *pace.HISTORY_YEARS)


def _built_since(homes: realised.RealisedHomes | None, lang: str) -> Fact:
    """Homes built in Twente since 1-1-2024 from the refreshed CBS figures (with period, tables, status and the net
    change), or "onbekend" with the reason when they are not in the data."""
    label = translate(lang, "meeting.built_since", start=BUILT_SINCE)
    if homes is None or homes.new_construction is None:
        return Fact(label, fmt.unknown(lang), translate(lang, "meeting.built_since_note"))
    note = translate(
        lang,
        "meeting.built_since_cbs_note",
        period=realised_words.period_text(homes, lang),
        tables=realised_words.tables_text(homes, lang),
        status=translate(lang, f"refresh.status_{homes.status.replace(' ', '_')}"),
        net=fmt.number(homes.net_change, lang),
    )
    return Fact(label, fmt.number(homes.new_construction, lang), note)


def _from_now(
    homes: int, start_year: int, end_year: int, today: date | None, lang: str, catch_up: Track | None = None
) -> str:
    """The plan's pace counted from `today`, short for a card: the catch-up pace from the last realised period
    where the refreshed figures have it (`catch_up`), else at most so much a year, as built since the start is
    unknown; empty without a day, before the start year or after the end year."""
    if today is None or not start_year <= today.year <= end_year:
        return ""
    if catch_up is not None and catch_up.catch_up is not None and catch_up.last_year and catch_up.last_months:
        return translate(
            lang,
            "meeting.from_now_catch_up",
            per_year=fmt.number(catch_up.catch_up, lang),
            end=end_year,
            measure=translate(lang, f"progress.measure_{catch_up.measure}"),
            period=period_of(catch_up.last_year, catch_up.last_months, lang),
        )
    per_year = pace.per_year_from_now(homes, end_year, today)
    return translate(lang, "meeting.from_now", per_year=fmt.number(per_year, lang), start=start_year)


def pace_facts(result: TargetResult, lang: str) -> list[Fact]:
    """Twente's pace: homes a year needed, built a year in 2012–2020 (average and best year), the ratio and the
    year the target is reached at the old pace."""
    twente = display_table(result.table(), lang, translate(lang, "common.twente"))
    t = row(twente, None)
    s = result.settings
    return [
        Fact(
            translate(lang, "meeting.per_year_needed", start=s.start_year, end=s.end_year),
            t["per_year_text"],
            translate(lang, "meeting.per_year_needed_note", homes=t["homes_text"]),
        ),
        Fact(
            translate(lang, "meeting.hist_average"),
            t["hist_average_text"],
            translate(lang, "meeting.hist_best", best=t["hist_best_text"], year=t["hist_best_year_text"]),
        ),
        Fact(translate(lang, "meeting.pace_ratio"), t["pace_ratio_short_text"], t["pace_ratio_text"]),
        Fact(
            translate(lang, "meeting.reached"),
            t["reached_year_text"],
            translate(lang, "meeting.reached_note", end=s.end_year),
        ),
    ]


# --- (4) budget --------------------------------------------------------------------------------------------------


def budget_facts(snapshot: Snapshot, lang: str) -> list[Fact]:
    """Known money, how many contributions are known and unknown, and who holds the money."""
    summary = budget.budget_summary(snapshot)
    return [
        Fact(
            translate(lang, "budget.metric_known"),
            translate(lang, "budget.at_least", value=fmt.money(summary.known_total, lang)),
            budget_words.summary_text(summary, lang),
        ),
        Fact(
            translate(lang, "budget.metric_parties"),
            translate(lang, "budget.count_of", count=summary.known_count, total=summary.party_count),
            translate(lang, "meeting.known_who", amount=fmt.money(cost_sharing.ALMELO_AMOUNT, lang)),
        ),
        Fact(
            translate(lang, "budget.metric_unknown"),
            translate(lang, "budget.count_of", count=summary.unknown_count, total=summary.party_count),
            translate(lang, "meeting.money_unknown_note"),
        ),
        Fact(
            translate(lang, "budget.metric_cashier"),
            translate(lang, "budget.cashier_name"),
            translate(lang, "meeting.cashier_note"),
        ),
    ]


def budget_line(snapshot: Snapshot, today: date, lang: str) -> str:
    """The budget step in one line: how many contributions are known and how much, and when the period ends
    (with the days left on `today`) with the open question of what comes after."""
    summary, end, table = budget.budget_summary(snapshot), budget.period_end(), budget.budget_table(snapshot)
    known = ", ".join(table.loc[table["amount"].notna(), "name"]) or fmt.unknown(lang)
    days = (end - today).days
    key = "meeting.budget_line_ends" if days >= 0 else "meeting.budget_line_ended"
    return translate(
        lang,
        key,
        count=summary.known_count,
        total=summary.party_count,
        amount=fmt.money(summary.known_total, lang),
        known=known,
        end=fmt.short_date(end, lang),
        days=translate(lang, "meeting.day_one" if days == 1 else "meeting.day_many", count=days),
    )


def contribution_rows(snapshot: Snapshot, lang: str) -> pd.DataFrame:
    """The 17 parties in the order of parties.csv: name, kind, amount 2025–2026 (NaN = unknown) and its text
    ('€ 102.000' or 'onbekend')."""
    table = budget.budget_table(snapshot)
    return pd.DataFrame(
        {
            "name": table["name"],
            "kind": table["kind"],
            "amount": table["amount"].astype(float),
            "amount_text": [fmt.money(v, lang) for v in table["amount"]],
        }
    )


def contribution_reason(sharing: cost_sharing.ScenarioSharing, lang: str) -> str:
    """Why a scenario has no split per party, in words."""
    if sharing.reason == "no_total":
        return translate(lang, "meeting.no_total")
    if sharing.reason == "custom_key":
        return translate(lang, "meeting.no_custom_weights")
    return translate(lang, "budget.key_error", message=sharing.error.text(lang) if sharing.error else "")


# --- (5) milestones ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneItem:
    """One line of the milestones view."""

    title: str
    when: str
    status: str
    bodies: str
    council: bool
    source_id: str


def milestone_items(
    frame: pd.DataFrame, today: date, lang: str, labels: Mapping[str, str], count: int = MILESTONE_COUNT
) -> list[MilestoneItem]:
    """The milestones still open on `today` in timeline order: under way, ahead, overdue (unconfirmed) and the
    undated products; phases and horizons left out; at most `count`."""
    open_ = open_milestones(frame, today, count)
    title = localized("title", lang)
    return [
        MilestoneItem(
            r[title],
            milestone_words.when_of(r, lang),
            milestone_words.status_text(r["status"], labels),
            ", ".join(labels["body_" + b] for b in ms.bodies_of(r["bodies"])),
            "raad" in ms.bodies_of(r["bodies"]),
            r["source_id"],
        )
        for r in open_.to_dict(orient="records")
    ]


def next_fact(frame: pd.DataFrame, today: date, lang: str) -> Fact:
    """The next milestone as a headline figure: its title, the days left and its date or window."""
    upcoming = ms.next_milestone(frame, today)
    if upcoming is None:
        return Fact(
            translate(lang, "milestones.next_heading"), fmt.unknown(lang), translate(lang, "milestones.next_none")
        )
    card = next_milestone_card(upcoming, frame, lang)
    if card.notice is not None:
        note = f"{card.notice} {card.title} — {card.when} ({card.status})"
        return Fact(translate(lang, "milestones.next_heading"), translate(lang, "milestones.next_unconfirmed"), note)
    return Fact(
        translate(lang, "milestones.next_heading"),
        str(card.value),
        f"{card.title} — {card.when} ({card.status}, {card.delta})",
    )


# --- what the page draws: figures, tables with headers, lines ----------------------------------------------------


def map_figure(shown: pd.DataFrame, geojson: JSONObject | None, result: TargetResult, lang: str) -> go.Figure:
    """The homes per municipality on the map, in projector type."""
    s = result.settings
    figure = municipality_map(
        map_rows(shown),
        "homes",
        "homes_text",
        {
            "title": translate(lang, "meeting.map_title", start=s.start_year, end=s.end_year),
            "colorbar": translate(lang, "meeting.map_colorbar"),
        },
        geojson,
        fmt.plotly_separators(lang),
        {"share_text": translate(lang, "meeting.col_share")},
    )
    return presentation_layout(figure, font_size=20, height=660)


def homes_table(shown: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`homes_list` with headers, for the list beside the map."""
    return homes_list(shown).rename(
        columns={c: translate(lang, f"meeting.col_{c}") for c in ("name", "homes", "share")}
    )


def pace_figure(rows: pd.DataFrame, result: TargetResult, lang: str) -> go.Figure:
    """Needed pace against 2012–2020 per municipality (`pace_rows`), in projector type."""
    labels = {
        "title": translate(lang, "meeting.pace_title", rule=key_name(result, lang)),
        "needed": translate(lang, "meeting.pace_needed"),
        "historical": translate(lang, "meeting.pace_historical"),
        "text": translate(lang, "meeting.pace_text"),
    }
    return presentation_layout(pace_bars(rows, labels, fmt.plotly_separators(lang)), height=440)


def pace_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The pace chart's table alternative with headers."""
    headers = {
        "name": "meeting.col_name",
        "per_year_text": "meeting.pace_needed",
        "hist_average_text": "meeting.pace_historical",
        "pace_ratio_short_text": "meeting.pace_ratio",
    }
    return rows[list(headers)].rename(columns={c: translate(lang, k) for c, k in headers.items()})


def contribution_note(sharing: cost_sharing.ScenarioSharing, lang: str) -> str:
    """'Scenario, geen besluit: <key>, totaal € …' above the scenario's split."""
    return translate(
        lang,
        "meeting.contribution_note",
        rule=translate(lang, f"budget.key_{sharing.key}"),
        total=fmt.money(sharing.total, lang, cents=True),
    )


def contribution_figure(allocation: pd.DataFrame, lang: str) -> go.Figure:
    """The scenario's contribution per party as bars, in projector type."""
    return presentation_layout(budget_words.contribution_figure(allocation, lang), height=500)


def contribution_table(allocation: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The contribution bars' table alternative with headers."""
    headers = {
        "name": "budget.col_party",
        "kind": "budget.col_kind",
        "share": "budget.col_share",
        "amount": "budget.col_contribution",
    }
    return budget_words.allocation_view(allocation, lang).rename(
        columns={c: translate(lang, k) for c, k in headers.items()}
    )


def milestone_line(item: MilestoneItem, lang: str) -> str:
    """One open milestone as two Markdown lines: status and title as a heading, then when, bodies and the council."""
    council = f" · **{translate(lang, 'meeting.council_involved')}**" if item.council else ""
    return f"#### {item.status} · {item.title}\n{item.when} · {item.bodies}{council}"
