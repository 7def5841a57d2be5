"""The one HTTP client wrapper every exchange adapter uses.

One ``httpx.Client`` per host (pooled, kept-alive connections, sized for the refresh's
concurrency), connect and read time-outs, one deadline per request that covers the body
too (a server trickling a byte every few seconds cannot keep a refresh alive), pacing by
the exchange's documented budgets (``pacing.Pace``: public calls per host; where the exchange
counts signed calls per account, each key's budget of its own), and a bounded retry policy:

- 429 and 418 honour ``Retry-After`` (capped), and hold back every request of this
  client until then, so concurrent refreshes of one exchange back off together; without
  the header the wait is ``RetryPolicy.rate_limit_delay``, doubled each time;
- 5xx answers and network failures are retried with capped exponential back-off and jitter;
- everything else (success, 4xx) goes back to the adapter, which knows the exchange's codes.

No call spends more than ``RetryPolicy.budget`` seconds, waits and attempts included.
Only the method and path are logged: the query string and headers carry signatures.
httpx is imported when a client is created, never at import time of this module.
"""

from __future__ import annotations

import logging
import math
import random
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from walletdesk import __version__
from walletdesk.core.errors import (
    ExchangeError,
    ExchangeRateLimitError,
    ExchangeResponseError,
    ExchangeUnavailableError,
)
from walletdesk.exchanges.pacing import Pace, Pacer, RateLimit

__all__ = [
    "ExchangeHttpClient", "HttpReply", "Outgoing", "Pace", "RateLimit", "RetryPolicy", "Timeouts",
]

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 32 * 1024 * 1024  # a full ticker is ~0.5 MB; anything near this is broken
MAX_CONCURRENT = 10  # connections per host; more requests queue for one (see pool timeout)


@dataclass(frozen=True)
class RetryPolicy:
    """How long to wait and how often to retry; tests inject ``sleep``, ``clock``, ``jitter``."""

    attempts: int = 4  # tries for 5xx and network failures, the first one included
    rate_limit_attempts: int = 3  # tries when the exchange answers 429 or 418
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 30.0  # a longer Retry-After is reported to the user, not waited out
    rate_limit_delay: float = 5.0  # first wait after a 429/418 without Retry-After, then doubled
    budget: float = 60.0  # seconds one call may take in all
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    jitter: Callable[[], float] = field(default=random.random, repr=False)  # in [0, 1)

    def rate_limit_backoff(self, retry: int) -> float:
        """Delay after the ``retry``-th (0-based) 429 that named no wait: long enough to matter
        (repeated quick 429s get an IP banned), jittered so concurrent refreshes spread out."""
        return self.rate_limit_delay * 2.0**retry * (0.75 + 0.5 * self.jitter())

    def backoff(self, retry: int) -> float:
        """Delay before retry number ``retry`` (0-based): capped exponential, equal jitter."""
        ceiling = min(self.max_delay, self.base_delay * 2.0**retry)
        return ceiling * (0.5 + 0.5 * self.jitter())


@dataclass(frozen=True)
class Timeouts:
    connect: float = 5.0
    read: float = 20.0  # longest silence while waiting for the answer or the next bytes
    request: float = 30.0  # one attempt, from sending to the last byte of the body


@dataclass(frozen=True)
class Outgoing:
    """What one attempt sends besides method and path; signed per attempt (fresh time)."""

    query: str = ""
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class HttpReply:
    """A final answer (2xx or 4xx): the adapter reads the exchange's own codes from it."""

    status: int
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)


