"""The audit trail as tables: who changed which shared scenario when, what changed, and the values before and after.

The rows come from `ros.records.scenario_store.ScenarioStore.audit` (append-only, newest first). `audit_table` turns
them into one row per change with a short description of the change (the settings that differ, the ledger rows
added, changed or removed with their amounts, the old and new name, the agreed baseline before and after) and the
full values before and after as JSON text, for the screen and the downloads. Codes (action, role) are returned as
they are; the UI puts them into words.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ros.model import ledger
from ros.records.scenario_store import AuditEntry

COLUMNS = ("at", "who", "account", "role", "action", "scenario", "change", "before", "after")
MAX_CHANGES = 6  # settings named in the description of one change; the rest are counted
LEDGER = "grootboek"  # the scenario's ledger in stored settings (its URL key), described per row


def _text(value: object) -> str:
    """A stored value in one line (JSON for lists and objects); None as the empty string."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _amount(value: Any) -> str:
    """A stored ledger amount in euros to the cent ('51000.00'), '—' when not filled in."""
    return "—" if value is None else f"{float(value):.2f}"


def _ledger_rows(value: object) -> dict[tuple[str, int], Mapping[str, Any]] | None:
    """A stored ledger (the scenario's 'grootboek') by party and year; None when it is not one."""
    if value is None:
        return {}
    if not isinstance(value, list) or not all(isinstance(e, Mapping) and isinstance(e.get("year"), int) for e in value):
        return None
    return {(str(e.get("party")), e["year"]): e for e in value}


def _ledger_changes(before: object, after: object) -> list[str] | None:
    """Per ledger row (party, year): added (+) or removed (−) with its amounts, or each changed amount old → new;
    None when either side is not a ledger."""
    old, new = _ledger_rows(before), _ledger_rows(after)
    if old is None or new is None:
        return None
    changes = []
    for party, year in sorted(old.keys() | new.keys()):
        was, now = old.get((party, year)), new.get((party, year))
        if was is None or now is None:
            sign, row = "+" if was is None else "−", now or was or {}
            filled = ", ".join(f"{s} {_amount(row.get(s))}" for s in ledger.STATES if row.get(s) is not None)
            changes.append(f"{LEDGER} {sign} {party} {year}: {filled or '—'}")
            continue
        changes += [
            f"{LEDGER} {party} {year} {s}: {_amount(was.get(s))} → {_amount(now.get(s))}"
            for s in ledger.STATES
            if was.get(s) != now.get(s)
        ]
    return changes


def _settings_changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """`key: old → new` for every setting that differs (added or removed ones too), in key order; the ledger per
    row with its amounts."""
    changes: list[str] = []
    for k in sorted(set(before) | set(after)):
        if before.get(k) == after.get(k):
            continue
        rows = _ledger_changes(before.get(k), after.get(k)) if k == LEDGER else None
        changes += rows if rows is not None else [f"{k}: {_text(before.get(k)) or '—'} → {_text(after.get(k)) or '—'}"]
    return changes


def _agreed_name(side: dict[str, Any]) -> str:
    """The name of the scenario marked as agreed on one side of a change, or a dash when there was none."""
    return str((side.get("agreed") or {}).get("name") or "—")


def _limited(changes: list[str]) -> str:
    """The first `MAX_CHANGES` changes, then how many more."""
    more = len(changes) - MAX_CHANGES
    return "; ".join(changes[:MAX_CHANGES]) + (f"; +{more}" if more > 0 else "")


def change_summary(entry: AuditEntry) -> str:
    """What one change did, in one line of codes and values (not translated: names and settings as stored)."""
    before, after = entry.before or {}, entry.after or {}
    if entry.action == "update":
        return _limited(_settings_changes(before.get("settings") or {}, after.get("settings") or {}))
    if entry.action == "save":  # a new scenario: only the ledger rows it brings, the settings are in `after`
        return _limited(_ledger_changes(None, (after.get("settings") or {}).get(LEDGER)) or [])
    if entry.action == "rename":
        return f"{before.get('name')} → {after.get('name')}"
    if entry.action in ("mark_agreed", "clear_agreed"):
        return f"{_agreed_name(before)} → {_agreed_name(after)}"
    if entry.action == "duplicate":
        return f"{before.get('name')} → {entry.scenario_name}"
    if entry.action == "ledger_upload":
        return ", ".join(f"{k}: {_text(v)}" for k, v in after.items())
    return ""


def audit_table(rows: Sequence[AuditEntry]) -> pd.DataFrame:
    """One row per change (newest first, as given), columns `COLUMNS`; `at` is the UTC moment, `account` the
    actor's id (e-mail address), `role` and `action` are codes."""
    return pd.DataFrame(
        {
            "at": [e.at for e in rows],
            "who": [e.actor_name for e in rows],
            "account": [e.actor_id for e in rows],
            "role": [e.actor_role for e in rows],
            "action": [e.action for e in rows],
            "scenario": [e.scenario_name or "" for e in rows],
            "change": [change_summary(e) for e in rows],
            "before": [_text(e.before) for e in rows],
            "after": [_text(e.after) for e in rows],
        },
        columns=list(COLUMNS),
    )


def ledger_summary(frame: pd.DataFrame) -> dict[str, object]:
    """What the audit keeps of a ledger: how many amounts are known and the known total per state (text, exact
    to the cent; None when no amount of that state is known)."""
    totals = ledger.ledger_totals(frame)
    summary: dict[str, object] = {"bekend": ledger.known_count(frame)}
    for state in ledger.STATES:
        known = [v for v in totals.loc[totals["state"] == state, "known_total"] if v is not None]
        summary[state] = str(sum(known)) if known else None
    return summary
