"""One adapter per exchange, created on first use (creating one is what imports httpx)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from walletdesk.core.errors import ExchangeError
from walletdesk.core.exchange_names import BINANCE, DEMO, MEXC, canonical_exchange, display_name
from walletdesk.exchanges.base import ExchangeAdapter

if TYPE_CHECKING:
    from walletdesk.exchanges.http import RetryPolicy, Timeouts

AdapterFactory = Callable[[], ExchangeAdapter]


class ExchangeRegistry:
    """Thread-safe: concurrent ``get`` calls for one exchange share one adapter."""

    def __init__(self, factories: Mapping[str, AdapterFactory]) -> None:
        self._factories = dict(factories)
        self._adapters: dict[str, ExchangeAdapter] = {}
        self._lock = threading.Lock()

    def get(self, exchange: str) -> ExchangeAdapter:
        name = canonical_exchange(exchange)
        with self._lock:
            adapter = self._adapters.get(name)
            if adapter is None:
                factory = self._factories.get(name)
                if factory is None:
                    raise ExchangeError(f"{display_name(name)} is not available in this build.")
                adapter = self._adapters[name] = factory()
            return adapter

    def close(self) -> None:
        with self._lock:
            adapters, self._adapters = list(self._adapters.values()), {}
        for adapter in adapters:
            adapter.close()


def base_url(exchange: str, default: str, environ: Mapping[str, str]) -> str:
    """``WALLETDESK_<EXCHANGE>_BASE_URL`` if set (testnets, proxies, tests), else ``default``."""
    variable = f"WALLETDESK_{exchange}_BASE_URL"
    url = environ.get(variable, "").strip().rstrip("/")
    if not url:
        return default
    if not url.startswith(("http://", "https://")):
        raise ExchangeError(f"{variable} must be an http:// or https:// address.")
    return url


def default_registry(
    environ: Mapping[str, str] = os.environ,
    *,
    policy: RetryPolicy | None = None,
    timeouts: Timeouts | None = None,
) -> ExchangeRegistry:
    """The real exchanges and the demo; ``policy`` and ``timeouts`` serve tests and benchmarks."""

    def mexc() -> ExchangeAdapter:
        from walletdesk.exchanges.mexc import DEFAULT_BASE_URL, MexcAdapter

        url = base_url(MEXC, DEFAULT_BASE_URL, environ)
        return MexcAdapter(url, policy=policy, timeouts=timeouts)

    def binance() -> ExchangeAdapter:
        from walletdesk.exchanges.binance import DEFAULT_BASE_URL, BinanceAdapter

        url = base_url(BINANCE, DEFAULT_BASE_URL, environ)
        return BinanceAdapter(url, policy=policy, timeouts=timeouts)

    def demo() -> ExchangeAdapter:
        from walletdesk.exchanges.demo import DemoAdapter

        return DemoAdapter()

    return ExchangeRegistry({MEXC: mexc, BINANCE: binance, DEMO: demo})
