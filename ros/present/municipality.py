"""Mijn gemeente in words: one municipality in plain language (B1) — the briefing that the page shows and
`ros.present.briefing.briefing_html` writes as one offline HTML file.

The figures come from `ros.model.municipality` (targets, path, pace, known contribution, council milestones) and
`ros.model.cost_sharing.scenario_sharing` (a scenario's total budget; a scenario, never a decision). Unknown stays
unknown.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from ros.base import format as fmt
from ros.base.i18n import Translator, localized, section, translate
from ros.data import series
from ros.data.snapshot import Snapshot
from ros.model import budget as budget_model
from ros.model import cost_sharing, own_figures, pace, realised, targets
from ros.model.municipality import (
    council_decisions,
    council_milestones,
    facts,
    known_contribution,
    own_milestones,
    passed_unconfirmed,
    yearly_path,
)
from ros.model.region import source as source_row
from ros.model.region import target as target_row
from ros.present import milestones as milestone_words
from ros.present import progress as progress_view
from ros.present import realised as realised_words
from ros.present import targets as target_words
from ros.present.briefing import Briefing, Section
from ros.present.charts.municipality import municipality_path_chart
from ros.records.scenario import DEFAULT, Scenario


def scenario_lines(scenario: Scenario, lang: str, scenario_name: str | None = None) -> list[str]:
    """The settings that apply, in words: which scenario (its stored name when given), totals and key, period and
    shape, residents assumption, cost-sharing key and total."""
    t = Translator(lang)
    name = t("municipality.scenario_default" if scenario == DEFAULT else "municipality.scenario_own")
    if scenario_name:
        name = t("municipality.scenario_named", name=scenario_name, kind=name)
    lines = [t("municipality.scenario_line", name=name)]
    lines.append(
        t(
            "municipality.settings_targets",
            homes=fmt.number(scenario.homes_total, lang),
            residents=fmt.number(scenario.residents_total, lang),
            key_name=t(f"targets.key_{scenario.key}"),
            start=scenario.start_year,
            end=scenario.end_year,
            shape=t(f"targets.shape_{scenario.shape}"),
            occupancy=fmt.percent(scenario.occupancy_change / 100, lang),
        )
    )
    total = t("municipality.no_total") if scenario.budget_total is None else fmt.money(scenario.budget_total, lang)
    lines.append(t("municipality.settings_budget", key_name=t(f"budget.key_{scenario.cost_key}"), total=total))
    return lines


def _source_text(snapshot: Snapshot, source_id: str, lang: str) -> str:
    """'publisher, title (date)' of a source."""
    row = source_row(snapshot, source_id)
    return f"{row['publisher']}, {row['title']} ({fmt.partial_date(row['date'], lang)})"


# The terms of the glossary, in the order a council member meets them.
GLOSSARY = ("boss", "bol", "bo_mirt", "verdeelsleutel", "kassier", "scenario")


def _data_line(snapshot: Snapshot, code: str, data_date: str, first: int, last: int, today: date, lang: str) -> str:
    """Which data the page uses: the key figures' date, the history and, after a refresh, the dwelling changes to
    their last period with their tables and the current population's date."""
    built = realised.homes_since(snapshot, first, code)
    if built is None:
        return translate(
            lang, "municipality.data_line", date=data_date, first=first, last=last, today=fmt.long_date(today, lang)
        )
    return translate(
        lang,
        "municipality.data_line_refreshed",
        date=data_date,
        period=realised_words.period_text(built, lang),
        tables=realised_words.tables_text(built, lang),
        now=fmt.long_date(max(series.population_now(snapshot)["reference_date"]), lang),
        today=fmt.long_date(today, lang),
    )


