"""Bybit (v5): the unified (UNIFIED) or classic (SPOT) trading wallet, whichever the key
has, the funding (FUND) wallet and Earn (Flexible Savings and On-chain), read at once.

- Unified: ``/v5/account/wallet-balance?accountType=UNIFIED``; ``availableToWithdraw`` is
  deprecated there (""), so free = walletBalance - locked - totalOrderIM - totalPositionIM,
  as the docs say, and what is owned is walletBalance - spotBorrow. A classic key is
  answered 10001, and is then read as ``accountType=SPOT`` (``free``, ``locked``).
- Funding: ``/v5/asset/transfer/query-account-coins-balance?accountType=FUND``.
- Earn (Flexible Savings and On-chain): ``bybit_earn.py``.
- Prices: ``/v5/market/tickers?category=spot``, symbols (BTCUSDT) split by
  ``instruments-info`` ``baseCoin``/``quoteCoin``.
- Key check: ``/v5/user/query-api`` (``readOnly``, ``permissions``), and one look at each
  Earn category.
- Errors come with HTTP 200 and a non-zero ``retCode``; 10002 is the timestamp window.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any, ClassVar

from walletdesk.core.errors import ExchangeAuthError, ExchangeError, ExchangeRateLimitError
from walletdesk.core.models import Holdings
from walletdesk.exchanges.base import ApiCredentials, KeyCheck, describe_permissions
from walletdesk.exchanges.bybit_earn import (
    EARN_CATEGORIES,
    EARN_POSITION,
    EARN_UNAVAILABLE,
    EARN_WEIGHT,
    earn_holdings,
)
from walletdesk.exchanges.cached import Cached
from walletdesk.exchanges.holdings import FUNDING, TRADING, Holding, fold
from walletdesk.exchanges.http import HttpReply
from walletdesk.exchanges.profiles.bybit import PROFILE
from walletdesk.exchanges.refusals import EndpointMissingError
from walletdesk.exchanges.responses import amount, fail, mapping, price
from walletdesk.exchanges.rest_adapter import Refusals, RestAdapter, symbol_sides

log = logging.getLogger(__name__)

WALLET_BALANCE = "/v5/account/wallet-balance"
FUND_BALANCE = "/v5/asset/transfer/query-account-coins-balance"
QUERY_API = "/v5/user/query-api"
TICKERS = "/v5/market/tickers"
INSTRUMENTS = "/v5/market/instruments-info"
TIME = "/v5/market/time"
RECV_WINDOW_MS = 5000
# Weights in units of one wallet-balance call (50/s per UID: the profile's budget per key).
FUND_WEIGHT = 10  # query-account-coins-balance: 5/s
QUERY_API_WEIGHT = 5  # 10/s
WRONG_ACCOUNT_TYPE = "10001"
SYMBOLS_TTL_S = 3600.0
_TRADING_SCOPES = ("ContractTrade", "Spot", "Options", "Derivatives", "CopyTrading", "Exchange")

_KEY = "Bybit rejected the API key: check that it was copied completely and has not expired."


class BybitAdapter(RestAdapter):
    profile = PROFILE
    time_path = TIME
    clock_codes = frozenset({"10002"})
    rate_limit_codes = frozenset({"10006"})
    unauthorised = _KEY
    wallet_readers = 4  # the trading and funding wallets and both Earn categories, at once
    refusals: ClassVar[Refusals] = {
        "10003": (ExchangeAuthError, _KEY),
        "10004": (
            ExchangeAuthError,
            "Bybit rejected the request signature: the API secret does not belong to this "
            "API key. Copy the secret again from Bybit.",
        ),
        "10005": (
            ExchangeAuthError,
            "The Bybit key may not read this wallet: give the key read access to the "
            "account and the wallet (funding) balance.",
        ),
        "10010": (
            ExchangeAuthError,
            "Bybit refused this computer's IP address: add it to the key's IPs on Bybit, or "
            "remove the restriction.",
        ),
        "10006": (
            ExchangeRateLimitError,
            "Bybit is limiting requests from this key; wait a minute before refreshing again.",
        ),
        "10018": (
            ExchangeRateLimitError,
            "Bybit is limiting requests from this computer; wait a few minutes.",
        ),
    }

    def __init__(self, base_url: str | None = None, **kwargs: Any) -> None:
        super().__init__(base_url, **kwargs)
        self._lock = threading.Lock()
        self._account_types: dict[str, str] = {}  # API key -> UNIFIED or SPOT, once learnt
        self._symbols: Cached[Mapping[str, tuple[str, str]]] = Cached(SYMBOLS_TTL_S)

    # --- the adapter protocol -------------------------------------------------------------

    def check_credentials(self, creds: ApiCredentials) -> KeyCheck:
        """query-api says what the key may do; one look at each Earn category names Earn
        once if the key may not read it (a refresh skips it)."""
        with ThreadPoolExecutor(max_workers=3, thread_name_prefix="bybit-check") as pool:
            answer = pool.submit(self._get, QUERY_API, creds=creds, weight=QUERY_API_WEIGHT)
            looks = [pool.submit(self._may_read_earn, category, creds)
                     for category in EARN_CATEGORIES]
            info = mapping(self._result(answer.result()), self._display, "key")
            unreadable = () if all(look.result() for look in looks) else ("Earn",)
        if info.get("readOnly") == 1:
            return describe_permissions(self._display, False, False, unreadable=unreadable)
        scopes = mapping(info.get("permissions", {}), self._display, "permissions")
        can_trade = any(scopes.get(scope) for scope in _TRADING_SCOPES)
        wallet = scopes.get("Wallet")
        can_withdraw = isinstance(wallet, list) and "Withdraw" in wallet
        # readOnly 0 is "read and write": it can at least trade.
        return describe_permissions(self._display, can_trade or not can_withdraw, can_withdraw,
                                    unreadable=unreadable)

    def fetch_balances(self, creds: ApiCredentials) -> Holdings:
        """The trading and funding wallets and Earn, read at once. Earn the key may not read,
        or the account does not have, is skipped; any other failure fails the whole
        refresh, so the previous balances are kept."""
        with ThreadPoolExecutor(max_workers=self.wallet_readers,
                                thread_name_prefix="bybit-wallet") as pool:
            trading = pool.submit(self._trading_holdings, creds)
            funding = pool.submit(self._funding_holdings, creds)
            earn = [pool.submit(self._earn_holdings, category, creds)
                    for category in EARN_CATEGORIES]
            holdings = trading.result() + funding.result()
            for positions in earn:
                holdings.extend(positions.result())
        return fold(holdings, self._display)

    def fetch_prices(self) -> dict[str, Decimal]:
        symbols = self._symbol_sides()
        listing = mapping(
            self._result(self._get(TICKERS, "category=spot")), self._display, "tickers"
        )
        rows = listing.get("list")
        if not isinstance(rows, list):
            fail(self._display, "the ticker list is not a list")
        prices: dict[str, Decimal] = {}
        for entry in rows:
            row = mapping(entry, self._display, "ticker")
            sides = symbols.get(str(row.get("symbol")))
            last = row.get("lastPrice")
            if sides is None or last in (None, ""):
                continue
            prices[sides[0] + sides[1]] = price(
                last, self._display, f"the price of {row['symbol']}"
            )
        return prices

    # --- wallets --------------------------------------------------------------------------

    def _funding_holdings(self, creds: ApiCredentials) -> list[Holding]:
        fund = mapping(
            self._result(
                self._get(FUND_BALANCE, "accountType=FUND", creds=creds, weight=FUND_WEIGHT)
            ),
            self._display,
            "funding wallet",
        )
        rows = fund.get("balance", [])
        if not isinstance(rows, list):
            fail(self._display, "the funding wallet has no list of coins")
        holdings = []
        for entry in rows:
            row = mapping(entry, self._display, "funding coin")
            coin = _coin(row, self._display)
            total = amount(row.get("walletBalance") or "0", self._display, f"{coin} funding")
            free = amount(row.get("transferBalance") or "0", self._display, f"{coin} funding free")
            free = min(free, total)
            holdings.append(Holding(coin, FUNDING, free, total - free))
        return holdings

    def _earn_holdings(self, category: str, creds: ApiCredentials) -> list[Holding]:
        """One Earn category's positions; none where the key may not read Earn or the
        account has none (the key check names it)."""
        try:
            answer = self._earn_positions(category, creds)
        except (_EarnUnavailable, EndpointMissingError) as error:
            log.info("Bybit Earn (%s) skipped: %s", category, type(error).__name__)
            return []
        return earn_holdings(self._result(answer), self._display)

    def _may_read_earn(self, category: str, creds: ApiCredentials) -> bool:
        """False when the key may not read Earn or the account has none; a server without
        the endpoint (a testnet, a proxy) has nothing to name (True)."""
        try:
            self._earn_positions(category, creds)
        except _EarnUnavailable:
            return False
        except EndpointMissingError:
            return True
        return True

    def _earn_positions(self, category: str, creds: ApiCredentials) -> object:
        return self._get(EARN_POSITION, f"category={category}", creds=creds,
                         weight=EARN_WEIGHT)

    def _trading_holdings(self, creds: ApiCredentials) -> list[Holding]:
        with self._lock:
            known = self._account_types.get(creds.api_key)
        for account_type in (known,) if known else ("UNIFIED", "SPOT"):
            try:
                answer = self._get(WALLET_BALANCE, f"accountType={account_type}", creds=creds)
            except _WrongAccountType:
                continue
            with self._lock:
                self._account_types[creds.api_key] = account_type
            return self._wallet_holdings(answer, account_type)
        fail(self._display, "the key has neither a unified nor a classic trading wallet")

    def _wallet_holdings(self, answer: object, account_type: str) -> list[Holding]:
        accounts = mapping(self._result(answer), self._display, "wallet").get("list")
        if not isinstance(accounts, list):
            fail(self._display, "the wallet answer has no list")
        holdings = []
        for account in accounts:
            coins = mapping(account, self._display, "wallet").get("coin", [])
            if not isinstance(coins, list):
                fail(self._display, "the wallet has no list of coins")
            for entry in coins:
                row = mapping(entry, self._display, "coin")
                coin = _coin(row, self._display)
                holdings.append(
                    _unified(row, coin, self._display)
                    if account_type == "UNIFIED"
                    else _classic(row, coin, self._display)
                )
        return holdings

    def _symbol_sides(self) -> Mapping[str, tuple[str, str]]:
        """Symbol -> (base, quote), from the symbol list; read once an hour."""

        def read() -> Mapping[str, tuple[str, str]]:
            listing = mapping(
                self._result(self._get(INSTRUMENTS, "category=spot&limit=1000")),
                self._display,
                "symbols",
            )
            rows = listing.get("list")
            return symbol_sides(rows, self._display)

        return self._symbols.get(read)

    # --- signing and answers --------------------------------------------------------------

    def _sign(
        self, method: str, path: str, query: str, body: bytes, creds: ApiCredentials
    ) -> Mapping[str, str]:
        from walletdesk.exchanges.signers import bybit

        timestamp = self._clock.now_ms()
        api_key = self._api_key(creds)
        payload = query if method == "GET" else body.decode()
        return {
            "X-BAPI-API-KEY": api_key,
            "X-BAPI-TIMESTAMP": str(timestamp),
            "X-BAPI-RECV-WINDOW": str(RECV_WINDOW_MS),
            "X-BAPI-SIGN": bybit.bapi_sign(
                creds.secret, timestamp, api_key, RECV_WINDOW_MS, payload
            ),
        }

    def _error_code(self, payload: object) -> str | None:
        code = payload.get("retCode") if isinstance(payload, Mapping) else None
        if code is None or code == 0:
            return None
        return str(code)

    def _refusal(
        self, path: str, reply: HttpReply, payload: object | None, code: str | None
    ) -> ExchangeError:
        if code == WRONG_ACCOUNT_TYPE and path == WALLET_BALANCE:
            return _WrongAccountType()
        if code in EARN_UNAVAILABLE and path == EARN_POSITION:
            return _EarnUnavailable(
                "This Bybit key may not read Earn, or Earn is not offered to this account."
            )
        return super()._refusal(path, reply, payload, code)

    def _server_time_ms(self, payload: object) -> int:
        nanos = mapping(self._result(payload), self._display, "time").get("timeNano")
        if isinstance(nanos, str) and nanos.isascii() and nanos.isdigit():
            return int(nanos) // 1_000_000
        fail(self._display, "the server time is not a number")

    def _result(self, payload: object) -> object:
        return mapping(payload, self._display, "answer").get("result")


class _WrongAccountType(ExchangeAuthError):
    """accountType not this key's (10001): try the other kind of trading wallet."""


class _EarnUnavailable(ExchangeAuthError):
    """The key lacks the Earn permission, or the account has no Earn: Earn is skipped."""


def _coin(row: Mapping[str, object], exchange: str) -> str:
    coin = row.get("coin")
    if not isinstance(coin, str) or not coin:
        fail(exchange, "a coin has no name")
    return coin


def _unified(row: Mapping[str, object], coin: str, exchange: str) -> Holding:
    def field(name: str) -> Decimal:
        return amount(row.get(name) or "0", exchange, f"{coin} {name}")

    owned = max(field("walletBalance") - field("spotBorrow"), Decimal(0))
    held = field("locked") + field("totalOrderIM") + field("totalPositionIM")
    free = max(owned - held, Decimal(0))
    return Holding(coin, TRADING, free, owned - free)


def _classic(row: Mapping[str, object], coin: str, exchange: str) -> Holding:
    free = amount(row.get("free") or "0", exchange, f"{coin} free")
    locked = amount(row.get("locked") or "0", exchange, f"{coin} locked")
    return Holding(coin, TRADING, free, locked)
