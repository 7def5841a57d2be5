"""Requests to one host are paced by its documented rate limit, before any 429."""

from __future__ import annotations

from tests.exchange_server import ExchangeServer
from tests.exchanges.conftest import VirtualTime
from walletdesk.exchanges.http import ExchangeHttpClient, Pace, RateLimit, RetryPolicy
from walletdesk.exchanges.pacing import Pacer


def test_a_burst_within_the_limit_goes_at_once_then_requests_wait_their_turn() -> None:
    clock = VirtualTime()
    pacer = Pacer(RateLimit(weight=20, seconds=1), clock=clock.clock, sleep=clock.sleep)
    for _ in range(4):
        pacer.wait(10)
    assert clock.sleeps == [0.5, 0.5]


def test_the_bucket_refills_with_time() -> None:
    clock = VirtualTime()
    pacer = Pacer(RateLimit(weight=10, seconds=1), clock=clock.clock, sleep=clock.sleep)
    pacer.wait(10)
    clock.now += 1.0
    pacer.wait(10)
    assert clock.sleeps == []


def test_the_client_paces_its_host(mexc_server: ExchangeServer, virtual_time: VirtualTime) -> None:
    policy = RetryPolicy(sleep=virtual_time.sleep, clock=virtual_time.clock)
    client = ExchangeHttpClient(
        mexc_server.url, exchange="MEXC", policy=policy, pace=Pace(host=RateLimit(2, 1))
    )
    for _ in range(4):
        assert client.get("/api/v3/ping").status == 200
    client.close()
    assert virtual_time.sleeps == [0.5, 0.5]
    assert len(mexc_server.requests_to("/api/v3/ping")) == 4


def test_signed_calls_of_each_account_have_their_own_budget(
    mexc_server: ExchangeServer, virtual_time: VirtualTime
) -> None:
    """An exchange that counts signed calls per account: eight keys at once do not queue
    behind one another, one key's calls still wait their turn, unsigned calls pace the host."""
    policy = RetryPolicy(sleep=virtual_time.sleep, clock=virtual_time.clock)
    client = ExchangeHttpClient(
        mexc_server.url, exchange="MEXC", policy=policy,
        pace=Pace(host=RateLimit(2, 1), account=RateLimit(2, 1)),
    )
    for key in range(8):
        for _ in range(2):
            client.send("GET", "/api/v3/ping", account=f"key{key}")
    assert virtual_time.sleeps == []
    for _ in range(2):
        client.send("GET", "/api/v3/ping", account="key0")
    assert virtual_time.sleeps == [0.5, 0.5]
    for _ in range(3):
        client.get("/api/v3/ping")
    client.close()
    assert virtual_time.sleeps == [0.5, 0.5, 0.5]
