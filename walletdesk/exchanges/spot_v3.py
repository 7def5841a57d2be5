"""What MEXC and Binance share: the "Spot v3" REST protocol.

Both sign ``timestamp`` and ``recvWindow`` with HMAC-SHA256 over the query string, send the
key in a header, answer ``{"code": ..., "msg": ...}`` on errors and serve the same account,
ticker and time endpoints. An exchange is a ``Dialect`` (header, error codes, messages) plus,
where it differs, an override in its subclass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from walletdesk.core.errors import ExchangeAuthError, ExchangeError, ExchangeResponseError
from walletdesk.core.models import Holdings
from walletdesk.exchanges.base import ApiCredentials, HttpAdapter, KeyCheck, describe_permissions
from walletdesk.exchanges.holdings import parse_account
from walletdesk.exchanges.http import (
    HttpReply,
    Outgoing,
)
from walletdesk.exchanges.refusals import EndpointMissingError, refusal_by_status
from walletdesk.exchanges.responses import (
    decode_json,
    error_code,
    parse_server_time,
    parse_ticker,
    read_flag,
)
from walletdesk.exchanges.signing import signed_query

ACCOUNT_PATH = "/api/v3/account"
TICKER_PATH = "/api/v3/ticker/price"
TIME_PATH = "/api/v3/time"
RECV_WINDOW_MS = 5000
_FORM = "application/x-www-form-urlencoded"


__all__ = ["Dialect", "EndpointMissingError", "SpotV3Adapter"]


@dataclass(frozen=True)
class Dialect:
    key_header: str
    account_params: tuple[tuple[str, str], ...]
    clock_skew_codes: frozenset[int]
    auth_messages: Mapping[int, str]  # error code -> what the user should fix
    unauthorised_message: str  # HTTP 401 without a code we know
    account_weight: int = 10  # request weights, in the units of the profile's rate limit
    ticker_weight: int = 2


class SpotV3Adapter(HttpAdapter):
    """A thread-safe adapter; subclasses set ``profile`` and ``dialect``."""

    dialect: ClassVar[Dialect]

    # --- the adapter protocol -------------------------------------------------------------

    def check_credentials(self, creds: ApiCredentials) -> KeyCheck:
        account = self._account(creds)  # proves the key reads the account
        if not self.profile.reports_permissions:
            return describe_permissions(self._display, None, None)
        return describe_permissions(
            self._display,
            read_flag(account, "canTrade", self._display),
            read_flag(account, "canWithdraw", self._display),
        )

    def fetch_balances(self, creds: ApiCredentials) -> Holdings:
        return parse_account(self._account(creds), self._display)

    def fetch_prices(self) -> dict[str, Decimal]:
        ticker = self._public_get(TICKER_PATH, weight=self.dialect.ticker_weight)
        return parse_ticker(ticker, self._display)

    # --- requests -------------------------------------------------------------------------

    def _account(self, creds: ApiCredentials) -> object:
        return self._signed_get(
            ACCOUNT_PATH, creds, self.dialect.account_params, weight=self.dialect.account_weight
        )

    def _public_get(self, path: str, *, weight: int = 1) -> object:
        reply = self._http.get(path, weight=weight)
        if reply.status != 200:
            raise self._refusal(path, reply, self._error_code(reply))
        return decode_json(reply.body, self._display)

    def _signed_get(
        self,
        path: str,
        creds: ApiCredentials,
        params: Sequence[tuple[str, str]] = (),
        *,
        weight: int = 1,
    ) -> object:
        return self._signed("GET", path, creds, params, weight=weight)

    def _signed(
        self,
        method: str,
        path: str,
        creds: ApiCredentials,
        params: Sequence[tuple[str, str]] = (),
        *,
        weight: int = 1,
    ) -> object:
        """A signed call: parameters in the query (GET) or the form body (POST, whose
        signature covers the body). If the clock is off, re-read the server time and try
        once more."""
        headers = {self.dialect.key_header: _header_safe_key(creds.api_key, self._display)}

        def outgoing() -> Outgoing:  # rebuilt per attempt: a retry needs a fresh timestamp
            timestamp = self._clock.now_ms()
            stamped = [*params, ("recvWindow", str(RECV_WINDOW_MS)), ("timestamp", str(timestamp))]
            signed = signed_query(stamped, creds.secret)
            if method == "GET":
                return Outgoing(query=signed, headers=headers)
            return Outgoing(body=signed.encode(), headers={**headers, "Content-Type": _FORM})

        for attempt in range(2):
            syncs = self._clock.syncs
            reply = self._http.send(method, path, outgoing, weight=weight, account=creds.api_key)
            if reply.status == 200:
                return decode_json(reply.body, self._display)
            code = self._error_code(reply)
            if code not in self.dialect.clock_skew_codes:
                raise self._refusal(path, reply, code)
            if attempt == 0:
                self._clock.sync(self._server_time_ms, unless_since=syncs)
        raise self._clock.skew_error()

    def _server_time_ms(self) -> int:
        return parse_server_time(self._public_get(TIME_PATH), self._display)

    # --- errors -----------------------------------------------------------------------------

    def _error_code(self, reply: HttpReply) -> int | None:
        try:
            return error_code(decode_json(reply.body, self._display))
        except ExchangeResponseError:
            return None

    def _refusal(self, path: str, reply: HttpReply, code: int | None) -> ExchangeError:
        """The error for a 4xx answer, in words that say what to fix."""
        if code is not None and code in self.dialect.auth_messages:
            return ExchangeAuthError(self.dialect.auth_messages[code])
        return refusal_by_status(
            self._display,
            reply.status,
            path=path,
            code=code,
            unauthorised=self.dialect.unauthorised_message,
        )


def _header_safe_key(api_key: str, exchange: str) -> str:
    if api_key and all(0x21 <= ord(ch) <= 0x7E for ch in api_key):
        return api_key
    raise ExchangeAuthError(
        f"The {exchange} API key contains characters a key never has: copy it again from "
        f"{exchange}, without spaces or line breaks."
    )
