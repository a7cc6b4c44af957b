"""The API's token bucket with a hand-driven clock: a burst passes, then one request per earned token."""

from __future__ import annotations

import pytest

from ros.api.limits import TokenBucket


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_passes_then_the_rate_applies_per_address() -> None:
    clock = Clock()
    bucket = TokenBucket(per_minute=6, burst=2, clock=clock)
    assert [bucket.take("10.0.0.1") for _ in range(2)] == [0.0, 0.0]
    assert bucket.take("10.0.0.1") == 10.0  # one token every 10 s
    assert bucket.take("10.0.0.2") == 0.0  # another address has its own bucket
    clock.now = 4.0
    assert bucket.take("10.0.0.1") == pytest.approx(6.0)
    clock.now = 10.0
    assert bucket.take("10.0.0.1") == 0.0
    assert bucket.take("10.0.0.1") == 10.0


def test_an_idle_bucket_fills_up_to_the_burst_only() -> None:
    clock = Clock()
    bucket = TokenBucket(per_minute=60, burst=3, clock=clock)
    bucket.take("a")
    clock.now = 3600.0
    assert [bucket.take("a") for _ in range(4)] == [0.0, 0.0, 0.0, 1.0]
