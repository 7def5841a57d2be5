"""An offline exchange with a fixed, realistic sample portfolio: for trying WalletDesk out.

Deterministic: the same balances and prices every time, no network. It exercises every
pricing route: USDT pairs, a USDC-only pair (ARB), a BTC-only pair (RVN), stablecoins, a
dust amount (ATOM) and an asset with no USD route at all (VEN, VeChain's retired token).
"""

from __future__ import annotations

from decimal import Decimal

from walletdesk.core.models import AssetAmount, Holdings
from walletdesk.core.sample import SAMPLE_EXCHANGE
from walletdesk.exchanges.base import ApiCredentials, KeyCheck
from walletdesk.exchanges.profile import AdapterSettings

_BALANCES: tuple[tuple[str, str, str], ...] = (  # asset, free, locked
    ("BTC", "0.42180000", "0.05000000"),
    ("ETH", "3.75000000", "0"),
    ("SOL", "52.30000000", "10.00000000"),
    ("USDT", "1843.27000000", "250.00000000"),
    ("USDC", "500.00000000", "0"),
    ("BNB", "2.10000000", "0"),
    ("XRP", "1250.00000000", "0"),
    ("ADA", "3400.00000000", "0"),
    ("DOGE", "8000.00000000", "0"),
    ("LINK", "45.50000000", "0"),
    ("ARB", "600.00000000", "0"),
    ("RVN", "15000.00000000", "0"),
    ("ATOM", "0.00000312", "0"),
    ("VEN", "1200.00000000", "0"),
)

_PRICES: tuple[tuple[str, str], ...] = (
    ("BTCUSDT", "64250.10"),
    ("ETHUSDT", "3120.45"),
    ("ETHBTC", "0.04857"),
    ("SOLUSDT", "148.32"),
    ("BNBUSDT", "585.60"),
    ("XRPUSDT", "0.5213"),
    ("ADAUSDT", "0.4487"),
    ("DOGEUSDT", "0.1234"),
    ("LINKUSDT", "14.82"),
    ("ATOMUSDT", "8.41"),
    ("USDCUSDT", "0.9998"),
    ("ARBUSDC", "0.8125"),
    ("RVNBTC", "0.00000031"),
)


class DemoAdapter:
    """The DEMO exchange: accepts any key and never touches the network."""

    name = SAMPLE_EXCHANGE
    is_demo = True

    @classmethod
    def create(cls, settings: AdapterSettings) -> DemoAdapter:
        return cls()

    def check_credentials(self, creds: ApiCredentials) -> KeyCheck:
        return KeyCheck(
            can_trade=False,
            can_withdraw=False,
            message="Demo exchange: any key works; it shows a fixed sample portfolio.",
        )

    def fetch_balances(self, creds: ApiCredentials) -> Holdings:
        return Holdings(tuple(
            AssetAmount(asset=asset, free=Decimal(free), locked=Decimal(locked))
            for asset, free, locked in _BALANCES
        ))

    def fetch_prices(self) -> dict[str, Decimal]:
        return {symbol: Decimal(price) for symbol, price in _PRICES}

    def close(self) -> None:
        pass
