"""A real HTTP server on 127.0.0.1 that speaks MEXC's or Binance's Spot v3 protocol."""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from http.server import ThreadingHTTPServer
from types import TracebackType
from typing import Self

from tests.exchange_server.accounts import Account, BalanceSpec
from tests.exchange_server.faults import ArmedFault, Fault, FaultBook
from tests.exchange_server.flavours import FLAVOURS
from tests.exchange_server.handler import ExchangeRequestHandler
from tests.exchange_server.recorded import RecordedRequest


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a hung TIMEOUT handler must not hold up stop()
    request_queue_size = 128  # socketserver's 5 drops concurrent connects
    allow_reuse_address = True


class ExchangeServer:
    """One exchange flavour ("mexc" or "binance") on a random port; a context manager.

    Attributes to tune while running: ``latency`` (seconds added to every answer),
    ``clock_offset`` (seconds the exchange's clock is ahead of ours; served by /time too),
    ``time_as_string`` (MEXC sometimes sends serverTime as a string).
    """

    def __init__(
        self,
        flavour: str = "mexc",
        *,
        latency: float = 0.0,
        clock_offset: float = 0.0,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.flavour = FLAVOURS[flavour.lower()]
        self.latency = latency
        self.clock_offset = clock_offset
        self.time_as_string = False
        self.trickled_bytes = 0  # body bytes sent by TRICKLE faults so far
        self.faults = FaultBook()
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._accounts: dict[str, Account] = {}
        self._requests: list[RecordedRequest] = []
        self._in_flight = 0
        self.most_in_flight = 0  # the most requests being answered at one moment
        self._ticker = b"[]"
        handler = type("Handler", (ExchangeRequestHandler,), {"exchange": self})
        self._httpd = _HTTPServer((host, port), handler)
        self._thread: threading.Thread | None = None

    # --- life cycle ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> Self:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # wakes handlers that hang or add latency
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- accounts and prices ------------------------------------------------------------

    def add_account(
        self,
        api_key: str | None = None,
        secret: str | None = None,
        *,
        balances: Mapping[str, BalanceSpec] | None = None,
        can_trade: bool = False,
        can_withdraw: bool = False,
        can_read: bool = True,
        ip_whitelisted: bool = True,
    ) -> Account:
        """Register a key (random key and secret unless given); returns the live account."""
        account = Account(
            api_key=api_key or f"{self.flavour.name[:2]}{secrets.token_hex(16)}",
            secret=secret or secrets.token_hex(32),
            can_trade=can_trade,
            can_withdraw=can_withdraw,
            can_read=can_read,
            ip_whitelisted=ip_whitelisted,
        )
        account.set_balances(balances or {})
        with self._lock:
            self._accounts[account.api_key] = account
        return account

    def remove_account(self, api_key: str) -> None:
        with self._lock:
            self._accounts.pop(api_key, None)

    def account(self, api_key: str) -> Account | None:
        with self._lock:
            return self._accounts.get(api_key)

    def set_prices(self, prices: Mapping[str, str | int | Decimal]) -> None:
        """The whole ticker, symbol -> price (sent as strings, as the exchanges do)."""
        rows = [{"symbol": symbol, "price": str(price)} for symbol, price in prices.items()]
        body = json.dumps(rows, separators=(",", ":")).encode()
        with self._lock:
            self._ticker = body

    def ticker_body(self) -> bytes:
        with self._lock:
            return self._ticker

    def server_time_ms(self) -> int:
        return int((time.time() + self.clock_offset) * 1000)

    # --- faults -------------------------------------------------------------------------

    def inject(
        self,
        fault: Fault,
        *,
        times: int | None = 1,
        path: str | None = None,
        seconds: float = 5.0,
        retry_after: float | None = None,
        status: int | None = None,
        body: bytes = b"",
    ) -> None:
        """Arm ``fault`` for the next ``times`` matching requests (None: until cleared).

        ``path`` limits it to one endpoint; refusals (BAD_SIGNATURE, CLOCK_SKEW, INVALID_KEY,
        IP_NOT_WHITELISTED) only ever hit signed endpoints. ``seconds`` is the LATENCY or
        TIMEOUT wait, ``retry_after`` the header of RATE_LIMIT and BANNED, ``status`` and
        ``body`` the answer of SERVER_ERROR and RAW.
        """
        self.faults.arm(ArmedFault(fault, times, path, seconds, retry_after, status, body))

    def clear_faults(self) -> None:
        self.faults.clear()

    # --- what was received --------------------------------------------------------------

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    @contextmanager
    def answering(self) -> Iterator[None]:
        """Around each request: counts the requests in flight, keeps the most seen at once."""
        with self._lock:
            self._in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self._in_flight)
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        return [request for request in self.requests if request.path == path]

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()
