"""The one-shot HTTP listener that receives the browser's sign-in answer (RFC 8252 §7.3).

It binds 127.0.0.1 only (never another interface, never ``localhost``) on a free port and
accepts exactly one answer: ``GET /callback?...`` with ``Host: 127.0.0.1:<port>``. That
request is held open until WalletDesk has finished the sign-in, so the browser's page tells
the truth ("You are signed in..." or what went wrong). Anything else ends the attempt:

* a request for another path, host or method before the answer: the attempt fails;
* a second request while the answer is being processed: :attr:`intrusion` is set and the
  sign-in must not be stored.

Requests are never logged (their query holds the authorization code).
"""

from __future__ import annotations

import queue
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from walletdesk.auth import pages
from walletdesk.auth.errors import SignInTimeoutError
from walletdesk.core.errors import AuthError, CancelledError

HOST = "127.0.0.1"
CALLBACK_PATH = "/callback"
POLL_SECONDS = 0.05
IDLE_CONNECTION_SECONDS = 10.0
PAGE_DELIVERY_SECONDS = 2.0

UNEXPECTED = (
    "WalletDesk's sign-in listener received {what} instead of the sign-in answer, so this "
    "sign-in was stopped for safety. Nothing was stored; try again."
)
INTRUSION = (
    "WalletDesk's sign-in listener received a second request while it was finishing the "
    "sign-in, so this sign-in was stopped for safety. Nothing was stored; try again."
)


class LoopbackListener:
    """Use as a context manager; the port is free and chosen by the OS."""

    def __init__(self, *, answer_timeout: float = 60.0) -> None:
        self._answer_timeout = answer_timeout
        self._events: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._lock = threading.Lock()
        self._answered = False  # the first request has been taken (answer or failure)
        self._finished = threading.Event()  # reply() was called: the outcome is known
        self._page_sent = threading.Event()
        self._reply = pages.failure_page("WalletDesk stopped this sign-in.")
        self._reply_status = 400
        self._holding = False  # the answer's request is waiting for its page
        self.intrusion: str | None = None
        self._server = _Server((HOST, 0), _handler_class(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(POLL_SECONDS,),
            name="walletdesk-sign-in-listener", daemon=True,
        )

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    @property
    def redirect_uri(self) -> str:
        return f"http://{HOST}:{self.address[1]}{CALLBACK_PATH}"

    def __enter__(self) -> LoopbackListener:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def wait_for_answer(
        self, *, timeout: float, cancel: threading.Event | None = None
    ) -> dict[str, str]:
        """The query parameters of the browser's answer.

        Raises CancelledError when ``cancel`` is set, SignInTimeoutError after ``timeout``
        seconds, AuthError when an unexpected request came first.
        """
        deadline = time.monotonic() + timeout
        while True:
            if cancel is not None and cancel.is_set():
                raise CancelledError("Sign-in was cancelled; nothing was stored.")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise SignInTimeoutError(
                    f"No answer came back from the browser within {_duration(timeout)}, so "
                    "sign-in was stopped and nothing was stored. Try again."
                )
            try:
                kind, value = self._events.get(timeout=min(POLL_SECONDS, remaining))
            except queue.Empty:
                continue
            if kind == "answer":
                return dict(value)
            raise AuthError(UNEXPECTED.format(what=value))

    def reply(self, *, ok: bool, message: str = "") -> None:
        """Send the browser its page (once) and stop taking part in the attempt."""
        with self._lock:
            if self._finished.is_set():
                return
            self._reply = pages.success_page() if ok else pages.failure_page(message)
            self._reply_status = 200 if ok else 400
            self._finished.set()

    def close(self) -> None:
        self.reply(ok=False, message="WalletDesk stopped this sign-in.")
        if self._holding:
            self._page_sent.wait(PAGE_DELIVERY_SECONDS)
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()

    # --- called on the listener's request threads --------------------------------------

    def _take(self, handler: BaseHTTPRequestHandler) -> None:
        what, params = self._classify(handler)
        with self._lock:
            first = not self._answered
            self._answered = True
            if first and params is not None:
                self._holding = True
                self._events.put(("answer", params))
            elif first:
                self._events.put(("unexpected", what))
            elif not self._finished.is_set():
                self.intrusion = INTRUSION
        if first and params is not None:
            self._finished.wait(self._answer_timeout)
            with self._lock:
                body, status = self._reply, self._reply_status
            try:
                _send(handler, status, body)
            finally:
                self._page_sent.set()
        elif first:
            _send(handler, 404, pages.page("Not found", pages.NOT_AN_ANSWER))
        else:
            _send(handler, 409, pages.page("Sign-in already answered", pages.FINISHED))

    def _classify(self, handler: BaseHTTPRequestHandler) -> tuple[str, dict[str, str] | None]:
        expected_host = f"{HOST}:{self.address[1]}"
        if (handler.headers.get("Host") or "").lower() != expected_host:
            return "a request addressed to another host name", None
        if handler.command != "GET":
            return f"a {handler.command[:10]} request", None
        parts = urlsplit(handler.path)
        if parts.path != CALLBACK_PATH:
            return "a request for another address on this computer", None
        query = parse_qs(parts.query, keep_blank_values=True)
        if any(len(values) != 1 for values in query.values()):
            return "a malformed answer (a parameter was repeated)", None
        return "", {name: values[0] for name, values in query.items()}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False
    request_queue_size = 16


def _handler_class(listener: LoopbackListener) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        timeout = IDLE_CONNECTION_SECONDS  # browsers open idle "preconnect" sockets
        disable_nagle_algorithm = True
        server_version = "WalletDesk"
        sys_version = ""

        def do_GET(self) -> None:
            listener._take(self)

        do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = do_GET

        def log_message(self, format: str, *args: Any) -> None:
            """Never log requests: their query holds the authorization code."""

    return Handler


def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes) -> None:
    try:
        handler.send_response(status)
        for name, value in (
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
            ("Referrer-Policy", "no-referrer"),
            ("X-Content-Type-Options", "nosniff"),
            ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"),
            ("Connection", "close"),
        ):
            handler.send_header(name, value)
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(body)
    except OSError:
        pass  # the browser went away; the outcome in WalletDesk stands


def _duration(seconds: float) -> str:
    if seconds >= 120:
        return f"{seconds / 60:g} minutes"
    return f"{seconds:g} seconds"
