"""Transient failures are retried within bounds; rate limits are honoured, never hammered."""

from __future__ import annotations

import itertools
import socket
import time

import pytest

from tests.exchange_server import ExchangeServer, Fault
from tests.exchanges.conftest import ADAPTERS, FAST_TIMEOUTS, VirtualTime, make_adapter
from walletdesk.core.errors import ExchangeRateLimitError, ExchangeUnavailableError
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.http import RetryPolicy, parse_retry_after
from walletdesk.exchanges.mexc import MexcAdapter
from walletdesk.exchanges.spot_v3 import SpotV3Adapter

ACCOUNT = "/api/v3/account"


def test_server_errors_are_retried_with_backoff_until_the_exchange_recovers(
    adapter: SpotV3Adapter,
    exchange_server: ExchangeServer,
    creds: ApiCredentials,
    virtual_time: VirtualTime,
) -> None:
    exchange_server.inject(Fault.SERVER_ERROR, times=2, status=502, path=ACCOUNT)
    assert len(adapter.fetch_balances(creds)) == 3
    assert virtual_time.sleeps == [0.375, 0.75]
    assert len(exchange_server.requests_to(ACCOUNT)) == 3


def test_each_retry_of_a_signed_request_gets_a_fresh_timestamp_and_signature(
    exchange_server: ExchangeServer, creds: ApiCredentials, policy: RetryPolicy
) -> None:
    ticks = itertools.count()
    adapter = ADAPTERS[exchange_server.flavour.name](
        exchange_server.url, policy=policy, wall_clock=lambda: time.time() + next(ticks) * 0.01
    )
    # On the account call: Binance reads its other wallets at the same moment.
    exchange_server.inject(Fault.SERVER_ERROR, times=1, path=ACCOUNT)
    adapter.fetch_balances(creds)
    first, second = exchange_server.requests_to(ACCOUNT)
    assert first.params["timestamp"] != second.params["timestamp"]
    assert first.params["signature"] != second.params["signature"]
    adapter.close()


def test_persistent_server_errors_end_as_unavailable_after_the_allowed_attempts(
    adapter: SpotV3Adapter,
    exchange_server: ExchangeServer,
    creds: ApiCredentials,
) -> None:
    exchange_server.inject(Fault.SERVER_ERROR, times=None, status=503)
    with pytest.raises(ExchangeUnavailableError, match="server error"):
        adapter.fetch_balances(creds)
    assert len(exchange_server.requests_to(ACCOUNT)) == RetryPolicy().attempts


def test_time_out_is_retried(
    adapter: SpotV3Adapter,
    exchange_server: ExchangeServer,
    creds: ApiCredentials,
    virtual_time: VirtualTime,
) -> None:
    exchange_server.inject(Fault.TIMEOUT, times=1, seconds=FAST_TIMEOUTS.read * 10)
    assert len(adapter.fetch_balances(creds)) == 3
    assert virtual_time.sleeps == [0.375]


def test_hanging_exchange_ends_as_unavailable_with_a_time_out_message(
    mexc_server: ExchangeServer, virtual_time: VirtualTime
) -> None:
    policy = RetryPolicy(attempts=2, sleep=virtual_time.sleep, clock=virtual_time.clock)
    adapter = make_adapter(mexc_server, policy)
    mexc_server.inject(Fault.TIMEOUT, times=None, seconds=FAST_TIMEOUTS.read * 10)
    with pytest.raises(ExchangeUnavailableError, match="did not answer in time"):
        adapter.fetch_prices()
    adapter.close()


def test_slow_answer_within_the_read_timeout_is_waited_for(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer, virtual_time: VirtualTime
) -> None:
    exchange_server.inject(Fault.LATENCY, times=1, seconds=FAST_TIMEOUTS.read / 3)
    adapter.fetch_prices()
    assert virtual_time.sleeps == []
    assert len(exchange_server.requests) == 1


def test_answer_slower_than_the_read_timeout_is_abandoned_and_retried(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer, virtual_time: VirtualTime
) -> None:
    exchange_server.inject(Fault.LATENCY, times=1, seconds=FAST_TIMEOUTS.read * 2)
    adapter.fetch_prices()
    assert virtual_time.sleeps == [0.375]
    assert len(exchange_server.requests) == 2


def test_dropped_connection_is_retried(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer, creds: ApiCredentials
) -> None:
    exchange_server.inject(Fault.DISCONNECT, times=2)
    assert len(adapter.fetch_balances(creds)) == 3


