"""The exchange's clock as this computer sees it: an offset learnt when the exchange says
our timestamp is off, used for every later signed request of that adapter."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from walletdesk.core.errors import ClockSkewError


class ExchangeClock:
    """Thread-safe; ``wall_clock`` is injectable (seconds since the epoch)."""

    def __init__(self, wall_clock: Callable[[], float] = time.time) -> None:
        self._wall_clock = wall_clock
        self._lock = threading.Lock()
        self._sync_lock = threading.Lock()  # one sync at a time; the others wait for it
        self._offset_ms = 0  # server time minus our clock
        self._syncs = 0  # how many syncs so far: a request notes it before it is sent

    @property
    def offset_ms(self) -> int:
        with self._lock:
            return self._offset_ms

    def now_ms(self) -> int:
        """The exchange's idea of now, in milliseconds since the epoch."""
        return round(self._wall_clock() * 1000) + self.offset_ms

    @property
    def syncs(self) -> int:
        with self._lock:
            return self._syncs

    def sync(self, read_server_ms: Callable[[], int], *, unless_since: int | None = None) -> None:
        """Ask the exchange for its time; the round trip's midpoint is our matching moment.

        ``unless_since``: the ``syncs`` count noted when the refused request was sent; if a
        concurrent request has synced since, its offset is used instead of asking again.
        """
        with self._sync_lock:
            if unless_since is not None and self.syncs != unless_since:
                return
            before = self._wall_clock()
            server_ms = read_server_ms()
            after = self._wall_clock()
            offset = server_ms - round((before + after) / 2 * 1000)
            with self._lock:
                self._offset_ms = offset
                self._syncs += 1

    def skew_error(self) -> ClockSkewError:
        """The exchange still refuses our time after a sync: the user's clock is the cause."""
        seconds = max(1, round(abs(self.offset_ms) / 1000))
        return ClockSkewError(
            f"Your computer's clock is off by {seconds} s; set it to update automatically "
            "(in the date and time settings), then refresh again."
        )
