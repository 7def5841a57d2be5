"""OKX (API v5): the trading account, the funding account and the Earn products (Simple
Earn flexible, On-chain Earn) of one key, read at once.

- Balances: ``/api/v5/account/balance`` (``details[]``: ``availBal`` free, ``frozenBal``
  locked; only non-zero assets) and ``/api/v5/asset/balances`` (``availBal``, ``frozenBal``).
- Earn: ``/api/v5/finance/savings/balance`` and ``/api/v5/finance/staking-defi/orders-active``
  (``okx_earn.py``), all of it earning, so locked, in place EARN. A product OKX will not
  show this key or account is skipped there and named by the key check.
- Prices: ``/api/v5/market/tickers?instType=SPOT``, instruments ``BASE-QUOTE``.
- Key check: ``/api/v5/account/config`` ``perm`` ("read_only", "read_only,trade", ...).
- Signing: ISO 8601 millisecond timestamps, 30 s validity; a wrong passphrase (50105) and a
  wrong secret (50113) are told apart.
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
from walletdesk.exchanges.holdings import FUNDING, TRADING, Holding, fold
from walletdesk.exchanges.okx_earn import (
    FEATURE_REFUSALS,
    PRODUCTS,
    EarnProduct,
    FeatureRefusedError,
)
from walletdesk.exchanges.profiles.okx import PROFILE
from walletdesk.exchanges.responses import amount, fail, mapping, price
from walletdesk.exchanges.rest_adapter import Refusals, RestAdapter

TRADING_BALANCE = "/api/v5/account/balance"
FUNDING_BALANCE = "/api/v5/asset/balances"
ACCOUNT_CONFIG = "/api/v5/account/config"
TICKERS = "/api/v5/market/tickers"
TIME = "/api/v5/public/time"
# Weights in the units of the profile's budgets (one account/balance call; one ticker call).
CONFIG_WEIGHT = 2  # 5 per 2 s, where the key's budget is 10

log = logging.getLogger(__name__)

_KEY = "OKX rejected the API key: check that it was copied completely and has not been deleted."


class OkxAdapter(RestAdapter):
    profile = PROFILE
    time_path = TIME
    time_weight = 2  # 10 per 2 s, where the host's budget is 20
    clock_codes = frozenset({"50102", "50112"})
    unauthorised = _KEY
    refusals: ClassVar[Refusals] = {
        "50105": (
            ExchangeAuthError,
            "OKX says the passphrase is wrong: enter the passphrase you chose when you "
            "created this API key (it is not your account password).",
        ),
        "50113": (
            ExchangeAuthError,
            "OKX rejected the request signature: the secret key does not belong to this API "
            "key. Copy the secret key again from OKX.",
        ),
        "50111": (ExchangeAuthError, _KEY),
        "50103": (ExchangeAuthError, _KEY),
        "50104": (ExchangeAuthError, "OKX needs the key's passphrase: enter it with the key."),
        "50101": (
            ExchangeAuthError,
            "This OKX key belongs to another environment (a demo-trading key, or a regional "
            "OKX site): create the key on www.okx.com, or set the matching address.",
        ),
        "50110": (
            ExchangeAuthError,
            "OKX refused this computer's IP address: add it to the key's IP whitelist on OKX, "
            "or remove the restriction.",
        ),
        **FEATURE_REFUSALS,
        "50011": (
            ExchangeRateLimitError,
            "OKX is limiting requests from this key; wait a minute before refreshing again.",
        ),
    }

    # --- the adapter protocol -------------------------------------------------------------

    def check_credentials(self, creds: ApiCredentials) -> KeyCheck:
        """account/config proves the key reads and says what else it may do; one look at
        each Earn product names, once, those OKX will not show this key (a refresh then
        skips them)."""
        with ThreadPoolExecutor(max_workers=1 + len(PRODUCTS),
                                thread_name_prefix="okx-check") as pool:
            looks = [(product, pool.submit(self._earn, product, creds)) for product in PRODUCTS]
            config = mapping(
                self._first(self._get(ACCOUNT_CONFIG, creds=creds, weight=CONFIG_WEIGHT)),
                self._display,
                "config",
            )
            unreadable = tuple(product.name for product, look in looks if look.result() is None)
        perm = config.get("perm")
        if not isinstance(perm, str):
            return describe_permissions(self._display, None, None, unreadable=unreadable)
        powers = {part.strip() for part in perm.split(",")}
        return describe_permissions(self._display, "trade" in powers, "withdraw" in powers,
                                    unreadable=unreadable)

    def fetch_balances(self, creds: ApiCredentials) -> Holdings:
        """The trading account, the funding account and each Earn product, read at once.
        A product OKX will not show this key is skipped; any other failure of any of them
        fails the whole refresh, so the previous balances are kept."""
        with ThreadPoolExecutor(max_workers=2 + len(PRODUCTS),
                                thread_name_prefix="okx-account") as pool:
            trading_reply = pool.submit(self._get, TRADING_BALANCE, creds=creds)
            funding_reply = pool.submit(self._get, FUNDING_BALANCE, creds=creds)
            earning = [pool.submit(self._earn, product, creds) for product in PRODUCTS]
            trading = mapping(self._first(trading_reply.result()), self._display, "account")
            funding = self._data(funding_reply.result())
            earned = [holding for read in earning for holding in read.result() or ()]
        details = trading.get("details", [])
        if not isinstance(details, list):
            fail(self._display, "the trading account has no list of assets")
        holdings = [self._holding(row, TRADING, "availBal", "frozenBal") for row in details]
        holdings += [self._holding(row, FUNDING, "availBal", "frozenBal") for row in funding]
        return fold(holdings + earned, self._display)

    def _earn(self, product: EarnProduct, creds: ApiCredentials) -> list[Holding] | None:
        """What the key holds in one Earn product, or None where OKX will not show it to
        this key or account (``okx_earn.FEATURE_REFUSALS``)."""
        try:
            payload = self._get(product.path, creds=creds, weight=product.weight)
        except FeatureRefusedError as error:
            log.info("OKX %s skipped: %s", product.name, type(error).__name__)
            return None
        return product.holdings(self._data(payload), self._display)

    def fetch_prices(self) -> dict[str, Decimal]:
        prices: dict[str, Decimal] = {}
        for entry in self._data(self._get(TICKERS, "instType=SPOT")):
            row = mapping(entry, self._display, "ticker")
            inst, last = row.get("instId"), row.get("last")
            if not isinstance(inst, str) or inst.count("-") != 1 or last in (None, ""):
                continue
            base, quote = inst.split("-")
            prices[base + quote] = price(last, self._display, f"the price of {inst}")
        return prices

    # --- signing --------------------------------------------------------------------------

    def _sign(
        self, method: str, path: str, query: str, body: bytes, creds: ApiCredentials
    ) -> Mapping[str, str]:
        from walletdesk.exchanges.signers import okx

        timestamp = okx.iso_timestamp(self._clock.now_ms())
        target = f"{path}?{query}" if query else path
        return {
            "OK-ACCESS-KEY": self._api_key(creds),
            "OK-ACCESS-SIGN": okx.access_sign(
                creds.secret, timestamp, method, target, body.decode()
            ),
            "OK-ACCESS-TIMESTAMP": timestamp,
            "OK-ACCESS-PASSPHRASE": self._passphrase(creds),
        }

    def _error_code(self, payload: object) -> str | None:
        code = payload.get("code") if isinstance(payload, Mapping) else None
        if code is None or code == "0":
            return None
        return str(code)

    def _server_time_ms(self, payload: object) -> int:
        stamp = mapping(self._first(payload), self._display, "time").get("ts")
        if isinstance(stamp, str) and stamp.isascii() and stamp.isdigit():
            return int(stamp)
        fail(self._display, "the server time is not a number")

    # --- reading answers ------------------------------------------------------------------

    def _data(self, payload: object) -> list[object]:
        data = mapping(payload, self._display, "answer").get("data")
        if not isinstance(data, list):
            fail(self._display, "the answer has no data list")
        return data

    def _first(self, payload: object) -> object:
        data = self._data(payload)
        if not data:
            fail(self._display, "the answer's data list is empty")
        return data[0]

    def _holding(self, entry: object, place: str, free_key: str, locked_key: str) -> Holding:
        row = mapping(entry, self._display, f"{place} asset")
        ccy = row.get("ccy")
        if not isinstance(ccy, str) or not ccy:
            fail(self._display, f"a {place} asset has no currency")
        free = amount(row.get(free_key) or "0", self._display, f"{ccy} available")
        locked = amount(row.get(locked_key) or "0", self._display, f"{ccy} frozen")
        return Holding(ccy, place, free, locked)
