"""The exchanges WalletDesk supports, by canonical name (as stored in the database)."""

from __future__ import annotations

from walletdesk.core.errors import UnsupportedExchangeError

MEXC = "MEXC"
BINANCE = "BINANCE"
DEMO = "DEMO"

SUPPORTED: tuple[str, ...] = (MEXC, BINANCE, DEMO)

DISPLAY_NAMES: dict[str, str] = {MEXC: "MEXC", BINANCE: "Binance", DEMO: "Demo (offline sample)"}


def canonical_exchange(name: str) -> str:
    """Map user input (any case, surrounding spaces) to the canonical stored name."""
    candidate = name.strip().upper()
    if candidate not in SUPPORTED:
        raise UnsupportedExchangeError(name, SUPPORTED)
    return candidate


def display_name(canonical: str) -> str:
    return DISPLAY_NAMES.get(canonical, canonical)


def is_sample(canonical: str) -> bool:
    """The offline demo's balances are invented: never part of a real total."""
    return canonical == DEMO
