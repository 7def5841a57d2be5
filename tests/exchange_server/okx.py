"""OKX API v5, as okx.com/docs-v5 documents it, for tests.

Checks, each refusal HTTP 401 with ``{"code": "<str>", "msg": ..., "data": []}`` unless
said: the four headers are present (50103 key, 50104 passphrase, 50106 sign, 50107
timestamp); the key exists (50111); the timestamp is ISO 8601 UTC with milliseconds (else
50112) and within 30 s of the server's clock (else 50102 "Timestamp request expired"); the
passphrase is the key's (50105); ``OK-ACCESS-SIGN`` is base64(HMAC-SHA256(secret, timestamp
+ METHOD + requestPath?query + body)) (50113); the IP is allowed (50110); a demo header on
a live key (50101); the key may read (50120, with HTTP 200 as the error-code table gives
it). Rate limit 429 with code 50011.

Wallets: "trading" (account/balance, non-zero rows only), "funding" (asset/balances) and
"earn" (finance/savings/balance, Simple Earn flexible: one row per currency, not paged,
optionally one ``ccy``; a holding's (free, locked) pair is its (loanAmt, pendingAmt), and
``amt`` their sum, as in the docs' example); On-chain Earn orders (finance/staking-defi/
orders-active, not paged, optionally one ``ccy``: ``onchain=[("DOT", "2"), ...]``, one
earning order each, with an estimated earning beside its investment). An account made
with ``earn_refusal="50120"`` or ``onchain_refusal=...`` (or 50030, 50051, 51734, 51735) is
refused that product alone, with HTTP 200 as the error-code table gives those codes.
[okx.com/docs-v5/en/#financial-product-simple-earn-flexible-get-saving-balance,
#financial-product-on-chain-earn-get-active-orders, #error-code-rest-api]
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import uuid
from datetime import UTC, datetime
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

TRADING_BALANCE = "/api/v5/account/balance"
FUNDING_BALANCE = "/api/v5/asset/balances"
ACCOUNT_CONFIG = "/api/v5/account/config"
SAVINGS_BALANCE = "/api/v5/finance/savings/balance"
ONCHAIN_ORDERS = "/api/v5/finance/staking-defi/orders-active"
TICKERS = "/api/v5/market/tickers"
TIME = "/api/v5/public/time"
SIGNED = frozenset(
    {TRADING_BALANCE, FUNDING_BALANCE, ACCOUNT_CONFIG, SAVINGS_BALANCE, ONCHAIN_ORDERS}
)
WINDOW_S = 30.0
_ISO_MS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")

PRICES: dict[str, str] = {
    "BTC-USDT": "65000.1",
    "ETH-USDT": "3000",
    "OKB-USDT": "48.5",
    "USDC-USDT": "0.9998",
    "SOL-USDC": "150",
    "ETH-BTC": "0.046",
    "RARE-BTC": "0.0000025",
}

_REFUSALS: dict[str, str] = {
    "50101": "APIKey does not match current environment.",
    "50102": "Timestamp request expired.",
    "50103": "Request header OK-ACCESS-KEY cannot be empty.",
    "50104": "Request header OK-ACCESS-PASSPHRASE cannot be empty.",
    "50105": "Request header OK-ACCESS-PASSPHRASE incorrect.",
    "50106": "Request header OK-ACCESS-SIGN cannot be empty.",
    "50107": "Request header OK-ACCESS-TIMESTAMP cannot be empty.",
    "50110": "Your IP 127.0.0.1 is not included in your API key's IP whitelist.",
    "50111": "Invalid OK-ACCESS-KEY.",
    "50112": "Invalid OK-ACCESS-TIMESTAMP.",
    "50113": "Invalid Sign.",
}
# Refusals that come with HTTP 200 (the error-code table's "HTTP Status Code" column).
_WITH_200: dict[str, str] = {
    "50030": "You don't have permission to use this API endpoint",
    "50051": "Due to compliance restrictions in your country or region, you cannot use this "
    "feature.",
    "50120": "This API key doesn't have permission to use this function",
    "51734": "User KYC Country is not supported",
    "51735": "Sub-account is not supported",
}


class OkxVenue(Venue):
    name = "OKX"

    def __init__(self, server: VenueServer[Any]) -> None:
        super().__init__(server)
        self.prices: dict[str, str] = dict(PRICES)

    def new_api_key(self) -> str:
        return str(uuid.uuid4())

    def new_secret(self) -> str:
        return secrets.token_hex(16).upper()

    def add_wallets(
        self,
        passphrase: str,
        *,
        trading: dict[str, object] | None = None,
        funding: dict[str, object] | None = None,
        earn: dict[str, object] | None = None,
        onchain: list[tuple[str, str]] | None = None,
        **flags: Any,
    ) -> VenueAccount:
        wallets = {"trading": trading or {}, "funding": funding or {}, "earn": earn or {}}
        return self.add_account(passphrase=passphrase, wallets=wallets,
                                onchain_orders=list(onchain or ()), **flags)

    # --- the protocol ---------------------------------------------------------------------

    def is_signed(self, path: str) -> bool:
        return path in SIGNED

    def serve(self, request: Incoming) -> Reply:
        if request.method != "GET":
            return _code(405, "50000", "Method not allowed.")
        if request.path == TIME:
            return _data([{"ts": str(self.server.now_ms())}])
        if request.path == TICKERS:
            if request.params.get("instType") != "SPOT":
                return _code(400, "51000", "Parameter instType error")
            return _data([_ticker(inst, last) for inst, last in self.prices.items()])
        if request.path not in SIGNED:
            return _code(404, "50001", "Not Found")
        refusal = self._authenticate(request)
        if isinstance(refusal, str):
            return _refused(refusal)
        return self._private(request.path, refusal, request.params)

    def fault_reply(self, fault: Fault, request: Incoming) -> Reply:
        if fault in (Fault.RATE_LIMIT, Fault.BANNED):
            return _code(429, "50011", "Too Many Requests")
        return _refused(
            {
                Fault.BAD_SIGNATURE: "50113",
                Fault.CLOCK_SKEW: "50102",
                Fault.INVALID_KEY: "50111",
                Fault.IP_NOT_WHITELISTED: "50110",
            }[fault]
        )

    # --- verification, as OKX does it -----------------------------------------------------

    def _authenticate(self, request: Incoming) -> VenueAccount | str:
        key = request.header("OK-ACCESS-KEY")
        passphrase = request.header("OK-ACCESS-PASSPHRASE")
        sign = request.header("OK-ACCESS-SIGN")
        stamp = request.header("OK-ACCESS-TIMESTAMP")
        for code, value in (("50103", key), ("50104", passphrase), ("50106", sign)):
            if not value:
                return code
        if not stamp:
            return "50107"
        account = self.account(key)
        if account is None:
            return "50111"
        if request.header("x-simulated-trading") == "1":
            return "50101"
        if not _ISO_MS.fullmatch(stamp):
            return "50112"
        sent = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        if abs(self.server.now() - sent.timestamp()) > WINDOW_S:
            return "50102"
        if not hmac.compare_digest(passphrase or "", account.passphrase or ""):
            return "50105"
        target = f"{request.path}?{request.query}" if request.query else request.path
        message = f"{stamp}{request.method}{target}{request.body.decode()}"
        digest = hmac.new(account.secret.encode(), message.encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(base64.b64encode(digest).decode(), sign or ""):
            return "50113"
        if not account.ip_allowed:
            return "50110"
        if not account.can_read:
            return "50120"
        return account

    # --- endpoints ------------------------------------------------------------------------

    def _private(self, path: str, account: VenueAccount, params: dict[str, str]) -> Reply:
        now = str(self.server.now_ms())
        if path == SAVINGS_BALANCE:
            return _savings(account, params.get("ccy"))
        if path == ONCHAIN_ORDERS:
            return _onchain(account, params.get("ccy"))
        if path == TRADING_BALANCE:
            details = [
                {
                    "ccy": ccy,
                    "eq": add_text(free, frozen),
                    "cashBal": add_text(free, frozen),
                    "availBal": free,
                    "availEq": free,
                    "frozenBal": frozen,
                    "ordFrozen": frozen,
                    "uTime": now,
                }
                for ccy, (free, frozen) in account.wallet("trading").items()
                if not is_zero(free, frozen)
            ]
            return _data([{"uTime": now, "totalEq": "0", "details": details}])
        if path == FUNDING_BALANCE:
            return _data(
                [
                    {
                        "ccy": ccy,
                        "bal": add_text(free, frozen),
                        "availBal": free,
                        "frozenBal": frozen,
                    }
                    for ccy, (free, frozen) in account.wallet("funding").items()
                ]
            )
        powers = ["read_only"]
        powers += ["trade"] if account.can_trade else []
        powers += ["withdraw"] if account.can_withdraw else []
        return _data(
            [
                {
                    "uid": "44705892343619584",
                    "acctLv": "2",
                    "perm": ",".join(powers),
                    "label": "walletdesk",
                    "ip": "",
                }
            ]
        )


def _savings(account: VenueAccount, ccy: str | None) -> Reply:
    refusal = account.options.get("earn_refusal")
    if refusal is not None:
        return _refused(refusal)
    return _data(
        [
            {
                "ccy": name,
                "amt": add_text(lent, pending),
                "earnings": "0.0010737388791526",
                "rate": "0.0100000000000000",
                "loanAmt": lent,
                "pendingAmt": pending,
                "redemptAmt": "",
            }
            for name, (lent, pending) in account.wallet("earn").items()
            if ccy in (None, name)
        ]
    )


def _onchain(account: VenueAccount, ccy: str | None) -> Reply:
    refusal = account.options.get("onchain_refusal")
    if refusal is not None:
        return _refused(refusal)
    orders: list[tuple[str, str]] = account.options["onchain_orders"]
    return _data(
        [
            {
                "ordId": str(2413499 + number),
                "ccy": name,
                "productId": "101",
                "state": "1",
                "protocol": "Polkadot",
                "protocolType": "defi",
                "term": "0",
                "apy": "0.1014",
                "investData": [{"ccy": name, "amt": invested}],
                "earningData": [{"ccy": name, "earningType": "0", "earnings": "0.10615025"}],
                "purchasedTime": "1729839328000",
                "tag": "",
                "estSettlementTime": "",
                "cancelRedemptionDeadline": "",
                "fastRedemptionData": [],
            }
            for number, (name, invested) in enumerate(orders)
            if ccy in (None, name)
        ]
    )


def _ticker(inst_id: str, last: str) -> dict[str, str]:
    return {
        "instType": "SPOT",
        "instId": inst_id,
        "last": last,
        "askPx": last,
        "bidPx": last,
        "open24h": last,
        "vol24h": "1000",
        "ts": "1700000000000",
    }


def _data(data: list[dict[str, Any]]) -> Reply:
    return Reply.json(200, {"code": "0", "msg": "", "data": data})


def _code(status: int, code: str, msg: str) -> Reply:
    return Reply.json(status, {"code": code, "msg": msg, "data": []})


def _refused(code: str) -> Reply:
    if code in _WITH_200:
        return _code(200, code, _WITH_200[code])
    return _code(401, code, _REFUSALS[code])
