"""Cost-sharing keys (verdeelsleutels) for the ROS budget: a scenario calculator, never a decision.

Given a total budget, each key gives every one of the 17 parties a weight and splits the total exactly to the
cent (largest remainder on cents, with exact fractions and `Decimal`), so the contributions always add up to the
total. Keys: fixed shares for Rijk/provincie/waterschap with the rest over the municipalities per inhabitant or
per dwelling (CBS 85984NED, 1-1-2024, from `municipalities.csv`); equal shares; or custom weights. The fixed
shares are assumptions that the user sets. Which key the partners actually use is not public; only Almelo's
€ 102.000 is known, and `almelo_implications` shows what that amount would mean under each key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import cast

import pandas as pd

from ros.base import format as fmt
from ros.base.problems import InputError, problem

KEYS = ("population", "dwellings", "equal", "custom")
# The Dutch names the keys had before they were named like the allocation keys; old links and scenario files
# (?verdeelsleutel=gelijk) still carry them, so they are accepted as aliases wherever a key is read.
LEGACY_KEYS = {"inwoners": "population", "woningen": "dwellings", "gelijk": "equal", "eigen": "custom"}
FIXED_KINDS = ("rijk", "provincie", "waterschap")
ALMELO = "GM0141"
ALMELO_AMOUNT = Decimal("102000.00")  # besluit_almelo_2025: € 102.000 in total for 2025–2026
CENT = Decimal("0.01")


class CostKeyError(InputError):
    """Input that a cost-sharing key cannot use, as catalogue problems (`text(lang)`); `str()` is the Dutch text."""


@dataclass(frozen=True)
class Party:
    """What a key needs to know about one party."""

    id: str
    name: str
    kind: str
    population: int | None
    dwellings: int | None


def parties_for_keys(parties: pd.DataFrame, municipalities: pd.DataFrame) -> list[Party]:
    """The 17 parties in the order of parties.csv, municipalities with their inhabitants and dwellings."""
    figures = municipalities.set_index("code")[["population", "dwellings"]]
    result = []
    for row in parties.to_dict(orient="records"):
        known = row["id"] in figures.index
        result.append(
            Party(
                row["id"],
                row["name"],
                row["kind"],
                int(cast(int, figures.at[row["id"], "population"])) if known else None,
                int(cast(int, figures.at[row["id"], "dwellings"])) if known else None,
            )
        )
    return result


def canonical_key(key: str) -> str:
    """A cost-sharing key by its English name; an old Dutch name (inwoners, woningen, gelijk, eigen) is an alias."""
    return LEGACY_KEYS.get(key, key)


def to_cents(total: Decimal | float | int | str) -> int:
    """A euro amount as whole cents; refuses negative amounts and amounts with more than two decimals."""
    try:
        amount = Decimal(str(total))
    except ArithmeticError:
        raise CostKeyError(problem("cost_sharing.not_an_amount", total=str(total)[:40])) from None
    if not amount.is_finite():
        raise CostKeyError(problem("cost_sharing.not_an_amount", total=str(total)[:40]))
    if amount < 0:
        raise CostKeyError(problem("cost_sharing.total_negative"))
    if amount != amount.quantize(CENT):
        raise CostKeyError(problem("cost_sharing.total_cents"))
    return int(amount * 100)


def split_cents(total_cents: int, weights: Sequence[Fraction]) -> list[int]:
    """Split whole cents in proportion to `weights` (largest remainder; ties go to the earlier party).
    The parts are never negative and always add up to `total_cents`."""
    if any(w < 0 for w in weights):
        raise CostKeyError(problem("cost_sharing.weight_negative"))
    weight_sum = sum(weights, Fraction(0))
    if weight_sum == 0:
        raise CostKeyError(problem("cost_sharing.weights_all_zero"))
    quotas = [Fraction(total_cents) * w / weight_sum for w in weights]
    parts = [q.numerator // q.denominator for q in quotas]
    left = total_cents - sum(parts)
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return parts


def key_weights(
    parties: Sequence[Party],
    key: str,
    fixed_shares: Mapping[str, Fraction] | None = None,
    custom: Mapping[str, Fraction] | None = None,
) -> list[Fraction]:
    """Each party's share of the total under `key` (shares add up to 1). `fixed_shares` maps kind (rijk,
    provincie, waterschap) to a share in [0, 1] for the keys population and dwellings; `custom` maps party id to a
    weight for the key custom."""
    key = canonical_key(key)
    if key == "equal":
        return [Fraction(1, len(parties))] * len(parties)
    if key == "custom":
        weights = [Fraction((custom or {}).get(p.id, 0)) for p in parties]
        if any(w < 0 for w in weights):
            raise CostKeyError(problem("cost_sharing.weight_negative"))
        total = sum(weights, Fraction(0))
        if total == 0:
            raise CostKeyError(problem("cost_sharing.weights_all_zero"))
        return [w / total for w in weights]
    if key not in ("population", "dwellings"):
        raise CostKeyError(problem("cost_sharing.unknown_key", choice=str(key)[:40]))
    shares = {kind: Fraction((fixed_shares or {}).get(kind, 0)) for kind in FIXED_KINDS}
    if any(s < 0 for s in shares.values()):
        raise CostKeyError(problem("cost_sharing.share_negative"))
    fixed_total = sum(shares.values(), Fraction(0))
    if fixed_total > 1:
        raise CostKeyError(problem("cost_sharing.shares_over_100"))
    measure = key
    missing = [p.name for p in parties if p.kind == "gemeente" and getattr(p, measure) is None]
    if missing:
        raise CostKeyError(problem(f"cost_sharing.figure_unknown_{key}", names=", ".join(missing)))
    sizes: dict[str, int] = {p.id: int(getattr(p, measure)) for p in parties if p.kind == "gemeente"}
    size_total = sum(sizes.values())
    if size_total == 0 and fixed_total < 1:
        raise CostKeyError(problem("cost_sharing.no_sizes"))
    rest = 1 - fixed_total
    return [
        shares[p.kind] if p.kind in FIXED_KINDS else rest * Fraction(sizes.get(p.id, 0), size_total or 1)
        for p in parties
    ]


def allocate(
    parties: Sequence[Party],
    total: Decimal | float | int | str,
    key: str,
    fixed_shares: Mapping[str, Fraction] | None = None,
    custom: Mapping[str, Fraction] | None = None,
) -> pd.DataFrame:
    """Each party's contribution under `key`: columns party_id, name, kind, share (float), amount (Decimal, exact
    to the cent); the amounts add up to `total` exactly."""
    cents = to_cents(total)
    weights = key_weights(parties, key, fixed_shares, custom)
    parts = split_cents(cents, weights)
    return pd.DataFrame(
        {
            "party_id": [p.id for p in parties],
            "name": [p.name for p in parties],
            "kind": [p.kind for p in parties],
            "share": [float(w) for w in weights],
            "amount": [(Decimal(c) / 100).quantize(CENT) for c in parts],
        }
    )


def per_inhabitant(amount: Decimal | Fraction, population: int) -> Decimal:
    """Euros per inhabitant, rounded to the cent."""
    return _euros(Fraction(amount) / population)


def almelo_implications(
    parties: Sequence[Party],
    fixed_shares: Mapping[str, Fraction] | None = None,
    custom: Mapping[str, Fraction] | None = None,
    amount: Decimal = ALMELO_AMOUNT,
) -> pd.DataFrame:
    """What Almelo's € 102.000 would imply under every key: columns key, almelo_share (float; None when the key
    cannot be computed with these inputs), implied_total
    (Decimal or None when Almelo has no share), per_inhabitant_twente (implied total per inhabitant of the 14
    municipalities) and per_inhabitant_almelo (the same under every key)."""
    by_id = {p.id: p for p in parties}
    almelo_population = by_id[ALMELO].population
    # Per inhabitant of Twente only when every municipality's population is known (an unknown never counts as 0).
    counts = [p.population for p in parties if p.kind == "gemeente"]
    twente = None if any(c is None for c in counts) else sum(c for c in counts if c is not None)
    rows = []
    for key in KEYS:
        try:
            share: Fraction | None = key_weights(parties, key, fixed_shares, custom)[
                [p.id for p in parties].index(ALMELO)
            ]
        except CostKeyError:
            share = None  # the key cannot be computed with these inputs: Almelo's share is unknown, not 0 %
        implied = Fraction(amount) / share if share else None
        rows.append(
            {
                "key": key,
                "almelo_share": None if share is None else float(share),
                "implied_total": None if implied is None else _euros(implied),
                "per_inhabitant_twente": None if implied is None or not twente else per_inhabitant(implied, twente),
                "per_inhabitant_almelo": per_inhabitant(amount, almelo_population) if almelo_population else None,
            }
        )
    return pd.DataFrame(rows)


def _euros(value: Fraction) -> Decimal:
    """An exact fraction of euros rounded to the cent."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, ROUND_HALF_UP)


