"""What an exchange's refusal means for the user, where the HTTP status alone tells.

Each adapter maps its exchange's own error codes first (they say what to fix: the key, the
secret, the IP whitelist); what remains is read from the status here, so every exchange
words a blocked region, a WAF block or a missing endpoint the same way.
"""

from __future__ import annotations

from walletdesk.core.errors import (
    ExchangeAuthError,
    ExchangeError,
    ExchangeRateLimitError,
    ExchangeRegionError,
    ExchangeResponseError,
)


class EndpointMissingError(ExchangeResponseError):
    """HTTP 404: this server does not offer the endpoint (a testnet, a proxy, a wrong URL)."""


def refusal_by_status(
    exchange: str,
    status: int,
    *,
    path: str,
    code: int | str | None = None,
    unauthorised: str | None = None,
) -> ExchangeError:
    """The error for a 4xx answer whose code (if any) the adapter does not know."""
    if status == 401:
        return ExchangeAuthError(
            unauthorised
            or f"{exchange} rejected the API key: check that it was copied completely and has "
            "not been deleted."
        )
    if status == 403:
        return ExchangeRateLimitError(
            f"{exchange} is blocking requests from this computer for now (HTTP 403); "
            "wait a few minutes and refresh again."
        )
    if status == 404:
        return EndpointMissingError(
            f"The {exchange} server at the configured address does not offer {path}: "
            "check the exchange address setting."
        )
    if status == 451:
        return ExchangeRegionError(
            f"{exchange} does not serve your region (HTTP 451), so it refuses this computer. "
            "If your account is with a regional branch of the exchange, add the key under "
            "that exchange instead (for example Binance US)."
        )
    detail = f"HTTP {status}" + (f", error {code}" if code is not None else "")
    return ExchangeResponseError(
        f"{exchange} refused the request ({detail}). Try again later, and report it "
        "if it keeps happening."
    )
