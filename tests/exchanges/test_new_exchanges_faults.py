"""The faults every new exchange's stand-in injects, against its adapter: rate limits waited
out or reported, server errors retried, an IP whitelist named, a clock that stays wrong."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.exchange_server import Fault
from tests.exchange_server.bitget import BitgetVenue
from tests.exchange_server.bybit import BybitVenue
from tests.exchange_server.coinbase import CoinbaseVenue
from tests.exchange_server.gate import GateVenue
from tests.exchange_server.kraken import KrakenVenue
from tests.exchange_server.kucoin import KucoinVenue
from tests.exchange_server.okx import OkxVenue
from tests.exchange_server.venue import VenueAccount, VenueServer
from tests.exchanges.conftest import FAST_TIMEOUTS
from walletdesk.core.errors import (
    ClockSkewError,
    ExchangeAuthError,
    ExchangeRateLimitError,
    ExchangeUnavailableError,
)
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.bitget import BitgetAdapter
from walletdesk.exchanges.bybit import BybitAdapter
from walletdesk.exchanges.coinbase import CoinbaseAdapter
from walletdesk.exchanges.gate import GateAdapter
from walletdesk.exchanges.http import RetryPolicy
from walletdesk.exchanges.kraken import KrakenAdapter
from walletdesk.exchanges.kucoin import KucoinAdapter
from walletdesk.exchanges.okx import OkxAdapter

Opener = Callable[[Any], VenueAccount]
CASES: dict[str, tuple[type[Any], type[Any], Opener]] = {
    "kraken": (KrakenVenue, KrakenAdapter, lambda v: v.add_balances({"XXBT": "1"})),
    "coinbase": (CoinbaseVenue, CoinbaseAdapter, lambda v: v.add_wallets({"BTC": "1"})),
    "okx": (OkxVenue, OkxAdapter, lambda v: v.add_wallets("pp", trading={"BTC": "1"})),
    "bybit": (BybitVenue, BybitAdapter, lambda v: v.add_wallets(trading={"BTC": "1"})),
    "kucoin": (KucoinVenue, KucoinAdapter, lambda v: v.add_wallets("pp", {"main": {"BTC": "1"}})),
    "bitget": (BitgetVenue, BitgetAdapter, lambda v: v.add_spot("pp", {"BTC": "1"})),
    "gate": (GateVenue, GateAdapter, lambda v: v.add_spot({"BTC": "1"})),
}
CLOCKED = ["okx", "bybit", "kucoin", "bitget", "gate"]  # exchanges with a timestamp window


@pytest.fixture(params=sorted(CASES))
def case(
    request: pytest.FixtureRequest, policy: RetryPolicy, tmp_path: Path
) -> Iterator[tuple[str, VenueServer[Any], Any, ApiCredentials]]:
    venue, adapter_class, opener = CASES[request.param]
    with VenueServer(venue) as server:
        extra = {"nonce_directory": tmp_path} if adapter_class is KrakenAdapter else {}
        adapter = adapter_class(server.url, policy=policy, timeouts=FAST_TIMEOUTS, **extra)
        account = opener(server.venue)
        creds = ApiCredentials(account.api_key, account.secret, account.passphrase)
        yield request.param, server, adapter, creds
        adapter.close()


def test_a_lasting_rate_limit_is_reported_in_one_line_and_passes(
    case: tuple[str, VenueServer[Any], Any, ApiCredentials],
) -> None:
    _, server, adapter, creds = case
    server.inject(Fault.RATE_LIMIT, times=None)
    with pytest.raises(ExchangeRateLimitError) as caught:
        adapter.fetch_balances(creds)
    assert "\n" not in str(caught.value)
    server.clear_faults()
    assert adapter.fetch_balances(creds)


def test_server_errors_are_retried_then_reported(
    case: tuple[str, VenueServer[Any], Any, ApiCredentials],
) -> None:
    _, server, adapter, creds = case
    server.inject(Fault.SERVER_ERROR, times=2)
    assert adapter.fetch_balances(creds)
    server.inject(Fault.SERVER_ERROR, times=None)
    with pytest.raises(ExchangeUnavailableError, match="server error"):
        adapter.fetch_balances(creds)


def test_a_refusal_of_this_computers_ip_says_so(
    case: tuple[str, VenueServer[Any], Any, ApiCredentials],
) -> None:
    name, server, adapter, creds = case
    if name in ("kraken", "coinbase"):
        pytest.skip("their refusals do not tell an IP restriction apart")
    server.inject(Fault.IP_NOT_WHITELISTED, times=None)
    with pytest.raises(ExchangeAuthError, match="IP"):
        adapter.fetch_balances(creds)


def test_a_timestamp_refused_even_after_resync_is_the_computers_clock(
    case: tuple[str, VenueServer[Any], Any, ApiCredentials],
) -> None:
    name, server, adapter, creds = case
    if name not in CLOCKED:
        pytest.skip("no timestamp window")
    server.inject(Fault.CLOCK_SKEW, times=None)
    with pytest.raises(ClockSkewError, match="clock"):
        adapter.fetch_balances(creds)