def percent_share(percent: float | int | str) -> Fraction:
    """A percentage typed by the user (e.g. 5.5) as an exact share (11/200)."""
    return Fraction(Decimal(str(percent))) / 100


def export_allocation(allocation: pd.DataFrame, key: str, total: float | Decimal) -> pd.DataFrame:
    """A scenario allocation for download, labelled as a scenario: key, total, party, share and amount."""
    result = allocation.copy()
    result.insert(0, "scenario", "scenario, geen besluit")
    result.insert(1, "key", key)
    result.insert(2, "total", float(total))
    result["amount"] = [float(a) for a in result["amount"]]
    return result


def custom_weights(party_ids: Sequence[str], values: Sequence[object]) -> dict[str, Fraction]:
    """Weights typed in a table as exact fractions by party id; empty, negative and non-numeric weights are
    refused with a Dutch message."""
    weights = {}
    for party_id, value in zip(party_ids, values, strict=True):
        if fmt.is_unknown(value):
            raise CostKeyError(problem("cost_sharing.weight_missing", party=party_id))
        try:
            weight = Fraction(Decimal(str(value)))
        except (ArithmeticError, ValueError):
            raise CostKeyError(problem("cost_sharing.weight_not_number", party=party_id)) from None
        if weight < 0:
            raise CostKeyError(problem("cost_sharing.weight_negative"))
        weights[party_id] = weight
    return weights


