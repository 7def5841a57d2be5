"""The display currency's rate for the current user (``exchange_rates`` says from where).

Rates are looked up once per currency and UTC day and then kept in memory: a conversion
costs no request. Qt-free; the lookup makes HTTP requests, so call it off the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime

from walletdesk.controllers.user_scope import UserController
from walletdesk.core.currency import USD, Rate, canonical_currency, usd_rate
from walletdesk.core.errors import WalletDeskError
from walletdesk.core.models import User
from walletdesk.exchange_rates import (
    RateUnavailableError,
    ecb_rate,
    fetch_ecb,
    rate_from_tickers,
)
from walletdesk.exchanges.catalog import display_name
from walletdesk.exchanges.registry import ExchangeRegistry
from walletdesk.security.vault import Vault
from walletdesk.store.credentials import CredentialRepository
from walletdesk.store.database import Database

log = logging.getLogger(__name__)


def _utc_today() -> date:
    return datetime.now(UTC).date()


class CurrencyController(UserController):
    def __init__(self, database: Database, vault: Vault, exchanges: ExchangeRegistry,
                 current_user: Callable[[], User], today: Callable[[], date] = _utc_today,
                 ) -> None:
        super().__init__(database, vault, exchanges, current_user)
        self._today = today
        self._rates: dict[tuple[str, date], Rate] = {}
        self._lock = threading.Lock()

    def rate(self, currency: str) -> Rate:
        """Units of ``currency`` per USD; RateUnavailableError when no source has one."""
        code = canonical_currency(currency)
        today = self._today()
        if code == USD:
            return usd_rate(today)
        with self._lock:
            known = self._rates.get((code, today))
        if known is not None:
            return known
        found = self._from_exchanges(code, today) or self._from_ecb(code)
        with self._lock:
            self._rates[(code, today)] = found
        return found

    def _from_exchanges(self, code: str, today: date) -> Rate | None:
        user = self._scope.user()
        names = sorted({c.exchange for c in CredentialRepository(
            self._scope.database, user.id).list()})
        for name in names:
            adapter = self._exchanges.get(name)
            if adapter.is_demo:
                continue  # the demo's made-up tickers are no rate for real money
            try:
                prices = adapter.fetch_prices()
            except WalletDeskError as error:
                log.info("no %s tickers for the %s rate: %s", name, code, type(error).__name__)
                continue
            rate = rate_from_tickers(code, prices, display_name(name), today)
            if rate is not None:
                return rate
        return None

    def _from_ecb(self, code: str) -> Rate:
        day, per_euro = fetch_ecb()
        rate = ecb_rate(code, day, per_euro)
        if rate is None:
            raise RateUnavailableError(
                f"None of your exchanges quotes {code}, and the European Central Bank has no "
                f"{code} rate: add a key of an exchange that lists {code}, or show USD.")
        return rate
