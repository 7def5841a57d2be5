"""Every fault class of the test exchange, how to inject it, and what a refresh must report.

``persistent``: the fault answers every request of the key; ``once``: only the first, so
the retry policy (or the clock re-sync) may recover. ``None`` means the refresh succeeds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tests.exchange_server import Fault
from walletdesk.core.errors import (
    ClockSkewError,
    ExchangeAuthError,
    ExchangeError,
    ExchangeRateLimitError,
    ExchangeResponseError,
    ExchangeUnavailableError,
)


@dataclass(frozen=True)
class FaultCase:
    fault: Fault
    persistent: type[ExchangeError] | None
    once: type[ExchangeError] | None
    options: dict[str, Any] = field(default_factory=dict)

    def expected(self, mode: str) -> type[ExchangeError] | None:
        return self.persistent if mode == "persistent" else self.once

    @property
    def refusal(self) -> bool:
        return self.fault.refusal is not None


CASES = (
    FaultCase(Fault.LATENCY, None, None, {"seconds": 0.05}),
    # Slow but within the request deadline: the answer is read whole, byte by byte.
    FaultCase(Fault.TRICKLE, None, None, {"seconds": 0.0005}),
    FaultCase(Fault.RATE_LIMIT, ExchangeRateLimitError, None, {"retry_after": 0.02}),
    FaultCase(Fault.BANNED, ExchangeRateLimitError, None, {"retry_after": 0.02}),
    FaultCase(Fault.SERVER_ERROR, ExchangeUnavailableError, None, {"status": 502}),
    FaultCase(Fault.TIMEOUT, ExchangeUnavailableError, None, {"seconds": 1.0}),  # > read time-out
    FaultCase(Fault.DISCONNECT, ExchangeUnavailableError, None),
    FaultCase(Fault.MALFORMED_JSON, ExchangeResponseError, ExchangeResponseError),
    FaultCase(Fault.TRUNCATED_JSON, ExchangeResponseError, ExchangeResponseError),
    FaultCase(Fault.RAW, ExchangeResponseError, ExchangeResponseError,
              {"body": b"<html><body>Gateway says hello</body></html>"}),
    FaultCase(Fault.BAD_SIGNATURE, ExchangeAuthError, ExchangeAuthError),
    FaultCase(Fault.CLOCK_SKEW, ClockSkewError, None),
    FaultCase(Fault.INVALID_KEY, ExchangeAuthError, ExchangeAuthError),
    FaultCase(Fault.IP_NOT_WHITELISTED, ExchangeAuthError, ExchangeAuthError),
)
assert {case.fault for case in CASES} == set(Fault), "a fault class without a case"
MODES = ("persistent", "once")
PRICES = {"BTCUSDT": "65000.5", "ETHUSDT": "3000", "ETHBTC": "0.05", "DOGEBTC": "0.0000019"}


def times(mode: str) -> int | None:
    return None if mode == "persistent" else 1


def balances(key_index: int, version: int) -> dict[str, object]:
    """What key ``key_index`` holds at ``version``: amounts that tell key and version apart,
    an asset of its own, and one that only the first version has (so it must disappear)."""
    held: dict[str, object] = {
        "BTC": f"{version}.{key_index:08d}",
        "ETH": (f"{version * 10 + key_index}", "0.25"),
        "USDT": f"{1000 + version}.5",
        f"K{key_index}": str(version),
        "DOGE": ("0", "0"),
    }
    if version == 1:
        held[f"GONE{key_index}"] = "7"
    return held


def expected_units(held: list[dict[str, object]]) -> dict[str, tuple[int, int]]:
    """The stored (free, locked) in 1e-8 units of a wallet holding the sum of ``held``."""
    totals: dict[str, list[Decimal]] = {}
    for holding in held:
        for asset, spec in holding.items():
            free, locked = spec if isinstance(spec, tuple) else (spec, "0")
            pair = totals.setdefault(asset, [Decimal(0), Decimal(0)])
            pair[0] += Decimal(str(free))
            pair[1] += Decimal(str(locked))
    return {
        asset: (int(free * 10**8), int(locked * 10**8))
        for asset, (free, locked) in totals.items()
        if free + locked != 0
    }
