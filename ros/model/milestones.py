"""The ROS timeline: milestones, phases and decision gates, and where each stands on a given day.

Data: `data/milestones.csv` (one row per milestone or phase, from the facts file and the Almelo college decision,
each with its source) and `data/decision_gates.csv` (per gate and per party: besloten / gepland / onbekend, only as
documented). Dates are as precise as the source gives them (2026, 2026-06, 2026-06-10); a row's window runs from
the first day its start can mean to the last day its end (or, without an end, its start) can mean.

Status on a chosen day ("today" from the clock, or any "stand per" date):
- done: a confirmed (bevestigd) event whose window has passed;
- ongoing: a phase, or a confirmed event of a few days (a two-day BO), whose span contains the day;
- upcoming: a confirmed event that lies ahead;
- tentative: an expected (verwacht) event that lies ahead or whose window is still open, and a confirmed event
  whose exact date is unknown (a window of a week or more, like the Almelo college decision) while its window runs;
- overdue: an expected event whose window has passed without confirmation in the data (never shown as done);
- undated: a product without any date (the uitvoeringsagenda and investeringsagenda).

A milestone may name its venues (`venues`: the ROS is to be presented at BOL 2026 or BO MIRT 2026). When every
venue has passed without confirmation, the milestone is still open but no longer on course: `NextMilestone`
says so (`venues_missed`) and the card shows that first instead of a countdown. A window whose months the source
does not give (`window_basis` "aanname": the decision says only "2026") is labelled an assumption wherever it is
shown.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import pandas as pd

from ros.base import format as fmt
from ros.base.i18n import localized
from ros.base.options import one_of
from ros.data.catalog import BODY_CODES

STATUSES = ("done", "ongoing", "upcoming", "tentative", "overdue", "undated")
# Symbols that carry the status next to its colour (never colour alone).
STATUS_SYMBOLS = {"done": "✓", "ongoing": "▶", "upcoming": "○", "tentative": "◇", "overdue": "!", "undated": "?"}
GATE_STATUSES = ("besloten", "gepland", "onbekend")
GATE_SYMBOLS = {"besloten": "✓", "gepland": "◷", "onbekend": "?"}
# A confirmed event spanning fewer days than this is a multi-day meeting; a longer span is a window around an
# unknown date.
MEETING_DAYS = 7
# Kinds that are decision moments ("when do we decide").
DECISION_KINDS = ("besluit", "bestuurlijk_overleg", "verkiezing", "product")
# The dates a "stand per" can take: from before the first milestone to the end of the outlook.
STAND_RANGE = (date(2022, 1, 1), date(2100, 12, 31))
# Zoom ranges of the timeline (first and last day shown), from the default 2024–2027 to the 2100 outlook.
RANGES = {
    "2027": (date(2024, 1, 1), date(2027, 12, 31)),
    "2030": (date(2024, 1, 1), date(2030, 12, 31)),
    "2050": (date(2024, 1, 1), date(2051, 12, 31)),
    "2100": (date(2024, 1, 1), date(2102, 12, 31)),
}


def first_day(value: object) -> date | None:
    """The first day a partial date (YYYY, YYYY-MM, YYYY-MM-DD) can mean; None when unknown."""
    if fmt.is_unknown(value) or value == "":
        return None
    parts = [int(p) for p in str(value).split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(value: object) -> date | None:
    """The last day a partial date can mean (2026 → 31-12-2026, 2026-06 → 30-6-2026); None when unknown."""
    if fmt.is_unknown(value) or value == "":
        return None
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        return date(*parts)
    month = parts[1] if len(parts) == 2 else 12
    return date(parts[0], month, calendar.monthrange(parts[0], month)[1])


def status_on(start: date | None, end: date | None, kind: str, confidence: str, today: date) -> str:
    """The status of one milestone on `today` (see the module docstring for the rules)."""
    if start is None or end is None:
        return "undated"
    if today > end:
        return "done" if confidence == "bevestigd" else "overdue"
    if today < start:
        return "upcoming" if confidence == "bevestigd" else "tentative"
    if kind == "fase" or (confidence == "bevestigd" and (end - start).days < MEETING_DAYS):
        return "ongoing"
    return "tentative"


def timeline(frame: pd.DataFrame, today: date) -> pd.DataFrame:
    """The milestones with their window (`start_date`, `end_date`), `status`, `days_to_start`, `days_to_end`
    and `is_window` (an event whose exact date is not known), in date order (undated rows last, in sequence)."""
    table = frame.copy()
    table["start_date"] = [first_day(v) for v in table["start"]]
    table["end_date"] = [
        last_day(e if not fmt.is_unknown(e) else s) for s, e in zip(table["start"], table["end"], strict=True)
    ]
    table["status"] = [
        status_on(s, e, k, c, today)
        for s, e, k, c in zip(table["start_date"], table["end_date"], table["kind"], table["confidence"], strict=True)
    ]
    table["days_to_start"] = pd.array([(s - today).days if s else None for s in table["start_date"]], dtype="Int64")
    table["days_to_end"] = pd.array([(e - today).days if e else None for e in table["end_date"]], dtype="Int64")
    table["is_window"] = [
        s is not None and s != e and k != "fase"
        for s, e, k in zip(table["start_date"], table["end_date"], table["kind"], strict=True)
    ]
    table["order"] = _sequence_order(table)
    return table.sort_values("order", kind="stable").drop(columns="order").reset_index(drop=True)


def _sequence_order(table: pd.DataFrame) -> list[float]:
    """A sort key: dated rows by start (a product by the end of its window, when it is due); an undated row
    right after the row it follows (`after`)."""
    dated = table.dropna(subset=["start_date"]).copy()
    dated["due"] = [
        e if k == "product" else s
        for s, e, k in zip(dated["start_date"], dated["end_date"], dated["kind"], strict=True)
    ]
    dated = dated.sort_values(["due", "end_date"], kind="stable")
    order = {row_id: float(i) for i, row_id in enumerate(dated["id"])}
    pending = table[table["start_date"].isna()]
    for _ in range(len(pending)):
        for row_id, after in zip(pending["id"], pending["after"], strict=True):
            if row_id not in order and not fmt.is_unknown(after) and after in order:
                order[row_id] = order[after] + 0.001
    last = max(order.values(), default=0.0)
    return [order.get(row_id, last + 1) for row_id in table["id"]]


def bodies_of(value: object) -> list[str]:
    """The body codes of a milestone's `bodies` cell."""
    return [] if fmt.is_unknown(value) else str(value).split()


