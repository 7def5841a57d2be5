"""One HTTP request to the test exchange: verify it as the exchange does, then answer."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from tests.exchange_server.accounts import Account
from tests.exchange_server.faults import ArmedFault, Fault
from tests.exchange_server.flavours import Refusal
from tests.exchange_server.recorded import RecordedRequest

if TYPE_CHECKING:
    from tests.exchange_server.server import ExchangeServer

FUNDING_PATH = "/sapi/v1/asset/get-funding-asset"  # a POST, though it only reads
FLEXIBLE_PATH = "/sapi/v1/simple-earn/flexible/position"
LOCKED_PATH = "/sapi/v1/simple-earn/locked/position"
EARN_PAGE_MAX = 100  # Binance: size default 10, max 100
SIGNED_PATHS = frozenset({"/api/v3/account", "/sapi/v1/account/apiRestrictions", FUNDING_PATH,
                          FLEXIBLE_PATH, LOCKED_PATH})
DEFAULT_RECV_WINDOW = 5000
MAX_RECV_WINDOW = 60000
_KEY_FORMAT = re.compile(r"[A-Za-z0-9_-]{6,128}")
_JSON = "application/json;charset=UTF-8"


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    content_type: str = _JSON
    headers: dict[str, str] = field(default_factory=dict)
    trickle: float = 0.0  # seconds between body bytes (0: all at once)


class Rejected(Exception):
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal


class ExchangeRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the real exchanges
    disable_nagle_algorithm = True  # else each answer on a reused connection waits ~40 ms
    exchange: ExchangeServer  # set on the subclass made per server

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def _answer(self) -> None:
        # In flight until the answer is ready, not while it is sent: once its client has read
        # it, that client may send its next request on another connection before this thread
        # would leave the count, and the most in flight would count one request twice.
        with self.exchange.answering():
            reply = self._reply()
        if reply is None:  # a time-out or a dropped connection: no answer at all
            self.close_connection = True
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if reply.trickle:
            self._trickle(reply)
        else:
            self.wfile.write(reply.body)

    def _reply(self) -> Reply | None:
        split = urlsplit(self.path)
        path, query = split.path, split.query
        length = int(self.headers.get("Content-Length") or 0)
        self._body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        headers = dict(self.headers.items())
        port = self.client_address[1]
        self.exchange.record(RecordedRequest(self.command, path, query, headers, port))
        delay, fault = self.exchange.faults.take(path, signed=path in SIGNED_PATHS)
        delay += self.exchange.latency
        if delay:
            self.exchange.stopping.wait(delay)
        return self._serve(path, query) if fault is None else self._fault(fault, path, query)

    def _trickle(self, reply: Reply) -> None:
        """A byte at a time, each well within any read time-out; counts what got out."""
        try:
            for index in range(len(reply.body)):
                self.wfile.write(reply.body[index : index + 1])
                self.wfile.flush()
                self.exchange.trickled_bytes += 1
                if self.exchange.stopping.wait(reply.trickle):
                    return
        except OSError:  # the client hung up: what a deadline is for
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: tests read `server.requests` instead

    def _serve(self, path: str, query: str) -> Reply:
        try:
            account = self._authenticate(query) if path in SIGNED_PATHS else None
        except Rejected as rejected:
            return self._refusal(rejected.refusal)
        if account is not None and path in account.unreadable:  # a permission the key lacks
            return self._refusal(Refusal.NO_PERMISSION)
        return self._route(path, query, account)

    # --- verification, as the exchange does it ------------------------------------------

    def _authenticate(self, query: str) -> Account:
        api_key = self.headers.get(self.exchange.flavour.key_header, "")
        if not _KEY_FORMAT.fullmatch(api_key):
            raise Rejected(Refusal.BAD_KEY_FORMAT)
        account = self.exchange.account(api_key)
        if account is None:
            raise Rejected(Refusal.INVALID_KEY)
        if not account.ip_whitelisted:
            raise Rejected(Refusal.IP_NOT_WHITELISTED)
        body = self._body
        params = dict(parse_qsl(query, keep_blank_values=True))
        params.update(parse_qsl(body, keep_blank_values=True))
        try:
            timestamp = int(params["timestamp"])
            recv_window = int(params.get("recvWindow", DEFAULT_RECV_WINDOW))
            signature = params["signature"]
        except (KeyError, ValueError):
            raise Rejected(Refusal.MISSING_PARAMETER) from None
        if recv_window > MAX_RECV_WINDOW:
            raise Rejected(Refusal.RECV_WINDOW)
        server_time = self.exchange.server_time_ms()
        if not (timestamp < server_time + 1000 and server_time - timestamp <= recv_window):
            raise Rejected(Refusal.TIMESTAMP)
        # The signature covers the query string and the body exactly as sent, joined with
        # no separator ("totalParams"), minus the signature parameter itself.
        message = _unsigned(query) + _unsigned(body)
        expected = hmac.new(account.secret.encode(), message.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, signature.lower()):
            raise Rejected(Refusal.BAD_SIGNATURE)
        if not account.can_read:
            raise Rejected(Refusal.NO_PERMISSION)
        return account

    # --- endpoints --------------------------------------------------------------------------

    def _route(self, path: str, query: str, account: Account | None) -> Reply:
        exchange = self.exchange
        if path == "/api/v3/time":
            now = exchange.server_time_ms()
            return _json(200, {"serverTime": str(now) if exchange.time_as_string else now})
        if path == "/api/v3/ping":
            return _json(200, {})
        if path == "/api/v3/ticker/price":
            return Reply(200, exchange.ticker_body())
        if path == "/api/v3/account" and account is not None:
            omit = exchange.flavour.honours_omit_zero_balances and "omitZeroBalances=true" in query
            return _json(200, _account_body(account, omit))
        restrictions = exchange.flavour.has_api_restrictions
        if path == "/sapi/v1/account/apiRestrictions" and account is not None and restrictions:
            return _json(200, _restrictions_body(account))
        if account is not None and restrictions:  # Binance's /sapi wallets
            if path == FUNDING_PATH and self.command == "POST":
                return _json(200, account.funding_rows())
            if path in (FLEXIBLE_PATH, LOCKED_PATH) and self.command == "GET":
                return self._earn_page(path, query, account)
        return Reply(404, b"Not Found", content_type="text/plain")

    def _earn_page(self, path: str, query: str, account: Account) -> Reply:
        params = dict(parse_qsl(query))
        try:
            current, size = int(params.get("current", "1")), int(params.get("size", "10"))
        except ValueError:
            return self._refusal(Refusal.MISSING_PARAMETER)
        if current < 1 or not 1 <= size <= EARN_PAGE_MAX:
            return self._refusal(Refusal.MISSING_PARAMETER)
        rows = account.flexible_rows() if path == FLEXIBLE_PATH else account.locked_rows()
        page = rows[(current - 1) * size : current * size]
        return _json(200, {"rows": page, "total": len(rows)})

    # --- faults -----------------------------------------------------------------------------

    def _fault(self, armed: ArmedFault, path: str, query: str) -> Reply | None:
        fault = armed.fault
        if fault.refusal is not None:
            return self._refusal(fault.refusal)
        if fault in (Fault.RATE_LIMIT, Fault.BANNED):
            reply = self._refusal(
                Refusal.RATE_LIMIT if fault is Fault.RATE_LIMIT else Refusal.BANNED
            )
            if armed.retry_after is None:
                return reply
            return replace(reply, headers={"Retry-After": _seconds(armed.retry_after)})
        if fault is Fault.SERVER_ERROR:
            return Reply(armed.status or 503, b"Service Unavailable", content_type="text/plain")
        if fault is Fault.TIMEOUT:
            self.exchange.stopping.wait(armed.seconds)
            return None
        if fault is Fault.DISCONNECT:
            return None
        if fault is Fault.MALFORMED_JSON:
            return Reply(200, b'{"balances": [{"asset": "BTC", "free": "1",, ]')
        if fault is Fault.TRICKLE:
            return replace(self._serve(path, query), trickle=armed.seconds)
        if fault is Fault.TRUNCATED_JSON:
            real = self._serve(path, query)
            return replace(real, body=real.body[: max(1, len(real.body) // 2)])
        return Reply(armed.status or 200, armed.body)  # Fault.RAW

    def _refusal(self, refusal: Refusal) -> Reply:
        status, code, msg = self.exchange.flavour.refusals[refusal]
        return _json(status, {"code": code, "msg": msg})


def _unsigned(params: str) -> str:
    return "&".join(p for p in params.split("&") if p and not p.startswith("signature="))


def _json(status: int, payload: object) -> Reply:
    return Reply(status, json.dumps(payload, separators=(",", ":")).encode())


def _account_body(account: Account, omit_zero: bool) -> dict[str, object]:
    return {
        "makerCommission": 0,
        "takerCommission": 0,
        "canTrade": account.can_trade,
        "canWithdraw": account.can_withdraw,
        "canDeposit": True,
        "updateTime": int(time.time() * 1000),
        "accountType": "SPOT",
        "balances": account.balance_rows(omit_zero),
        "permissions": ["SPOT"],
    }


def _restrictions_body(account: Account) -> dict[str, object]:
    return {
        "ipRestrict": False,
        "createTime": 1698645219000,
        "enableReading": account.can_read,
        "enableWithdrawals": account.can_withdraw,
        "enableInternalTransfer": False,
        "permitsUniversalTransfer": False,
        "enableMargin": False,
        "enableFutures": False,
        "enableVanillaOptions": False,
        "enablePortfolioMarginTrading": False,
        "enableSpotAndMarginTrading": account.can_trade,
    }


def _seconds(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