def weights_table(parties: Sequence[Party]) -> pd.DataFrame:
    """The starting table for custom weights: every party weight 1 (equal shares until the user edits)."""
    return pd.DataFrame({"party_id": [p.id for p in parties], "name": [p.name for p in parties], "weight": 1.0})


def implied_total(implications: pd.DataFrame, key: str) -> Decimal | None:
    """The total budget that Almelo's € 102.000 implies under `key` (None when Almelo has no share)."""
    value = implications.loc[implications["key"] == canonical_key(key), "implied_total"].iloc[0]
    return None if fmt.is_unknown(value) else value


@dataclass(frozen=True)
class AllocationCheck:
    """The sum of an allocation's contributions and Almelo's part in it."""

    total: Decimal
    almelo: Decimal


def allocation_check(allocation: pd.DataFrame) -> AllocationCheck:
    """Sum of all contributions (exact) and Almelo's contribution, to show next to the scenario."""
    total = sum(allocation["amount"], Decimal("0.00"))
    return AllocationCheck(total, allocation.loc[allocation["party_id"] == ALMELO, "amount"].iloc[0])


def whole_cents(amount: float | None) -> float | None:
    """An amount in euros rounded to whole cents (None stays None: no total chosen)."""
    return None if amount is None else to_cents(round(amount, 2)) / 100


@dataclass(frozen=True)
class ScenarioSharing:
    """A scenario's split of its total budget over the 17 parties (a calculation, never a decision), or why there
    is none: `reason` 'no_total' (no total budget set), 'custom_key' (own weights, which a scenario does not carry)
    or 'error' (the key cannot be computed; `error` says why)."""

    allocation: pd.DataFrame | None
    total: Decimal | None
    key: str
    reason: str | None = None
    error: CostKeyError | None = None

    def amount_of(self, party_id: str) -> Decimal | None:
        """What `party_id` would pay, or None when there is no split (or no such party)."""
        if self.allocation is None:
            return None
        amount = self.allocation.loc[self.allocation["party_id"] == party_id, "amount"]
        return amount.iloc[0] if len(amount) else None


def scenario_sharing(
    budget_total: float | None, key: str, fixed_percents: Mapping[str, float], parties: Sequence[Party]
) -> ScenarioSharing:
    """Each party's contribution under a cost-sharing key, fixed shares (percent per kind) and total budget."""
    if budget_total is None:
        return ScenarioSharing(None, None, key, "no_total")
    total = Decimal(str(budget_total)).quantize(CENT)
    if key == "custom":
        return ScenarioSharing(None, total, key, "custom_key")
    fixed = {kind: percent_share(fixed_percents[kind]) for kind in FIXED_KINDS}
    try:
        allocation = allocate(parties, total, key, fixed)
    except CostKeyError as error:
        return ScenarioSharing(None, total, key, "error", error)
    return ScenarioSharing(allocation, total, key)
