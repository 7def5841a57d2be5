"""The test exchange with faults aimed at one API key (the shared server aims at a path).

    with KeyedExchangeServer("mexc") as server:
        account = server.add_account(balances={"BTC": "1"})
        server.inject_for(account.api_key, Fault.SERVER_ERROR, times=None)

A keyed fault hits only signed requests carrying that key (``/api/v3/account`` unless
``path`` says otherwise); faults armed with ``inject`` still hit everyone. The request's
key reaches the fault book through a thread-local: the server answers each connection on
a thread of its own.
"""

from __future__ import annotations

import threading
from typing import Any

from tests.exchange_server import ExchangeServer, Fault
from tests.exchange_server.faults import ArmedFault, FaultBook
from tests.exchange_server.handler import ExchangeRequestHandler
from walletdesk.exchanges.spot_v3 import ACCOUNT_PATH


class KeyedFaults:
    """Stands in for the server's ``FaultBook``: the key's own faults first, then the shared."""

    def __init__(self) -> None:
        self.shared = FaultBook()
        self.current = threading.local()
        self._books: dict[str, FaultBook] = {}
        self._lock = threading.Lock()

    def for_key(self, api_key: str) -> FaultBook:
        with self._lock:
            return self._books.setdefault(api_key, FaultBook())

    def arm(self, armed: ArmedFault) -> None:
        self.shared.arm(armed)

    def clear(self) -> None:
        self.shared.clear()
        with self._lock:
            books = list(self._books.values())
        for book in books:
            book.clear()

    def take(self, path: str, signed: bool) -> tuple[float, ArmedFault | None]:
        key = getattr(self.current, "key", None)
        with self._lock:
            book = self._books.get(key) if key else None
        delay, fault = book.take(path, signed) if book is not None else (0.0, None)
        if fault is not None:
            return delay, fault
        shared_delay, shared_fault = self.shared.take(path, signed)
        return delay + shared_delay, shared_fault


class _KeyedHandler(ExchangeRequestHandler):
    exchange: KeyedExchangeServer

    def do_GET(self) -> None:
        self.exchange.faults.current.key = self.headers.get(self.exchange.flavour.key_header)
        super().do_GET()


class KeyedExchangeServer(ExchangeServer):
    faults: KeyedFaults  # type: ignore[assignment]

    def __init__(self, flavour: str = "mexc", **options: Any) -> None:
        super().__init__(flavour, **options)
        self.faults = KeyedFaults()
        self._httpd.RequestHandlerClass = type("Handler", (_KeyedHandler,), {"exchange": self})

    def inject_for(
        self,
        api_key: str,
        fault: Fault,
        *,
        times: int | None = 1,
        path: str = ACCOUNT_PATH,
        seconds: float = 5.0,
        retry_after: float | None = None,
        status: int | None = None,
        body: bytes = b"",
    ) -> None:
        """Arm ``fault`` for the next ``times`` signed requests with ``api_key`` (None: all)."""
        armed = ArmedFault(fault, times, path, seconds, retry_after, status, body)
        self.faults.for_key(api_key).arm(armed)
