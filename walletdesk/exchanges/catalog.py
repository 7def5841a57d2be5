"""The exchanges WalletDesk supports: one line per exchange, in the order users see.

Names, display names, secret fields, base-URL variables, help links and adapters are read
from each exchange's ``PROFILE`` (``profiles/<name>.py``), whose adapter module is imported
only when a refresh or key check first needs it, never at first paint. Adding an exchange is
its profile and adapter modules plus one line here (see docs/adding-an-exchange.md).
"""

from __future__ import annotations

from walletdesk.core.errors import UnsupportedExchangeError
from walletdesk.exchanges.profile import ExchangeProfile
from walletdesk.exchanges.profiles import (
    binance,
    binance_us,
    bitget,
    bybit,
    coinbase,
    demo,
    gate,
    kraken,
    kucoin,
    mexc,
    okx,
)

PROFILES: tuple[ExchangeProfile, ...] = (
    mexc.PROFILE,
    binance.PROFILE,
    binance_us.PROFILE,
    kraken.PROFILE,
    coinbase.PROFILE,
    okx.PROFILE,
    bybit.PROFILE,
    kucoin.PROFILE,
    bitget.PROFILE,
    gate.PROFILE,
    demo.PROFILE,
)

_BY_NAME = {profile.name: profile for profile in PROFILES}
SUPPORTED: tuple[str, ...] = tuple(_BY_NAME)
DEMO = demo.PROFILE.name


def canonical_exchange(name: str) -> str:
    """Map user input (any case, surrounding spaces) to the canonical stored name."""
    candidate = name.strip().upper()
    if candidate not in _BY_NAME:
        raise UnsupportedExchangeError(name, SUPPORTED)
    return candidate


def profile(name: str) -> ExchangeProfile:
    """The profile of an exchange, by any spelling of its name."""
    return _BY_NAME[canonical_exchange(name)]


def display_name(canonical: str) -> str:
    """For showing a stored name; a name this version does not know is shown as stored."""
    known = _BY_NAME.get(canonical)
    return known.display_name if known is not None else canonical


def real_exchange_names() -> str:
    """"MEXC, Binance or Binance US": for the first-run screen."""
    names = [p.display_name for p in PROFILES if not p.is_demo]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
