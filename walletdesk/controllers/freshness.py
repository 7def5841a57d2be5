"""Whether what the window shows is current: one model that the header, the wallets table
and the balances rows all read, so none of them can call stale numbers fresh.

A wallet is stale when its last refresh failed (its numbers are the previous ones; kept in
the database, so a restart still knows), or when it is older than ``STALE_AFTER``. Age
depends on the clock, so views ask again on a timer (``FreshnessClock``); nothing here is
computed once and kept.
Qt-free: the clock is injected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from walletdesk.core.models import Wallet
from walletdesk.exchanges.catalog import display_name

STALE_AFTER = timedelta(hours=1)
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Staleness:
    exchange: str
    last_updated: datetime
    failure: str | None  # the error of its last refresh, if that failed

    def describe(self, when: Callable[[datetime], str], now: datetime) -> str:
        """One sentence for a tooltip or the header: why, and from when the numbers are."""
        name, since = display_name(self.exchange), f"{when(self.last_updated)} " \
            f"({age(self.last_updated, now)})"
        if self.failure:
            return f"{name}: the last refresh failed, so these are the balances from {since}. " \
                   f"{self.failure}"
        return f"{name}: balances from {since}; refresh (Ctrl+R) for current values."


class FailedRefreshes:
    """What the last refresh of each exchange said, when it failed: recorded as a refresh
    ends, and restored from what the database keeps whenever the portfolio is read."""

    def __init__(self) -> None:
        self._errors: dict[str, str] = {}

    def restore(self, errors: Mapping[str, str]) -> None:
        """The stored failures (``Portfolio.failures()``) replace what is known."""
        self._errors = dict(errors)

    def record(self, refreshed: set[str] | None, errors: Mapping[str, str]) -> None:
        """A refresh covered ``refreshed`` (None: every exchange): forget their old errors."""
        kept = {} if refreshed is None else {
            name: text for name, text in self._errors.items() if name not in refreshed}
        self._errors = kept | dict(errors)

    def error(self, exchange: str) -> str | None:
        return self._errors.get(exchange)

    def stale(self, wallets: Iterable[Wallet], now: datetime) -> dict[str, Staleness]:
        """The stale wallets, by exchange."""
        return {
            w.exchange: Staleness(w.exchange, w.last_updated, self._errors.get(w.exchange))
            for w in wallets
            if w.exchange in self._errors or now - w.last_updated > STALE_AFTER
        }


def age(moment: datetime, now: datetime) -> str:
    """How long ago, in words: "just now", "5 min ago", "3 h ago", "2 days ago"."""
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    days = int(seconds // 86400)
    return "1 day ago" if days == 1 else f"{days} days ago"
