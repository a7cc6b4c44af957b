"""The milestones in words: dates and windows, statuses, the printable list, the decision-gate matrix, the decision
moments ahead, the next-milestone card (the same on Overzicht, Mijlpalen and the meeting view), and the Mijlpalen
page's view (`MilestonesView`) that holds them for one day.

A countdown is shown only when it is honest: a milestone whose venues (the ROS: BOL 2026 and BO MIRT 2026) have all
passed without confirmation gets a notice first ("verwacht in 2026; BOL 2026 en BO MIRT 2026 zijn voorbij zonder
bevestiging") and no number of days.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from ros.base import format as fmt
from ros.base.i18n import localized, section, translate
from ros.data.snapshot import Snapshot
from ros.model import milestones as ms
from ros.model.milestones import DECISION_KINDS, GATE_SYMBOLS, STATUS_SYMBOLS, bodies_of


def when_text(start: object, end: object, lang: str, basis: object = "bron") -> str:
    """The date or window of a milestone as text: '12 november 2024', 'juni 2026', 'september 2026 – november 2026',
    or the word for unknown; a window that is our assumption (`basis` "aanname") says so ('juni 2026, aanname')."""
    if fmt.is_unknown(start) or start == "":
        return fmt.unknown(lang)
    first = fmt.partial_date(str(start), lang)
    text = (
        first if fmt.is_unknown(end) or end == "" or end == start else f"{first} – {fmt.partial_date(str(end), lang)}"
    )
    return translate(lang, "milestones.window_assumed", when=text) if basis == "aanname" else text


def when_of(row: Mapping[Hashable, Any] | pd.Series, lang: str) -> str:
    """`when_text` of one milestone row (start, end and window basis)."""
    return when_text(row["start"], row["end"], lang, row.get("window_basis", "bron"))


def status_text(status: str, labels: Mapping[str, str]) -> str:
    """A status as symbol plus word ('✓ gebeurd'), from the `milestones` labels (status_<code>)."""
    return f"{STATUS_SYMBOLS[status]} {labels['status_' + status]}"


def milestone_list(
    table: pd.DataFrame, lang: str, labels: Mapping[str, str], sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """A printable list of a `timeline` table: when, status, title, bodies, confidence, note and source as text
    (the source as 'publisher (date)' when `sources` is given, otherwise its id)."""
    title = localized("title", lang)
    names = (
        {}
        if sources is None
        else {
            i: f"{p} ({fmt.partial_date(d, lang)})"
            for i, p, d in zip(sources["id"], sources["publisher"], sources["date"], strict=True)
        }
    )
    return pd.DataFrame(
        {
            "id": table["id"],
            "when": [
                when_text(s, e, lang, b)
                for s, e, b in zip(table["start"], table["end"], table["window_basis"], strict=True)
            ],
            "status": [status_text(s, labels) for s in table["status"]],
            "title": table[title],
            "bodies": [", ".join(labels["body_" + b] for b in bodies_of(v)) for v in table["bodies"]],
            "confidence": [labels["confidence_" + c] for c in table["confidence"]],
            "note": table[localized("note", lang)].fillna(""),
            "source_id": [names.get(i, i) for i in table["source_id"]],
        }
    )


def gate_matrix(gates: pd.DataFrame, parties: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """Parties (rows, in the order of parties.csv, by name) × gates (columns, in file order) with the status
    of each cell as symbol plus word; a cell missing from the data shows as onbekend."""
    gate_ids = list(dict.fromkeys(gates["gate"]))
    cells = {(g, p): s for g, p, s in zip(gates["gate"], gates["party"], gates["status"], strict=True)}
    rows = []
    for party_id, name in zip(parties["id"], parties["name"], strict=True):
        row = {"party": name}
        for gate in gate_ids:
            status = cells.get((gate, party_id), "onbekend")
            row[gate] = f"{GATE_SYMBOLS[status]} {labels['gate_status_' + status]}"
        rows.append(row)
    return pd.DataFrame(rows, columns=["party", *gate_ids])


def gate_headers(gates: pd.DataFrame, frame: pd.DataFrame, lang: str, labels: Mapping[str, str]) -> dict[str, str]:
    """Column headers of the gate matrix: the gate's name with the date or window of its milestone
    ('Plan van aanpak (4 april 2025)', 'Uitvoeringsagenda (onbekend)')."""
    milestones = frame.set_index("id")
    headers = {}
    for gate, milestone_id in zip(gates["gate"], gates["milestone_id"], strict=True):
        row = milestones.loc[milestone_id]
        headers[gate] = f"{labels['gate_' + gate]} ({when_of(row, lang)})"
    return headers


def decision_moments(table: pd.DataFrame, lang: str, labels: Mapping[str, str]) -> list[str]:
    """The decision moments still ahead in a `timeline` table (besluit, bestuurlijk overleg, verkiezing, product that
    are upcoming, tentative or undated), each as 'title (when, status)', in timeline order."""
    title = localized("title", lang)
    ahead = table[table["kind"].isin(DECISION_KINDS) & table["status"].isin(["upcoming", "tentative", "undated"])]
    return [
        labels["decide_item"].format(
            title=t, when="" if st == "undated" else when_text(s, e, lang, b) + ", ", status=status_text(st, labels)
        )
        for t, s, e, b, st in zip(
            ahead[title], ahead["start"], ahead["end"], ahead["window_basis"], ahead["status"], strict=True
        )
    ]


LIST_COLUMNS = ("when", "status", "title", "bodies", "note", "source_id")


def list_table(listing: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The printable list (`milestone_list`) with its headers: when, status, milestone, involved, note, source."""
    return listing[list(LIST_COLUMNS)].rename(columns={c: translate(lang, f"milestones.col_{c}") for c in LIST_COLUMNS})


