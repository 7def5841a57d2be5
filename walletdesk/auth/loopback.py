"""The HTTP listener that receives the browser's sign-in answer (RFC 8252 §7.3).

It binds 127.0.0.1 only (never another interface, never ``localhost``), on the redirect
URI's port, or a free one in any-port mode, and takes the answer: ``GET <path>?...`` with
``Host: 127.0.0.1:<port>``. That request is held open until WalletDesk has finished the
sign-in, so the browser's page tells the truth ("You are signed in..." or what went wrong),
or is sent on to a second authorization request (:meth:`LoopbackListener.redirect`).

Anything else (``/favicon.ico``, another Host as in DNS rebinding, another method) is
answered 404 and ignored: the listener keeps waiting for the real answer. A second answer
while one is being processed sets :attr:`intrusion`, and the sign-in must not be stored.

Requests are never logged (their query holds the authorization code).
"""

from __future__ import annotations

import errno
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from walletdesk.auth import pages
from walletdesk.auth.errors import RedirectPortError, SignInTimeoutError
from walletdesk.auth.redirect import HOST, RedirectTarget
from walletdesk.core.errors import AuthError, CancelledError

CALLBACK_PATH = "/callback"
ANY_PORT = RedirectTarget(None, CALLBACK_PATH)
SETTING = "the redirect URI in Settings (or WALLETDESK_CLERK_REDIRECT_URI)"
POLL_SECONDS = 0.05
IDLE_CONNECTION_SECONDS = 10.0
PAGE_DELIVERY_SECONDS = 2.0

MALFORMED = (
    "WalletDesk's sign-in listener received a malformed answer (a parameter was repeated), "
    "so this sign-in was stopped for safety. Nothing was stored; try again."
)
INTRUSION = (
    "WalletDesk's sign-in listener received a second request while it was finishing the "
    "sign-in, so this sign-in was stopped for safety. Nothing was stored; try again."
)


@dataclass(slots=True)
class _Answer:
    """One answer request, held open until WalletDesk decides what the browser gets."""

    params: dict[str, str] | None  # None: malformed
    decided: threading.Event = field(default_factory=threading.Event)
    status: int = 400
    body: bytes = b""
    location: str | None = None


