"""One adapter refreshes several credentials of an exchange at once, over reused connections."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

from tests.exchange_server import ExchangeServer
from tests.exchanges.conftest import REQUESTS_PER_FETCH
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.http import MAX_CONCURRENT
from walletdesk.exchanges.spot_v3 import SpotV3Adapter

LATENCY = 0.25


def test_eight_credentials_are_fetched_concurrently_through_one_adapter(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer
) -> None:
    accounts = [
        exchange_server.add_account(balances={"BTC": str(n), "USDT": f"{n}.5"}) for n in range(1, 9)
    ]
    adapter.fetch_balances(ApiCredentials(accounts[0].api_key, accounts[0].secret))  # warm up
    exchange_server.latency = LATENCY

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(
            pool.map(
                lambda a: adapter.fetch_balances(ApiCredentials(a.api_key, a.secret)), accounts
            )
        )

    for n, balances in enumerate(results, start=1):
        assert [(b.asset, b.free) for b in balances] == [
            ("BTC", Decimal(n)),
            ("USDT", Decimal(f"{n}.5")),
        ]
    # All eight asked at once (each of Binance's four wallets too, up to the pool's size).
    per_fetch = REQUESTS_PER_FETCH[exchange_server.flavour.name]
    assert exchange_server.most_in_flight == min(len(accounts) * per_fetch, MAX_CONCURRENT)


def test_sequential_calls_reuse_one_connection(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer, creds: ApiCredentials
) -> None:
    for _ in range(5):
        adapter.fetch_balances(creds)
        adapter.fetch_prices()
    ports = {request.client_port for request in exchange_server.requests}
    # Kept alive: the first call opens at most one connection per request it sends at once
    # (Binance's wallets are read concurrently, so how many overlap is up to the scheduler);
    # the nine calls after it open none. Without keep-alive there would be one per request.
    assert 1 <= len(ports) <= REQUESTS_PER_FETCH[exchange_server.flavour.name]


def test_concurrent_calls_open_at_most_the_pool_size_of_connections(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer
) -> None:
    exchange_server.latency = 0.05
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(lambda _: adapter.fetch_prices(), range(32)))
    assert len({request.client_port for request in exchange_server.requests}) <= MAX_CONCURRENT
