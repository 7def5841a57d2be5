"""The shared part of the stand-ins for exchanges beyond MEXC and Binance.

A ``VenueServer`` is a real HTTP server on 127.0.0.1 that records every request, adds
latency, applies the injected transport faults (429, 5xx, time-outs, broken JSON) and hands
everything else to one ``Venue``: an exchange's protocol, written from its documentation,
which checks keys, signatures, timestamps or nonces and passphrases as that exchange does
and answers in its shapes and error forms. Each exchange's venue is a module of its own.

    with VenueServer(KrakenVenue) as server:
        account = server.venue.add_account(wallets={"spot": {"XXBT": "0.5"}})
        server.inject(Fault.RATE_LIMIT, times=1)
        server.clock_offset = 30.0        # the exchange's clock runs 30 s ahead
        env = {"WALLETDESK_KRAKEN_BASE_URL": server.url}
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from http.server import BaseHTTPRequestHandler
from typing import Any, ClassVar, Generic, TypeVar
from urllib.parse import parse_qsl, urlsplit

from tests.exchange_server.faults import ArmedFault, Fault
from tests.exchange_server.loopback import LoopbackServer

# The faults a venue answers in its own words (the rest are transport faults, answered here).
VENUE_FAULTS = frozenset(
    {
        Fault.RATE_LIMIT,
        Fault.BANNED,
        Fault.BAD_SIGNATURE,
        Fault.CLOCK_SKEW,
        Fault.INVALID_KEY,
        Fault.IP_NOT_WHITELISTED,
    }
)

# A balance is "1.5" (all free) or ("1.5", "0.25") (free, locked), sent verbatim as text.
AmountSpec = object


@dataclass(frozen=True)
class Incoming:
    """One request as received, byte for byte."""

    method: str
    path: str
    query: str  # raw, exactly as received
    headers: dict[str, str]
    body: bytes
    client_port: int

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)

    @property
    def params(self) -> dict[str, str]:
        return dict(parse_qsl(self.query, keep_blank_values=True))

    @property
    def form(self) -> dict[str, str]:
        return dict(parse_qsl(self.body.decode("utf-8", "replace"), keep_blank_values=True))

    @property
    def text(self) -> str:
        """Everything the client sent, for asserting that a secret was not in it."""
        lines = [f"{self.method} {self.path}?{self.query}"]
        lines += [f"{name}: {value}" for name, value in self.headers.items()]
        return "\n".join([*lines, self.body.decode("utf-8", "replace")])


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, status: int, payload: object, headers: Mapping[str, str] | None = None) -> Reply:
        body = json.dumps(payload, separators=(",", ":")).encode()
        return cls(status, body, headers=dict(headers or {}))

    @classmethod
    def text_plain(cls, status: int, text: str) -> Reply:
        return cls(status, text.encode(), content_type="text/plain; charset=utf-8")


@dataclass
class VenueAccount:
    """A key on the stand-in exchange and the wallets it can read.

    ``wallets`` maps the venue's own wallet name ("spot", "funding", "trade_hf", ...) to
    asset -> (free, locked) as text. ``options`` holds what only one venue needs (Kraken's
    last nonce, Bybit's account type, KuCoin's key version, Gate's account mode, ...).
    """

    api_key: str
    secret: str
    passphrase: str | None = None
    can_read: bool = True
    can_trade: bool = False
    can_withdraw: bool = False
    ip_allowed: bool = True
    wallets: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)

    def set_wallets(self, wallets: Mapping[str, Mapping[str, AmountSpec]]) -> None:
        self.wallets = {
            name: {asset: free_locked(spec) for asset, spec in assets.items()}
            for name, assets in wallets.items()
        }

    def wallet(self, name: str) -> dict[str, tuple[str, str]]:
        return self.wallets.get(name, {})


def free_locked(spec: AmountSpec) -> tuple[str, str]:
    if isinstance(spec, tuple | list):
        free, locked = spec
        return str(free), str(locked)
    return str(spec), "0"


def add_text(*amounts: str) -> str:
    """The exact sum of amounts given as text (a non-number passes through unchanged)."""
    try:
        return str(sum((Decimal(a) for a in amounts), Decimal(0)))
    except InvalidOperation:
        return amounts[0]


def is_zero(*amounts: str) -> bool:
    try:
        return all(Decimal(a) == 0 for a in amounts)
    except InvalidOperation:
        return False


V = TypeVar("V", bound="Venue")


class Venue(ABC):
    """One exchange's protocol on a ``VenueServer``."""

    name: ClassVar[str]  # canonical exchange name: WALLETDESK_<name>_BASE_URL
    key_prefix: ClassVar[str] = "k"

    def __init__(self, server: VenueServer[Any]) -> None:
        self.server = server
        self._lock = threading.Lock()
        self._accounts: dict[str, VenueAccount] = {}

    # --- accounts -------------------------------------------------------------------------

    def add_account(
        self,
        *,
        api_key: str | None = None,
        secret: str | None = None,
        passphrase: str | None = None,
        wallets: Mapping[str, Mapping[str, AmountSpec]] | None = None,
        **flags: Any,
    ) -> VenueAccount:
        """Register a key (random key and secret unless given); returns the live account.

        Keyword flags are VenueAccount fields (can_trade, ip_allowed, ...) or, failing that,
        venue options (``key_version="2"``, ``account_type="UNIFIED"``, ...).
        """
        fields = {k: v for k, v in flags.items() if k in VenueAccount.__dataclass_fields__}
        options = {k: v for k, v in flags.items() if k not in fields}
        account = VenueAccount(
            api_key=api_key or self.new_api_key(),
            secret=secret or self.new_secret(),
            passphrase=passphrase,
            options={**self.default_options(), **options},
            **fields,
        )
        account.set_wallets(wallets or {})
        with self._lock:
            self._accounts[account.api_key] = account
        return account

    def account(self, api_key: str | None) -> VenueAccount | None:
        with self._lock:
            return self._accounts.get(api_key or "")

    def remove_account(self, api_key: str) -> None:
        with self._lock:
            self._accounts.pop(api_key, None)

    def new_api_key(self) -> str:
        return f"{self.key_prefix}{secrets.token_hex(16)}"

    def new_secret(self) -> str:
        return secrets.token_hex(32)

    def default_options(self) -> dict[str, Any]:
        return {}

    # --- the protocol ---------------------------------------------------------------------

    @abstractmethod
    def is_signed(self, path: str) -> bool:
        """Whether the path needs a key (venue refusals only ever hit these)."""

    @abstractmethod
    def serve(self, request: Incoming) -> Reply:
        """Verify the request as the exchange does, then answer it."""

    @abstractmethod
    def fault_reply(self, fault: Fault, request: Incoming) -> Reply:
        """The exchange's own answer for one of ``VENUE_FAULTS``."""


class VenueServer(LoopbackServer[Incoming], Generic[V]):
    """A venue on a random port of 127.0.0.1; a context manager.

    Tunable while running: ``latency`` (seconds added to every answer), ``clock_offset``
    (seconds the exchange's clock is ahead of ours; its time endpoint serves it too).
    """

    def __init__(
        self,
        venue: Callable[[VenueServer[Any]], V],
        *,
        latency: float = 0.0,
        clock_offset: float = 0.0,
        port: int = 0,
    ) -> None:
        handler = type("Handler", (_VenueHandler,), {"server_side": self})
        super().__init__(handler, latency=latency, clock_offset=clock_offset, port=port)
        self.venue: V = venue(self)

    @property
    def host(self) -> str:
        """``127.0.0.1:PORT``: what a client puts in the Host header."""
        return self.url.removeprefix("http://")

    @property
    def base_url_variable(self) -> str:
        return f"WALLETDESK_{self.venue.name}_BASE_URL"

    def now(self) -> float:
        """The exchange's clock, in Unix seconds."""
        return time.time() + self.clock_offset

    def now_ms(self) -> int:
        return int(self.now() * 1000)

    # --- one request ----------------------------------------------------------------------

    def answer(self, request: Incoming) -> Reply | None:
        """The reply, or None to drop the connection unanswered."""
        signed = self.venue.is_signed(request.path)
        delay, armed = self.faults.take(request.path, signed=signed)
        delay += self.latency
        if delay:
            self.stopping.wait(delay)
        if armed is None:
            return self.venue.serve(request)
        if armed.fault in VENUE_FAULTS:
            if armed.fault not in (Fault.RATE_LIMIT, Fault.BANNED) and not signed:
                return self.venue.serve(request)
            reply = self.venue.fault_reply(armed.fault, request)
            if armed.retry_after is not None:
                seconds = armed.retry_after
                text = str(int(seconds)) if float(seconds).is_integer() else str(seconds)
                reply = replace(reply, headers={**reply.headers, "Retry-After": text})
            return reply
        return self._transport_fault(armed, request)

    def _transport_fault(self, armed: ArmedFault, request: Incoming) -> Reply | None:
        fault = armed.fault
        if fault is Fault.SERVER_ERROR:
            return Reply.text_plain(armed.status or 503, "Service Unavailable")
        if fault is Fault.TIMEOUT:
            self.stopping.wait(armed.seconds)
            return None
        if fault is Fault.DISCONNECT:
            return None
        if fault is Fault.MALFORMED_JSON:
            return Reply(200, b'{"result": {"BTC": "1",, ]')
        if fault is Fault.TRUNCATED_JSON:
            real = self.venue.serve(request)
            return replace(real, body=real.body[: max(1, len(real.body) // 2)])
        return Reply(armed.status or 200, armed.body)  # Fault.RAW


class _VenueHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_side: VenueServer[Any]

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _handle(self) -> None:
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = Incoming(
            method=self.command,
            path=split.path,
            query=split.query,
            headers=dict(self.headers.items()),
            body=body,
            client_port=self.client_address[1],
        )
        self.server_side.record(request)
        with self.server_side.answering():
            reply = self.server_side.answer(request)
        if reply is None:
            self.close_connection = True
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)
