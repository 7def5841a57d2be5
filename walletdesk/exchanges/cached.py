"""Reference data an exchange changes rarely (asset names, symbol lists), read once per TTL.

Concurrent first readers wait for one fetch instead of each sending their own.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Cached(Generic[T]):
    def __init__(self, ttl_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl_s
        self._clock = clock
        self._lock = threading.Lock()
        self._value: tuple[float, T] | None = None

    def get(self, read: Callable[[], T]) -> T:
        with self._lock:  # held while reading: a second caller waits for the first's answer
            if self._value is not None and self._clock() - self._value[0] < self._ttl:
                return self._value[1]
            value = read()
            self._value = (self._clock(), value)
            return value
