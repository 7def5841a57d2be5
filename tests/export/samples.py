"""Balances for the export tests: a handful with every case an export must get right."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from walletdesk.core.models import Balance

UPDATED = datetime(2026, 11, 25, 17, 4, 5, tzinfo=UTC)
FORMULA_ASSET = "=cmd|'/C calc'!A0"
BIGGEST = Decimal("9999999999.99999999")


def balance(exchange: str, asset: str, free: str, locked: str, usd: str, *,
            priced: bool = True, updated: datetime = UPDATED) -> Balance:
    return Balance(exchange=exchange, asset=asset, free=Decimal(free), locked=Decimal(locked),
                   total=Decimal(free) + Decimal(locked), usd_value=Decimal(usd), priced=priced,
                   wallet_updated=updated)


def sample_balances() -> list[Balance]:
    """Biggest storable amount, dust, unpriced, a formula-like asset, non-ASCII text."""
    earlier = datetime(2026, 11, 25, 16, 59, 0, tzinfo=UTC)
    return [
        balance("DEMO", "BIG", str(BIGGEST), "0", str(BIGGEST)),
        balance("MEXC", "BTC", "0.50000000", "0.25000000", "71250.12345678"),
        balance("BINANCE", "ÆTHER币", "12.00000000", "0E-8", "3.50000000", updated=earlier),
        balance("BINANCE", "SHIB", "0.00000001", "0", "0.00000000", updated=earlier),
        balance("MEXC", "NOPRICE", "1234.56789012", "0", "0", priced=False),
        balance("DEMO", FORMULA_ASSET, "1", "0", "0", priced=False),
    ]