def gate_table(gates: pd.DataFrame, parties: pd.DataFrame, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The decision gates × 17 parties with headers: 'Partij' and each gate with the date of its milestone."""
    labels = section(lang, "milestones")
    return gate_matrix(gates, parties, labels).rename(
        columns={"party": labels["col_party"]} | gate_headers(gates, frame, lang, labels)
    )


def gate_summary_lines(gates: pd.DataFrame, lang: str) -> list[str]:
    """Per gate: 'Plan van aanpak: 1 besloten, 0 gepland, 16 onbekend'."""
    return [
        translate(
            lang,
            "milestones.matrix_summary",
            gate=translate(lang, f"milestones.gate_{g['gate']}"),
            besloten=g["besloten"],
            gepland=g["gepland"],
            onbekend=g["onbekend"],
        )
        for g in ms.gate_summary(gates).to_dict(orient="records")
    ]


def last_done_text(row: pd.Series, lang: str) -> tuple[str, str]:
    """The last thing that happened: '✓ title' and its date."""
    return f"✓ {row[localized('title', lang)]}", when_of(row, lang)


def overdue_warnings(frame: pd.DataFrame, lang: str) -> list[str]:
    """One warning per expected moment whose window passed without confirmation (a `milestones.overdue` table)."""
    return [
        translate(lang, "milestones.overdue_warning", title=row[localized("title", lang)], when=when_of(row, lang))
        for _, row in frame.iterrows()
    ]


@dataclass(frozen=True)
class MilestoneCard:
    """What the next-milestone card says: a countdown (value, delta) or, instead, a notice; then title and when."""

    title: str
    when: str
    status: str
    value: str | None = None
    delta: str | None = None
    notice: str | None = None


def joined(items: Sequence[str], lang: str) -> str:
    """'A', 'A en B', 'A, B en C' (English: 'and')."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {translate(lang, 'milestones.and')} {items[-1]}"


def venue_name(frame: pd.DataFrame, venue: str, lang: str) -> str:
    """A venue's short name ('BOL 2026'), or its title when the catalogue has no short name."""
    short = section(lang, "milestones").get(f"venue_{venue}")
    if short:
        return short
    row = frame.set_index("id").loc[venue]
    return str(row[localized("title", lang)])


def days_text(days: int, lang: str) -> str:
    """'30 dagen', '1 dag'."""
    shown = fmt.number(days, lang)
    return translate(lang, "milestones.next_days_value" + ("_one" if days == 1 else ""), days=shown)


def next_milestone_card(upcoming: ms.NextMilestone, frame: pd.DataFrame, lang: str) -> MilestoneCard:
    """The card for `upcoming` (from `milestones.next_milestone` on the same `frame`)."""
    labels = section(lang, "milestones")
    when = when_text(*upcoming.period, lang, upcoming.window_basis)
    title, status = upcoming.title(lang), status_text(upcoming.status, labels)
    if upcoming.venues_missed:
        venues = joined([venue_name(frame, v, lang) for v in upcoming.venues_passed], lang)
        notice = translate(
            lang,
            "milestones.next_venues_passed",
            when=fmt.partial_date(upcoming.period[0], lang),
            venues=venues,
        )
        return MilestoneCard(title, when, status, notice=notice)
    days = upcoming.days_remaining
    delta = translate(
        lang,
        "milestones." + ("next_window" if upcoming.in_window else "next_days") + ("_one" if days == 1 else ""),
        days=fmt.number(days, lang),
    )
    return MilestoneCard(title, when, status, value=days_text(upcoming.days_remaining, lang), delta=delta)


@dataclass(frozen=True, eq=False)
class MilestonesView:
    """The timeline rows (`ms.timeline`, filtered by body), the last thing done in words, the decision moments
    ahead, the overdue warnings, the printable list, the decision-gate table and its summary lines, the download."""

    table: pd.DataFrame
    last: tuple[str, str] | None
    decisions: tuple[str, ...]
    overdue: tuple[str, ...]
    listing: pd.DataFrame
    gates: pd.DataFrame
    gate_lines: tuple[str, ...]
    export: pd.DataFrame  # the timeline rows for download


def milestones_view(snapshot: Snapshot, today: date, body: str | None, lang: str) -> MilestonesView:
    """What the Mijlpalen page shows on `today` for `body` (None: every body) in `lang`."""
    frame, labels = snapshot["milestones"], section(lang, "milestones")
    table = ms.filter_by_body(ms.timeline(frame, today), body)
    last = ms.last_done(frame, today, body)
    return MilestonesView(
        table,
        None if last is None else last_done_text(last, lang),
        tuple(decision_moments(table, lang, labels)),
        tuple(overdue_warnings(ms.overdue(frame, today, body), lang)),
        list_table(milestone_list(table, lang, labels, snapshot["sources"]), lang),
        gate_table(snapshot["decision_gates"], snapshot["parties"], frame, lang),
        tuple(gate_summary_lines(snapshot["decision_gates"], lang)),
        ms.export_table(table),
    )
