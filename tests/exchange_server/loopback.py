"""What every stand-in exchange server shares: a threaded HTTP server on 127.0.0.1.

The server's life cycle (a context manager), the faults armed for coming requests, the
requests as received and the most answered at one moment. The protocol itself is the
subclass's: ``ExchangeServer`` (MEXC and Binance Spot v3) or ``VenueServer`` (the others).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Generic, Protocol, Self, TypeVar

from tests.exchange_server.faults import ArmedFault, Fault, FaultBook


class _Received(Protocol):
    @property
    def path(self) -> str: ...


R = TypeVar("R", bound=_Received)  # one request as the subclass records it


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a hung TIMEOUT handler must not hold up stop()
    request_queue_size = 128  # socketserver's 5 drops concurrent connects
    allow_reuse_address = True


class LoopbackServer(Generic[R]):
    """A random port (unless given) of ``host``, answered by ``handler``; a context manager.

    Tunable while running: ``latency`` (seconds added to every answer) and ``clock_offset``
    (seconds the exchange's clock is ahead of ours).
    """

    def __init__(
        self,
        handler: type[BaseHTTPRequestHandler],
        *,
        latency: float,
        clock_offset: float,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.latency = latency
        self.clock_offset = clock_offset
        self.faults = FaultBook()
        self.stopping = threading.Event()  # wakes handlers that hang or add latency
        self._lock = threading.Lock()
        self._requests: list[R] = []
        self._in_flight = 0
        self.most_in_flight = 0  # the most requests being answered at one moment
        self._httpd = _HTTPServer((host, port), handler)
        self._thread: threading.Thread | None = None

    # --- life cycle -----------------------------------------------------------------------

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
        self.stopping.set()
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

    # --- faults ---------------------------------------------------------------------------

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

    # --- what was received ----------------------------------------------------------------

    def record(self, request: R) -> None:
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
    def requests(self) -> list[R]:
        with self._lock:
            return list(self._requests)

    def requests_to(self, path: str) -> list[R]:
        return [request for request in self.requests if request.path == path]

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()
