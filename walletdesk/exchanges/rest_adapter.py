"""What the JSON REST exchanges beyond Spot v3 share: one signed-request loop.

Each exchange module says how it signs (``_sign``), where its error code sits in an answer
(``_error_code``), what each code means for the user (``refusals``), which codes mean "your
timestamp is off" (``clock_codes``) and how it tells the time (``time_path``). The loop
here sends through the shared HTTP client (pacing, retries, deadline), re-reads the
exchange's clock and signs afresh once when the exchange says the timestamp is off, and
turns every refusal into one sentence that names what to fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from walletdesk.core.errors import ExchangeAuthError, ExchangeError, ExchangeResponseError
from walletdesk.exchanges.base import ApiCredentials, HttpAdapter
from walletdesk.exchanges.http import HttpReply, Outgoing
from walletdesk.exchanges.refusals import refusal_by_status
from walletdesk.exchanges.responses import decode_json, fail, mapping

# An exchange's error code -> the error to raise and its message for the user.
Refusals = Mapping[str, tuple[type[ExchangeError], str]]


class RestAdapter(HttpAdapter):
    """A thread-safe adapter; subclasses set ``profile`` and the class variables below."""

    refusals: ClassVar[Refusals] = {}
    clock_codes: ClassVar[frozenset[str]] = frozenset()
    time_path: ClassVar[str] = ""
    time_weight: ClassVar[float] = 1  # the time call's weight in the host's budget
    unauthorised: ClassVar[str | None] = None  # HTTP 401 with no code we know
    rate_limit_codes: ClassVar[frozenset[str]] = frozenset()  # "slow down", in the body

    # --- what subclasses provide ----------------------------------------------------------

    def _sign(
        self, method: str, path: str, query: str, body: bytes, creds: ApiCredentials
    ) -> Mapping[str, str]:
        """The authentication headers of one attempt (timestamps from ``self._clock``)."""
        raise NotImplementedError

    def _error_code(self, payload: object) -> str | None:
        """The exchange's error code in an answer, or None when it reports success."""
        raise NotImplementedError

    def _server_time_ms(self, payload: object) -> int:
        raise NotImplementedError

    def _may_be_clock(self, reply: HttpReply, code: str | None) -> bool:
        """Whether this refusal may come from our clock (then the clock is re-read)."""
        return code in self.clock_codes

    def _clock_explains_refusal(self) -> bool:
        """After re-reading the clock: whether signing again can help."""
        return True

    # --- requests -------------------------------------------------------------------------

    def _get(
        self,
        path: str,
        query: str = "",
        *,
        creds: ApiCredentials | None = None,
        weight: float = 1,
    ) -> object:
        return self._request("GET", path, query=query, creds=creds, weight=weight)

    def _request(
        self,
        method: str,
        path: str,
        *,
        query: str = "",
        body: bytes = b"",
        creds: ApiCredentials | None = None,
        weight: float = 1,
    ) -> object:
        """One call, signed when ``creds`` is given (and then paced by that key's own
        budget where the exchange counts per account); a timestamp refusal re-reads the
        exchange's clock and signs once more."""

        def outgoing() -> Outgoing:
            headers = {} if creds is None else self._sign(method, path, query, body, creds)
            return Outgoing(query=query, body=body, headers=headers)

        clock_read = waited = False
        while True:
            reply = self._http.send(method, path, outgoing, weight=weight,
                                    account=None if creds is None else creds.api_key)
            payload = self._decode(reply)
            code = self._error_code(payload) if payload is not None else None
            if reply.status == 200 and payload is not None and code is None:
                return payload
            if creds is not None and not clock_read and self._may_be_clock(reply, code):
                clock_read = True
                self._clock.sync(self._read_server_time)
                if self._clock_explains_refusal():
                    continue
            if code in self.rate_limit_codes and not waited:
                waited = True
                self._wait_out_rate_limit()
                continue
            if code in self.clock_codes:
                raise self._clock.skew_error()
            raise self._refusal(path, reply, payload, code)

    def _wait_out_rate_limit(self) -> None:
        """A rate limit reported in the body (with HTTP 200) is waited out once, as the
        HTTP client waits out a 429."""
        self._policy.sleep(self._policy.rate_limit_backoff(0))

    def _read_server_time(self) -> int:
        return self._server_time_ms(self._get(self.time_path, weight=self.time_weight))

    def _decode(self, reply: HttpReply) -> object | None:
        """The JSON answer; an unreadable success is an error, an unreadable refusal None."""
        if reply.status == 200:
            return decode_json(reply.body, self._display)
        try:
            return decode_json(reply.body, self._display)
        except ExchangeResponseError:
            return None

    def _refusal(
        self, path: str, reply: HttpReply, payload: object | None, code: str | None
    ) -> ExchangeError:
        if code is not None and code in self.refusals:
            kind, message = self.refusals[code]
            return kind(message)
        if reply.status == 200:
            return ExchangeResponseError(
                f"{self._display} refused the request (error {code}). Try again later, and "
                "report it if it keeps happening."
            )
        return refusal_by_status(
            self._display, reply.status, path=path, code=code, unauthorised=self.unauthorised
        )

    # --- helpers --------------------------------------------------------------------------

    def _passphrase(self, creds: ApiCredentials) -> str:
        if not creds.passphrase:
            raise ExchangeAuthError(
                f"This {self._display} key has no passphrase stored: replace its secret and "
                "enter the passphrase you chose when you created the key."
            )
        return header_value(creds.passphrase, self._display, "passphrase")

    def _api_key(self, creds: ApiCredentials) -> str:
        return header_value(creds.api_key, self._display, "API key")


def header_value(text: str, exchange: str, what: str) -> str:
    """``text`` if it can go into an HTTP header as is (printable ASCII, spaces inside)."""
    if text and all(0x20 <= ord(ch) <= 0x7E for ch in text) and text == text.strip():
        return text
    raise ExchangeAuthError(
        f"The {exchange} {what} contains characters it never has: enter it again, without "
        "line breaks or surrounding spaces."
    )


def symbol_sides(rows: object, exchange: str) -> dict[str, tuple[str, str]]:
    """Symbol -> (base, quote) from a symbol list of ``{"symbol", "baseCoin", "quoteCoin"}``
    rows (Bybit, Bitget): how a symbol without a separator (BTCUSDT) is split."""
    if not isinstance(rows, list):
        fail(exchange, "the symbol list is not a list")
    sides = {}
    for entry in rows:
        row = mapping(entry, exchange, "symbol")
        symbol, base, quote = row.get("symbol"), row.get("baseCoin"), row.get("quoteCoin")
        if isinstance(symbol, str) and isinstance(base, str) and isinstance(quote, str):
            sides[symbol] = (base, quote)
    return sides
