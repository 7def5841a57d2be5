"""Faults the test exchange injects on demand, each for a number of matching requests."""

from __future__ import annotations

import enum
import threading
from dataclasses import dataclass

from tests.exchange_server.flavours import Refusal


class Fault(enum.Enum):
    LATENCY = "latency"  # wait `seconds`, then answer normally
    RATE_LIMIT = "rate_limit"  # 429 with Retry-After: `retry_after`
    BANNED = "banned"  # 418 with Retry-After: `retry_after`
    SERVER_ERROR = "server_error"  # `status` (default 503)
    TIMEOUT = "timeout"  # hang `seconds` (default 5), then drop the connection unanswered
    DISCONNECT = "disconnect"  # drop the connection at once, unanswered
    MALFORMED_JSON = "malformed_json"  # 200 with a body that is not JSON
    TRUNCATED_JSON = "truncated_json"  # 200 with the first half of the real body
    RAW = "raw"  # `status` (default 200) with `body` verbatim
    TRICKLE = "trickle"  # the real answer, its body sent one byte every `seconds`
    # Signed endpoints only: the exchange's own refusal, whatever the request.
    BAD_SIGNATURE = "bad_signature"
    CLOCK_SKEW = "clock_skew"  # the timestamp-outside-recvWindow refusal
    INVALID_KEY = "invalid_key"
    IP_NOT_WHITELISTED = "ip_not_whitelisted"

    @property
    def refusal(self) -> Refusal | None:
        return _REFUSALS.get(self)


_REFUSALS = {
    Fault.BAD_SIGNATURE: Refusal.BAD_SIGNATURE,
    Fault.CLOCK_SKEW: Refusal.TIMESTAMP,
    Fault.INVALID_KEY: Refusal.INVALID_KEY,
    Fault.IP_NOT_WHITELISTED: Refusal.IP_NOT_WHITELISTED,
}


@dataclass
class ArmedFault:
    fault: Fault
    times: int | None  # None: until cleared
    path: str | None  # None: any path (signed paths only for refusals)
    seconds: float
    retry_after: float | None
    status: int | None
    body: bytes

    def matches(self, path: str, signed: bool) -> bool:
        if self.path is not None and self.path != path:
            return False
        return signed or self.fault.refusal is None


class FaultBook:
    """Thread-safe: the faults still armed, consumed as matching requests arrive."""

    def __init__(self) -> None:
        self._armed: list[ArmedFault] = []
        self._lock = threading.Lock()

    def arm(self, armed: ArmedFault) -> None:
        with self._lock:
            self._armed.append(armed)

    def clear(self) -> None:
        with self._lock:
            self._armed.clear()

    def take(self, path: str, signed: bool) -> tuple[float, ArmedFault | None]:
        """Added latency for this request, and the fault that decides its answer (if any)."""
        delay = 0.0
        decisive: ArmedFault | None = None
        with self._lock:
            for armed in list(self._armed):
                if not armed.matches(path, signed):
                    continue
                if armed.fault is Fault.LATENCY:
                    delay += armed.seconds
                elif decisive is None:
                    decisive = armed
                else:
                    continue
                if armed.times is not None:
                    armed.times -= 1
                    if armed.times <= 0:
                        self._armed.remove(armed)
        return delay, decisive
