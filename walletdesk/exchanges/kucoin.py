"""KuCoin (spot, classic account): every account type of the key, folded per asset.

- Balances: ``/api/v1/accounts`` lists one row per currency and account type: ``main``
  (Funding), ``trade``, ``trade_hf`` (high-frequency), ``margin``, ``isolated``. All are read
  and kept apart by place; each row counts once.
- Earn: ``/api/v1/earn/hold-assets`` (``kucoin_earn.py``), read at once with the accounts,
  all of it earning, so locked, in place EARN. A key KuCoin will not show it is skipped
  there and named by the key check.
- Prices: ``/api/v1/market/allTickers`` (``BTC-USDT``, ``last``).
- Key check: ``/api/v1/user/api-key`` ``permission`` ("General", "Spot", "Withdrawal", ...).
- Signing: ms timestamps within 5 s of KuCoin's clock (400002: re-read the clock, sign
  again); the passphrase goes signed with the secret (key version 2 and 3). So a wrong
  secret is refused as a wrong passphrase (400004): the message says "the secret or the
  passphrase", not one of them for sure.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import ClassVar

from walletdesk.core.errors import ExchangeAuthError, ExchangeRateLimitError
from walletdesk.core.models import Holdings
from walletdesk.exchanges.base import ApiCredentials, KeyCheck, describe_permissions
from walletdesk.exchanges.holdings import FUNDING, MARGIN, TRADING, Holding, fold
from walletdesk.exchanges.kucoin_earn import (
    EARN_NAME,
    FEATURE_REFUSALS,
    HOLD_ASSETS,
    HOLD_ASSETS_WEIGHT,
    PAGE_SIZE,
    EarnRefusedError,
    earn_page,
)
from walletdesk.exchanges.profiles.kucoin import PROFILE
from walletdesk.exchanges.responses import amount, fail, mapping, price
from walletdesk.exchanges.rest_adapter import Refusals, RestAdapter

ACCOUNTS = "/api/v1/accounts"
API_KEY_INFO = "/api/v1/user/api-key"
ALL_TICKERS = "/api/v1/market/allTickers"
TIME = "/api/v1/timestamp"
# Weights in KuCoin's resource pools (the profile's budgets): Management per key, Public
# per host.
ACCOUNTS_WEIGHT = 5
API_KEY_INFO_WEIGHT = 20
ALL_TICKERS_WEIGHT = 15
KEY_VERSION = "2"  # v1 keys were retired in 2021; v2 and v3 sign the passphrase alike
PLACES = {"main": FUNDING, "trade": TRADING, "trade_hf": TRADING, "margin": MARGIN}
_TRADING_PERMISSIONS = frozenset({"Spot", "Margin", "Futures", "Earn", "LeverageToken"})

log = logging.getLogger(__name__)

_KEY = "KuCoin rejected the API key: check that it was copied completely and has not been deleted."


class KucoinAdapter(RestAdapter):
    profile = PROFILE
    time_path = TIME
    time_weight = 3
    clock_codes = frozenset({"400002"})
    unauthorised = _KEY
    refusals: ClassVar[Refusals] = {
        "400003": (ExchangeAuthError, _KEY),
        "400004": (
            ExchangeAuthError,
            "KuCoin says the secret or the passphrase is wrong (it cannot tell which): copy "
            "the API secret again and enter the passphrase you chose for this key.",
        ),
        "400005": (
            ExchangeAuthError,
            "KuCoin rejected the request signature: copy the API secret again from KuCoin.",
        ),
        "400006": (
            ExchangeAuthError,
            "KuCoin refused this computer's IP address: add it to the key's IP whitelist, or "
            "remove the restriction.",
        ),
        **FEATURE_REFUSALS,
        "429000": (
            ExchangeRateLimitError,
            "KuCoin is limiting requests from this key; wait a minute before refreshing again.",
        ),
    }

    # --- the adapter protocol -------------------------------------------------------------

    def check_credentials(self, creds: ApiCredentials) -> KeyCheck:
        """The key info proves the key reads and says what else it may do; one look at Earn
        names it, once, when KuCoin will not show it to this key (a refresh then skips it)."""
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="kucoin-check") as pool:
            earn = pool.submit(self._earn, creds)
            info = mapping(
                self._data(self._get(API_KEY_INFO, creds=creds, weight=API_KEY_INFO_WEIGHT)),
                self._display,
                "key",
            )
            unreadable = (EARN_NAME,) if earn.result() is None else ()
        permission = info.get("permission")
        if not isinstance(permission, str):
            return describe_permissions(self._display, None, None, unreadable=unreadable)
        powers = {part.strip() for part in permission.split(",")}
        return describe_permissions(
            self._display, bool(powers & _TRADING_PERMISSIONS), "Withdrawal" in powers,
            unreadable=unreadable,
        )

    def fetch_balances(self, creds: ApiCredentials) -> Holdings:
        """Every account type and Earn, read at once. Earn is skipped where KuCoin will not
        show it to this key; any other failure of either fails the whole refresh, so the
        previous balances are kept."""
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="kucoin-account") as pool:
            earn = pool.submit(self._earn, creds)
            rows = self._data(self._get(ACCOUNTS, creds=creds, weight=ACCOUNTS_WEIGHT))
            earned = earn.result() or []
        if not isinstance(rows, list):
            fail(self._display, "the account list is not a list")
        holdings = []
        for entry in rows:
            row = mapping(entry, self._display, "account")
            currency, kind = row.get("currency"), row.get("type")
            if not isinstance(currency, str) or not currency or not isinstance(kind, str):
                fail(self._display, "an account has no currency or type")
            free = amount(row.get("available") or "0", self._display, f"{currency} available")
            locked = amount(row.get("holds") or "0", self._display, f"{currency} holds")
            holdings.append(Holding(currency, PLACES.get(kind, kind), free, locked))
        return fold(holdings + earned, self._display)

    def _earn(self, creds: ApiCredentials) -> list[Holding] | None:
        """Every Earn holding, page by page, or None where KuCoin will not show Earn to this
        key (``kucoin_earn.FEATURE_REFUSALS``)."""
        holdings: list[Holding] = []
        page = pages = 1
        while page <= pages:
            try:
                payload = self._get(HOLD_ASSETS, f"currentPage={page}&pageSize={PAGE_SIZE}",
                                    creds=creds, weight=HOLD_ASSETS_WEIGHT)
            except EarnRefusedError as error:
                log.info("KuCoin %s skipped: %s", EARN_NAME, type(error).__name__)
                return None
            read, pages = earn_page(self._data(payload), self._display)
            holdings += read
            page += 1
        return holdings

    def fetch_prices(self) -> dict[str, Decimal]:
        tickers = mapping(
            self._data(self._get(ALL_TICKERS, weight=ALL_TICKERS_WEIGHT)), self._display, "tickers"
        ).get(
            "ticker"
        )
        if not isinstance(tickers, list):
            fail(self._display, "the ticker list is not a list")
        prices: dict[str, Decimal] = {}
        for entry in tickers:
            row = mapping(entry, self._display, "ticker")
            symbol, last = row.get("symbol"), row.get("last")
            if not isinstance(symbol, str) or symbol.count("-") != 1 or last in (None, ""):
                continue
            base, quote = symbol.split("-")
            prices[base + quote] = price(last, self._display, f"the price of {symbol}")
        return prices

    # --- signing and answers --------------------------------------------------------------

    def _sign(
        self, method: str, path: str, query: str, body: bytes, creds: ApiCredentials
    ) -> Mapping[str, str]:
        from walletdesk.exchanges.signers import kucoin

        timestamp = self._clock.now_ms()
        target = f"{path}?{query}" if query else path
        passphrase = self._passphrase(creds)
        return {
            "KC-API-KEY": self._api_key(creds),
            "KC-API-SIGN": kucoin.api_sign(creds.secret, timestamp, method, target, body.decode()),
            "KC-API-TIMESTAMP": str(timestamp),
            "KC-API-PASSPHRASE": kucoin.api_passphrase(creds.secret, passphrase, KEY_VERSION),
            "KC-API-KEY-VERSION": KEY_VERSION,
        }

    def _error_code(self, payload: object) -> str | None:
        code = payload.get("code") if isinstance(payload, Mapping) else None
        if code is None or code == "200000":
            return None
        return str(code)

    def _server_time_ms(self, payload: object) -> int:
        stamp = self._data(payload)
        if isinstance(stamp, int) and not isinstance(stamp, bool):
            return stamp
        fail(self._display, "the server time is not a number")

    def _data(self, payload: object) -> object:
        return mapping(payload, self._display, "answer").get("data")
