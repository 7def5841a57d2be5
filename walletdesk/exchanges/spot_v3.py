"""What MEXC and Binance share: the "Spot v3" REST protocol.

Both sign ``timestamp`` and ``recvWindow`` with HMAC-SHA256 over the query string, send the
key in a header, answer ``{"code": ..., "msg": ...}`` on errors and serve the same account,
ticker and time endpoints. An exchange is a ``Dialect`` (header, error codes, messages) plus,
where it differs, an override in its subclass.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from walletdesk.core.errors import (
    ClockSkewError,
    ExchangeAuthError,
    ExchangeError,
    ExchangeRateLimitError,
    ExchangeResponseError,
)
from walletdesk.core.exchange_names import display_name
from walletdesk.core.models import AssetAmount
from walletdesk.exchanges.base import ApiCredentials, KeyCheck, describe_permissions
from walletdesk.exchanges.http import ExchangeHttpClient, HttpReply, RetryPolicy, Timeouts
from walletdesk.exchanges.responses import (
    decode_json,
    error_code,
    parse_account,
    parse_server_time,
    parse_ticker,
    read_flag,
)
from walletdesk.exchanges.signing import signed_query

ACCOUNT_PATH = "/api/v3/account"
TICKER_PATH = "/api/v3/ticker/price"
TIME_PATH = "/api/v3/time"
RECV_WINDOW_MS = 5000


@dataclass(frozen=True)
class Dialect:
    name: str  # canonical exchange name
    key_header: str
    account_params: tuple[tuple[str, str], ...]
    clock_skew_codes: frozenset[int]
    auth_messages: Mapping[int, str]  # error code -> what the user should fix
    unauthorised_message: str  # HTTP 401 without a code we know


class EndpointMissingError(ExchangeResponseError):
    """HTTP 404: this server does not offer the endpoint (a testnet, a proxy, a wrong URL)."""


class SpotV3Adapter:
    """A thread-safe adapter; subclasses set ``dialect`` and ``default_base_url``."""

    dialect: ClassVar[Dialect]
    default_base_url: ClassVar[str]
    is_demo = False

    def __init__(
        self,
        base_url: str | None = None,
        *,
        policy: RetryPolicy | None = None,
        timeouts: Timeouts | None = None,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.name = self.dialect.name
        self._display = display_name(self.name)
        self._http = ExchangeHttpClient(
            base_url or self.default_base_url,
            exchange=self._display,
            policy=policy,
            timeouts=timeouts,
        )
        self._wall_clock = wall_clock
        self._offset_lock = threading.Lock()
        self._offset_ms = 0  # server time minus our clock, learnt when the exchange complains

    # --- the adapter protocol -------------------------------------------------------------

    def check_credentials(self, creds: ApiCredentials) -> KeyCheck:
        account = self._signed_get(ACCOUNT_PATH, creds, self.dialect.account_params)
        return describe_permissions(
            self._display,
            read_flag(account, "canTrade", self._display),
            read_flag(account, "canWithdraw", self._display),
        )

    def fetch_balances(self, creds: ApiCredentials) -> list[AssetAmount]:
        account = self._signed_get(ACCOUNT_PATH, creds, self.dialect.account_params)
        return parse_account(account, self._display)

    def fetch_prices(self) -> dict[str, Decimal]:
        return parse_ticker(self._public_get(TICKER_PATH), self._display)

    def close(self) -> None:
        self._http.close()

    @property
    def clock_offset_ms(self) -> int:
        with self._offset_lock:
            return self._offset_ms

    # --- requests -------------------------------------------------------------------------

    def _public_get(self, path: str) -> object:
        reply = self._http.get(path)
        if reply.status != 200:
            raise self._refusal(path, reply, self._error_code(reply))
        return decode_json(reply.body, self._display)

    def _signed_get(
        self, path: str, creds: ApiCredentials, params: Sequence[tuple[str, str]] = ()
    ) -> object:
        """GET a signed endpoint; if the clock is off, re-read the server time and try once more."""
        headers = {self.dialect.key_header: _header_safe_key(creds.api_key, self._display)}

        def query() -> str:  # rebuilt per attempt: a retry needs a fresh timestamp
            timestamp = round(self._wall_clock() * 1000) + self.clock_offset_ms
            stamped = [*params, ("recvWindow", str(RECV_WINDOW_MS)), ("timestamp", str(timestamp))]
            return signed_query(stamped, creds.secret)

        for attempt in range(2):
            reply = self._http.get(path, query=query, headers=headers)
            if reply.status == 200:
                return decode_json(reply.body, self._display)
            code = self._error_code(reply)
            if code not in self.dialect.clock_skew_codes:
                raise self._refusal(path, reply, code)
            if attempt == 0:
                self._sync_clock()
        seconds = max(1, round(abs(self.clock_offset_ms) / 1000))
        raise ClockSkewError(
            f"Your computer's clock is off by {seconds} s; set it to update automatically "
            "(in the date and time settings), then refresh again."
        )

    def _sync_clock(self) -> None:
        before = self._wall_clock()
        server_ms = parse_server_time(self._public_get(TIME_PATH), self._display)
        after = self._wall_clock()
        offset = server_ms - round((before + after) / 2 * 1000)
        with self._offset_lock:
            self._offset_ms = offset

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
        if reply.status == 401:
            return ExchangeAuthError(self.dialect.unauthorised_message)
        if reply.status == 403:
            return ExchangeRateLimitError(
                f"{self._display} is blocking requests from this computer for now (HTTP 403); "
                "wait a few minutes and refresh again."
            )
        if reply.status == 404:
            return EndpointMissingError(
                f"The {self._display} server at the configured address does not offer {path}: "
                "check the exchange address setting."
            )
        detail = f"HTTP {reply.status}" + (f", error {code}" if code is not None else "")
        return ExchangeResponseError(
            f"{self._display} refused the request ({detail}). Try again later, and report it "
            "if it keeps happening."
        )


def _header_safe_key(api_key: str, exchange: str) -> str:
    if api_key and all(0x21 <= ord(ch) <= 0x7E for ch in api_key):
        return api_key
    raise ExchangeAuthError(
        f"The {exchange} API key contains characters a key never has: copy it again from "
        f"{exchange}, without spaces or line breaks."
    )
