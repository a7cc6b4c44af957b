"""A SYNTHETIC plan register for tests and benchmarks: invented plans with names starting "Synthetisch", never data.

The plans are made from a seed, spread over the 14 Twente municipalities, with values from the Planmonitor Wonen value
lists and points inside a box around Twente in RD New. Nothing here describes a real plan.
"""

from __future__ import annotations

import random
from datetime import date

from ros.data.catalog import TWENTE_CODES
from ros.model.plans import Category, Plan, value_list

TWENTE_BOX_RD = (220_000, 465_000, 270_000, 500_000)  # x min, y min, x max, y max in EPSG:28992


def synthetic_plan(rng: random.Random, number: int, categories: int = 3, years: int = 5) -> Plan:
    """Synthetic plan number `number`: a point, random values from the lists, `categories` × `years` planned rows."""
    x_min, y_min, x_max, y_max = TWENTE_BOX_RD
    first = rng.randint(2025, 2030)
    return Plan(
        plan_naam=f"Synthetisch plan {number}",
        gemeente=rng.choice(sorted(TWENTE_CODES)),
        plaatsnaam=f"Synthetisch dorp {number % 50}",
        geometrie=f"POINT ({rng.randint(x_min, x_max)} {rng.randint(y_min, y_max)})",
        plantype=rng.choice(value_list("plantype")),
        status_planologisch=rng.choice(value_list("status_planologisch")),
        status_project=rng.choice(value_list("status_project")),
        realiseerbaarheid=rng.choice(value_list("realiseerbaarheid")),
        knelpunten_meerkeuze=tuple(rng.sample(value_list("knelpunten"), 2)),
        opdrachtgever_type=rng.choice(value_list("opdrachtgever_type")),
        vertrouwelijkheid=rng.choice(value_list("vertrouwelijkheid")),
        laatst_bevestigd_op=date(2026, rng.randint(1, 12), rng.randint(1, 28)),
        categorieen=tuple(
            Category(
                woning_type=rng.choice(value_list("woning_type")),
                betaalbaarheid=rng.choice(value_list("betaalbaarheid")),
                gepland={first + y: rng.randint(1, 40) for y in range(years)},
            )
            for _ in range(categories)
        ),
    )


def synthetic_register(count: int, seed: int = 25, categories: int = 3, years: int = 5) -> list[Plan]:
    """`count` synthetic plans (the same ones for the same seed)."""
    rng = random.Random(seed)
    return [synthetic_plan(rng, n, categories, years) for n in range(1, count + 1)]
