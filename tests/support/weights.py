"""Own allocation weights as a user supplies them: an uploaded file or a link value."""

from __future__ import annotations

from collections.abc import Mapping

from ros.data.catalog import TWENTE_CODES

# The 14 municipalities by the names users type (Hengelo without CBS's "(O.)"), in alphabetical order.
TWENTE_NAMES = (
    "Almelo",
    "Borne",
    "Dinkelland",
    "Enschede",
    "Haaksbergen",
    "Hellendoorn",
    "Hengelo",
    "Hof van Twente",
    "Losser",
    "Oldenzaal",
    "Rijssen-Holten",
    "Tubbergen",
    "Twenterand",
    "Wierden",
)


def weights_csv(weights: Mapping[str, object]) -> str:
    """The text of an own-weights file (gemeente;gewicht, one line per name in the given order, no final newline)."""
    return "gemeente;gewicht\n" + "\n".join(f"{name};{weight}" for name, weight in weights.items())


def weights_link(weights: Mapping[str, float]) -> str:
    """The link value of own weights (code:weight;…) for all 14 municipalities in code order, 0 where not given."""
    return ";".join(f"{code}:{weights.get(code, 0)}" for code in sorted(TWENTE_CODES))
