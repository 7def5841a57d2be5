"""Domain records for the model tests."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from walletdesk.core.balance_table import BalanceTable
from walletdesk.core.models import Balance, Credential, Portfolio, Wallet

T0 = datetime(2026, 11, 25, 17, 4, 5, tzinfo=UTC)


def balance(exchange: str, asset: str, free: str, locked: str = "0", usd: str = "0",
            *, priced: bool | None = None) -> Balance:
    total = Decimal(free) + Decimal(locked)
    usd_value = Decimal(usd)
    return Balance(exchange=exchange, asset=asset, free=Decimal(free), locked=Decimal(locked),
                   total=total, usd_value=usd_value,
                   priced=priced if priced is not None else (usd_value != 0 or total == 0),
                   wallet_updated=T0)


def mixed_balances() -> list[Balance]:
    """Value-descending, as the store returns them."""
    return [
        balance("MEXC", "BTC", "0.5", "0.25", "48000.12345678"),
        balance("BINANCE", "ETH", "3", "0", "9500"),
        balance("DEMO", "SOL", "52.3", "10", "9240.3456"),
        balance("MEXC", "USDT", "1234.5", "0", "1234.5"),
        balance("BINANCE", "DOGE", "100", "0", "12.34"),
        balance("MEXC", "ATOM", "0.00000312", "0", "0.00002624"),
        balance("BINANCE", "VEN", "1200", "0", "0", priced=False),
    ]


def portfolio_of(balances: list[Balance]) -> Portfolio:
    totals: dict[str, Decimal] = {}
    counts: dict[str, int] = {}
    for b in balances:
        totals[b.exchange] = totals.get(b.exchange, Decimal(0)) + b.usd_value
        counts[b.exchange] = counts.get(b.exchange, 0) + 1
    wallets = tuple(Wallet(id=i, exchange=name, total_usd_value=totals[name], last_updated=T0,
                           asset_count=counts[name]) for i, name in enumerate(sorted(totals)))
    return Portfolio(wallets=wallets, balances=BalanceTable.of(balances))


def credential(exchange: str = "MEXC", label: str | None = "Main",
               api_key: str = "mx0vglKEY1234567890abcd", cid: str = "c1") -> Credential:
    return Credential(id=cid, user_id="local", exchange=exchange, api_key=api_key, label=label,
                      created_at=T0, updated_at=T0)
