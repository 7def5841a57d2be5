"""Adapters pointed at a real test exchange on 127.0.0.1, with virtual retry waits."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from tests.exchange_server import Account, ExchangeServer
from tests.exchange_server.accounts import BalanceSpec
from tests.exchange_server.fixtures import binance_server, exchange_server, mexc_server
from walletdesk.core.models import AssetAmount, Holdings
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.binance import BinanceAdapter
from walletdesk.exchanges.http import RetryPolicy, Timeouts
from walletdesk.exchanges.mexc import MexcAdapter
from walletdesk.exchanges.spot_v3 import SpotV3Adapter

__all__ = ["binance_server", "exchange_server", "mexc_server"]

FAST_TIMEOUTS = Timeouts(connect=1.0, read=0.3)
# Requests one fetch_balances makes, at once: Binance reads spot, funding and two Earn lists.
REQUESTS_PER_FETCH = {"mexc": 1, "binance": 4}
ADAPTERS: dict[str, type[SpotV3Adapter]] = {"mexc": MexcAdapter, "binance": BinanceAdapter}
BALANCES: dict[str, BalanceSpec] = {"BTC": "0.5", "ETH": ("1.25", "0.75"), "USDT": "1000.12345678"}
PRICES = {"BTCUSDT": "65000.10", "ETHUSDT": "3000", "ETHBTC": "0.046"}


class VirtualTime:
    """A monotonic clock that only moves when the code under test sleeps; records the sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def virtual_time() -> VirtualTime:
    return VirtualTime()


@pytest.fixture
def policy(virtual_time: VirtualTime) -> RetryPolicy:
    """The default policy, but waits are virtual and jitter is fixed (back-off 0.375, 0.75, ...)."""
    return RetryPolicy(sleep=virtual_time.sleep, clock=virtual_time.clock, jitter=lambda: 0.5)


def make_adapter(server: ExchangeServer, policy: RetryPolicy) -> SpotV3Adapter:
    return ADAPTERS[server.flavour.name](server.url, policy=policy, timeouts=FAST_TIMEOUTS)


@pytest.fixture
def adapter(exchange_server: ExchangeServer, policy: RetryPolicy) -> Iterator[SpotV3Adapter]:
    adapter = make_adapter(exchange_server, policy)
    yield adapter
    adapter.close()


@pytest.fixture
def account(exchange_server: ExchangeServer) -> Account:
    exchange_server.set_prices(PRICES)
    return exchange_server.add_account(balances=BALANCES)


@pytest.fixture
def creds(account: Account) -> ApiCredentials:
    return ApiCredentials(api_key=account.api_key, secret=account.secret)


@pytest.fixture
def mexc_adapter(mexc_server: ExchangeServer, policy: RetryPolicy) -> Iterator[SpotV3Adapter]:
    adapter = make_adapter(mexc_server, policy)
    yield adapter
    adapter.close()


@pytest.fixture
def binance_adapter(binance_server: ExchangeServer, policy: RetryPolicy) -> Iterator[SpotV3Adapter]:
    adapter = make_adapter(binance_server, policy)
    yield adapter
    adapter.close()


def per_asset(held: Holdings) -> list[AssetAmount]:
    """A key's holdings summed over their places, one amount per asset in first-seen order:
    what the wallet row of a single-key exchange holds."""
    sums: dict[str, tuple[Decimal, Decimal]] = {}
    for amount in held:
        free, locked = sums.get(amount.asset, (Decimal(0), Decimal(0)))
        sums[amount.asset] = (free + amount.free, locked + amount.locked)
    return [AssetAmount(asset, free, locked) for asset, (free, locked) in sums.items()]
