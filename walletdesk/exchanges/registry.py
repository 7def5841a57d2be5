"""One adapter per catalogued exchange, created on first use (that is what imports httpx)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from walletdesk.core.errors import ExchangeError
from walletdesk.exchanges.base import ExchangeAdapter
from walletdesk.exchanges.catalog import PROFILES, canonical_exchange, display_name
from walletdesk.exchanges.profile import AdapterSettings, ExchangeProfile

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


def default_registry(
    environ: Mapping[str, str] = os.environ,
    *,
    policy: RetryPolicy | None = None,
    timeouts: Timeouts | None = None,
) -> ExchangeRegistry:
    """Every exchange of the catalog; ``policy`` and ``timeouts`` serve tests and benchmarks."""
    environ = dict(environ)  # read once: a later change of the environment changes nothing

    def factory(profile: ExchangeProfile) -> AdapterFactory:
        return lambda: profile.adapter(AdapterSettings(profile, environ, policy, timeouts))

    return ExchangeRegistry({profile.name: factory(profile) for profile in PROFILES})
