"""A per-client token bucket for the API: each client address holds up to `burst` requests and earns them back at
`per_minute` a minute, so a short burst passes and a steady stream is slowed to the rate. In process memory: each
replica counts its own clients (the proxy's affinity keeps a client on one replica)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

# Buckets that have been full this long are forgotten, so the table does not grow with every address ever seen.
_FORGET_AFTER_FULL = 600.0


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBucket:
    """Allows a request per client while it has a token; `take` says whether it may go on and, if not, how many
    seconds until it may."""

    def __init__(self, per_minute: float, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60
        self.burst = burst
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """0 when `client` may make this request (a token is used), else the seconds until its next token."""
        with self._lock:
            now = self._clock()
            bucket = self._buckets.get(client) or _Bucket(float(self.burst), now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            self._buckets[client] = bucket
            if len(self._buckets) > 1024:
                self._forget(now)
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0.0
            return (1 - bucket.tokens) / self.rate

    def _forget(self, now: float) -> None:
        """Drop the buckets that would be full by now and have been idle a while."""
        full_after = self.burst / self.rate
        idle = [k for k, b in self._buckets.items() if now - b.updated > full_after + _FORGET_AFTER_FULL]
        for key in idle:
            del self._buckets[key]
