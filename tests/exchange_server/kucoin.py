"""KuCoin spot (classic account), as KuCoin's API docs describe it, for tests.

Checks, each refusal ``{"code": "4000xx", "msg": ...}``: the five headers are there (400001,
HTTP 400); ``KC-API-TIMESTAMP`` is within 5 s of the server's clock (400002, HTTP 400);
the key exists (400003); the passphrase matches as ``KC-API-KEY-VERSION`` says it is sent:
base64(HMAC-SHA256(secret, passphrase)) for "2" and "3", plain otherwise (400004) - so a
wrong *secret* on a v2/v3 key is refused as a wrong passphrase, as on KuCoin; ``KC-API-SIGN``
is base64(HMAC-SHA256(secret, timestamp + METHOD + path?query + body)) (400005); the IP is
allowed (400006); the key may read (400007). 400003-400007 come with HTTP 401. Rate limit:
429000 with HTTP 429 and ``gw-ratelimit-*`` headers. Success is the string "200000".
Wallets by KuCoin account type: ``main`` (Funding), ``trade``, ``trade_hf``, ``margin``.
Earn holdings (``/api/v1/earn/hold-assets``, option ``earn``: a list of (currency,
holdAmount) or (currency, holdAmount, redeemingAmount)) are paged as documented
(``currentPage`` from 1, ``pageSize`` 10 to 500, default 15; outside that 400100, HTTP 400,
unverified); option ``earn_refusal`` answers that code there instead (400007: the key may
not read Earn).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import secrets
import uuid
from typing import Any

from tests.exchange_server.faults import Fault
from tests.exchange_server.venue import (
    Incoming,
    Reply,
    Venue,
    VenueAccount,
    VenueServer,
    add_text,
)

ACCOUNTS = "/api/v1/accounts"
API_KEY_INFO = "/api/v1/user/api-key"
HF_OPENED = "/api/v1/hf/accounts/opened"
ALL_TICKERS = "/api/v1/market/allTickers"
TIMESTAMP = "/api/v1/timestamp"
HOLD_ASSETS = "/api/v1/earn/hold-assets"
SIGNED = frozenset({ACCOUNTS, API_KEY_INFO, HF_OPENED, HOLD_ASSETS})
PAGE_SIZES = range(10, 501)
WINDOW_MS = 5000
ACCOUNT_TYPES = ("main", "trade", "trade_hf", "margin", "isolated")

PRICES: dict[str, str] = {
    "BTC-USDT": "65000.3",
    "ETH-USDT": "3000.1",
    "KCS-USDT": "9.5",
    "USDC-USDT": "1.0002",
    "SOL-USDC": "150",
    "ETH-BTC": "0.046",
    "XYZ-BTC": "0.00002",
}

_REFUSALS: dict[str, tuple[int, str]] = {
    "400001": (
        400,
        "Please check the header of your request for KC-API-KEY, KC-API-SIGN, "
        "KC-API-TIMESTAMP, KC-API-PASSPHRASE",
    ),
    "400002": (400, "Invalid KC-API-TIMESTAMP"),
    "400003": (401, "KC-API-KEY not exists"),
    "400004": (401, "Invalid KC-API-PASSPHRASE"),
    "400005": (401, "Invalid KC-API-SIGN"),
    "400006": (401, "Invalid request ip, the current clientIp is:127.0.0.1"),
    "400007": (401, "Access Denied, Please check permissions of your API key"),
    "400100": (400, "Parameter Error"),
}


class KucoinVenue(Venue):
    name = "KUCOIN"

    def __init__(self, server: VenueServer[Any]) -> None:
        super().__init__(server)
        self.prices: dict[str, str] = dict(PRICES)

    def new_api_key(self) -> str:
        return secrets.token_hex(12)

    def new_secret(self) -> str:
        return str(uuid.uuid4())

    def default_options(self) -> dict[str, Any]:
        return {"key_version": "2"}

    def add_wallets(
        self, passphrase: str, wallets: dict[str, dict[str, object]], **flags: Any
    ) -> VenueAccount:
        """``wallets``: KuCoin account type -> currency -> available or (available, holds)."""
        return self.add_account(passphrase=passphrase, wallets=wallets, **flags)

    # --- the protocol ---------------------------------------------------------------------

    def is_signed(self, path: str) -> bool:
        return path in SIGNED

    def serve(self, request: Incoming) -> Reply:
        if request.path == TIMESTAMP:
            return _ok(self.server.now_ms())
        if request.path == ALL_TICKERS:
            tickers = [_ticker(symbol, last) for symbol, last in self.prices.items()]
            return _ok({"time": self.server.now_ms(), "ticker": tickers})
        if request.path not in SIGNED:
            return Reply.json(404, {"code": "404000", "msg": "Not Found"})
        account = self._authenticate(request)
        if isinstance(account, str):
            return _refused(account)
        if request.path == ACCOUNTS:
            return _ok(self._account_rows(account, request.params))
        if request.path == HOLD_ASSETS:
            refusal = account.options.get("earn_refusal")
            return _refused(refusal) if refusal else self._earn_page(account, request.params)
        if request.path == HF_OPENED:
            return _ok("trade_hf" in account.wallets)
        powers = ["General"]
        powers += ["Spot", "Margin"] if account.can_trade else []
        powers += ["Withdrawal"] if account.can_withdraw else []
        return _ok(
            {
                "remark": "walletdesk",
                "apiKey": account.api_key,
                "apiVersion": int(account.options["key_version"]),
                "permission": ",".join(powers),
                "ipWhitelist": "",
                "createdAt": 1700000000000,
                "uid": 165111215,
                "isMaster": True,
            }
        )

    def fault_reply(self, fault: Fault, request: Incoming) -> Reply:
        if fault in (Fault.RATE_LIMIT, Fault.BANNED):
            headers = {
                "gw-ratelimit-limit": "4000",
                "gw-ratelimit-remaining": "0",
                "gw-ratelimit-reset": "1000",
            }
            return Reply.json(429, {"code": "429000", "msg": "Too Many Requests"}, headers)
        return _refused(
            {
                Fault.BAD_SIGNATURE: "400005",
                Fault.CLOCK_SKEW: "400002",
                Fault.INVALID_KEY: "400003",
                Fault.IP_NOT_WHITELISTED: "400006",
            }[fault]
        )

    # --- verification, as KuCoin does it --------------------------------------------------

    def _authenticate(self, request: Incoming) -> VenueAccount | str:
        headers = [
            request.header(name)
            for name in ("KC-API-KEY", "KC-API-SIGN", "KC-API-TIMESTAMP", "KC-API-PASSPHRASE")
        ]
        if not all(headers):
            return "400001"
        key, sign, stamp, passphrase = (value or "" for value in headers)
        if not stamp.isdigit() or abs(self.server.now_ms() - int(stamp)) > WINDOW_MS:
            return "400002"
        account = self.account(key)
        if account is None:
            return "400003"
        secret = account.secret.encode()
        # Versions 2 and 3 send the passphrase signed with the secret, version 1 in plain; a
        # v2/v3 key whose passphrase comes plain (no or an old version header) is refused.
        signed = (request.header("KC-API-KEY-VERSION") or "1") in ("2", "3")
        if signed != (account.options["key_version"] in ("2", "3")):
            return "400004"
        expected_passphrase = account.passphrase or ""
        if signed:
            mac = hmac.new(secret, expected_passphrase.encode(), hashlib.sha256).digest()
            expected_passphrase = base64.b64encode(mac).decode()
        if not hmac.compare_digest(expected_passphrase, passphrase):
            return "400004"
        target = f"{request.path}?{request.query}" if request.query else request.path
        message = f"{stamp}{request.method}{target}{request.body.decode()}"
        expected = base64.b64encode(hmac.new(secret, message.encode(), hashlib.sha256).digest())
        if not hmac.compare_digest(expected.decode(), sign):
            return "400005"
        if not account.ip_allowed:
            return "400006"
        if not account.can_read:
            return "400007"
        return account

    # --- endpoints ------------------------------------------------------------------------

    def _account_rows(self, account: VenueAccount, params: dict[str, str]) -> list[object]:
        ids: dict[str, str] = account.options.setdefault("ids", {})
        rows: list[object] = []
        for kind in ACCOUNT_TYPES:
            if params.get("type") not in (None, kind):
                continue
            for currency, (available, holds) in account.wallet(kind).items():
                if params.get("currency") not in (None, currency):
                    continue
                rows.append(
                    {
                        "id": ids.setdefault(f"{kind}:{currency}", secrets.token_hex(12)),
                        "currency": currency,
                        "type": kind,
                        "balance": add_text(available, holds),
                        "available": available,
                        "holds": holds,
                    }
                )
        return rows

    def _earn_page(self, account: VenueAccount, params: dict[str, str]) -> Reply:
        page, size = params.get("currentPage", "1"), params.get("pageSize", "15")
        if not (page.isdigit() and int(page) >= 1 and size.isdigit()
                and int(size) in PAGE_SIZES):
            return _refused("400100")
        holdings = [
            _holding(index, *entry) for index, entry in enumerate(account.options.get("earn", []))
            if params.get("currency") in (None, entry[0])
        ]
        first = (int(page) - 1) * int(size)
        return _ok(
            {
                "totalNum": len(holdings),
                "totalPage": math.ceil(len(holdings) / int(size)),
                "currentPage": int(page),
                "pageSize": int(size),
                "items": holdings[first:first + int(size)],
            }
        )


def _holding(index: int, currency: str, hold: str, redeeming: str = "0") -> dict[str, object]:
    """An Earn holding as the docs' example shows one: what is being redeemed is still in
    ``holdAmount``."""
    return {
        "orderId": str(2767291 + index),
        "productId": str(2611 + index),
        "productCategory": "KCS_STAKING" if currency == "KCS" else "DEMAND",
        "productType": "DEMAND",
        "currency": currency,
        "incomeCurrency": currency,
        "returnRate": "0.03471727",
        "holdAmount": hold,
        "redeemedAmount": "0",
        "redeemingAmount": redeeming,
        "lockStartTime": 1701252000000,
        "lockEndTime": None,
        "purchaseTime": 1729257513000,
        "redeemPeriod": 3,
        "status": "REDEEMING" if redeeming != "0" else "LOCKED",
        "earlyRedeemSupported": 0,
    }


def _ticker(symbol: str, last: str) -> dict[str, str]:
    return {
        "symbol": symbol,
        "symbolName": symbol,
        "buy": last,
        "sell": last,
        "last": last,
        "vol": "1000",
        "volValue": "1000",
        "changeRate": "0.01",
    }


def _ok(data: object) -> Reply:
    return Reply.json(200, {"code": "200000", "data": data})


def _refused(code: str) -> Reply:
    status, msg = _REFUSALS[code]
    return Reply.json(status, {"code": code, "msg": msg})