def asks_of_council(snapshot: Snapshot, code: str, name: str, today: date, lang: str) -> Section:
    """'Wat vraagt dit van de raad van <gemeente>': the decisions for this municipality and when (from the decision
    gates and their milestones; 'onbekend' where no source says), the milestones that concern it in particular, and
    the expected meetings that passed without confirmation."""
    t = Translator(lang)
    labels, ms_labels = section(lang, "municipality"), section(lang, "milestones")
    decisions = council_decisions(snapshot["decision_gates"], snapshot["milestones"], code)
    table = pd.DataFrame(
        {
            labels["col_decision"]: [ms_labels[f"gate_{g}"] for g in decisions["gate"]],
            labels["col_when"]: [
                milestone_words.when_text(s, e, lang, b)
                for s, e, b in zip(decisions["start"], decisions["end"], decisions["window_basis"], strict=True)
            ],
            labels["col_state"]: [ms_labels[f"gate_status_{s}"] for s in decisions["status"]],
        }
    )
    known = int((decisions["status"] != "onbekend").sum())
    paragraphs = [
        t(
            "municipality.council_intro" if known else "municipality.council_intro_none",
            name=name,
            known=known,
            total=len(decisions),
        )
    ]
    own = own_milestones(snapshot["milestones"], today, code, name)
    title = localized("title", lang)
    if len(own):
        paragraphs.append(t("municipality.council_own", name=name))
        paragraphs += [
            t(
                "municipality.council_item",
                when=milestone_words.when_of(r, lang),
                title=r[title],
                status=milestone_words.status_text(r["status"], ms_labels),
            )
            for _, r in own.iterrows()
        ]
    passed = passed_unconfirmed(snapshot["milestones"], today)
    if len(passed):
        paragraphs.append(
            t(
                "municipality.council_passed",
                venues="; ".join(f"{r[title]} ({milestone_words.when_of(r, lang)})" for _, r in passed.iterrows()),
            )
        )
    sources = dict.fromkeys([*decisions["source_id"], *own["source_id"], *passed["source_id"]])
    return Section(
        t("municipality.council_heading", name=name),
        tuple(paragraphs),
        table=table,
        caption=t("municipality.sources_caption", sources="; ".join(_source_text(snapshot, s, lang) for s in sources)),
        key="council",
    )