class LoopbackListener:
    """Use as a context manager. ``target`` gives the port (None: any free port) and path."""

    def __init__(self, target: RedirectTarget = ANY_PORT, *, answer_timeout: float = 60.0) -> None:
        self._target = target
        self._answer_timeout = answer_timeout
        self._answers: queue.Queue[_Answer] = queue.Queue()
        self._lock = threading.Lock()
        self._current: _Answer | None = None  # being processed by WalletDesk
        self._finished = False  # reply() was called: later answers are too late
        self._page_sent = threading.Event()
        self.intrusion: str | None = None
        self._server = _bind(target, _handler_class(self))
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
        return self._target.uri(self.address[1])

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

    def no_answer_hint(self) -> str:
        """What to check when the browser never comes back: the registered redirect URI."""
        hint = (
            f"If the browser shows an error from the sign-in service (such as an invalid "
            f"redirect_uri), the OAuth application must list exactly {self.redirect_uri} as "
            "a redirect URI"
        )
        if self._target.port is None:
            return (f"{hint}: this sign-in service may not accept any port, so set a fixed "
                    f"one in {SETTING} and register that.")
        return f"{hint}, or {SETTING} must match the one registered."

    def wait_for_answer(
        self,
        *,
        timeout: float,
        cancel: threading.Event | None = None,
        hint_after: float | None = None,
        on_hint: Callable[[str], None] | None = None,
    ) -> dict[str, str]:
        """The query parameters of the browser's answer.

        ``on_hint`` is called once with :meth:`no_answer_hint` when no answer has come after
        ``hint_after`` seconds. Raises CancelledError when ``cancel`` is set,
        SignInTimeoutError after ``timeout`` seconds, AuthError for a malformed answer.
        """
        started = time.monotonic()
        deadline = started + timeout
        hint_at = None if on_hint is None or hint_after is None else started + hint_after
        while True:
            if cancel is not None and cancel.is_set():
                raise CancelledError("Sign-in was cancelled; nothing was stored.")
            now = time.monotonic()
            if hint_at is not None and now >= hint_at:
                hint_at = None
                assert on_hint is not None
                on_hint(self.no_answer_hint())
            if now >= deadline:
                raise SignInTimeoutError(
                    f"No answer came back from the browser within {_duration(timeout)}, so "
                    f"sign-in was stopped and nothing was stored. {self.no_answer_hint()} "
                    "Then try again."
                )
            try:
                answer = self._answers.get(timeout=min(POLL_SECONDS, deadline - now))
            except queue.Empty:
                continue
            if answer.params is None:
                raise AuthError(MALFORMED)
            return dict(answer.params)

    def reply(self, *, ok: bool, message: str = "") -> None:
        """Send the browser its page (once) and stop taking part in the attempt."""
        with self._lock:
            if self._finished:
                return
            self._finished = True
            current = self._current
        if current is not None:
            body = pages.success_page() if ok else pages.failure_page(message)
            _decide(current, 200 if ok else 400, body)

    def redirect(self, url: str) -> None:
        """Send the browser on to ``url`` (another authorization request) and take the
        answer that comes back from there."""
        with self._lock:
            current, self._current = self._current, None
        if current is not None:
            _decide(current, 302, pages.page("Continue", "Continue signing in."), location=url)

    def close(self) -> None:
        with self._lock:
            holding = self._current is not None
        self.reply(ok=False, message="WalletDesk stopped this sign-in.")
        if holding:
            self._page_sent.wait(PAGE_DELIVERY_SECONDS)
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()

    # --- called on the listener's request threads --------------------------------------

    def _take(self, handler: BaseHTTPRequestHandler) -> None:
        if not self._is_answer(handler):
            _send(handler, 404, pages.page("Not found", pages.NOT_AN_ANSWER))
            return
        answer = _Answer(_query(handler.path))
        with self._lock:
            late = self._finished
            if not late and self._current is not None:
                self.intrusion = INTRUSION
            taken = not late and self._current is None
            if taken:
                self._current = answer
                self._answers.put(answer)
        if not taken:
            _send(handler, 409, pages.page("Sign-in already answered", pages.FINISHED))
            return
        answer.decided.wait(self._answer_timeout)
        try:
            _send(handler, answer.status, answer.body, location=answer.location)
        finally:
            if answer.location is None:
                self._page_sent.set()

    def _is_answer(self, handler: BaseHTTPRequestHandler) -> bool:
        expected_host = f"{HOST}:{self.address[1]}"
        return (
            (handler.headers.get("Host") or "").lower() == expected_host
            and handler.command == "GET"
            and urlsplit(handler.path).path == self._target.path
        )


def _bind(target: RedirectTarget, handler: type[BaseHTTPRequestHandler]) -> _Server:
    try:
        return _FixedPortServer((HOST, target.port), handler) if target.port else _Server(
            (HOST, 0), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise RedirectPortError(
                f"Port {target.port} on {HOST} is in use by another program, so WalletDesk "
                f"cannot receive the sign-in answer there: close that program, or choose "
                f"another port in {SETTING} and register it in your Clerk OAuth application."
            ) from None
        raise RedirectPortError(
            f"WalletDesk cannot listen on {HOST} port {target.port} for the sign-in answer "
            f"({exc.strerror}): choose another port in {SETTING} and register it in your "
            "Clerk OAuth application."
        ) from None


def _decide(answer: _Answer, status: int, body: bytes, *, location: str | None = None) -> None:
    answer.status, answer.body, answer.location = status, body, location
    answer.decided.set()


def _query(path: str) -> dict[str, str] | None:
    query = parse_qs(urlsplit(path).query, keep_blank_values=True)
    if any(len(values) != 1 for values in query.values()):
        return None
    return {name: values[0] for name, values in query.items()}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False
    request_queue_size = 16


class _FixedPortServer(_Server):
    # The port of the last sign-in lingers in TIME_WAIT for a minute; on POSIX SO_REUSEADDR
    # lets us listen again at once and still refuses a second listener. On Windows the same
    # option would let another program take the port over, so it stays off there.
    allow_reuse_address = os.name != "nt"


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


def _send(
    handler: BaseHTTPRequestHandler, status: int, body: bytes, *, location: str | None = None
) -> None:
    try:
        handler.send_response(status)
        headers = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
            ("Referrer-Policy", "no-referrer"),
            ("X-Content-Type-Options", "nosniff"),
            ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"),
            ("Connection", "close"),
        ]
        if location is not None:
            headers.append(("Location", location))
        for name, value in headers:
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
