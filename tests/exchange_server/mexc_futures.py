"""MEXC's futures (contract) API, as its docs describe the account endpoint, for tests.

``GET /api/v1/private/account/assets`` with headers ``ApiKey``, ``Request-Time`` (ms) and
``Signature`` = hex(HMAC-SHA256(secret, accessKey + Request-Time + paramString)), where
paramString is the GET parameters sorted by name and joined with ``&`` ("" here); an
optional ``Recv-Window`` in seconds (default 10, at most 60). Every answer is HTTP 200:
``{"success": true, "code": 0, "data": [...]}`` with JSON numbers, or ``{"success": false,
"code": N, "message": ...}``: 401 unknown key, 602 bad signature, 406 IP not whitelisted,
513 Request-Time outside the window, 701 no read permission, 510 too frequent.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from decimal import Decimal
from typing import Any

from tests.exchange_server.faults import Fault
from tests.exchange_server.venue import Incoming, Reply, Venue, VenueServer

ASSETS = "/api/v1/private/account/assets"
PING = "/api/v1/contract/ping"

_REFUSALS = {
    Fault.INVALID_KEY: (401, "Not logged in or login has expired"),
    Fault.BAD_SIGNATURE: (602, "Signature verification failed!"),
    Fault.IP_NOT_WHITELISTED: (406, "The IP is not in the API whitelist"),
    Fault.CLOCK_SKEW: (513, "Invalid Request-Time"),
    Fault.RATE_LIMIT: (510, "Requests are too frequent"),
    Fault.BANNED: (510, "Requests are too frequent"),
}


class MexcFuturesVenue(Venue):
    name = "MEXC_FUTURES"
    key_prefix = "mx0v"

    def __init__(self, server: VenueServer[Any]) -> None:
        super().__init__(server)

    def is_signed(self, path: str) -> bool:
        return path == ASSETS

    def serve(self, request: Incoming) -> Reply:
        if request.path == PING:
            return Reply.json(200, {"success": True, "code": 0, "data": self.server.now_ms()})
        if request.path != ASSETS:
            return Reply.json(404, {"success": False, "code": 404, "message": "Not Found"})
        account = self.account(request.header("ApiKey"))
        if account is None:
            return _refusal(Fault.INVALID_KEY)
        try:
            sent = int(request.header("Request-Time") or "")
            window = int(request.header("Recv-Window") or "10")
        except ValueError:
            return _refusal(Fault.CLOCK_SKEW)
        if not 0 < window <= 60 or abs(self.server.now_ms() - sent) > window * 1000:
            return _refusal(Fault.CLOCK_SKEW)
        params = "&".join(f"{k}={v}" for k, v in sorted(request.params.items()))
        message = f"{account.api_key}{sent}{params}".encode()
        expected = hmac.new(account.secret.encode(), message, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, request.header("Signature") or ""):
            return _refusal(Fault.BAD_SIGNATURE)
        if not account.ip_allowed:
            return _refusal(Fault.IP_NOT_WHITELISTED)
        if not account.can_read:
            return Reply.json(200, {"success": False, "code": 701,
                                    "message": "Access denied: read permission needed"})
        rows = [_asset_row(currency, *spec) for currency, spec in
                account.options.get("futures", {}).items()]
        return Reply(200, _json_numbers({"success": True, "code": 0, "data": rows}))

    def fault_reply(self, fault: Fault, request: Incoming) -> Reply:
        return _refusal(fault)


def _asset_row(currency: str, available: str, frozen: str, margin: str,
               unrealized: str) -> dict[str, object]:
    cash = Decimal(available) + Decimal(frozen) + Decimal(margin)
    return {"currency": currency, "positionMargin": Decimal(margin),
            "availableBalance": Decimal(available), "cashBalance": cash,
            "frozenBalance": Decimal(frozen), "equity": cash + Decimal(unrealized),
            "unrealized": Decimal(unrealized), "bonus": 0, "availableCash": Decimal(available),
            "availableOpen": Decimal(available)}


def _json_numbers(payload: object) -> bytes:
    """JSON with every Decimal written as a bare number, exactly (MEXC futures sends numbers)."""
    marked = json.dumps(payload, default=lambda value: f"{_MARK}{value}{_MARK}")
    return re.sub(f'"{_MARK}(.*?){_MARK}"', r"\1", marked).encode()


_MARK = "@@number@@"


def _refusal(fault: Fault) -> Reply:
    code, message = _REFUSALS[fault]
    return Reply.json(200, {"success": False, "code": code, "message": message})
