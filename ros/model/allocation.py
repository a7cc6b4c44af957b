"""Splitting a regional total (homes or residents) over municipalities by an allocation key.

The ROS decision names Twente-wide totals only (at least 69.000 homes, more than 100.000 residents by 2050); how
they land per municipality is a choice. This module offers the keys a planner would try: the Rijk's *stedelijk
netwerk* framing of 12-11-2024 (growth in Enschede, Hengelo and Almelo, with an adjustable share for the three
cities), shares of population, dwelling stock or households (CBS 85984NED, 1-1-2024), shares of the provincial
plan capacity of 2021 (hard, or hard + soft; medium confidence), equal shares, and custom weights typed in or
uploaded as CSV. Results are whole numbers that add up exactly to the total (largest-remainder method; ties go
to the earlier municipality in the given order). Bad weights raise `AllocationError` naming every problem found
(catalogue keys `input.*`, so the refusal reads in either language).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ros.base import number_entry
from ros.base.names import find_code
from ros.base.problems import InputError, Problem, given, problem
from ros.data import uploads

KEYS = ("population", "dwellings", "households", "stedelijk_netwerk", "plan_hard", "plan_total", "equal", "custom")
# Enschede, Hengelo, Almelo: the scope of the Rijk's framing (targets.csv, rijk_homes_cities_2050).
CITY_CODES = frozenset({"GM0153", "GM0164", "GM0141"})


_LINK_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:e[+-][0-9]+)?")
MAX_WEIGHT_LINES = 1_000  # a weights file has one line per municipality


class AllocationError(InputError):
    """Input that cannot be allocated (bad weights, unknown municipalities, bad totals), with every problem."""


@dataclass(frozen=True, eq=False)
class KeyData:
    """Per municipality (in one fixed order) the figures the keys are built from."""

    codes: tuple[str, ...]
    names: tuple[str, ...]
    population: np.ndarray
    dwellings: np.ndarray
    households: np.ndarray
    plan_hard: np.ndarray
    plan_total: np.ndarray
    is_city: np.ndarray


def largest_remainder_rows(weights: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """Per row, whole numbers proportional to `weights` that sum exactly to that row's total.

    Each row gets the floor of its quota; the units left go to the largest fractional parts, ties to the
    earlier column. Weights must be finite and non-negative; a row with a positive total needs a positive weight.
    """
    weights = np.asarray(weights, dtype=float)
    totals = np.asarray(totals)
    if weights.ndim != 2 or totals.shape != (weights.shape[0],):
        raise AllocationError(problem("input.weights_shape"))
    if not np.all(np.isfinite(weights)) or np.any(weights < 0):
        raise AllocationError(problem("input.weights_not_finite"))
    if np.any(totals < 0) or not np.all(np.equal(np.mod(totals, 1), 0)):
        raise AllocationError(problem("input.total_not_whole"))
    totals = totals.astype(np.int64)
    peak = weights.max(axis=1, initial=0.0)
    if np.any((peak == 0) & (totals > 0)):
        raise AllocationError(problem("input.weights_all_zero"))
    scaled = np.divide(weights, peak[:, None], out=np.zeros_like(weights), where=peak[:, None] > 0)
    sums = scaled.sum(axis=1)
    shares = np.divide(scaled, sums[:, None], out=np.zeros_like(scaled), where=sums[:, None] > 0)
    quotas = totals[:, None] * shares
    floors = np.floor(quotas)
    deficit = totals - floors.sum(axis=1).astype(np.int64)
    # Remainders equal up to floating-point noise (a symmetric S-curve's mirrored years) are ties: without the
    # rounding the noise, not the earlier column, would decide who gets the unit.
    order = np.argsort(np.round(floors - quotas, 9), axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.broadcast_to(np.arange(weights.shape[1]), order.shape), axis=1)
    whole: np.ndarray = floors.astype(np.int64) + (ranks < deficit[:, None])
    return whole


def largest_remainder(weights: Sequence[float] | np.ndarray, total: int) -> np.ndarray:
    """Whole numbers proportional to `weights` summing exactly to `total` (ties to the earlier position)."""
    whole: np.ndarray = largest_remainder_rows(np.asarray(weights, dtype=float)[None, :], np.array([total]))[0]
    return whole


def key_weights(
    key: str, data: KeyData, city_share: float = 1.0, custom: Mapping[str, float] | None = None
) -> np.ndarray:
    """The exact (unrounded) share of every municipality under `key`; the shares add up to 1."""
    if key not in KEYS:
        raise AllocationError(problem("input.unknown_key", choice=key))
    if key == "stedelijk_netwerk":
        if not 0 <= city_share <= 1:
            raise AllocationError(problem("input.city_share_range"))
        shares = np.zeros(len(data.codes))
        for mask, part in ((data.is_city, city_share), (~data.is_city, 1 - city_share)):
            group = data.population * mask
            if part > 0:
                shares += part * group / group.sum()
        return shares
    if key == "equal":
        raw = np.ones(len(data.codes))
    elif key == "custom":
        if custom is None:
            raise AllocationError(problem("input.weights_none"))
        checked = check_weights(custom, data.codes, data.names)
        raw = np.array([checked[c] for c in data.codes])
    else:
        raw = np.asarray(getattr(data, key), dtype=float)
    if raw.sum() <= 0:
        raise AllocationError(problem("input.weights_all_zero"))
    return np.asarray(raw / raw.sum(), dtype=float)


def allocate(
    total: int, key: str, data: KeyData, city_share: float = 1.0, custom: Mapping[str, float] | None = None
) -> np.ndarray:
    """Whole numbers per municipality summing exactly to `total`.

    For *stedelijk netwerk* the total is first split between the three cities and the other municipalities
    (so each group gets exactly its share), then within each group by population.
    """
    if key != "stedelijk_netwerk":
        return largest_remainder(key_weights(key, data, city_share, custom), total)
    key_weights(key, data, city_share)
    groups = largest_remainder([city_share, 1 - city_share], total)
    result = np.zeros(len(data.codes), dtype=np.int64)
    for mask, amount in ((data.is_city, groups[0]), (~data.is_city, groups[1])):
        result[mask] = largest_remainder(data.population[mask], amount)
    return result


def _weight_problem(raw: object, name: str) -> Problem | float:
    """A weight cell as a number (marks read as in every upload, `number_entry.cell`), or what is wrong with it."""
    try:
        value = number_entry.cell(raw, whole=False)
    except number_entry.NumberEntryError as error:
        if error.code == "ambiguous":
            return problem("input.weight_ambiguous", name=name, raw=str(raw)[:40], **error.values)
        return problem("input.weight_not_number", name=name, raw=str(raw)[:40])
    if value is None:
        return problem("input.weight_missing", name=name)
    if not math.isfinite(value):
        return problem("input.weight_not_number", name=name, raw=str(raw)[:40])
    if value < 0:
        return problem("input.weight_negative", name=name, raw=raw[:40] if isinstance(raw, str) else given(value))
    return value


def check_weights(weights: Mapping[str, object], codes: Sequence[str], names: Sequence[str]) -> dict[str, float]:
    """Custom weights by code (names accepted in any official spelling, `ros.base.names`) for exactly these
    municipalities, or AllocationError naming every problem."""
    name_of = dict(zip(codes, names, strict=True))
    result: dict[str, float] = {}
    problems: list[Problem] = []
    seen: set[str] = set()
    for key, raw in weights.items():
        label = str(key).strip()
        code = find_code(label, name_of)
        if code is None:
            problems.append(problem("input.weights_unknown", label=label[:80]))
            continue
        if code in seen:
            problems.append(problem("input.weights_twice", name=name_of[code]))
            continue
        seen.add(code)
        checked = _weight_problem(raw, name_of[code])
        if isinstance(checked, Problem):
            problems.append(checked)
        else:
            result[code] = checked
    absent = [name_of[c] for c in codes if c not in seen]
    if absent:
        problems.append(problem("input.weights_absent", names=", ".join(absent)))
    if not problems and sum(result.values()) <= 0:
        problems.append(problem("input.weights_all_zero"))
    if problems:
        raise AllocationError(*problems)
    return result


_CODE_HEADERS = {"code", "gemeentecode", "gemeente", "naam", "name", "municipality"}
_WEIGHT_HEADERS = {"weight", "gewicht", "gewichten", "weights"}


def read_weights_csv(content: bytes, codes: Sequence[str], names: Sequence[str]) -> dict[str, float]:
    """Custom weights from an uploaded CSV with columns `code,weight` (names accepted; `;` and decimal commas too);
    size and lines are checked before anything is parsed."""
    try:
        rows = uploads.csv_rows(content, MAX_WEIGHT_LINES)
    except uploads.UploadError as error:
        raise AllocationError(*error.problems) from None
    header = [cell.strip().lower() for cell in rows[0]]
    if len(header) < 2 or header[0] not in _CODE_HEADERS or header[1] not in _WEIGHT_HEADERS:
        raise AllocationError(problem("input.weights_header"))
    weights: dict[str, object] = {}
    labels: set[str] = set()
    problems: list[Problem] = []
    for number, row in enumerate(rows[1:], start=2):
        label = row[0].strip()
        if len(row) < 2:
            problems.append(problem("input.weights_line_without_weight", line=number))
        elif label.casefold() in labels:
            problems.append(problem("input.weights_line_twice", line=number, label=label[:80]))
        else:
            labels.add(label.casefold())
            weights[label] = row[1]
    try:
        checked = check_weights(weights, codes, names)
    except AllocationError as error:
        problems.extend(error.problems)
    if problems:
        raise AllocationError(*problems)
    return checked


def weights_to_text(weights: Mapping[str, float]) -> str:
    """Custom weights as a compact text for a link: 'GM0141:1;GM0147:2.5'."""
    return ";".join(f"{code}:{value:g}" for code, value in sorted(weights.items()))


def weights_from_text(text: str, codes: Sequence[str], names: Sequence[str]) -> dict[str, float]:
    """The inverse of `weights_to_text`, checked like any other custom weights."""
    pairs: dict[str, object] = {}
    for part in filter(None, text.split(";")):
        code, separator, value = part.partition(":")
        if not separator:
            raise AllocationError(problem("input.weights_not_pair", part=part[:80]))
        if code in pairs:
            raise AllocationError(problem("input.weights_code_twice", code=code[:80]))
        pairs[code] = _link_number(value)
    return check_weights(pairs, codes, names)


def _link_number(text: str) -> object:
    """A weight as `weights_to_text` writes it (2.5, 1.85e+06) as a float; other text is left for `check_weights`."""
    return float(text) if _LINK_NUMBER.fullmatch(text) else text


def weights_frame(weights: Mapping[str, float] | None, codes: Sequence[str], names: Sequence[str]) -> pd.DataFrame:
    """An editable table (code, name, weight) of custom weights; weight 1 for every municipality by default."""
    values = [1.0 if weights is None else float(weights[c]) for c in codes]
    return pd.DataFrame({"code": list(codes), "name": list(names), "weight": values})


def frame_weights(frame: pd.DataFrame) -> dict[str, object]:
    """The weights of an edited `weights_frame` by code (unchecked: pass them to `check_weights`)."""
    return dict(zip(frame["code"], frame["weight"], strict=True))
