"""MEXC futures (the contract API): the account's futures equity, as a place of the MEXC key.

Its own signing: headers ``ApiKey``, ``Request-Time`` (ms) and ``Signature`` =
hex(HMAC-SHA256(secret, accessKey + Request-Time + paramString)); paramString is the GET
parameters sorted by name ("" for the account call). Errors come as HTTP 200 with
``{"success": false, "code": N}``; numbers are JSON numbers. What the account holds there
is its ``equity`` (cash + unrealised PnL, as the docs define it): ``availableBalance`` of it
is free, the rest (margin, frozen, unrealised) locked.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from decimal import Decimal

from walletdesk.core.errors import (
    ExchangeAuthError,
    ExchangeError,
    ExchangeRateLimitError,
)
from walletdesk.core.keys import ApiCredentials
from walletdesk.exchanges.clock import ExchangeClock
from walletdesk.exchanges.holdings import FUTURES, Holding
from walletdesk.exchanges.http import ExchangeHttpClient, Outgoing, RetryPolicy, Timeouts
from walletdesk.exchanges.profiles.mexc import PROFILE
from walletdesk.exchanges.refusals import EndpointMissingError, refusal_by_status
from walletdesk.exchanges.responses import amount, decode_json, fail, mapping
from walletdesk.exchanges.signing import sign

ASSETS_PATH = "/api/v1/private/account/assets"
PING_PATH = "/api/v1/contract/ping"  # {"success": true, "code": 0, "data": <server ms>}
_NAME = "MEXC futures"
_SKIPPED = frozenset({701, 1000})  # no read permission; no futures account at all
_CLOCK = 513
_MESSAGES: Mapping[int, str] = {
    401: "MEXC does not accept this API key for futures: check that it was copied completely "
    "and has not been deleted.",
    402: "The MEXC API key has expired: create a new read-only key on MEXC and enter it here.",
    602: "MEXC rejected the futures request signature: check that the secret key was copied "
    "completely.",
    406: "MEXC refused this computer's IP address for futures (IP not whitelisted): add this "
    "computer's IP to the key on MEXC, or remove the IP restriction.",
}

log = logging.getLogger(__name__)


class MexcFutures:
    """Thread-safe reader of one MEXC key's futures assets."""

    def __init__(self, base_url: str, *, policy: RetryPolicy | None = None,
                 timeouts: Timeouts | None = None, clock: ExchangeClock | None = None) -> None:
        self._http = ExchangeHttpClient(base_url, exchange=_NAME, policy=policy,
                                        timeouts=timeouts,
                                        pace=PROFILE.extra_paces["FUTURES"])
        self._clock = clock or ExchangeClock()

    def holdings(self, creds: ApiCredentials) -> list[Holding] | None:
        """The futures holdings; None when the key may not read futures or has no futures
        account, or the configured server offers no futures API (the wallet is skipped)."""
        try:
            data = self._signed(ASSETS_PATH, creds)
        except EndpointMissingError:
            return None
        if data is None:
            return None
        if not isinstance(data, list):
            fail(_NAME, "the futures assets are not a list")
        return [holding for entry in data if (holding := _holding(entry)) is not None]

    def close(self) -> None:
        self._http.close()

    def _signed(self, path: str, creds: ApiCredentials) -> object:
        def outgoing() -> Outgoing:
            sent = str(self._clock.now_ms())
            return Outgoing(headers={"ApiKey": creds.api_key, "Request-Time": sent,
                                     "Signature": sign(creds.secret, creds.api_key + sent),
                                     "Content-Type": "application/json"})

        for attempt in range(2):
            reply = self._http.send("GET", path, outgoing, account=creds.api_key)
            if reply.status != 200:
                raise refusal_by_status(_NAME, reply.status, path=path)
            envelope = mapping(decode_json(reply.body, _NAME), _NAME, "futures answer")
            if envelope.get("success") is True:
                return envelope.get("data")
            code = envelope.get("code")
            if code in _SKIPPED:
                log.info("MEXC futures skipped: code %s", code)
                return None
            if code != _CLOCK:
                raise _refusal(code)
            if attempt == 0:
                self._clock.sync(self._server_ms)
        raise self._clock.skew_error()

    def _server_ms(self) -> int:
        reply = self._http.get(PING_PATH)
        data = mapping(decode_json(reply.body, _NAME), _NAME, "futures time").get("data")
        if isinstance(data, bool) or not isinstance(data, int):
            fail(_NAME, "the futures server time is not a number")
        return data


def _holding(entry: object) -> Holding | None:
    row = mapping(entry, _NAME, "futures asset")
    currency = row.get("currency")
    if not isinstance(currency, str):
        fail(_NAME, "a futures asset has no currency")
    equity = row.get("equity")
    if isinstance(equity, Decimal | int) and not isinstance(equity, bool) and equity < 0:
        log.warning("MEXC futures %s equity is negative; not counted as a holding", currency)
        return None
    total = amount(equity, _NAME, f"futures {currency} equity")
    available = amount(row.get("availableBalance"), _NAME, f"futures {currency} available")
    free = min(available, total)
    return Holding(currency, FUTURES, free, total - free)


def _refusal(code: object) -> ExchangeError:
    if isinstance(code, int) and code in _MESSAGES:
        return ExchangeAuthError(_MESSAGES[code])
    if code == 510:
        return ExchangeRateLimitError(
            "MEXC futures is limiting requests from this computer; wait a minute before "
            "refreshing again.")
    return ExchangeError(
        f"MEXC futures refused the request (error {str(code)[:12]}). Try again later, and "
        "report it if it keeps happening.")

