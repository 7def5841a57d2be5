"""Coinbase Advanced Trade (CDP keys): every account on every page, one ES256 JWT per request.

- Balances: ``GET /api/v3/brokerage/accounts`` (limit 250) while ``has_next``, following
  ``cursor``; free = ``available_balance``, locked = ``hold``.
- Prices: the public ``/api/v3/brokerage/market/products`` (spot), named by each product's
  ``base_currency_id`` and ``quote_currency_id``.
- Key check: ``/api/v3/brokerage/key_permissions`` (``can_trade``, ``can_transfer``).
- Auth: a fresh JWT per request (``signers/coinbase.py``), whose ``uri`` names this
  request's method, host and path. A refusal is a bare 401 "Unauthorized" that does not say
  why, so on the first one the exchange's clock is read: if ours is off by more than a few
  seconds the request is signed again with the corrected time.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from urllib.parse import urlencode, urlsplit

from walletdesk.core.errors import ExchangeAuthError
from walletdesk.core.models import Holdings
from walletdesk.exchanges.base import ApiCredentials, KeyCheck, describe_permissions
from walletdesk.exchanges.holdings import SPOT, Holding, fold
from walletdesk.exchanges.http import HttpReply
from walletdesk.exchanges.profiles.coinbase import PROFILE
from walletdesk.exchanges.responses import amount, fail, mapping, price, read_flag
from walletdesk.exchanges.rest_adapter import RestAdapter

ACCOUNTS = "/api/v3/brokerage/accounts"
KEY_PERMISSIONS = "/api/v3/brokerage/key_permissions"
PRODUCTS = "/api/v3/brokerage/market/products"
TIME = "/api/v3/brokerage/time"
PAGE_LIMIT = 250
MAX_PAGES = 200  # 50,000 accounts: far past any real portfolio, short of a server loop
CLOCK_TOLERANCE_MS = 5000


class CoinbaseAdapter(RestAdapter):
    profile = PROFILE
    time_path = TIME
    unauthorised = (
        "Coinbase rejected the key: check that the API key name and the private key belong "
        "to the same CDP key (ECDSA), that it has the View permission and has not been deleted."
    )

    # --- the adapter protocol -------------------------------------------------------------

    def check_credentials(self, creds: ApiCredentials) -> KeyCheck:
        permissions = self._get(KEY_PERMISSIONS, creds=creds)
        if read_flag(permissions, "can_view", self._display) is False:
            raise ExchangeAuthError(
                "This Coinbase key may not view accounts: create a key with the View permission."
            )
        return describe_permissions(
            self._display,
            read_flag(permissions, "can_trade", self._display),
            read_flag(permissions, "can_transfer", self._display),
        )

    def fetch_balances(self, creds: ApiCredentials) -> Holdings:
        holdings: list[Holding] = []
        cursor = ""
        for _ in range(MAX_PAGES):
            params = [("limit", str(PAGE_LIMIT))] + ([("cursor", cursor)] if cursor else [])
            page = mapping(
                self._get(ACCOUNTS, urlencode(params), creds=creds), self._display, "page"
            )
            accounts = page.get("accounts")
            if not isinstance(accounts, list):
                fail(self._display, "the account page has no list of accounts")
            holdings += [self._holding(entry) for entry in accounts]
            next_cursor = page.get("cursor")
            if page.get("has_next") is not True:
                return fold(holdings, self._display)
            if not isinstance(next_cursor, str) or not next_cursor or next_cursor == cursor:
                fail(self._display, "the account pages do not lead anywhere")
            cursor = next_cursor
        fail(self._display, f"the account list goes on past {MAX_PAGES} pages")

    def fetch_prices(self) -> dict[str, Decimal]:
        listing = mapping(self._get(PRODUCTS, "product_type=SPOT"), self._display, "products")
        products = listing.get("products")
        if not isinstance(products, list):
            fail(self._display, "the product list is not a list")
        prices: dict[str, Decimal] = {}
        for entry in products:
            row = mapping(entry, self._display, "product")
            base, quote, last = (
                row.get("base_currency_id"),
                row.get("quote_currency_id"),
                row.get("price"),
            )
            if not isinstance(base, str) or not isinstance(quote, str) or last in (None, ""):
                continue  # a product without a trade yet
            prices[base + quote] = price(last, self._display, f"the price of {base}-{quote}")
        return prices

    # --- signing --------------------------------------------------------------------------

    def _sign(
        self, method: str, path: str, query: str, body: bytes, creds: ApiCredentials
    ) -> Mapping[str, str]:
        import secrets

        from walletdesk.exchanges.signers import coinbase

        try:
            key = coinbase.load_private_key(coinbase.read_key_text(creds.secret).pem)
        except coinbase.CoinbaseKeyError as error:
            raise ExchangeAuthError(
                f"The stored Coinbase private key is unusable: {error}"
            ) from None
        uri = coinbase.jwt_uri(method, urlsplit(self._base_url).netloc, path)
        token = coinbase.build_jwt(
            self._api_key(creds),
            key,
            uri,
            now=self._clock.now_ms() // 1000,
            nonce=secrets.token_hex(16),
        )
        return {"Authorization": f"Bearer {token}"}

    def _error_code(self, payload: object) -> str | None:
        if isinstance(payload, Mapping) and isinstance(payload.get("error"), str):
            return str(payload["error"])
        return None

    def _server_time_ms(self, payload: object) -> int:
        millis = mapping(payload, self._display, "server time").get("epochMillis")
        if isinstance(millis, str) and millis.isascii() and millis.isdigit():
            return int(millis)
        fail(self._display, "the server time is not a number")

    def _may_be_clock(self, reply: HttpReply, code: str | None) -> bool:
        return reply.status == 401  # Coinbase's 401 never says why

    def _clock_explains_refusal(self) -> bool:
        return abs(self._clock.offset_ms) > CLOCK_TOLERANCE_MS

    # --- reading answers ------------------------------------------------------------------

    def _holding(self, entry: object) -> Holding:
        row = mapping(entry, self._display, "account")
        currency = row.get("currency")
        if not isinstance(currency, str) or not currency:
            fail(self._display, "an account has no currency")
        free = amount(_value(row.get("available_balance")), self._display, f"{currency} available")
        locked = amount(_value(row.get("hold")), self._display, f"{currency} hold")
        return Holding(currency, SPOT, free, locked)


def _value(money: object) -> object:
    """``{"value": "1.5", "currency": "BTC"}`` -> "1.5"; absent -> "0"."""
    if money is None:
        return "0"
    return money.get("value") if isinstance(money, Mapping) else money
