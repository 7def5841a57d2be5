"""A wrong clock is corrected from the exchange's time once; if that fails, the user is told."""

from __future__ import annotations

import time

import pytest

from tests.exchange_server import ExchangeServer, Fault
from tests.exchanges.conftest import ADAPTERS
from walletdesk.core.errors import ClockSkewError
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.http import RetryPolicy
from walletdesk.exchanges.spot_v3 import SpotV3Adapter

ACCOUNT = "/api/v3/account"
TIME = "/api/v3/time"


def test_exchange_clock_ahead_is_learnt_from_server_time_and_the_call_retried_once(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer, creds: ApiCredentials
) -> None:
    exchange_server.clock_offset = 120.0
    assert len(adapter.fetch_balances(creds)) == 3
    assert abs(adapter.clock_offset_ms - 120_000) < 1000
    assert len(exchange_server.requests_to(ACCOUNT)) == 2
    assert len(exchange_server.requests_to(TIME)) == 1


def test_learnt_offset_is_kept_for_later_calls(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer, creds: ApiCredentials
) -> None:
    exchange_server.clock_offset = -30.0
    adapter.fetch_balances(creds)
    exchange_server.clear_requests()
    adapter.check_credentials(creds)
    adapter.fetch_balances(creds)
    assert exchange_server.requests_to(TIME) == []


def test_our_clock_running_fast_is_corrected_too(
    exchange_server: ExchangeServer, creds: ApiCredentials, policy: RetryPolicy
) -> None:
    adapter = ADAPTERS[exchange_server.flavour.name](
        exchange_server.url, policy=policy, wall_clock=lambda: time.time() + 45
    )
    assert len(adapter.fetch_balances(creds)) == 3
    assert abs(adapter.clock_offset_ms + 45_000) < 1000
    adapter.close()


def test_server_time_sent_as_a_string_is_understood(
    mexc_server: ExchangeServer, mexc_adapter: SpotV3Adapter
) -> None:
    mexc_server.time_as_string = True
    mexc_server.clock_offset = 10.0
    account = mexc_server.add_account(balances={"BTC": "1"})
    assert len(mexc_adapter.fetch_balances(ApiCredentials(account.api_key, account.secret))) == 1


def test_clock_complaint_after_resync_raises_clock_skew_error_with_the_offset(
    exchange_server: ExchangeServer, creds: ApiCredentials, policy: RetryPolicy
) -> None:
    adapter = ADAPTERS[exchange_server.flavour.name](
        exchange_server.url, policy=policy, wall_clock=lambda: time.time() - 300
    )
    exchange_server.inject(Fault.CLOCK_SKEW, times=None)
    with pytest.raises(ClockSkewError) as caught:
        adapter.fetch_balances(creds)
    assert str(caught.value).startswith(
        "Your computer's clock is off by 300 s; set it to update automatically"
    )
    assert len(exchange_server.requests_to(ACCOUNT)) == 2  # retried exactly once
    adapter.close()
