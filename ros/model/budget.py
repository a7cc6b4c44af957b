"""The money for drawing up the ROS: who contributes what, who holds it, and what is still unknown.

Data: `data/budget.csv` (one row per party and period; an empty amount is unknown) joined to `data/parties.csv`.
The only known amount is Almelo's € 102.000 for 2025–2026 from its programme *Stedelijke Ontwikkeling*, as its
college decision states (`besluit_almelo_2025`). That decision names Hengelo as budget holder and cashier in 2025
and 2026: it collects the funds of the municipalities, the water board and the province (the Rijk is not named
there, and only Almelo's power of attorney is documented).
Unknown amounts are never counted as zero: sums are "at least" the known part plus a count of unknowns, and the
flow diagram draws unknown flows only on request, as placeholders that carry no amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pandas as pd

from ros.base import format as fmt
from ros.data.snapshot import Snapshot

PERIOD = "2025-2026"


def period_end(period: str = PERIOD) -> date:
    """The last day of a budget period written as years ('2025-2026' → 31 December 2026)."""
    return date(int(period.split("-")[-1]), 12, 31)


CASHIER = "GM0164"  # Hengelo: budget holder and cashier (the decision, section 4.2)
# The kinds whose money Hengelo collects (the decision, 4.2: gemeenten, waterschap en provincie); the Rijk is not
# named there, so its flow goes straight to the work instead of through Hengelo.
COLLECTED_KINDS = ("gemeente", "waterschap", "provincie")
KIND_ORDER = ("rijk", "provincie", "waterschap", "gemeente")
UNKNOWN_SOURCE = "source:unknown"
CASHIER_NODE = "cashier"
WORK_NODE = "work"
PLACEHOLDER_SHARE = 0.04  # drawn width of one unknown flow, as a share of the largest known flow (no amount)


@dataclass(frozen=True)
class BudgetSummary:
    """Known total, how many contributions are known and unknown, for one period."""

    known_total: Decimal
    known_count: int
    unknown_count: int
    period: str

    @property
    def party_count(self) -> int:
        """All contributions, known or not."""
        return self.known_count + self.unknown_count


def to_euros(value: object) -> Decimal | None:
    """An amount as exact euros (Decimal, cents), or None when unknown."""
    if fmt.is_unknown(value):
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


def budget_table(snapshot: Snapshot, period: str = PERIOD) -> pd.DataFrame:
    """Budget rows of `period` with the party name, in the order of parties.csv (Rijk, provincie, waterschap,
    municipalities by name); columns party_id, name, kind, amount (NaN = unknown), status, period, programme,
    source_id, note, is_cashier."""
    budget = snapshot["budget"]
    budget = budget[budget["period"] == period]
    parties = snapshot["parties"][["id", "name"]].rename(columns={"id": "party_id"})
    table = parties.merge(budget, on="party_id", how="inner", validate="one_to_one")
    table["is_cashier"] = table["party_id"] == CASHIER
    columns = ["party_id", "name", "kind", "amount", "status", "period", "programme", "source_id", "note", "is_cashier"]
    return table[columns].reset_index(drop=True)


def check_parties(snapshot: Snapshot) -> list[str]:
    """Dutch messages for budget rows whose party is not one of the 17 or whose kind differs from parties.csv;
    and for parties without a budget row in the period."""
    parties = snapshot["parties"].set_index("id")["kind"]
    problems = []
    for line, (_, row) in enumerate(snapshot["budget"].iterrows(), start=2):
        if row["party_id"] not in parties.index:
            problems.append(f"budget.csv, regel {line}: partij '{row['party_id']}' staat niet in parties.csv")
        elif parties[row["party_id"]] != row["kind"]:
            problems.append(
                f"budget.csv, regel {line}: soort '{row['kind']}' wijkt af van parties.csv "
                f"('{parties[row['party_id']]}')"
            )
    covered = set(snapshot["budget"].loc[snapshot["budget"]["period"] == PERIOD, "party_id"])
    problems.extend(f"budget.csv: geen regel voor partij '{p}' in {PERIOD}" for p in parties.index if p not in covered)
    return problems


def summarise(table: pd.DataFrame, period: str = PERIOD) -> BudgetSummary:
    """Known total and counts of a budget table; unknown amounts are counted, never added as zero."""
    amounts = [to_euros(v) for v in table["amount"]]
    known = [a for a in amounts if a is not None]
    return BudgetSummary(sum(known, Decimal("0.00")), len(known), len(amounts) - len(known), period)


def budget_summary(snapshot: Snapshot) -> BudgetSummary:
    """The known/unknown summary of the ROS budget for 2025–2026, for the overview page."""
    return summarise(budget_table(snapshot), PERIOD)


# --- the flow: funding source → party → Hengelo (cashier) → the work ---------------------------------------


@dataclass(frozen=True)
class Node:
    """One node of the flow; `role` is source, party, cashier or work; `name` is a party or programme name."""

    id: str
    role: str
    name: str
    known_amount: Decimal
    unknown_count: int


@dataclass(frozen=True)
class Link:
    """One flow; `value` is its drawn width, `amount` the euros (None = unknown, width is then a placeholder)."""

    source: int
    target: int
    value: float
    amount: Decimal | None

    @property
    def known(self) -> bool:
        """True when the amount of this flow is known."""
        return self.amount is not None


@dataclass(frozen=True)
class Flows:
    """Nodes and links of the budget flow, and how many unknown contributions were left out of the drawing."""

    nodes: tuple[Node, ...]
    links: tuple[Link, ...]
    hidden_unknown: int

    def index(self, node_id: str) -> int:
        """Position of a node by id."""
        return next(i for i, n in enumerate(self.nodes) if n.id == node_id)

    def inflow(self, node_id: str, known: bool | None = None) -> float:
        """Sum of drawn widths into a node (only known or only unknown flows when `known` is given)."""
        i = self.index(node_id)
        return sum(lk.value for lk in self.links if lk.target == i and (known is None or lk.known == known))

    def outflow(self, node_id: str, known: bool | None = None) -> float:
        """Sum of drawn widths out of a node (only known or only unknown flows when `known` is given)."""
        i = self.index(node_id)
        return sum(lk.value for lk in self.links if lk.source == i and (known is None or lk.known == known))


def budget_flows(table: pd.DataFrame, show_unknown: bool = False) -> Flows:
    """The flow from funding source to party to Hengelo to the work (the Rijk straight to the work: the decision
    does not say its money goes through Hengelo). Known flows have their amount as width;
    unknown flows are included only when `show_unknown`, each with the same placeholder width and no amount.
    Hengelo's inflow equals its outflow, separately for known and placeholder widths."""
    rows = [(r, to_euros(r["amount"])) for r in table.to_dict(orient="records")]
    known_rows = [(r, a) for r, a in rows if a is not None and a > 0]
    unknown_rows = [(r, a) for r, a in rows if a is None]
    drawn_unknown = unknown_rows if show_unknown else []
    largest = max((float(a) for _, a in known_rows), default=1.0)
    placeholder = largest * PLACEHOLDER_SHARE

    nodes: dict[str, Node] = {}
    links: list[tuple[str, str, float, Decimal | None]] = []

    def visit(node_id: str, role: str, name: str, amount: Decimal | None) -> str:
        """Create the node on first use and add one flow's amount (or one unknown) to it."""
        n = nodes.get(node_id, Node(node_id, role, name, Decimal("0.00"), 0))
        nodes[node_id] = Node(n.id, n.role, n.name, n.known_amount + (amount or 0), n.unknown_count + (amount is None))
        return node_id

    via_cashier = 0
    direct: list[tuple[str, Decimal | None]] = []
    for record, amount in known_rows + drawn_unknown:
        programme = record["programme"] or ""
        source_id = UNKNOWN_SOURCE if amount is None else f"source:{record['party_id']}:{programme}"
        source = visit(source_id, "source", "" if amount is None else programme, amount)
        party = visit(f"party:{record['party_id']}", "party", record["name"], amount)
        width = float(amount) if amount is not None else placeholder
        links.append((source, party, width, amount))
        if record["kind"] in COLLECTED_KINDS:
            links.append((party, visit(CASHIER_NODE, "cashier", "", amount), width, amount))
            via_cashier += amount is None
        else:
            direct.append((party, amount))
    known_total = sum((a for r, a in known_rows if r["kind"] in COLLECTED_KINDS), Decimal("0.00"))
    if known_total:
        visit(WORK_NODE, "work", "", known_total)
        links.append((CASHIER_NODE, WORK_NODE, float(known_total), known_total))
    if via_cashier:
        for _ in range(via_cashier):
            visit(WORK_NODE, "work", "", None)
        links.append((CASHIER_NODE, WORK_NODE, placeholder * via_cashier, None))
    for party, amount in direct:
        visit(WORK_NODE, "work", "", amount)
        links.append((party, WORK_NODE, float(amount) if amount is not None else placeholder, amount))
    order = list(nodes)
    return Flows(
        tuple(nodes.values()),
        tuple(Link(order.index(s), order.index(t), v, a) for s, t, v, a in links),
        len(unknown_rows) - len(drawn_unknown),
    )
