"""Gate (APIv4): the spot accounts and Simple Earn, read at once, after making sure the
key's account is a classic one.

- Balances: ``/api/v4/spot/accounts``, a bare array (``available``, ``locked``). A unified
  account's spot list is empty, so when it is empty ``/api/v4/account/detail`` tells the
  mode (``key.mode``: 1 classic, 2 unified) and a unified account is named as such instead
  of showing an empty wallet.
- Simple Earn (Lend & Earn): ``/api/v4/earn/uni/lends``, every page (``gate_earn.py``), all
  of it locked in place EARN. A key Gate will not show it to is skipped there and named by
  the key check.
- Prices: ``/api/v4/spot/tickers`` (``currency_pair`` with ``_``, ``last``).
- Key check: Gate reports no key permissions; the check says so, and names Simple Earn when
  the key may not read it.
- Signing: HMAC-SHA512 over five lines, timestamps in seconds; ``REQUEST_EXPIRED`` is the
  clock (re-read, sign again once).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import ClassVar

from walletdesk.core.errors import ExchangeAuthError, ExchangeError, ExchangeRateLimitError
from walletdesk.core.models import Holdings
from walletdesk.exchanges.base import ApiCredentials, KeyCheck, unreadable_note
from walletdesk.exchanges.gate_earn import (
    EARN_NAME,
    EARN_REFUSED,
    PAGE_LIMIT,
    UNI_LENDS,
    EarnRefusedError,
    check_page,
    lend_holdings,
    lend_rows,
    page_query,
)
from walletdesk.exchanges.holdings import SPOT, Holding, fold
from walletdesk.exchanges.http import HttpReply
from walletdesk.exchanges.profiles.gate import PROFILE
from walletdesk.exchanges.responses import amount, fail, mapping, price
from walletdesk.exchanges.rest_adapter import Refusals, RestAdapter

log = logging.getLogger(__name__)

SPOT_ACCOUNTS = "/api/v4/spot/accounts"
ACCOUNT_DETAIL = "/api/v4/account/detail"
TICKERS = "/api/v4/spot/tickers"
TIME = "/api/v4/spot/time"
CLASSIC_MODE = 1

_KEY = "Gate rejected the API key: check that it was copied completely and has not been deleted."


class GateUnifiedAccountError(ExchangeError):
    """The key belongs to a unified account, which WalletDesk does not read yet."""


class GateAdapter(RestAdapter):
    profile = PROFILE
    time_path = TIME
    clock_codes = frozenset({"REQUEST_EXPIRED"})
    unauthorised = _KEY
    wallet_readers = 2  # the spot account and Simple Earn, at once
    refusals: ClassVar[Refusals] = {
        "INVALID_KEY": (ExchangeAuthError, _KEY),
        "INVALID_SIGNATURE": (
            ExchangeAuthError,
            "Gate rejected the request signature: the secret does not belong to this API "
            "key. Copy the secret again from Gate.",
        ),
        "MISSING_REQUIRED_HEADER": (ExchangeAuthError, _KEY),
        "IP_FORBIDDEN": (
            ExchangeAuthError,
            "Gate refused this computer's IP address: add it to the key's IP whitelist, or "
            "remove the restriction.",
        ),
        "FORBIDDEN": (
            ExchangeAuthError,
            'The Gate key may not read the spot account: enable "read only" for Spot.',
        ),
        "READ_ONLY": (
            ExchangeAuthError,
            'The Gate key may not read the spot account: enable "read only" for Spot.',
        ),
        "TOO_MANY_REQUESTS": (
            ExchangeRateLimitError,
            "Gate is limiting requests from this key; wait a minute before refreshing again.",
        ),
    }

    # --- the adapter protocol -------------------------------------------------------------

    def check_credentials(self, creds: ApiCredentials) -> KeyCheck:
        """The spot account proves the key reads; one look at Simple Earn names it, once,
        when Gate will not show it to this key (a refresh then skips it)."""
        self._require_classic(creds)
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="gate-check") as pool:
            earn = pool.submit(self._lends_page, 1, creds)
            self._get(SPOT_ACCOUNTS, creds=creds)  # proves the key reads the spot account
            unreadable = (EARN_NAME,) if earn.result() is None else ()
        return KeyCheck(
            can_trade=None,
            can_withdraw=None,
            message=(
                "Key works. Gate does not tell what a key may do, so WalletDesk cannot check "
                'it: make sure the key has only "read only" permissions.'
                + unreadable_note(self._display, unreadable)
            ),
            unreadable=unreadable,
        )

    def fetch_balances(self, creds: ApiCredentials) -> Holdings:
        """The spot account and Simple Earn, read at once. Simple Earn is skipped where Gate
        will not show it to this key; any other failure of either fails the whole refresh,
        so the previous balances are kept."""
        with ThreadPoolExecutor(max_workers=self.wallet_readers,
                                thread_name_prefix="gate-account") as pool:
            spot_reply = pool.submit(self._spot_holdings, creds)
            earn_reply = pool.submit(self._earn_holdings, creds)
            spot, earn = spot_reply.result(), earn_reply.result()
        if not fold(spot, self._display):
            self._require_classic(creds)  # an empty list may be a unified account's
        return fold(spot + earn, self._display)

    def _spot_holdings(self, creds: ApiCredentials) -> list[Holding]:
        rows = self._get(SPOT_ACCOUNTS, creds=creds)
        if not isinstance(rows, list):
            fail(self._display, "the spot account list is not a list")
        holdings = []
        for entry in rows:
            row = mapping(entry, self._display, "account")
            currency = row.get("currency")
            if not isinstance(currency, str) or not currency:
                fail(self._display, "an account has no currency")
            free = amount(row.get("available") or "0", self._display, f"{currency} available")
            locked = amount(row.get("locked") or "0", self._display, f"{currency} locked")
            holdings.append(Holding(currency, SPOT, free, locked))
        return holdings

    def _earn_holdings(self, creds: ApiCredentials) -> list[Holding]:
        """Every page of Simple Earn lendings, or none where Gate will not show them."""
        rows = self._lends_page(1, creds)
        if rows is None:
            return []
        every, page = list(rows), 1
        while len(rows) >= PAGE_LIMIT:  # a full page: there may be more
            page += 1
            check_page(page, self._display)
            rows = self._lends(page, creds)
            every += rows
        return lend_holdings(every, self._display)

    def _lends_page(self, page: int, creds: ApiCredentials) -> list[object] | None:
        """One page of Simple Earn lendings, or None where the key may not read them."""
        try:
            return self._lends(page, creds)
        except EarnRefusedError as error:
            log.info("Gate %s skipped: %s", EARN_NAME, type(error).__name__)
            return None

    def _lends(self, page: int, creds: ApiCredentials) -> list[object]:
        return lend_rows(self._get(UNI_LENDS, page_query(page), creds=creds), self._display)

    def fetch_prices(self) -> dict[str, Decimal]:
        rows = self._get(TICKERS)
        if not isinstance(rows, list):
            fail(self._display, "the ticker list is not a list")
        prices: dict[str, Decimal] = {}
        for entry in rows:
            row = mapping(entry, self._display, "ticker")
            pair, last = row.get("currency_pair"), row.get("last")
            if not isinstance(pair, str) or pair.count("_") != 1 or last in (None, ""):
                continue
            base, quote = pair.split("_")
            prices[base + quote] = price(last, self._display, f"the price of {pair}")
        return prices

    def _require_classic(self, creds: ApiCredentials) -> None:
        detail = mapping(self._get(ACCOUNT_DETAIL, creds=creds), self._display, "account")
        key = mapping(detail.get("key", {}), self._display, "key")
        if key.get("mode", CLASSIC_MODE) != CLASSIC_MODE:
            raise GateUnifiedAccountError(
                "This Gate key belongs to a unified account, whose balances are not in the "
                "spot account WalletDesk reads: WalletDesk does not read Gate unified "
                "accounts yet. Nothing is wrong with the key."
            )

    # --- signing and answers --------------------------------------------------------------

    def _refusal(
        self, path: str, reply: HttpReply, payload: object | None, code: str | None
    ) -> ExchangeError:
        if code == EARN_REFUSED and path == UNI_LENDS:
            return EarnRefusedError(f"This Gate key may not read {EARN_NAME}.")
        return super()._refusal(path, reply, payload, code)

    def _sign(
        self, method: str, path: str, query: str, body: bytes, creds: ApiCredentials
    ) -> Mapping[str, str]:
        from walletdesk.exchanges.signers import gate

        timestamp = self._clock.now_ms() // 1000
        return {
            "KEY": self._api_key(creds),
            "Timestamp": str(timestamp),
            "SIGN": gate.sign(creds.secret, method, path, query, body=body, timestamp_s=timestamp),
        }

    def _error_code(self, payload: object) -> str | None:
        label = payload.get("label") if isinstance(payload, Mapping) else None
        return label if isinstance(label, str) else None

    def _server_time_ms(self, payload: object) -> int:
        stamp = mapping(payload, self._display, "time").get("server_time")
        if isinstance(stamp, int) and not isinstance(stamp, bool):
            return stamp
        fail(self._display, "the server time is not a number")
