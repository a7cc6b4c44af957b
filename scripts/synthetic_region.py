"""An invented region of national size (342 municipalities) for the targets benchmark; its figures are not data."""

from __future__ import annotations

import numpy as np

from ros.model import pace
from ros.model.allocation import KeyData
from ros.model.targets import RegionData


def synthetic_region(count: int = 342, seed: int = 1) -> RegionData:
    """An invented region of `count` municipalities (national size by default) for benchmarks; not real data."""
    rng = np.random.default_rng(seed)
    population = np.round(rng.lognormal(10.3, 0.8, count)) + 1_000
    dwellings = np.round(population / rng.uniform(1.9, 2.6, count))
    codes = tuple(f"GM{i:04d}" for i in range(count))
    keys = KeyData(
        codes,
        tuple(f"Gemeente {i}" for i in range(count)),
        population,
        dwellings,
        np.round(dwellings * 0.98),
        np.round(dwellings * 0.02),
        np.round(dwellings * 0.05),
        np.arange(count) < 3,
    )
    years = np.round(dwellings[:, None] * rng.uniform(0.003, 0.012, (count, 9)))
    history = pace.History(
        years.mean(axis=1),
        years.max(axis=1),
        2012 + years.argmax(axis=1),
        float(years.sum(axis=0).mean()),
        float(years.sum(axis=0).max()),
        2012,
    )
    return RegionData(keys, history, population * 1.01)
