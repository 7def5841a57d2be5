"""Binance Spot v3: MEXC's protocol, plus its other read-only wallets (funding, Simple Earn
flexible and locked: ``binance_wallets.py``), read concurrently with spot, and a
key-permission endpoint for the credential check."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from walletdesk.core.errors import ExchangeAuthError
from walletdesk.core.models import Holdings
from walletdesk.exchanges.base import ApiCredentials, KeyCheck, describe_permissions
from walletdesk.exchanges.binance_wallets import (
    EARN_AMOUNT_FIELD,
    FLEXIBLE_PATH,
    FUNDING_PATH,
    LOCKED_PATH,
    MAX_PAGES,
    PAGE_SIZE,
    earn_holdings,
    earn_page,
    funding_holdings,
    without_ld_mirrors,
)
from walletdesk.exchanges.holdings import Holding, as_holdings, fold, parse_account
from walletdesk.exchanges.profiles.binance import PROFILE
from walletdesk.exchanges.responses import read_flag
from walletdesk.exchanges.spot_v3 import Dialect, EndpointMissingError, SpotV3Adapter

log = logging.getLogger(__name__)
T = TypeVar("T")

RESTRICTIONS_PATH = "/sapi/v1/account/apiRestrictions"
_TRADING_FLAGS = (
    "enableSpotAndMarginTrading",
    "enableMargin",
    "enableFutures",
    "enableVanillaOptions",
    "enablePortfolioMarginTrading",
)

# Each of these lets the key move funds out of the wallets it reads: reported as "withdraw".
_MOVING_FLAGS = ("enableWithdrawals", "enableInternalTransfer", "permitsUniversalTransfer")

BINANCE_DIALECT = Dialect(
    key_header="X-MBX-APIKEY",
    account_params=(("omitZeroBalances", "true"),),
    clock_skew_codes=frozenset({-1021}),
    auth_messages={
        -2014: "Binance says the API key is malformed: copy the API key again from Binance, "
        "completely and without spaces.",
        -2015: "Binance rejected the API key, this computer's IP or the key's permissions: "
        "check that the key was copied completely and has not been deleted, that it may read "
        "the account, and, if it is IP-restricted, add this computer's IP to the key or remove "
        "the restriction.",
        -1022: "Binance rejected the request signature: check that the secret key was copied "
        "completely.",
        -2008: "Binance does not know this API key (invalid key id): copy the API key again "
        "from Binance, or create a new read-only key.",
    },
    unauthorised_message="Binance rejected the API key: check that it was copied completely "
    "and has not been deleted.",
    account_weight=20,
    ticker_weight=4,
)
# The wallets' request weights, counted against the profile's budget (BINANCE_RATE_LIMIT).
FUNDING_WEIGHT = 1
EARN_WEIGHT = 150


class BinanceAdapter(SpotV3Adapter):
    profile = PROFILE
    dialect = BINANCE_DIALECT

    def fetch_balances(self, creds: ApiCredentials) -> Holdings:
        """Spot, funding and Simple Earn (flexible and locked), read at once. A wallet this
        server does not offer or the key may not read is skipped; any other failure fails
        the whole refresh, so the previous balances are kept."""
        with ThreadPoolExecutor(max_workers=4, thread_name_prefix="binance-wallet") as pool:
            spot = pool.submit(self._account, creds)
            funding = pool.submit(self._optional, "funding", lambda: funding_holdings(
                self._signed("POST", FUNDING_PATH, creds, weight=FUNDING_WEIGHT),
                self._display))
            flexible = pool.submit(self._optional, "Simple Earn flexible",
                                   lambda: self._earn(FLEXIBLE_PATH, creds))
            locked = pool.submit(self._optional, "Simple Earn locked",
                                 lambda: self._earn(LOCKED_PATH, creds))
            spot_held = parse_account(spot.result(), self._display)
            other = {"funding": funding.result(), "flexible": flexible.result(),
                     "locked": locked.result()}
        flexible_held = other["flexible"]
        holdings: list[Holding] = (
            without_ld_mirrors(spot_held.amounts, flexible_held)
            if flexible_held is not None
            else as_holdings(spot_held.amounts)
        )
        for extra in other.values():
            holdings.extend(extra or ())
        return fold(holdings, self._display, named=spot_held.left_out)

    def _earn(self, path: str, creds: ApiCredentials) -> list[Holding]:
        """Every page of one Simple Earn product list."""
        rows: list[Mapping[str, object]] = []
        for page in range(1, MAX_PAGES + 1):
            params = (("current", str(page)), ("size", str(PAGE_SIZE)))
            payload = self._signed_get(path, creds, params, weight=EARN_WEIGHT)
            page_rows, total = earn_page(payload, self._display)
            rows.extend(page_rows)
            if len(rows) >= total or len(page_rows) < PAGE_SIZE:
                break
        return earn_holdings(rows, EARN_AMOUNT_FIELD[path], self._display)

    def _optional(self, wallet: str, read: Callable[[], T]) -> T | None:
        """``read()``, or None where this server has no such wallet (a testnet, a proxy) or
        the key may not read it: the key check names it, the refresh goes on without it."""
        try:
            return read()
        except (EndpointMissingError, ExchangeAuthError) as error:
            log.info("Binance %s wallet skipped: %s", wallet, type(error).__name__)
            return None

    def check_credentials(self, creds: ApiCredentials) -> KeyCheck:
        """The account call proves the key reads; apiRestrictions says what else it may do;
        one look at each other wallet names, once, those the key may not read (a refresh
        skips them)."""
        account_check = super().check_credentials(creds)
        with ThreadPoolExecutor(max_workers=4, thread_name_prefix="binance-check") as pool:
            restrictions = pool.submit(self._restrictions, creds)
            looks = [(wallet, pool.submit(self._may_read, read))
                     for wallet, read in self._wallet_looks(creds)]
            unreadable = tuple(dict.fromkeys(wallet for wallet, look in looks
                                             if not look.result()))
            flags = restrictions.result()
        can_trade, can_withdraw = flags or (account_check.can_trade, account_check.can_withdraw)
        return describe_permissions(self._display, can_trade, can_withdraw,
                                    unreadable=unreadable)

    def _restrictions(self, creds: ApiCredentials) -> tuple[bool | None, bool | None] | None:
        """(can trade, can move funds) from apiRestrictions; None where the server has no
        /sapi (the spot testnet, some proxies): the account's own flags remain."""
        try:
            restrictions = self._signed_get(RESTRICTIONS_PATH, creds)
        except EndpointMissingError:
            return None
        flags = [read_flag(restrictions, name, self._display) for name in _TRADING_FLAGS]
        known = [flag for flag in flags if flag is not None]
        moves = [read_flag(restrictions, name, self._display) for name in _MOVING_FLAGS]
        known_moves = [flag for flag in moves if flag is not None]
        return (any(known) if known else None, any(known_moves) if known_moves else None)

    def _wallet_looks(self, creds: ApiCredentials) -> list[tuple[str, Callable[[], object]]]:
        """One small signed read of each wallet beyond spot, named as the user knows it."""
        first = (("current", "1"), ("size", "1"))
        return [
            ("the Funding wallet",
             lambda: self._signed("POST", FUNDING_PATH, creds, weight=FUNDING_WEIGHT)),
            ("Simple Earn",
             lambda: self._signed_get(FLEXIBLE_PATH, creds, first, weight=EARN_WEIGHT)),
            ("Simple Earn",
             lambda: self._signed_get(LOCKED_PATH, creds, first, weight=EARN_WEIGHT)),
        ]

    @staticmethod
    def _may_read(read: Callable[[], object]) -> bool:
        """False when the key may not read that wallet; a server without it has nothing to
        name (True)."""
        try:
            read()
        except ExchangeAuthError:
            return False
        except EndpointMissingError:
            return True
        return True