def briefing(
    snapshot: Snapshot,
    result: targets.TargetResult,
    scenario: Scenario,
    code: str,
    today: date,
    lang: str,
    scenario_name: str | None = None,
) -> Briefing:
    """The whole 'Mijn gemeente' briefing of `code` under `scenario` (whose targets `result` is; `scenario_name` as
    stored, if any), milestones as of `today`, in `lang`."""
    t = Translator(lang)
    f = facts(result, code)
    name, first, last = f.name, *pace.HISTORY_YEARS
    goal = target_row(snapshot, "ros_homes_2050")
    data_date = fmt.long_date(f.reference_date, lang)
    meta = (
        *scenario_lines(scenario, lang, scenario_name),
        _data_line(snapshot, code, data_date, first, last, today, lang),
    )

    # 1. The share of the targets
    numbers = {
        "name": name,
        "homes": fmt.number(f.homes, lang),
        "homes_total": fmt.number(f.homes_total, lang),
        "share": fmt.percent(f.share, lang),
        "residents": fmt.number(f.residents, lang),
        "residents_total": fmt.number(f.residents_total, lang),
        "start": f.start_year,
        "end": f.end_year,
        "per_year": fmt.number(f.per_year, lang),
        "per_1000": fmt.number(f.per_1000, lang, 1),
        "per_1000_year": fmt.number(f.per_1000_year, lang, 1),
        "population": fmt.number(f.population, lang),
        "date": data_date,
        "key_name": translate(lang, f"targets.key_{f.key}"),
        "housed": fmt.signed(f.housed_growth, lang),
        "occupancy": fmt.percent(f.occupancy_change, lang),
    }
    share = Section(
        t("municipality.share_heading"),
        (
            t("municipality.share_homes", **numbers),
            t("municipality.share_per_year", **numbers),
            t("municipality.share_per_1000", **numbers),
            t("municipality.share_residents", **numbers),
            t("municipality.share_assumption", **numbers),
        ),
        caption=t(
            "municipality.sources_caption",
            sources="; ".join(
                _source_text(snapshot, s, lang)
                for s in dict.fromkeys([goal["source_id"], "cbs_85984ned", *targets.key_sources(f.key)])
            ),
        ),
        key="share",
    )

    # 2. The yearly path
    path = yearly_path(result, code)
    labels = section(lang, "municipality")
    figure = municipality_path_chart(
        path,
        {
            "title": t("municipality.chart_title", name=name, start=f.start_year),
            "axis": labels["chart_axis"],
            "path": labels["chart_path"],
            "outlook": labels["chart_outlook"],
            "historical": t("municipality.chart_historical", first=first, last=last),
            "target": labels["chart_target"],
            "hover": labels["chart_hover"],
        },
        f.end_year,
        (f.homes, t("municipality.chart_target_text", value=fmt.number(f.homes, lang))),
        fmt.plotly_separators(lang),
    )
    year_table = pd.DataFrame(
        {
            labels["col_year"]: path["year"].astype(str),
            labels["col_homes_year"]: [fmt.number(v, lang) for v in path["homes"]],
            labels["col_cumulative"]: [fmt.number(v, lang) for v in path["cumulative"]],
            t("municipality.col_historical", first=first, last=last): [fmt.number(v, lang) for v in path["historical"]],
        }
    )
    yearly = Section(
        t("municipality.path_heading"),
        (t("municipality.path_text", **numbers),),
        figure=figure,
        figure_table=year_table,
        key="path",
    )

    # 3. The pace against its own history
    pace_values = dict(
        numbers,
        average=fmt.number(f.hist_average, lang),
        best=fmt.number(f.hist_best, lang),
        best_year=fmt.unknown(lang) if f.hist_best_year is None else str(f.hist_best_year),
        ratio=target_words.ratio_text(f.pace_ratio, lang),
        first=first,
        last=last,
        reached=target_words.reached_text(f.reached_year, f.homes, f.hist_average, lang),
    )
    if f.homes == 0:
        pace_text: tuple[str, ...] = (t("municipality.pace_none", **pace_values),)
    elif fmt.is_unknown(f.hist_average):
        pace_text = (t("municipality.pace_unknown", **pace_values),)
    else:
        pace_text = (
            t("municipality.pace_history", **pace_values),
            t("municipality.pace_ratio", **pace_values),
            t("municipality.pace_reached", **pace_values),
        )
    done = realised.homes_since(snapshot, f.start_year, code)
    if done is not None:  # refreshed CBS figures: what was built since the start year, beside the history
        pace_text = (*pace_text, realised_words.pace_sentence(done, f.start_year, lang))
    own = own_figures.from_records([entry.model_dump() for entry in scenario.own_figures])
    pace_text = (
        *pace_text,
        progress_view.municipality_sentence(progress_view.build(snapshot, result, code, "net_change", own, lang)),
    )
    pace_sources = ["cbs_81955ned", *(s for s in (done.source_ids if done else ()) if s != "cbs_81955ned")]
    pace_section = Section(
        t("municipality.pace_heading"),
        pace_text,
        caption=t(
            "municipality.sources_caption", sources="; ".join(_source_text(snapshot, s, lang) for s in pace_sources)
        ),
        key="pace",
    )

    # 4. Money
    known = known_contribution(budget_model.budget_table(snapshot), code)
    parties = cost_sharing.parties_for_keys(snapshot["parties"], snapshot["municipalities"])
    planned = scenario.sharing(parties)
    period = known.period.replace("-", "–")
    money = [
        t(
            "municipality.money_known" if known.amount is not None else "municipality.money_unknown",
            name=name,
            amount=fmt.money(known.amount, lang),
            period=period,
            status=translate(lang, f"budget.status_{known.status}"),
        )
    ]
    if planned.reason is None:
        money.append(
            t(
                "municipality.money_scenario",
                name=name,
                amount=fmt.money(planned.amount_of(code), lang, cents=True),
                total=fmt.money(planned.total, lang, cents=True),
                key_name=t(f"budget.key_{planned.key}"),
            )
        )
    else:
        money.append(t(f"municipality.money_scenario_{planned.reason}", name=name))
    money.append(t("municipality.money_cashier"))
    if code == budget_model.CASHIER:
        money.append(t("municipality.money_cashier_role", name=name, period=period))
    money_section = Section(
        t("municipality.money_heading"),
        tuple(money),
        caption=t("municipality.sources_caption", sources=_source_text(snapshot, known.source_id, lang)),
        key="money",
    )

    # 5. Milestones for the council
    upcoming = council_milestones(snapshot["milestones"], today, code)
    ms_labels = section(lang, "milestones")
    title = localized("title", lang)
    milestone_table = pd.DataFrame(
        {
            labels["col_when"]: [
                milestone_words.when_text(s, e, lang, b)
                for s, e, b in zip(upcoming["start"], upcoming["end"], upcoming["window_basis"], strict=True)
            ],
            labels["col_what"]: list(upcoming[title]),
            labels["col_status"]: [milestone_words.status_text(s, ms_labels) for s in upcoming["status"]],
        }
    )
    milestones_section = Section(
        t("municipality.milestones_heading"),
        (
            t(
                "municipality.milestones_text" if len(upcoming) else "municipality.milestones_none",
                name=name,
                today=fmt.long_date(today, lang),
            ),
        ),
        table=milestone_table if len(upcoming) else None,
        caption=t(
            "municipality.sources_caption",
            sources="; ".join(_source_text(snapshot, s, lang) for s in dict.fromkeys(upcoming["source_id"])),
        )
        if len(upcoming)
        else "",
        key="milestones",
    )

    # 6. What it asks of the council
    council_section = asks_of_council(snapshot, code, name, today, lang)

    # 7. The words the page cannot avoid
    glossary = Section(
        t("municipality.glossary_heading"),
        (t("municipality.glossary_text"),),
        table=pd.DataFrame(
            {
                labels["col_term"]: [labels[f"term_{k}"] for k in GLOSSARY],
                labels["col_meaning"]: [labels[f"means_{k}"] for k in GLOSSARY],
            }
        ),
        key="glossary",
    )

    # 8. Sources and reference dates of every figure
    rows = [
        (labels["fig_targets"], goal["source_id"], labels["ref_decision"]),
        (labels["fig_key"], "cbs_85984ned", data_date),
        *[
            (labels["fig_key"], s, fmt.partial_date(source_row(snapshot, s)["date"], lang))
            for s in targets.key_sources(f.key)
            if s != "cbs_85984ned"
        ],
        (labels["fig_history"], "cbs_81955ned", f"{first}–{last}"),
        (labels["fig_money"], known.source_id, period),
        *[
            (labels["fig_milestones"], s, t("municipality.ref_stand", today=fmt.long_date(today, lang)))
            for s in dict.fromkeys(upcoming["source_id"])
        ],
    ]
    sources = pd.DataFrame(
        {
            labels["col_figure"]: [r[0] for r in rows],
            labels["col_source"]: [_source_text(snapshot, r[1], lang) for r in rows],
            labels["col_reference"]: [r[2] for r in rows],
        }
    )
    sources_section = Section(
        t("municipality.sources_heading"), (t("municipality.sources_text"),), table=sources, key="sources"
    )
    return Briefing(
        lang=lang,
        title=t("municipality.briefing_title", name=name),
        meta=meta,
        sections=(
            share,
            yearly,
            pace_section,
            money_section,
            milestones_section,
            council_section,
            glossary,
            sources_section,
        ),
        print_note=t("municipality.print_note"),
        table_alternative=translate(lang, "common.table_alternative"),
        footer=t("municipality.footer"),
        numeric_columns=frozenset(year_table.columns[1:]),
    )
