"""Bitget API v2 (classic account), as bitget.com/api-doc describes it, for tests.

Checks, every refusal HTTP 400 with ``{"code": "<str>", "msg": ..., "requestTime": ms,
"data": null}``: ``ACCESS-KEY`` present (40001) and known (40006); ``ACCESS-PASSPHRASE``
present (40011); ``ACCESS-TIMESTAMP`` a number (40005) within 30 s of the server's clock
(40008); ``ACCESS-SIGN`` present (40002) and equal to base64(HMAC-SHA256(secret, timestamp
+ METHOD + path + "?" + query as sent + body)) (40009); the plain passphrase the key's
(40012 "apikey/password is incorrect"); the IP allowed (40018); the key may read (40014).
A unified-account key gets 40085 from the classic v2 endpoints. Rate limit: HTTP 429 with
code "429". Success is the string "00000". Wallets: "spot" (``hold_only`` omits zero rows)
and "earn" (earn/account/assets, the Earn account: one ``{coin, amount}`` row per coin, not
paged, optionally one ``coin``; a holding's (free, locked) pair is summed into ``amount``).
An account made with ``earn_refused=True`` is refused Earn alone with 40014, as Bitget
answers any permission the key lacks. [bitget.com/api-doc/earn/account/Earn-Assets]
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import Any

from tests.exchange_server.faults import Fault
from tests.exchange_server.venue import (
    Incoming,
    Reply,
    Venue,
    VenueAccount,
    VenueServer,
    add_text,
    is_zero,
)

ASSETS = "/api/v2/spot/account/assets"
ACCOUNT_INFO = "/api/v2/spot/account/info"
TICKERS = "/api/v2/spot/market/tickers"
SYMBOLS = "/api/v2/spot/public/symbols"
TIME = "/api/v2/public/time"
EARN_ASSETS = "/api/v2/earn/account/assets"
SIGNED = frozenset({ASSETS, ACCOUNT_INFO, EARN_ASSETS})
WINDOW_MS = 30_000

# symbol -> (base, quote, last price)
MARKET: dict[str, tuple[str, str, str]] = {
    "BTCUSDT": ("BTC", "USDT", "65000.2"),
    "ETHUSDT": ("ETH", "USDT", "3000.4"),
    "BGBUSDT": ("BGB", "USDT", "1.25"),
    "USDCUSDT": ("USDC", "USDT", "1.0001"),
    "SOLUSDC": ("SOL", "USDC", "150"),
    "ETHBTC": ("ETH", "BTC", "0.046"),
    "XYZBTC": ("XYZ", "BTC", "0.00003"),
}

# 40014 names the permission missing; which one for Earn is not documented (unverified).
_EARN_REFUSED = "Incorrect permissions, need earn read permissions"

_MESSAGES: dict[str, str] = {
    "40001": "ACCESS_KEY cannot be empty",
    "40002": "ACCESS_SIGN cannot be empty",
    "40005": "Invalid ACCESS_TIMESTAMP",
    "40006": "Invalid ACCESS_KEY",
    "40008": "Request timestamp expired",
    "40009": "sign signature error",
    "40011": "ACCESS_PASSPHRASE cannot be empty",
    "40012": "apikey/password is incorrect",
    "40014": "Incorrect permissions, need read permissions",
    "40018": "Invalid IP",
    "40085": "You are in Unified Account mode, and the Classic Account API is not supported",
}


class BitgetVenue(Venue):
    name = "BITGET"

    def __init__(self, server: VenueServer[Any]) -> None:
        super().__init__(server)
        self.market: dict[str, tuple[str, str, str]] = dict(MARKET)

    def new_api_key(self) -> str:
        return f"bg_{secrets.token_hex(16)}"

    def default_options(self) -> dict[str, Any]:
        return {"unified": False, "earn_refused": False}

    def add_spot(
        self,
        passphrase: str,
        spot: dict[str, object],
        earn: dict[str, object] | None = None,
        **flags: Any,
    ) -> VenueAccount:
        """``spot`` and ``earn``: coin -> available or (available, frozen)."""
        wallets = {"spot": spot, "earn": earn or {}}
        return self.add_account(passphrase=passphrase, wallets=wallets, **flags)

    # --- the protocol ---------------------------------------------------------------------

    def is_signed(self, path: str) -> bool:
        return path in SIGNED

    def serve(self, request: Incoming) -> Reply:
        if request.path == TIME:
            return self._ok({"serverTime": str(self.server.now_ms())})
        if request.path == TICKERS:
            return self._ok(
                [_ticker(symbol, last) for symbol, (_b, _q, last) in self.market.items()]
            )
        if request.path == SYMBOLS:
            return self._ok(
                [
                    {"symbol": symbol, "baseCoin": base, "quoteCoin": quote, "status": "online"}
                    for symbol, (base, quote, _last) in self.market.items()
                ]
            )
        if request.path not in SIGNED:
            return self._refused("40404", "Request URL NOT FOUND", status=404)
        account = self._authenticate(request)
        if isinstance(account, str):
            return self._refused(account)
        if account.options["unified"]:
            return self._refused("40085")
        if request.path == ASSETS:
            return self._ok(self._assets(account, request.params))
        if request.path == EARN_ASSETS:
            if account.options["earn_refused"]:
                return self._refused("40014", _EARN_REFUSED)
            return self._ok(self._earn(account, request.params.get("coin")))
        powers = ["readonly"]
        powers += ["trade"] if account.can_trade else []
        powers += ["transfer", "withdraw"] if account.can_withdraw else []
        return self._ok(
            {
                "userId": "6512345678",
                "inviterId": "0",
                "ips": "",
                "authorities": powers,
                "parentId": 0,
                "traderType": "",
                "channelCode": "",
                "channel": "",
                "regisTime": "1700000000000",
            }
        )

    def fault_reply(self, fault: Fault, request: Incoming) -> Reply:
        if fault in (Fault.RATE_LIMIT, Fault.BANNED):
            return self._refused("429", "Too Many Requests", status=429)
        return self._refused(
            {
                Fault.BAD_SIGNATURE: "40009",
                Fault.CLOCK_SKEW: "40008",
                Fault.INVALID_KEY: "40006",
                Fault.IP_NOT_WHITELISTED: "40018",
            }[fault]
        )

    # --- verification, as Bitget does it --------------------------------------------------

    def _authenticate(self, request: Incoming) -> VenueAccount | str:
        key = request.header("ACCESS-KEY")
        if not key:
            return "40001"
        account = self.account(key)
        if account is None:
            return "40006"
        passphrase = request.header("ACCESS-PASSPHRASE")
        if not passphrase:
            return "40011"
        stamp = request.header("ACCESS-TIMESTAMP") or ""
        if not stamp.isdigit():
            return "40005"
        if abs(self.server.now_ms() - int(stamp)) > WINDOW_MS:
            return "40008"
        sign = request.header("ACCESS-SIGN")
        if not sign:
            return "40002"
        target = f"{request.path}?{request.query}" if request.query else request.path
        message = f"{stamp}{request.method}{target}{request.body.decode()}"
        digest = hmac.new(account.secret.encode(), message.encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(base64.b64encode(digest).decode(), sign):
            return "40009"
        if not hmac.compare_digest(passphrase, account.passphrase or ""):
            return "40012"
        if not account.ip_allowed:
            return "40018"
        if not account.can_read:
            return "40014"
        return account

    # --- endpoints ------------------------------------------------------------------------

    def _assets(self, account: VenueAccount, params: dict[str, str]) -> list[dict[str, str]]:
        hold_only = params.get("assetType", "hold_only") == "hold_only"
        rows = []
        for coin, (available, frozen) in account.wallet("spot").items():
            if params.get("coin") not in (None, coin):
                continue
            if hold_only and is_zero(available, frozen):
                continue
            rows.append(
                {
                    "coin": coin,
                    "available": available,
                    "frozen": frozen,
                    "locked": "0",
                    "limitAvailable": "0",
                    "uTime": str(self.server.now_ms()),
                }
            )
        return rows

    def _earn(self, account: VenueAccount, coin: str | None) -> list[dict[str, str]]:
        return [
            {"coin": name, "amount": add_text(*held)}
            for name, held in account.wallet("earn").items()
            if coin in (None, name)
        ]

    def _ok(self, data: object) -> Reply:
        payload = {"code": "00000", "msg": "success", "requestTime": self.server.now_ms()}
        return Reply.json(200, {**payload, "data": data})

    def _refused(self, code: str, msg: str | None = None, status: int = 400) -> Reply:
        payload = {
            "code": code,
            "msg": msg or _MESSAGES[code],
            "requestTime": self.server.now_ms(),
            "data": None,
        }
        return Reply.json(status, payload)


def _ticker(symbol: str, last: str) -> dict[str, str]:
    return {
        "symbol": symbol,
        "lastPr": last,
        "bidPr": last,
        "askPr": last,
        "open": last,
        "high24h": last,
        "low24h": last,
        "baseVolume": "1000",
        "quoteVolume": "1000",
        "ts": "1700000000000",
    }
