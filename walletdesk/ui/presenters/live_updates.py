"""What changes while the window stays open: the clock, the database, and the schedule.

- Every ``TICK_MS`` the freshness of what is shown is asked again (ages, stale wallets): a
  window left open all day must not say "just now".
- Every ``WATCH_MS`` the database is asked whether another connection committed (the CLI
  refreshing, a key added from a terminal); if so, the portfolio is read again.
- Every ``auto_refresh_minutes`` (a setting; 0 turns it off) a refresh starts, unless one
  is running already: there are never two at once, and a short interval cannot hammer the
  exchanges (``MIN_AUTO_REFRESH_MINUTES``; their rate limits are honoured by the client).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from walletdesk.store.change_watch import DataVersionWatch

TICK_MS = 30_000
WATCH_MS = 2_000
MIN_AUTO_REFRESH_MINUTES = 5


class LiveUpdates(QObject):
    def __init__(self, parent: QObject, *, watch: DataVersionWatch,
                 on_tick: Callable[[], None], on_database_change: Callable[[], None],
                 start_refresh: Callable[[], bool]) -> None:
        super().__init__(parent)
        self.watch = watch
        self._on_database_change = on_database_change
        self._start_refresh = start_refresh
        self.tick = _timer(self, TICK_MS, on_tick)
        self.poll = _timer(self, WATCH_MS, self.check_database)
        self.auto_refresh = QTimer(self)
        self.auto_refresh.timeout.connect(self._scheduled_refresh)

    def start(self, auto_refresh_minutes: int) -> None:
        self.tick.start()
        self.poll.start()
        self.set_auto_refresh(auto_refresh_minutes)

    def stop(self) -> None:
        for timer in (self.tick, self.poll, self.auto_refresh):
            timer.stop()
        self.watch.close()

    def set_auto_refresh(self, minutes: int) -> None:
        """0 turns it off; anything else is at least ``MIN_AUTO_REFRESH_MINUTES``."""
        if minutes <= 0:
            self.auto_refresh.stop()
            return
        self.auto_refresh.start(max(minutes, MIN_AUTO_REFRESH_MINUTES) * 60_000)

    def check_database(self) -> bool:
        """Read the portfolio again if another connection changed the database."""
        if not self.watch.changed():
            return False
        self._on_database_change()
        return True

    def _scheduled_refresh(self) -> None:
        self._start_refresh()  # refuses while one runs: never two at once


def _timer(parent: QObject, interval_ms: int, slot: Callable[[], object]) -> QTimer:
    timer = QTimer(parent)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer
