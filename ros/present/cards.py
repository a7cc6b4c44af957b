"""A headline figure as a card: what it is, its value as text and a short note. The meeting view and the progress
view both hand their figures to the page in this one form."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fact:
    """One headline figure: what it is, its value as text and a short note (source date, 'aanname', …)."""

    label: str
    value: str
    note: str = ""
