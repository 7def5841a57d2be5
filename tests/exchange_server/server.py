"""A real HTTP server on 127.0.0.1 that speaks MEXC's or Binance's Spot v3 protocol."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Mapping
from decimal import Decimal

from tests.exchange_server.accounts import Account, BalanceSpec
from tests.exchange_server.flavours import FLAVOURS
from tests.exchange_server.handler import ExchangeRequestHandler
from tests.exchange_server.loopback import LoopbackServer
from tests.exchange_server.recorded import RecordedRequest


class ExchangeServer(LoopbackServer[RecordedRequest]):
    """One exchange flavour ("mexc" or "binance") on a random port; a context manager.

    Attributes to tune while running: ``latency`` (seconds added to every answer),
    ``clock_offset`` (seconds the exchange's clock is ahead of ours; served by /time too),
    ``time_as_string`` (MEXC sometimes sends serverTime as a string).
    """

    def __init__(
        self,
        flavour: str = "mexc",
        *,
        latency: float = 0.0,
        clock_offset: float = 0.0,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.flavour = FLAVOURS[flavour.lower()]
        self.time_as_string = False
        self.trickled_bytes = 0  # body bytes sent by TRICKLE faults so far
        self._accounts: dict[str, Account] = {}
        self._ticker = b"[]"
        handler = type("Handler", (ExchangeRequestHandler,), {"exchange": self})
        super().__init__(handler, latency=latency, clock_offset=clock_offset, host=host, port=port)

    # --- accounts and prices ------------------------------------------------------------

    def add_account(
        self,
        api_key: str | None = None,
        secret: str | None = None,
        *,
        balances: Mapping[str, BalanceSpec] | None = None,
        can_trade: bool = False,
        can_withdraw: bool = False,
        can_read: bool = True,
        ip_whitelisted: bool = True,
    ) -> Account:
        """Register a key (random key and secret unless given); returns the live account."""
        account = Account(
            api_key=api_key or f"{self.flavour.name[:2]}{secrets.token_hex(16)}",
            secret=secret or secrets.token_hex(32),
            can_trade=can_trade,
            can_withdraw=can_withdraw,
            can_read=can_read,
            ip_whitelisted=ip_whitelisted,
        )
        account.set_balances(balances or {})
        with self._lock:
            self._accounts[account.api_key] = account
        return account

    def remove_account(self, api_key: str) -> None:
        with self._lock:
            self._accounts.pop(api_key, None)

    def account(self, api_key: str) -> Account | None:
        with self._lock:
            return self._accounts.get(api_key)

    def set_prices(self, prices: Mapping[str, str | int | Decimal]) -> None:
        """The whole ticker, symbol -> price (sent as strings, as the exchanges do)."""
        rows = [{"symbol": symbol, "price": str(price)} for symbol, price in prices.items()]
        body = json.dumps(rows, separators=(",", ":")).encode()
        with self._lock:
            self._ticker = body

    def ticker_body(self) -> bytes:
        with self._lock:
            return self._ticker

    def server_time_ms(self) -> int:
        return int((time.time() + self.clock_offset) * 1000)
