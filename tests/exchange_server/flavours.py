"""How MEXC and Binance differ on the wire: key header, error codes and statuses, shapes."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace


class Refusal(enum.Enum):
    """Why the exchange refuses a request; each flavour answers with its own status and code."""

    BAD_KEY_FORMAT = "bad_key_format"
    INVALID_KEY = "invalid_key"
    BAD_SIGNATURE = "bad_signature"
    TIMESTAMP = "timestamp"
    RECV_WINDOW = "recv_window"
    IP_NOT_WHITELISTED = "ip_not_whitelisted"
    NO_PERMISSION = "no_permission"
    MISSING_PARAMETER = "missing_parameter"
    RATE_LIMIT = "rate_limit"
    BANNED = "banned"


@dataclass(frozen=True)
class Flavour:
    name: str
    key_header: str
    refusals: dict[Refusal, tuple[int, int, str]]  # -> (HTTP status, code, msg)
    has_api_restrictions: bool  # GET /sapi/v1/account/apiRestrictions
    honours_omit_zero_balances: bool


_BINANCE_KEY_REFUSED = (401, -2015, "Invalid API-key, IP, or permissions for action.")

MEXC = Flavour(
    name="mexc",
    key_header="X-MEXC-APIKEY",
    refusals={
        Refusal.BAD_KEY_FORMAT: (400, 700001, "API-key format invalid."),
        Refusal.INVALID_KEY: (400, 10072, "Api key info invalid"),
        Refusal.BAD_SIGNATURE: (400, 700002, "Signature for this request is not valid."),
        Refusal.TIMESTAMP: (
            400,
            700003,
            "Timestamp for this request is outside of the recvWindow.",
        ),
        Refusal.RECV_WINDOW: (400, 700005, "recvWindow must less than 60000"),
        Refusal.IP_NOT_WHITELISTED: (400, 700006, "IP [127.0.0.1] not in the ip white list"),
        Refusal.NO_PERMISSION: (400, 700007, "No permission to access the endpoint."),
        Refusal.MISSING_PARAMETER: (
            400,
            700004,
            "Mandatory parameter was not sent, was empty/null, or malformed.",
        ),
        Refusal.RATE_LIMIT: (429, 429, "Too many requests."),
        Refusal.BANNED: (418, 418, "IP banned for sending too many requests."),
    },
    has_api_restrictions=False,
    honours_omit_zero_balances=False,
)

BINANCE = Flavour(
    name="binance",
    key_header="X-MBX-APIKEY",
    refusals={
        Refusal.BAD_KEY_FORMAT: (401, -2014, "API-key format invalid."),
        Refusal.INVALID_KEY: _BINANCE_KEY_REFUSED,
        Refusal.BAD_SIGNATURE: (400, -1022, "Signature for this request is not valid."),
        Refusal.TIMESTAMP: (400, -1021, "Timestamp for this request is outside of the recvWindow."),
        Refusal.RECV_WINDOW: (400, -1131, "recvWindow must be less than 60000"),
        Refusal.IP_NOT_WHITELISTED: _BINANCE_KEY_REFUSED,
        Refusal.NO_PERMISSION: _BINANCE_KEY_REFUSED,
        Refusal.MISSING_PARAMETER: (
            400,
            -1102,
            "Mandatory parameter was not sent, was empty/null, or malformed.",
        ),
        Refusal.RATE_LIMIT: (
            429,
            -1003,
            "Too much request weight used; current limit is 6000 request weight per 1 MINUTE.",
        ),
        Refusal.BANNED: (418, -1003, "Way too much request weight used; IP banned until later."),
    },
    has_api_restrictions=True,
    honours_omit_zero_balances=True,
)

# Binance US: Binance's codes on its own host, without /sapi; its docs list only recvWindow
# and timestamp for /api/v3/account, so omitZeroBalances is not honoured here either.
BINANCE_US = replace(
    BINANCE, name="binanceus", has_api_restrictions=False, honours_omit_zero_balances=False
)

FLAVOURS = {flavour.name: flavour for flavour in (MEXC, BINANCE, BINANCE_US)}
