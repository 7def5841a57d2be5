"""Money over time for the current user: value series, and deleting a wallet's history.

The history is written by refreshes (``PortfolioController``); this controller only reads
it and deletes it on the user's request. Qt-free; call it off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from walletdesk.controllers.user_scope import UserScope
from walletdesk.core.history import AssetPoint, PortfolioPoint
from walletdesk.core.models import User
from walletdesk.core.price_change import CHANGE_SPAN, PastHoldings
from walletdesk.exchanges.catalog import canonical_exchange
from walletdesk.store.database import Database
from walletdesk.store.history import HistoryRepository, start_of_day


class HistoryController:
    def __init__(self, database: Database, current_user: Callable[[], User]) -> None:
        self._scope = UserScope(database, current_user)

    def _history(self) -> HistoryRepository:
        return HistoryRepository(self._scope.database, self._scope.user().id)

    def portfolio_points(self, exchange: str | None = None, since: date | datetime | None = None
                         ) -> list[PortfolioPoint]:
        """The portfolio's (or one exchange's) value at each refresh, oldest first."""
        return self._history().portfolio_points(_exchange(exchange), _moment(since))

    def asset_points(self, asset: str, exchange: str | None = None,
                     since: date | datetime | None = None) -> list[AssetPoint]:
        """One asset summed across exchanges (or on one) at each refresh, oldest first."""
        return self._history().asset_points(asset.strip().upper(), _exchange(exchange),
                                            _moment(since))

    def holdings_a_day_before(self) -> PastHoldings:
        """What each wallet held 24 h before its latest refresh: the 24h change's base."""
        return self._history().holdings_before(CHANGE_SPAN)

    def exchanges(self) -> list[str]:
        """Exchanges with history, also those whose key was removed."""
        return self._history().exchanges()

    def delete(self, exchange: str) -> int:
        """Delete one exchange's whole history; return how many snapshots went."""
        return self._history().delete(canonical_exchange(exchange))


def _exchange(name: str | None) -> str | None:
    return canonical_exchange(name) if name else None


def _moment(since: date | datetime | None) -> datetime | None:
    if since is None or isinstance(since, datetime):
        return since
    return start_of_day(since)
