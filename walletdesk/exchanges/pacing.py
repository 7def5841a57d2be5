"""Pacing requests to one host by the exchange's documented rate limit.

A token bucket: ``RateLimit(weight=10, seconds=1)`` allows 10 units of request weight per
second, spent up front by each request (a weight-20 request when the bucket holds 5 waits
1.5 s). Requests wait here instead of earning a 429: exchanges ban IPs that keep hitting
their limits (MEXC warns that repeated 429s lead to a ban; Binance answers 418).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RateLimit:
    weight: float  # units of request weight ...
    seconds: float  # ... per this many seconds

    @property
    def per_second(self) -> float:
        return self.weight / self.seconds


@dataclass(frozen=True)
class Pace:
    """An exchange's documented budgets for one host, declared in its profile."""

    # Counted per IP: public calls, and signed calls too where ``account`` is None.
    host: RateLimit | None = None
    # Counted per account (API key or UID): each key's signed calls spend a budget of
    # their own, in the same units as the request weights the adapter passes.
    account: RateLimit | None = None


class Pacer:
    """Thread-safe; ``clock`` and ``sleep`` come from the retry policy (virtual in tests)."""

    def __init__(
        self, limit: RateLimit, *, clock: Callable[[], float], sleep: Callable[[float], None]
    ) -> None:
        self._limit = limit
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._tokens = limit.weight  # a full bucket: the first burst goes at once
        self._updated = clock()

    def reserve(self, weight: float) -> float:
        """Spend ``weight`` now; return how long the caller must wait before sending."""
        limit = self._limit
        with self._lock:
            now = self._clock()
            self._tokens = min(
                limit.weight, self._tokens + (now - self._updated) * limit.per_second
            )
            self._updated = now
            self._tokens -= min(weight, limit.weight)  # an oversized request takes the bucket
            return max(0.0, -self._tokens / limit.per_second)

    def wait(self, weight: float) -> None:
        delay = self.reserve(weight)
        if delay > 0:
            self._sleep(delay)