def test_unreachable_exchange_is_unavailable_with_advice(
    policy: RetryPolicy, virtual_time: VirtualTime
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    adapter = MexcAdapter(f"http://127.0.0.1:{port}", policy=policy, timeouts=FAST_TIMEOUTS)
    with pytest.raises(ExchangeUnavailableError, match=r"reached\. Check your internet") as caught:
        adapter.fetch_prices()
    assert len(virtual_time.sleeps) == policy.attempts - 1
    assert caught.value.__context__ is None  # httpx's error carries the signed URL
    adapter.close()


@pytest.mark.parametrize("fault", [Fault.RATE_LIMIT, Fault.BANNED])
def test_rate_limit_waits_as_long_as_retry_after_says(
    adapter: SpotV3Adapter,
    exchange_server: ExchangeServer,
    creds: ApiCredentials,
    virtual_time: VirtualTime,
    fault: Fault,
) -> None:
    exchange_server.inject(fault, times=1, retry_after=3)
    assert len(adapter.fetch_balances(creds)) == 3
    assert virtual_time.sleeps == [3.0]


def test_rate_limit_without_retry_after_backs_off(
    adapter: SpotV3Adapter,
    exchange_server: ExchangeServer,
    virtual_time: VirtualTime,
) -> None:
    """Not three quick retries: repeated 429s get an IP banned (MEXC warns of it)."""
    exchange_server.inject(Fault.RATE_LIMIT, times=2)
    adapter.fetch_prices()
    assert virtual_time.sleeps == [5.0, 10.0]  # rate_limit_delay, doubled; jitter fixed at 1x


def test_retry_after_beyond_the_cap_is_reported_instead_of_waited_out(
    adapter: SpotV3Adapter,
    exchange_server: ExchangeServer,
    creds: ApiCredentials,
    virtual_time: VirtualTime,
) -> None:
    exchange_server.inject(Fault.BANNED, times=1, retry_after=600)
    with pytest.raises(ExchangeRateLimitError, match=r"banned .* wait about 10 minutes"):
        adapter.fetch_balances(creds)
    assert virtual_time.sleeps == []
    assert len(exchange_server.requests_to(ACCOUNT)) == 1


def test_a_rate_limit_holds_back_the_next_calls_of_the_same_exchange(
    adapter: SpotV3Adapter,
    exchange_server: ExchangeServer,
    virtual_time: VirtualTime,
) -> None:
    exchange_server.inject(Fault.RATE_LIMIT, times=None, retry_after=5)
    with pytest.raises(ExchangeRateLimitError, match="limiting requests"):
        adapter.fetch_prices()
    assert len(exchange_server.requests) == RetryPolicy().rate_limit_attempts
    exchange_server.clear_faults()
    virtual_time.sleeps.clear()
    adapter.fetch_prices()  # the exchange's last word was "wait 5 s": so we do, first
    assert virtual_time.sleeps == [5.0]


def test_retries_stop_when_the_time_budget_is_spent(
    mexc_server: ExchangeServer, virtual_time: VirtualTime
) -> None:
    policy = RetryPolicy(
        attempts=100,
        budget=2.0,
        sleep=virtual_time.sleep,
        clock=virtual_time.clock,
        jitter=lambda: 0.5,
    )
    adapter = make_adapter(mexc_server, policy)
    mexc_server.inject(Fault.SERVER_ERROR, times=None)
    with pytest.raises(ExchangeUnavailableError):
        adapter.fetch_prices()
    assert sum(virtual_time.sleeps) <= 2.0
    assert virtual_time.sleeps == [0.375, 0.75]
    adapter.close()


def test_backoff_is_exponential_capped_and_jittered_within_half_to_full() -> None:
    low = RetryPolicy(base_delay=1.0, max_delay=8.0, jitter=lambda: 0.0)
    high = RetryPolicy(base_delay=1.0, max_delay=8.0, jitter=lambda: 0.999999)
    assert [low.backoff(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    assert [round(high.backoff(n), 3) for n in range(6)] == [1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("3", 3.0),
        (" 1.5 ", 1.5),
        ("-4", 0.0),
        ("soon", None),
        (None, None),
        ("nan", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
    ],
)
def test_retry_after_header_is_read_as_seconds_or_a_date(
    header: str | None, seconds: float | None
) -> None:
    assert parse_retry_after(header) == seconds
