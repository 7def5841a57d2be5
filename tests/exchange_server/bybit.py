"""Bybit v5, as bybit-exchange.github.io/docs/v5 documents it, for tests.

Checks, each refusal an HTTP 200 envelope ``{"retCode": N, "retMsg": ..., "result": {},
"retExtInfo": {}, "time": ms}`` as Bybit answers: ``X-BAPI-API-KEY`` names a key (10003);
``X-BAPI-TIMESTAMP`` satisfies server - recv_window <= timestamp < server + 1000, with
``X-BAPI-RECV-WINDOW`` defaulting to 5000 (10002); ``X-BAPI-SIGN`` is hex(HMAC-SHA256(secret,
timestamp + key + recv_window + query string as sent)) (10004 "error sign!"); the IP is
bound (10010); the key may read (10005). A unified (UTA) key answers ``accountType=SPOT``
with 10001 and a classic key answers ``UNIFIED`` with 10001. Rate limit: retCode 10006 with
the ``X-Bapi-Limit-*`` headers; an IP ban is HTTP 403. Wallets: "UNIFIED" or "SPOT" (by the
key's ``account_type`` option) and "FUND".

Earn (``/v5/earn/position``, docs/v5/earn/position): ``category`` FlexibleSaving or OnChain
(required), optional ``coin`` and ``productId`` filters, no paging; positions from the key's
``earn`` option. A key without the Earn permission (``earn_permission=False``) is answered
10005; an account Earn is not offered to (``earn_offered=False``: a regional site) 180004.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
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

WALLET_BALANCE = "/v5/account/wallet-balance"
FUND_BALANCE = "/v5/asset/transfer/query-account-coins-balance"
QUERY_API = "/v5/user/query-api"
TICKERS = "/v5/market/tickers"
INSTRUMENTS = "/v5/market/instruments-info"
TIME = "/v5/market/time"
EARN_POSITION = "/v5/earn/position"
SIGNED = frozenset({WALLET_BALANCE, FUND_BALANCE, QUERY_API, EARN_POSITION})
EARN_CATEGORIES = ("FlexibleSaving", "OnChain")
DEFAULT_RECV_WINDOW = 5000

# symbol -> (base, quote, last price)
MARKET: dict[str, tuple[str, str, str]] = {
    "BTCUSDT": ("BTC", "USDT", "65000.5"),
    "ETHUSDT": ("ETH", "USDT", "3000.25"),
    "USDCUSDT": ("USDC", "USDT", "0.9999"),
    "MNTUSDT": ("MNT", "USDT", "0.85"),
    "SOLUSDC": ("SOL", "USDC", "150"),
    "ETHBTC": ("ETH", "BTC", "0.046"),
    "XYZBTC": ("XYZ", "BTC", "0.00001"),
}

_MESSAGES: dict[int, str] = {
    10001: "accountType only support UNIFIED.",
    10003: "API key is invalid.",
    10005: "Permission denied, please check your API key permissions.",
    10006: "Too many visits. Exceeded the API Rate Limit.",
    10010: "Unmatched IP, please check your API key's bound IP addresses.",
    180001: "Invalid parameter",
    180004: "Site not allowed. Only users from Bybit global site can access",
}

# An Earn position: (coin, amount) or (coin, amount, productId).
Position = tuple[str, ...]


class BybitVenue(Venue):
    name = "BYBIT"

    def __init__(self, server: VenueServer[Any]) -> None:
        super().__init__(server)
        self.market: dict[str, tuple[str, str, str]] = dict(MARKET)

    def new_api_key(self) -> str:
        return secrets.token_hex(9).upper()  # 18 letters and digits, as Bybit's keys

    def new_secret(self) -> str:
        return secrets.token_hex(18).upper()  # 36, likewise

    def default_options(self) -> dict[str, Any]:
        return {"account_type": "UNIFIED", "earn": {}, "earn_permission": True,
                "earn_offered": True}

    def add_wallets(
        self,
        *,
        trading: dict[str, object] | None = None,
        fund: dict[str, object] | None = None,
        earn: Mapping[str, Sequence[Position]] | None = None,
        unified: bool = True,
        **flags: Any,
    ) -> VenueAccount:
        """A unified (UNIFIED) or classic (SPOT) trading wallet, plus the FUND wallet, plus
        Earn positions by category (``{"FlexibleSaving": [("BTC", "0.5")]}``)."""
        account_type = "UNIFIED" if unified else "SPOT"
        wallets = {account_type: trading or {}, "FUND": fund or {}}
        return self.add_account(wallets=wallets, account_type=account_type,
                                earn=dict(earn or {}), **flags)

    # --- the protocol ---------------------------------------------------------------------

    def is_signed(self, path: str) -> bool:
        return path in SIGNED

    def serve(self, request: Incoming) -> Reply:
        if request.path == TIME:
            now_ns = int(self.server.now() * 1e9)
            return self._ok({"timeSecond": str(now_ns // 10**9), "timeNano": str(now_ns)})
        if request.path == TICKERS:
            if request.params.get("category") != "spot":
                return self._code(10001, "Illegal category")
            return self._ok({"category": "spot", "list": self._tickers()})
        if request.path == INSTRUMENTS:
            if request.params.get("category") != "spot":
                return self._code(10001, "Illegal category")
            return self._ok({"category": "spot", "list": self._instruments(), "nextPageCursor": ""})
        if request.path not in SIGNED:
            return Reply.text_plain(404, "404 page not found")
        refusal = self._authenticate(request)
        if isinstance(refusal, Reply):
            return refusal
        return self._private(request, refusal)

    def fault_reply(self, fault: Fault, request: Incoming) -> Reply:
        if fault is Fault.BANNED:
            return Reply.text_plain(403, "403 Forbidden: access too frequent")
        if fault is Fault.RATE_LIMIT:
            reset = str(self.server.now_ms() + 1000)
            limits = {
                "X-Bapi-Limit": "50",
                "X-Bapi-Limit-Status": "0",
                "X-Bapi-Limit-Reset-Timestamp": reset,
            }
            return self._code(10006, _MESSAGES[10006], headers=limits)
        if fault is Fault.BAD_SIGNATURE:
            return self._code(10004, "error sign! origin_string[]")
        if fault is Fault.CLOCK_SKEW:
            return self._timestamp_refusal(0, 5000)
        if fault is Fault.INVALID_KEY:
            return self._code(10003, _MESSAGES[10003])
        return self._code(10010, _MESSAGES[10010])

    # --- verification, as Bybit does it ---------------------------------------------------

    def _authenticate(self, request: Incoming) -> VenueAccount | Reply:
        account = self.account(request.header("X-BAPI-API-KEY"))
        if account is None:
            return self._code(10003, _MESSAGES[10003])
        stamp_text = request.header("X-BAPI-TIMESTAMP") or ""
        window_text = request.header("X-BAPI-RECV-WINDOW") or str(DEFAULT_RECV_WINDOW)
        if not (stamp_text.isdigit() and window_text.isdigit()):
            return self._code(10001, "invalid timestamp or recv_window")
        stamp, window = int(stamp_text), int(window_text)
        server = self.server.now_ms()
        if not server - window <= stamp < server + 1000:
            return self._timestamp_refusal(stamp, window)
        payload = request.query if request.method == "GET" else request.body.decode()
        origin = f"{stamp}{account.api_key}{window}{payload}"
        expected = hmac.new(account.secret.encode(), origin.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, (request.header("X-BAPI-SIGN") or "").lower()):
            return self._code(10004, f"error sign! origin_string[{origin}]")
        if not account.ip_allowed:
            return self._code(10010, _MESSAGES[10010])
        if not account.can_read:
            return self._code(10005, _MESSAGES[10005])
        return account

    def _timestamp_refusal(self, stamp: int, window: int) -> Reply:
        message = (
            "invalid request, please check your server timestamp or recv_window param. "
            f"req_timestamp[{stamp}],server_timestamp[{self.server.now_ms()}],"
            f"recv_window[{window}]"
        )
        return self._code(10002, message)

    # --- endpoints ------------------------------------------------------------------------

    def _private(self, request: Incoming, account: VenueAccount) -> Reply:
        params = request.params
        kind = account.options["account_type"]
        if request.path == WALLET_BALANCE:
            wanted = params.get("accountType")
            if wanted not in ("UNIFIED", "SPOT", "CONTRACT"):
                return self._code(10001, "Illegal accountType")
            if wanted != kind:
                other = (
                    "accountType only support UNIFIED."
                    if kind == "UNIFIED"
                    else ("accountType only support SPOT/CONTRACT.")
                )
                return self._code(10001, other)
            return self._ok({"list": [self._wallet(account, kind)]})
        if request.path == FUND_BALANCE:
            if params.get("accountType") != "FUND":
                return self._code(10001, "coin is required")
            rows = [
                {
                    "coin": coin,
                    "walletBalance": add_text(free, locked),
                    "transferBalance": free,
                    "bonus": "0",
                }
                for coin, (free, locked) in account.wallet("FUND").items()
            ]
            return self._ok({"memberId": "592324", "accountType": "FUND", "balance": rows})
        if request.path == EARN_POSITION:
            return self._earn_positions(params, account)
        return self._ok(self._key_info(account))

    def _earn_positions(self, params: dict[str, str], account: VenueAccount) -> Reply:
        if not account.options["earn_permission"]:
            return self._code(10005, _MESSAGES[10005])
        if not account.options["earn_offered"]:
            return self._code(180004, _MESSAGES[180004])
        category = params.get("category")
        if category not in EARN_CATEGORIES:
            return self._code(180001, _MESSAGES[180001])
        rows = []
        positions = account.options["earn"].get(category, [])
        for index, (coin, staked, *product) in enumerate(positions):
            product_id = product[0] if product else str(index + 1)
            wanted = (params.get("coin", coin), params.get("productId", product_id))
            if wanted == (coin, product_id):
                rows.append(_position(category, index, coin, staked, product_id))
        return self._ok({"list": rows})

    def _wallet(self, account: VenueAccount, kind: str) -> dict[str, object]:
        coins: list[dict[str, object]] = []
        for coin, (free, locked) in account.wallet(kind).items():
            if is_zero(free, locked):
                continue  # without ?coin= Bybit lists only non-zero coins
            total = add_text(free, locked)
            if kind == "UNIFIED":
                coins.append(
                    {
                        "coin": coin,
                        "equity": total,
                        "walletBalance": total,
                        "locked": locked,
                        "totalOrderIM": "0",
                        "totalPositionIM": "0",
                        "totalPositionMM": "0",
                        "spotBorrow": "0",
                        "borrowAmount": "0",
                        "availableToWithdraw": "",  # deprecated for UTA: always ""
                        "availableToBorrow": "",
                        "usdValue": "0",
                        "unrealisedPnl": "0",
                        "cumRealisedPnl": "0",
                        "bonus": "0",
                        "marginCollateral": True,
                        "collateralSwitch": True,
                    }
                )
            else:
                coins.append({"coin": coin, "walletBalance": total, "free": free, "locked": locked})
        return {"accountType": kind, "totalEquity": "0", "coin": coins}

    def _key_info(self, account: VenueAccount) -> dict[str, object]:
        read_only = not (account.can_trade or account.can_withdraw)
        return {
            "id": "13770661",
            "note": "walletdesk",
            "apiKey": account.api_key,
            "readOnly": 1 if read_only else 0,
            "secret": "",
            "permissions": {
                "ContractTrade": ["Order", "Position"] if account.can_trade else [],
                "Spot": ["SpotTrade"] if account.can_trade else [],
                "Wallet": ["AccountTransfer", "Withdraw"] if account.can_withdraw else [],
                "Options": [],
                "Derivatives": [],
                "CopyTrading": [],
                "BlockTrade": [],
                "Exchange": [],
                "NFT": [],
                "Affiliate": [],
                "Earn": ["Earn"] if account.options["earn_permission"] else [],
            },
            "ips": ["*"],
            "type": 1,
            "deadlineDay": 83,
            "expiredAt": "2026-12-31T00:00:00Z",
            "createdAt": "2025-01-01T00:00:00Z",
            "unified": 1 if account.options["account_type"] == "UNIFIED" else 0,
            "uta": 1 if account.options["account_type"] == "UNIFIED" else 0,
            "userID": 592324,
            "inviterID": 0,
            "vipLevel": "No VIP",
            "mktMakerLevel": "0",
            "affiliateID": 0,
            "rsaPublicKey": "",
            "isMaster": True,
        }

    def _tickers(self) -> list[dict[str, str]]:
        return [
            {
                "symbol": symbol,
                "lastPrice": last,
                "bid1Price": last,
                "ask1Price": last,
                "prevPrice24h": last,
                "volume24h": "1000",
                "turnover24h": "1000",
            }
            for symbol, (_base, _quote, last) in self.market.items()
        ]

    def _instruments(self) -> list[dict[str, str]]:
        return [
            {"symbol": symbol, "baseCoin": base, "quoteCoin": quote, "status": "Trading"}
            for symbol, (base, quote, _last) in self.market.items()
        ]

    def _ok(self, result: object) -> Reply:
        return self._envelope(0, "OK", result)

    def _code(self, code: int, message: str, headers: dict[str, str] | None = None) -> Reply:
        return self._envelope(code, message, {}, headers)

    def _envelope(
        self, code: int, message: str, result: object, headers: dict[str, str] | None = None
    ) -> Reply:
        payload = {
            "retCode": code,
            "retMsg": message,
            "result": result,
            "retExtInfo": {},
            "time": self.server.now_ms(),
        }
        return Reply.json(200, payload, headers)


def _position(
    category: str, index: int, coin: str, staked: str, product_id: str
) -> dict[str, object]:
    """One position as the docs' example shows it: On-chain fields empty for Flexible
    Savings, claimableYield empty for On-chain."""
    onchain = category == "OnChain"
    return {
        "coin": coin,
        "productId": product_id,
        "amount": staked,
        "totalPnl": "0.000027397260273973" if onchain else "",
        "claimableYield": "" if onchain else "0.0001",
        "id": str(326 + index) if onchain else "",
        "status": "Active" if onchain else "",
        "orderId": f"1a5a8945-e042-4dd5-a93f-{index:012d}" if onchain else "",
        "estimateRedeemTime": "",
        "estimateStakeTime": "",
        "estimateInterestCalculationTime": "1744243200000" if onchain else "",
        "settlementTime": "",
        "autoReinvest": "Disable",
        "availableAmount": staked,
        "freezeDetails": [],
    }
