"""Gate APIv4, as gate.com/docs/developers/apiv4 describes it, for tests.

Checks, every refusal HTTP 401 with ``{"label": ..., "message": ...}``: the ``KEY``,
``Timestamp`` and ``SIGN`` headers are there (MISSING_REQUIRED_HEADER); the key exists
(INVALID_KEY); ``Timestamp`` is Unix seconds within 60 s of the server's clock
(REQUEST_EXPIRED); ``SIGN`` is lowercase hex(HMAC-SHA512(secret, METHOD\\n/api/v4/path\\n
query\\nhex(SHA512(body))\\nTimestamp)) (INVALID_SIGNATURE); the IP allowed (IP_FORBIDDEN);
the key may read (FORBIDDEN). Rate limit: HTTP 429 TOO_MANY_REQUESTS with the
``X-Gate-RateLimit-*`` headers. Spot accounts are a bare array; ``account/detail`` says
the key's mode (1 classic, 2 unified), and a unified account's spot list is empty.

Simple Earn, ``earn/uni/lends`` ("List user's lending orders"): a bare array, one lending
per currency in the docs' ``UniLend`` shape (``amount`` the total, of which
``frozen_amount`` is being redeemed and the rest lent), optional ``currency``, paged by
``page`` (from 1) and ``limit`` (1 to 100, default 100; else INVALID_PARAM_VALUE, HTTP 400).
An account made with ``earn_refusal=True`` is answered FORBIDDEN there alone, as a key
without the Earn permission is. [gateio/gateapi-python docs/EarnUniApi.md, docs/UniLend.md]
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from decimal import Decimal
from typing import Any

from tests.exchange_server.faults import Fault
from tests.exchange_server.venue import Incoming, Reply, Venue, VenueAccount, VenueServer

SPOT_ACCOUNTS = "/api/v4/spot/accounts"
ACCOUNT_DETAIL = "/api/v4/account/detail"
UNIFIED_ACCOUNTS = "/api/v4/unified/accounts"
TICKERS = "/api/v4/spot/tickers"
TIME = "/api/v4/spot/time"
UNI_LENDS = "/api/v4/earn/uni/lends"
SIGNED = frozenset({SPOT_ACCOUNTS, ACCOUNT_DETAIL, UNIFIED_ACCOUNTS, UNI_LENDS})
LENDS_LIMIT = 100  # default and most
WINDOW_S = 60

PRICES: dict[str, str] = {
    "BTC_USDT": "65000.6",
    "ETH_USDT": "3000.7",
    "GT_USDT": "7.25",
    "USDC_USDT": "0.9997",
    "SOL_USDC": "150",
    "ETH_BTC": "0.046",
    "XYZ_BTC": "0.00004",
}

_MESSAGES: dict[str, str] = {
    "MISSING_REQUIRED_HEADER": "Missing required header: KEY, Timestamp or SIGN",
    "INVALID_KEY": "Invalid key provided",
    "REQUEST_EXPIRED": "gap between request Timestamp and server time exceeds 60",
    "INVALID_SIGNATURE": "Signature mismatch",
    "IP_FORBIDDEN": "Request IP not in whitelist: 127.0.0.1",
    "FORBIDDEN": "API key has no permission to read spot accounts",
    "EARN_FORBIDDEN": "API key has no permission to access earn",
}


class GateVenue(Venue):
    name = "GATE"

    def __init__(self, server: VenueServer[Any]) -> None:
        super().__init__(server)
        self.prices: dict[str, str] = dict(PRICES)

    def new_api_key(self) -> str:
        return secrets.token_hex(16)

    def default_options(self) -> dict[str, Any]:
        return {"mode": 1}

    def add_spot(
        self, spot: dict[str, object], earn: dict[str, object] | None = None, **flags: Any
    ) -> VenueAccount:
        """``spot``: currency -> available or (available, locked); ``earn`` (Simple Earn):
        currency -> amount or (amount, of it pending redemption)."""
        return self.add_account(wallets={"spot": spot, "earn": earn or {}}, **flags)

    # --- the protocol ---------------------------------------------------------------------

    def is_signed(self, path: str) -> bool:
        return path in SIGNED

    def serve(self, request: Incoming) -> Reply:
        if request.path == TIME:
            return Reply.json(200, {"server_time": self.server.now_ms()})
        if request.path == TICKERS:
            return Reply.json(200, [_ticker(pair, last) for pair, last in self.prices.items()])
        if request.path not in SIGNED:
            return _refused("NOT_FOUND", "Not Found", status=404)
        account = self._authenticate(request)
        if isinstance(account, str):
            return _refused(account)
        unified = account.options["mode"] == 2
        if request.path == ACCOUNT_DETAIL:
            return Reply.json(
                200,
                {
                    "user_id": 10001,
                    "ip_whitelist": [],
                    "currency_pairs": [],
                    "key": {"mode": account.options["mode"]},
                    "tier": 0,
                    "copy_trading_role": 0,
                },
            )
        if request.path == UNIFIED_ACCOUNTS:
            if not unified:
                return _refused("USER_NOT_FOUND", "unified account not enabled", status=400)
            return Reply.json(200, {"user_id": 10001, "balances": {}})
        if request.path == UNI_LENDS:
            return _lends(account, request)
        if unified:
            return Reply.json(200, [])
        wanted = request.params.get("currency")
        return Reply.json(
            200,
            [
                {"currency": currency, "available": available, "locked": locked, "update_id": 7}
                for currency, (available, locked) in account.wallet("spot").items()
                if wanted in (None, currency)
            ],
        )

    def fault_reply(self, fault: Fault, request: Incoming) -> Reply:
        if fault in (Fault.RATE_LIMIT, Fault.BANNED):
            headers = {
                "X-Gate-RateLimit-Requests-Remain": "0",
                "X-Gate-RateLimit-Limit": "200",
                "X-Gate-RateLimit-Reset-Timestamp": str(int(self.server.now()) + 1),
            }
            reply = _refused("TOO_MANY_REQUESTS", "Request Rate limit Exceeded", status=429)
            return Reply(reply.status, reply.body, headers=headers)
        return _refused(
            {
                Fault.BAD_SIGNATURE: "INVALID_SIGNATURE",
                Fault.CLOCK_SKEW: "REQUEST_EXPIRED",
                Fault.INVALID_KEY: "INVALID_KEY",
                Fault.IP_NOT_WHITELISTED: "IP_FORBIDDEN",
            }[fault]
        )

    # --- verification, as Gate does it ----------------------------------------------------

    def _authenticate(self, request: Incoming) -> VenueAccount | str:
        key, stamp, sign = (request.header(h) for h in ("KEY", "Timestamp", "SIGN"))
        if not key or not stamp or not sign:
            return "MISSING_REQUIRED_HEADER"
        account = self.account(key)
        if account is None:
            return "INVALID_KEY"
        if not stamp.isdigit() or abs(self.server.now() - int(stamp)) > WINDOW_S:
            return "REQUEST_EXPIRED"
        body_hash = hashlib.sha512(request.body).hexdigest()
        message = "\n".join((request.method, request.path, request.query, body_hash, stamp))
        expected = hmac.new(account.secret.encode(), message.encode(), hashlib.sha512).hexdigest()
        if not hmac.compare_digest(expected, sign):
            return "INVALID_SIGNATURE"
        if not account.ip_allowed:
            return "IP_FORBIDDEN"
        if not account.can_read:
            return "FORBIDDEN"
        return account


def _lends(account: VenueAccount, request: Incoming) -> Reply:
    if account.options.get("earn_refusal"):
        return _refused("FORBIDDEN", _MESSAGES["EARN_FORBIDDEN"])
    page_text = request.params.get("page", "1")
    limit_text = request.params.get("limit", str(LENDS_LIMIT))
    if not (page_text.isdigit() and limit_text.isdigit()):
        return _refused("INVALID_PARAM_VALUE", "invalid page or limit", status=400)
    page, limit = int(page_text), int(limit_text)
    if page < 1 or not 1 <= limit <= LENDS_LIMIT:
        return _refused("INVALID_PARAM_VALUE", "invalid page or limit", status=400)
    wanted = request.params.get("currency")
    rows = [
        {
            "currency": currency,
            "current_amount": total,
            "amount": total,
            "lent_amount": total if frozen == "0" else str(Decimal(total) - Decimal(frozen)),
            "frozen_amount": frozen,
            "min_rate": "0.00000001",
            "interest_status": "interest_reinvest",
            "reinvest_left_amount": "0",
            "create_time": 1673247054000,
            "update_time": 1673247054000,
        }
        for currency, (total, frozen) in account.wallet("earn").items()
        if wanted in (None, currency)
    ]
    return Reply.json(200, rows[(page - 1) * limit : page * limit])


def _ticker(pair: str, last: str) -> dict[str, str]:
    return {
        "currency_pair": pair,
        "last": last,
        "lowest_ask": last,
        "highest_bid": last,
        "change_percentage": "0.5",
        "base_volume": "1000",
        "quote_volume": "1000",
        "high_24h": last,
        "low_24h": last,
    }


def _refused(label: str, message: str | None = None, status: int = 401) -> Reply:
    return Reply.json(status, {"label": label, "message": message or _MESSAGES[label]})