def filter_by_body(frame: pd.DataFrame, body: str | None) -> pd.DataFrame:
    """Only the milestones that involve `body` (a code from BODY_CODES), plus the horizons, which concern every
    body; all of them for None."""
    if body is None:
        return frame
    if body not in BODY_CODES:
        raise KeyError(body)
    keep = [body in bodies_of(v) or k == "horizon" for v, k in zip(frame["bodies"], frame["kind"], strict=True)]
    return frame[keep].reset_index(drop=True)


@dataclass(frozen=True)
class NextMilestone:
    """The first milestone still ahead (or whose window is open) on a given day."""

    id: str
    title_nl: str
    title_en: str
    start: date
    end: date
    status: str
    confidence: str
    kind: str
    bodies: tuple[str, ...]
    source_id: str
    days_to_start: int
    days_to_end: int
    period: tuple[str, str | None] = ("", None)  # start and end as the source gives them (for `when_text`)
    window_basis: str = "bron"
    venues: tuple[str, ...] = ()
    venues_passed: tuple[str, ...] = ()  # venues whose window passed without confirmation, in timeline order

    @property
    def venues_missed(self) -> bool:
        """True when the milestone has venues and every one of them passed without confirmation."""
        return bool(self.venues) and set(self.venues) == set(self.venues_passed)

    @property
    def in_window(self) -> bool:
        """True when the day lies inside the milestone's window (it may still happen before the window closes)."""
        return self.days_to_start <= 0 <= self.days_to_end

    @property
    def days_remaining(self) -> int:
        """Days until the milestone starts, or, inside its window, until the window closes."""
        return self.days_to_end if self.in_window else self.days_to_start

    def title(self, lang: str) -> str:
        """The title in the UI language."""
        return str(getattr(self, localized("title", lang)))