class ExchangeHttpClient:
    """Thread-safe client for one exchange host's base URL."""

    def __init__(
        self,
        base_url: str,
        *,
        exchange: str,
        policy: RetryPolicy | None = None,
        timeouts: Timeouts | None = None,
        pace: Pace | None = None,
    ) -> None:
        """``pace.host`` paces the host (what the exchange counts per IP); ``pace.account``, if
        given, paces each account's signed calls instead (``send(..., account=api_key)``)."""
        import httpx

        _hide_queries_in_httpx_log()
        self._httpx = httpx
        self._exchange = exchange  # display name, for messages
        # Exchanges share paths (MEXC and Binance both GET /api/v3/account): name the one.
        self._log = _NamedLog(log, {"exchange": exchange})
        self._policy = policy or RetryPolicy()
        self._timeouts = timeouts or Timeouts()
        pace = pace or Pace()
        self._pacer = (
            Pacer(pace.host, clock=self._policy.clock, sleep=self._policy.sleep)
            if pace.host is not None
            else None
        )
        self._account_rate_limit = pace.account
        self._account_pacers: dict[str, Pacer] = {}  # API key -> its own budget
        self._account_pacers_lock = threading.Lock()
        self._client = httpx.Client(
            base_url=base_url,
            headers={"User-Agent": f"WalletDesk/{__version__}", "Accept": "application/json"},
            limits=httpx.Limits(
                max_connections=MAX_CONCURRENT, max_keepalive_connections=MAX_CONCURRENT
            ),
            follow_redirects=False,
        )
        self._gate_lock = threading.Lock()
        self._not_before = 0.0  # policy.clock() time before which no request is sent
        self._gate_status = 429  # the status that closed the gate: 429, or 418 for a ban

    def get(
        self,
        path: str,
        *,
        query: Callable[[], str] | str = "",
        headers: Mapping[str, str] | None = None,
        weight: float = 1,
    ) -> HttpReply:
        """GET ``path``; ``query`` may be a callable so a retry is signed with a fresh timestamp."""

        def outgoing() -> Outgoing:
            return Outgoing(query=query() if callable(query) else query, headers=headers or {})

        return self.send("GET", path, outgoing, weight=weight)

    def send(
        self,
        method: str,
        path: str,
        outgoing: Callable[[], Outgoing] = Outgoing,
        *,
        weight: float = 1,
        account: str | None = None,
    ) -> HttpReply:
        """One call: ``outgoing`` is asked anew for each attempt (a fresh signature), ``weight``
        is the request's cost in the documented rate limit, ``account`` the API key of a signed
        call (its own budget when the client's pace has an ``account`` budget)."""
        policy = self._policy
        started = policy.clock()
        failures = 0
        rate_limited = 0
        pacer = self._pacer_for(account)
        while True:
            self._wait_at_gate(started)
            if pacer is not None:
                pacer.wait(weight)
            remaining = policy.budget - (policy.clock() - started)
            if remaining <= 0:
                raise self._unavailable("did not answer in time")
            network_error: ExchangeUnavailableError | None = None
            try:
                status, body, headers = self._attempt(method, path, outgoing(), remaining)
            except self._httpx.RequestError as exc:
                # Handled outside this block: the httpx error (its request holds the signed
                # URL) must not ride along as the user-facing error's context.
                network_error = self._network_error(method, path, exc)
            if network_error is not None or status >= 500:
                failures += 1
                error = network_error or self._server_error(method, path, status, failures)
                self._pause_before_retry(failures, started, error)
                continue
            if status in (418, 429):
                rate_limited += 1
                retry_after = parse_retry_after(headers.get("retry-after"))
                delay = (
                    retry_after
                    if retry_after is not None
                    else policy.rate_limit_backoff(rate_limited - 1)
                )
                self._close_gate(delay, status)
                self._log.warning("%s %s -> %d, retry after %.1f s", method, path, status, delay)
                if (
                    rate_limited >= policy.rate_limit_attempts
                    or delay > policy.max_retry_after
                    or policy.clock() - started + delay > policy.budget
                ):
                    raise self._rate_limited(status, delay)
                continue
            return HttpReply(status=status, body=body, headers=headers)

    def close(self) -> None:
        self._client.close()

    # --- one attempt ------------------------------------------------------------------

    def _attempt(
        self, method: str, path: str, outgoing: Outgoing, remaining: float
    ) -> tuple[int, bytes, Mapping[str, str]]:
        httpx = self._httpx
        limit = min(self._timeouts.request, remaining)
        deadline = time.monotonic() + limit  # network time is real time, also in tests
        timeout = httpx.Timeout(
            connect=min(self._timeouts.connect, limit),
            read=min(self._timeouts.read, limit),
            write=min(self._timeouts.read, limit),
            pool=min(self._timeouts.read, limit),
        )
        url = f"{path}?{outgoing.query}" if outgoing.query else path
        started = time.perf_counter()
        try:
            with self._client.stream(
                method,
                url,
                headers=outgoing.headers,
                content=outgoing.body or None,
                timeout=timeout,
            ) as response:
                body = _read_capped(response, self._exchange, deadline)
        except httpx.InvalidURL:
            raise ExchangeError(
                f"The {self._exchange} address is not a valid URL: check the base URL setting."
            ) from None
        elapsed = (time.perf_counter() - started) * 1000
        self._log.debug("%s %s -> %d in %.0f ms", method, path, response.status_code, elapsed)
        return response.status_code, body, response.headers

    # --- waiting ----------------------------------------------------------------------

    def _pacer_for(self, account: str | None) -> Pacer | None:
        limit = self._account_rate_limit
        if account is None or limit is None:
            return self._pacer
        with self._account_pacers_lock:
            pacer = self._account_pacers.get(account)
            if pacer is None:
                pacer = self._account_pacers[account] = Pacer(
                    limit, clock=self._policy.clock, sleep=self._policy.sleep
                )
            return pacer

    def _close_gate(self, delay: float, status: int) -> None:
        with self._gate_lock:
            self._not_before = max(self._not_before, self._policy.clock() + delay)
            self._gate_status = status

    def _wait_at_gate(self, started: float) -> None:
        policy = self._policy
        with self._gate_lock:
            wait, status = self._not_before - policy.clock(), self._gate_status
        if wait <= 0:
            return
        if policy.clock() - started + wait > policy.budget:
            raise self._rate_limited(status, wait)
        policy.sleep(wait)

    def _pause_before_retry(self, failures: int, started: float, error: ExchangeError) -> None:
        policy = self._policy
        if failures >= policy.attempts:
            raise error
        delay = policy.backoff(failures - 1)
        if policy.clock() - started + delay >= policy.budget:
            raise error
        policy.sleep(delay)

    # --- messages ---------------------------------------------------------------------

    def _network_error(self, method: str, path: str, exc: Exception) -> ExchangeUnavailableError:
        self._log.warning("%s %s failed: %s", method, path, type(exc).__name__)
        timed_out = isinstance(exc, self._httpx.TimeoutException)
        return self._unavailable("did not answer in time" if timed_out else "could not be reached")

    def _server_error(
        self, method: str, path: str, status: int, failures: int
    ) -> ExchangeUnavailableError:
        self._log.warning("%s %s -> %d, attempt %d", method, path, status, failures)
        return self._unavailable(f"answered with a server error (HTTP {status})")

    def _unavailable(self, reason: str) -> ExchangeUnavailableError:
        return ExchangeUnavailableError(
            f"{self._exchange} {reason}. Check your internet connection and try again "
            "in a few minutes."
        )

    def _rate_limited(self, status: int, delay: float) -> ExchangeRateLimitError:
        wait = _describe_wait(delay)
        if status == 418:
            return ExchangeRateLimitError(
                f"{self._exchange} has temporarily banned this computer's IP address for sending "
                f"too many requests; wait {wait} before refreshing again."
            )
        return ExchangeRateLimitError(
            f"{self._exchange} is limiting requests from this computer; wait {wait} "
            "before refreshing again."
        )


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (seconds or an HTTP date); None if absent or bad."""
    if value is None:
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        from email.utils import parsedate_to_datetime  # rare: not worth a start-up import

        try:
            seconds = parsedate_to_datetime(text).timestamp() - time.time()
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if math.isnan(seconds):
        return None
    return min(max(seconds, 0.0), 86_400.0)


def _describe_wait(seconds: float) -> str:
    if seconds < 90:
        whole = max(1, round(seconds))
        return f"{whole} second{'s' if whole != 1 else ''}"
    minutes = round(seconds / 60)
    return f"about {minutes} minutes"


def _read_capped(response: httpx.Response, exchange: str, deadline: float) -> bytes:
    """The whole body, unless it is too large or still arriving at ``deadline``."""
    import httpx

    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        if time.monotonic() > deadline:
            # A trickle: each byte beats the read time-out, the whole answer never comes.
            raise httpx.ReadTimeout("the answer did not arrive in time")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise ExchangeResponseError(
                f"{exchange} sent a far larger answer than expected; try again later."
            )
        chunks.append(chunk)
    return b"".join(chunks)


_QUERY = re.compile(r"\?[^\s\"']*")


class _QueryStripper(logging.Filter):
    """httpx logs every request URL at INFO: drop the query string, which holds the signature."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = _QUERY.sub("", message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class _NamedLog(logging.LoggerAdapter[logging.Logger]):
    """Log lines of one exchange's client begin with the exchange's name."""

    def process(self, msg: object, kwargs: Any) -> tuple[str, Any]:
        return f"{self.extra['exchange'] if self.extra else '?'}: {msg}", kwargs


def _hide_queries_in_httpx_log() -> None:
    logger = logging.getLogger("httpx")
    if not any(isinstance(f, _QueryStripper) for f in logger.filters):
        logger.addFilter(_QueryStripper())
