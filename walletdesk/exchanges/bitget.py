"""Bitget (API v2, classic account): the spot account and the Earn account, read at once.

- Balances: ``/api/v2/spot/account/assets`` (``hold_only``: zero rows omitted); used =
  ``frozen`` (open orders) + ``locked`` (fiat merchant, Launchpad).
- Earn: ``/api/v2/earn/account/assets`` (``bitget_earn.py``), all of it earning, so locked,
  in place EARN. A key Bitget will not show it (40014) is skipped there and named by the
  key check.
- Prices: ``/api/v2/spot/market/tickers`` (``lastPr``), symbols (BTCUSDT) split by
  ``/api/v2/spot/public/symbols``.
- Key check: ``/api/v2/spot/account/info`` ``authorities``.
- Every error is HTTP 400 with a string code; 40012 is a wrong passphrase or key, 40009 a
  wrong secret, 40008 a stale timestamp. A unified-account key gets 40085: WalletDesk says
  it does not read Bitget unified accounts yet, not that the key is bad.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any, ClassVar

from walletdesk.core.errors import ExchangeAuthError, ExchangeError, ExchangeRateLimitError
from walletdesk.core.models import Holdings
from walletdesk.exchanges.base import ApiCredentials, KeyCheck, describe_permissions
from walletdesk.exchanges.bitget_earn import (
    EARN_ASSETS,
    EARN_NAME,
    BitgetPermissionError,
    earn_holdings,
)
from walletdesk.exchanges.cached import Cached
from walletdesk.exchanges.holdings import SPOT, Holding, fold
from walletdesk.exchanges.profiles.bitget import PROFILE
from walletdesk.exchanges.responses import amount, fail, mapping, price
from walletdesk.exchanges.rest_adapter import Refusals, RestAdapter, symbol_sides

ASSETS = "/api/v2/spot/account/assets"
ACCOUNT_INFO = "/api/v2/spot/account/info"
TICKERS = "/api/v2/spot/market/tickers"
SYMBOLS = "/api/v2/spot/public/symbols"
TIME = "/api/v2/public/time"
SYMBOLS_TTL_S = 3600.0
INFO_WEIGHT = 10  # 1 per second, where the key's budget is 10 assets calls a second

log = logging.getLogger(__name__)

_KEY = "Bitget rejected the API key: check that it was copied completely and has not been deleted."


class BitgetUnifiedAccountError(ExchangeError):
    """The key belongs to a unified account, which WalletDesk does not read yet."""


class BitgetAdapter(RestAdapter):
    profile = PROFILE
    time_path = TIME
    clock_codes = frozenset({"40008", "40005"})
    unauthorised = _KEY
    refusals: ClassVar[Refusals] = {
        "40006": (ExchangeAuthError, _KEY),
        "40037": (ExchangeAuthError, _KEY),
        "40012": (
            ExchangeAuthError,
            "Bitget says the API key or the passphrase is wrong: enter the passphrase you "
            "chose when you created this key, and check the API key.",
        ),
        "40009": (
            ExchangeAuthError,
            "Bitget rejected the request signature: the secret key does not belong to this "
            "API key. Copy the secret key again from Bitget.",
        ),
        "40011": (ExchangeAuthError, "Bitget needs the key's passphrase: enter it with the key."),
        "40014": (
            BitgetPermissionError,
            'The Bitget key may not read the account: give it the "Read-only" permission.',
        ),
        "40018": (
            ExchangeAuthError,
            "Bitget refused this computer's IP address: add it to the key's IP whitelist, or "
            "remove the restriction.",
        ),
        "40085": (
            BitgetUnifiedAccountError,
            "This Bitget key belongs to a unified account, which WalletDesk does not read "
            "yet. Nothing is wrong with the key; only classic accounts can be shown for now.",
        ),
        "429": (
            ExchangeRateLimitError,
            "Bitget is limiting requests from this key; wait a minute before refreshing again.",
        ),
    }

    def __init__(self, base_url: str | None = None, **kwargs: Any) -> None:
        super().__init__(base_url, **kwargs)
        self._symbols: Cached[Mapping[str, tuple[str, str]]] = Cached(SYMBOLS_TTL_S)

    # --- the adapter protocol -------------------------------------------------------------

    def check_credentials(self, creds: ApiCredentials) -> KeyCheck:
        """The spot account proves the key reads (and is not a unified account), account
        info says what else it may do; one look at Earn names it, once, when Bitget will
        not show it to this key (a refresh then skips it)."""
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="bitget-check") as pool:
            earn = pool.submit(self._earn, creds)
            self._get(ASSETS, creds=creds)
            info = mapping(
                self._data(self._get(ACCOUNT_INFO, creds=creds, weight=INFO_WEIGHT)),
                self._display,
                "info",
            )
            unreadable = (EARN_NAME,) if earn.result() is None else ()
        authorities = info.get("authorities")
        if not isinstance(authorities, list):
            return describe_permissions(self._display, None, None, unreadable=unreadable)
        powers = {str(a).lower() for a in authorities}
        can_withdraw = any("withdraw" in p or "transfer" in p for p in powers)
        can_trade = any("trade" in p for p in powers)
        return describe_permissions(self._display, can_trade, can_withdraw,
                                    unreadable=unreadable)

    def fetch_balances(self, creds: ApiCredentials) -> Holdings:
        """The spot account and the Earn account, read at once. Earn is skipped where
        Bitget will not show it to this key; any other failure of either fails the whole
        refresh, so the previous balances are kept."""
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="bitget-account") as pool:
            earn = pool.submit(self._earn, creds)
            spot = self._spot(creds)
            earned = earn.result() or []
        return fold(spot + earned, self._display)

    def _earn(self, creds: ApiCredentials) -> list[Holding] | None:
        """The Earn account, or None where Bitget will not show it to this key (40014)."""
        try:
            payload = self._get(EARN_ASSETS, creds=creds)
        except BitgetPermissionError as error:
            log.info("Bitget %s skipped: %s", EARN_NAME, type(error).__name__)
            return None
        return earn_holdings(self._data(payload), self._display)

    def _spot(self, creds: ApiCredentials) -> list[Holding]:
        rows = self._data(self._get(ASSETS, creds=creds))
        if not isinstance(rows, list):
            fail(self._display, "the asset list is not a list")
        holdings = []
        for entry in rows:
            row = mapping(entry, self._display, "asset")
            coin = row.get("coin")
            if not isinstance(coin, str) or not coin:
                fail(self._display, "an asset has no coin")
            free = amount(row.get("available") or "0", self._display, f"{coin} available")
            frozen = amount(row.get("frozen") or "0", self._display, f"{coin} frozen")
            locked = amount(row.get("locked") or "0", self._display, f"{coin} locked")
            holdings.append(Holding(coin, SPOT, free, frozen + locked))
        return holdings

    def fetch_prices(self) -> dict[str, Decimal]:
        sides = self._symbol_sides()
        rows = self._data(self._get(TICKERS))
        if not isinstance(rows, list):
            fail(self._display, "the ticker list is not a list")
        prices: dict[str, Decimal] = {}
        for entry in rows:
            row = mapping(entry, self._display, "ticker")
            pair, last = sides.get(str(row.get("symbol"))), row.get("lastPr")
            if pair is None or last in (None, ""):
                continue
            prices[pair[0] + pair[1]] = price(last, self._display, f"the price of {row['symbol']}")
        return prices

    def _symbol_sides(self) -> Mapping[str, tuple[str, str]]:
        """Symbol -> (base, quote), from the symbol list; read once an hour."""

        def read() -> Mapping[str, tuple[str, str]]:
            rows = self._data(self._get(SYMBOLS))
            return symbol_sides(rows, self._display)

        return self._symbols.get(read)

    # --- signing and answers --------------------------------------------------------------

    def _sign(
        self, method: str, path: str, query: str, body: bytes, creds: ApiCredentials
    ) -> Mapping[str, str]:
        from walletdesk.exchanges.signers import bitget

        timestamp = self._clock.now_ms()
        signature = bitget.access_sign(
            creds.secret, timestamp, method, path, query=query, body=body.decode()
        )
        return {
            "ACCESS-KEY": self._api_key(creds),
            "ACCESS-SIGN": signature,
            "ACCESS-TIMESTAMP": str(timestamp),
            "ACCESS-PASSPHRASE": self._passphrase(creds),
            "Content-Type": "application/json",
            "locale": "en-US",
        }

    def _error_code(self, payload: object) -> str | None:
        code = payload.get("code") if isinstance(payload, Mapping) else None
        if code is None or code == "00000":
            return None
        return str(code)

    def _server_time_ms(self, payload: object) -> int:
        stamp = mapping(self._data(payload), self._display, "time").get("serverTime")
        if isinstance(stamp, str) and stamp.isascii() and stamp.isdigit():
            return int(stamp)
        fail(self._display, "the server time is not a number")

    def _data(self, payload: object) -> object:
        return mapping(payload, self._display, "answer").get("data")
