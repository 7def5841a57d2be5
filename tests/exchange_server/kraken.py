"""Kraken Spot REST, as docs.kraken.com documents it, for tests.

Checks, in Kraken's order: the ``API-Key`` names a key (else ``EAPI:Invalid key``); the
body is form-encoded with a ``nonce`` (else ``EAPI:Invalid arguments``/``EAPI:Invalid
nonce``); ``API-Sign`` is base64(HMAC-SHA512(base64decode(secret), path + SHA256(nonce +
body))) over the exact body bytes (else ``EAPI:Invalid signature``); the nonce is greater
than every nonce this key used before (else ``EAPI:Invalid nonce``; no time window); the
key may query funds (else ``EGeneral:Permission denied``); the key's call counter (+1 per
call, max 15, decaying 0.33/s as for a Starter account) is not full (else
``EAPI:Rate limit exceeded``). Errors come as ``{"error": [...], "result": {}}`` with
HTTP 200, as Kraken sends them. Public: Time, Assets, AssetPairs, Ticker (all pairs, or
``pair=`` by key or altname, answered under the pair's key).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import formatdate
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

PRIVATE = "/0/private/"
COUNTER_MAX = 15.0
COUNTER_DECAY_PER_S = 0.33


@dataclass(frozen=True)
class KrakenPair:
    key: str  # XXBTZUSD
    altname: str  # XBTUSD
    wsname: str  # XBT/USD
    base: str  # XXBT
    quote: str  # ZUSD
    last: str


# A realistic slice of Kraken's asset ids and pairs: legacy X/Z ids, new plain ids, and the
# irregular pair keys (XXBTZUSD but XBTUSDT, XDGUSD with base XXDG, USDTZUSD).
ASSETS: dict[str, str] = {
    "XXBT": "XBT",
    "XETH": "ETH",
    "XXDG": "XDG",
    "ZUSD": "USD",
    "ZEUR": "EUR",
    "USDT": "USDT",
    "USDC": "USDC",
    "SOL": "SOL",
    "DOT": "DOT",
    "ETH2": "ETH2",
    "ETH2.S": "ETH2.S",
    "DOT.S": "DOT.S",
    "XBT.M": "XBT.M",
    "USDC.F": "USDC.F",
    "SOL.B": "SOL.B",
    "KFEE": "FEE",
}

PAIRS: tuple[KrakenPair, ...] = (
    KrakenPair("XXBTZUSD", "XBTUSD", "XBT/USD", "XXBT", "ZUSD", "65000.10000"),
    KrakenPair("XBTUSDT", "XBTUSDT", "XBT/USDT", "XXBT", "USDT", "65010.2"),
    KrakenPair("XETHZUSD", "ETHUSD", "ETH/USD", "XETH", "ZUSD", "3000.00"),
    KrakenPair("XETHXXBT", "ETHXBT", "ETH/XBT", "XETH", "XXBT", "0.04600"),
    KrakenPair("XDGUSD", "XDGUSD", "XDG/USD", "XXDG", "ZUSD", "0.1234000"),
    KrakenPair("SOLUSD", "SOLUSD", "SOL/USD", "SOL", "ZUSD", "150.00"),
    KrakenPair("DOTUSD", "DOTUSD", "DOT/USD", "DOT", "ZUSD", "7.5000"),
    KrakenPair("USDTZUSD", "USDTUSD", "USDT/USD", "USDT", "ZUSD", "1.00010000"),
    KrakenPair("USDCUSD", "USDCUSD", "USDC/USD", "USDC", "ZUSD", "0.99990000"),
    KrakenPair("ZEURZUSD", "EURUSD", "EUR/USD", "ZEUR", "ZUSD", "1.08000"),
    KrakenPair("ETH2.SETH", "ETH2.SETH", "ETH2.S/ETH", "ETH2.S", "XETH", "0.99000"),
)


class KrakenVenue(Venue):
    name = "KRAKEN"
    key_prefix = "kr"

    def __init__(self, server: VenueServer[Any]) -> None:
        super().__init__(server)
        self.assets: dict[str, str] = dict(ASSETS)
        self.pairs: dict[str, KrakenPair] = {p.key: p for p in PAIRS}
        self._counters: dict[str, tuple[float, float]] = {}  # key -> (level, at)
        self._nonce_lock = threading.Lock()

    def new_secret(self) -> str:
        return base64.b64encode(secrets.token_bytes(64)).decode()

    def default_options(self) -> dict[str, Any]:
        return {"last_nonce": 0}

    def add_balances(self, balances: Mapping[str, object], **flags: Any) -> VenueAccount:
        """A key whose BalanceEx lists these Kraken asset ids: id -> balance or (free, held)."""
        return self.add_account(wallets={"balances": balances}, **flags)

    def set_last(self, key: str, last: str) -> None:
        pair = self.pairs[key]
        self.pairs[key] = KrakenPair(
            pair.key, pair.altname, pair.wsname, pair.base, pair.quote, last
        )

    # --- the protocol ---------------------------------------------------------------------

    def is_signed(self, path: str) -> bool:
        return path.startswith(PRIVATE)

    def serve(self, request: Incoming) -> Reply:
        if self.is_signed(request.path):
            if request.method != "POST":
                return _error("EGeneral:Invalid arguments", status=405)
            try:
                account = self._authenticate(request)
            except _Refused as refused:
                return _error(refused.message)
            return self._private(request.path.removeprefix(PRIVATE), account)
        if request.method != "GET":
            return _error("EGeneral:Invalid arguments")
        return self._public(request)

    def fault_reply(self, fault: Fault, request: Incoming) -> Reply:
        message = {
            Fault.RATE_LIMIT: "EAPI:Rate limit exceeded",
            Fault.BANNED: "EGeneral:Temporary lockout",
            Fault.BAD_SIGNATURE: "EAPI:Invalid signature",
            Fault.CLOCK_SKEW: "EAPI:Invalid nonce",
            Fault.INVALID_KEY: "EAPI:Invalid key",
            Fault.IP_NOT_WHITELISTED: "EGeneral:Permission denied",
        }[fault]
        return _error(message)

    # --- verification, as Kraken does it --------------------------------------------------

    def _authenticate(self, request: Incoming) -> VenueAccount:
        account = self.account(request.header("API-Key"))
        if account is None:
            raise _Refused("EAPI:Invalid key")
        content_type = (request.header("Content-Type") or "").split(";")[0].strip()
        if content_type != "application/x-www-form-urlencoded":
            raise _Refused("EGeneral:Invalid arguments")
        body = request.body.decode("utf-8", "replace")
        nonce = request.form.get("nonce", "")
        if not nonce.isascii() or not nonce.isdigit() or int(nonce) >= 2**64:
            raise _Refused("EAPI:Invalid nonce")
        secret = base64.b64decode(account.secret)
        inner = hashlib.sha256((nonce + body).encode()).digest()
        expected = base64.b64encode(
            hmac.new(secret, request.path.encode() + inner, hashlib.sha512).digest()
        ).decode()
        if not hmac.compare_digest(expected, request.header("API-Sign") or ""):
            raise _Refused("EAPI:Invalid signature")
        with self._nonce_lock:
            if int(nonce) <= account.options["last_nonce"]:
                raise _Refused("EAPI:Invalid nonce")
            account.options["last_nonce"] = int(nonce)
        if not account.can_read:
            raise _Refused("EGeneral:Permission denied")
        if not self._count_call(account.api_key):
            raise _Refused("EAPI:Rate limit exceeded")
        return account

    def _count_call(self, api_key: str) -> bool:
        now = self.server.now()
        with self._lock:
            level, at = self._counters.get(api_key, (0.0, now))
            level = max(0.0, level - (now - at) * COUNTER_DECAY_PER_S)
            if level + 1 > COUNTER_MAX:
                self._counters[api_key] = (level, now)
                return False
            self._counters[api_key] = (level + 1, now)
            return True

    # --- endpoints ------------------------------------------------------------------------

    def _private(self, method: str, account: VenueAccount) -> Reply:
        balances = account.wallet("balances")
        if method == "BalanceEx":
            return _result(
                {
                    asset: {
                        "balance": add_text(free, held),
                        "credit": "0.0000",
                        "credit_used": "0.0000",
                        "hold_trade": held,
                    }
                    for asset, (free, held) in balances.items()
                }
            )
        if method == "Balance":
            return _result(
                {asset: add_text(free, held) for asset, (free, held) in balances.items()}
            )
        return _error("EGeneral:Unknown method", status=404)

    def _public(self, request: Incoming) -> Reply:
        method = request.path.removeprefix("/0/public/")
        if method == "Time":
            now = self.server.now()
            return _result({"unixtime": int(now), "rfc1123": formatdate(now, usegmt=True)})
        if method == "Assets":
            return _result(
                {
                    asset: {
                        "aclass": "currency",
                        "altname": altname,
                        "decimals": 10,
                        "display_decimals": 5,
                        "status": "enabled",
                    }
                    for asset, altname in self.assets.items()
                }
            )
        if method == "AssetPairs":
            return _result({p.key: _pair_info(p) for p in self.pairs.values()})
        if method == "Ticker":
            wanted = request.params.get("pair")
            pairs = list(self.pairs.values())
            if wanted:
                names = set(wanted.split(","))
                pairs = [p for p in pairs if p.key in names or p.altname in names]
                if not pairs:
                    return _error("EQuery:Unknown asset pair")
            return _result({p.key: _ticker(p.last) for p in pairs})
        return _error("EGeneral:Unknown method", status=404)


class _Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _result(result: object) -> Reply:
    return Reply.json(200, {"error": [], "result": result})


def _error(message: str, status: int = 200) -> Reply:
    return Reply.json(status, {"error": [message]})


def _pair_info(pair: KrakenPair) -> dict[str, object]:
    return {
        "altname": pair.altname,
        "wsname": pair.wsname,
        "aclass_base": "currency",
        "base": pair.base,
        "aclass_quote": "currency",
        "quote": pair.quote,
        "pair_decimals": 5,
        "lot_decimals": 8,
        "status": "online",
    }


def _ticker(last: str) -> dict[str, object]:
    return {
        "a": [last, "1", "1.000"],
        "b": [last, "1", "1.000"],
        "c": [last, "0.00100000"],
        "v": ["100.0", "2500.0"],
        "p": [last, last],
        "t": [1000, 25000],
        "l": [last, last],
        "h": [last, last],
        "o": last,
    }