def next_milestone(frame: pd.DataFrame, today: date, body: str | None = None) -> NextMilestone | None:
    """The next milestone on `today` (optionally only those involving `body`): the upcoming or tentative event
    (phases and horizons left out) whose window closes first; None when nothing dated lies ahead."""
    full = timeline(frame, today)
    table = filter_by_body(full, body)
    ahead = table[table["status"].isin(["upcoming", "tentative"]) & ~table["kind"].isin(["fase", "horizon"])]
    if ahead.empty:
        return None
    row = ahead.sort_values(["end_date", "start_date"], kind="stable").iloc[0]
    venues = tuple(bodies_of(row["venues"]))
    passed = tuple(full.loc[full["id"].isin(venues) & (full["status"] == "overdue"), "id"])
    return NextMilestone(
        id=row["id"], title_nl=row["title_nl"], title_en=row["title_en"], start=row["start_date"],
        end=row["end_date"], status=row["status"], confidence=row["confidence"], kind=row["kind"],
        bodies=tuple(bodies_of(row["bodies"])), source_id=row["source_id"],
        days_to_start=int(row["days_to_start"]), days_to_end=int(row["days_to_end"]),
        period=(row["start"], None if fmt.is_unknown(row["end"]) else row["end"]),
        window_basis=row["window_basis"], venues=venues, venues_passed=passed,
    )  # fmt: skip


def last_done(frame: pd.DataFrame, today: date, body: str | None = None) -> pd.Series | None:
    """The most recent confirmed event that has taken place by `today` (phases left out), or None."""
    table = filter_by_body(timeline(frame, today), body)
    done = table[(table["status"] == "done") & (table["kind"] != "fase")]
    return None if done.empty else done.sort_values("end_date", kind="stable").iloc[-1]


def overdue(frame: pd.DataFrame, today: date, body: str | None = None) -> pd.DataFrame:
    """Expected events whose window passed without confirmation in the data, earliest first."""
    table = filter_by_body(timeline(frame, today), body)
    return table[table["status"] == "overdue"].reset_index(drop=True)


def status_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many milestones of a `timeline` table have each status (all statuses, zero included)."""
    counts = table["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def export_table(table: pd.DataFrame) -> pd.DataFrame:
    """The data columns of a `timeline` table for CSV/Excel: codes and ISO dates, status as of the chosen day."""
    columns = [
        "id",
        "start",
        "end",
        "start_date",
        "end_date",
        "status",
        "days_to_start",
        "days_to_end",
        "title_nl",
        "title_en",
        "bodies",
        "kind",
        "confidence",
        "window_basis",
        "venues",
        "source_id",
        "after",
        "party",
        "note_nl",
        "note_en",
    ]
    return table[columns].copy()


def gate_summary(gates: pd.DataFrame) -> pd.DataFrame:
    """Per gate (file order): its milestone and how many parties have besloten, gepland and onbekend."""
    counts = pd.crosstab(gates["gate"], gates["status"]).reindex(columns=list(GATE_STATUSES), fill_value=0)
    first = gates.drop_duplicates("gate").set_index("gate")["milestone_id"]
    summary = counts.reindex(first.index).astype(int)
    summary.insert(0, "milestone_id", first)
    return summary.reset_index()


VIEWS = ("tijdlijn", "lijst", "besluiten")


def clock_today() -> date:
    """Today's date from the system clock (the default "stand per" date)."""
    return date.today()


parse_body = one_of(BODY_CODES, fold_case=True)  # a body code from a URL value, case-insensitive
