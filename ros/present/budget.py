"""The Budget page in words: the summary sentence, the party, allocation and implication tables with their
headers, the Sankey's table alternative and the facts with their source.

The numbers come from `ros.model.budget` (known and unknown contributions, the flow) and `ros.model.cost_sharing` (a
scenario's split, never a decision). Unknown reads 'onbekend', never € 0.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ros.base import format as fmt
from ros.base.i18n import section, translate
from ros.model import ledger
from ros.model.budget import BudgetSummary, Flows
from ros.model.cost_sharing import ALMELO_AMOUNT
from ros.present.charts.budget import contribution_bars, sankey_table

FACTS = ("fact_parties", "fact_almelo", "fact_cashier", "fact_unknown")


def summary_text(summary: BudgetSummary, lang: str) -> str:
    """One sentence: 'ten minste € 102.000 bekend; 16 bijdragen onbekend' (or the right variant)."""
    known = fmt.money(summary.known_total, lang)
    if summary.known_count == 0:
        return translate(lang, "budget.summary_none_known", count=summary.unknown_count)
    if summary.unknown_count == 0:
        return translate(lang, "budget.summary_complete", known=known, count=summary.known_count)
    key = "budget.summary_partial_one" if summary.unknown_count == 1 else "budget.summary_partial"
    return translate(lang, key, known=known, count=summary.unknown_count)


def export_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The budget table for download: amount stays empty when unknown (never 0), plus a readable amount text."""
    result = table.drop(columns=["is_cashier"]).copy()
    result["amount_text"] = [fmt.money(v, lang) for v in result["amount"]]
    return result


def party_view(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The budget table as display text: name, kind, amount ('onbekend' when unknown), status, programme, note."""
    return pd.DataFrame(
        {
            "name": [
                name + (translate(lang, "budget.cashier_suffix") if cashier else "")
                for name, cashier in zip(table["name"], table["is_cashier"], strict=True)
            ],
            "kind": [translate(lang, f"budget.kind_{k}") for k in table["kind"]],
            "amount": [fmt.money(v, lang) for v in table["amount"]],
            "status": [translate(lang, f"budget.status_{s}") for s in table["status"]],
            "programme": table["programme"],
            "note": table["note"],
        }
    )


def allocation_view(allocation: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A scenario allocation as display text: name, kind, share (percentage) and contribution (€, cents)."""
    return pd.DataFrame(
        {
            "name": allocation["name"],
            "kind": [translate(lang, f"budget.kind_{k}") for k in allocation["kind"]],
            "share": [fmt.percent(s, lang, 2) for s in allocation["share"]],
            "amount": [fmt.money(a, lang, cents=True) for a in allocation["amount"]],
        }
    )


def implications_view(implications: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Almelo's implications as display text; a key without a share for Almelo reads 'onbekend'."""
    return pd.DataFrame(
        {
            "key": [translate(lang, f"budget.key_{k}") for k in implications["key"]],
            "almelo_share": [fmt.percent(s, lang, 2) for s in implications["almelo_share"]],
            "implied_total": [fmt.money(v, lang) for v in implications["implied_total"]],
            "per_inhabitant_twente": [fmt.money(v, lang, cents=True) for v in implications["per_inhabitant_twente"]],
            "per_inhabitant_almelo": [fmt.money(v, lang, cents=True) for v in implications["per_inhabitant_almelo"]],
        }
    )


def headed(frame: pd.DataFrame, lang: str, headers: dict[str, str]) -> pd.DataFrame:
    """The columns of `frame` named in `headers` (column → `budget` catalogue key), renamed to their words."""
    return frame[list(headers)].rename(columns={c: translate(lang, f"budget.{k}") for c, k in headers.items()})


def party_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Who pays what, with headers: party, amount, status, programme and note (the kind is in the name's group)."""
    return headed(
        party_view(table, lang),
        lang,
        {
            "name": "col_party",
            "amount": "col_amount",
            "status": "col_status",
            "programme": "col_programme",
            "note": "col_note",
        },
    )


def allocation_table(allocation: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A scenario's contributions with headers: party, kind, share and contribution."""
    return headed(
        allocation_view(allocation, lang),
        lang,
        {"name": "col_party", "kind": "col_kind", "share": "col_share", "amount": "col_contribution"},
    )


def implications_table(implications: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What Almelo's € 102.000 implies under every key, with headers."""
    view = implications_view(implications, lang)
    return headed(view, lang, {c: f"col_{c}" for c in view.columns})


def sankey_rows(flows: Flows, lang: str) -> pd.DataFrame:
    """The Sankey's table alternative with headers: from, to, amount."""
    return headed(
        sankey_table(flows, section(lang, "budget"), lang),
        lang,
        {"source": "col_from", "target": "col_to", "amount": "col_amount"},
    )


def facts_markdown(lang: str) -> str:
    """What is known about the money, as a Markdown list (with Almelo's amount)."""
    amount = fmt.money(ALMELO_AMOUNT, lang)
    return "\n".join(f"- {translate(lang, 'budget.' + key, amount=amount)}" for key in FACTS)


def ledger_totals_table(book: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The ledger's totals per year and state, with headers."""
    view = totals_view(book, lang)
    return view.rename(
        columns={ledger.YEAR: translate(lang, "budget.col_year")}
        | {s: translate(lang, f"budget.state_{s}") for s in ledger.STATES}
    )


def totals_view(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Ledger totals as display text: one row per year, one column per state, e.g. '€ 50.000 (1 bekend, 33
    onbekend)'; a state with nothing known reads 'onbekend', never € 0."""
    totals = ledger.ledger_totals(frame)
    rows = []
    for year, part in totals.groupby(ledger.YEAR, sort=True):
        row: dict[str, object] = {ledger.YEAR: str(year)}
        for record in part.to_dict(orient="records"):
            if record["known_total"] is None:
                text = translate(lang, "budget.ledger_totals_none", unknown=record["unknown_count"])
            else:
                text = translate(
                    lang,
                    "budget.ledger_totals_cell",
                    amount=fmt.money(record["known_total"], lang, cents=True),
                    known=record["known_count"],
                    unknown=record["unknown_count"],
                )
            row[record["state"]] = text
        rows.append(row)
    return pd.DataFrame(rows, columns=[ledger.YEAR, *ledger.STATES])


def decision_notes(differences: list[ledger.PledgeDifference], lang: str) -> list[str]:
    """One note per party whose pledges differ from its known amount: 'Almelo: toegezegd in dit kasboek samen
    € 110.000,00, in de gegevens besloten € 102.000,00.'"""
    return [
        translate(
            lang,
            "budget.pledge_differs",
            name=d.name,
            pledged=fmt.money(d.pledged, lang, cents=True),
            status=translate(lang, f"budget.status_{d.status}"),
            amount=fmt.money(d.amount, lang, cents=True),
        )
        for d in differences
    ]


def contribution_figure(allocation: pd.DataFrame, lang: str) -> go.Figure:
    """A scenario's contribution per party as labelled bars (a scenario, never a decision)."""
    return contribution_bars(allocation, section(lang, "budget"), lang)
