"""MEXC spot and futures: one key, two hosts, two signing schemes, folded into one wallet."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from tests.exchange_server import ExchangeServer, Fault
from tests.exchange_server.mexc_futures import ASSETS, MexcFuturesVenue
from tests.exchange_server.venue import VenueServer
from tests.exchanges.conftest import VirtualTime
from walletdesk.core.errors import ExchangeAuthError
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.http import RetryPolicy, Timeouts
from walletdesk.exchanges.mexc import MexcAdapter
from walletdesk.exchanges.registry import default_registry


@pytest.fixture
def futures() -> Iterator[VenueServer[MexcFuturesVenue]]:
    with VenueServer(MexcFuturesVenue) as server:
        yield server


@pytest.fixture
def adapter(mexc_server: ExchangeServer, futures: VenueServer[MexcFuturesVenue],
            virtual_time: VirtualTime) -> Iterator[MexcAdapter]:
    policy = RetryPolicy(sleep=virtual_time.sleep, clock=virtual_time.clock, jitter=lambda: 0.5)
    made = MexcAdapter(mexc_server.url, futures_url=futures.url, policy=policy,
                       timeouts=Timeouts(connect=1, read=1))
    yield made
    made.close()


def key(mexc_server: ExchangeServer, futures: VenueServer[MexcFuturesVenue],
        spot: dict[str, object], held: dict[str, tuple[str, str, str, str]],
        can_read: bool = True) -> ApiCredentials:
    account = mexc_server.add_account(balances=spot)
    futures.venue.add_account(api_key=account.api_key, secret=account.secret, futures=held,
                              can_read=can_read)
    return ApiCredentials(account.api_key, account.secret)


def test_futures_equity_is_folded_with_spot(
    adapter: MexcAdapter, mexc_server: ExchangeServer, futures: VenueServer[MexcFuturesVenue]
) -> None:
    # available, frozen, position margin, unrealised -> equity 100 + 5 + 20 - 3 = 122
    creds = key(mexc_server, futures, {"USDT": "50", "BTC": "0.1"},
                {"USDT": ("100", "5", "20", "-3"), "BTC": ("0.00000001", "0", "0", "0")})
    held = {(a.asset, a.place): (a.free, a.locked) for a in adapter.fetch_balances(creds)}
    assert held == {("USDT", "spot"): (Decimal("50"), Decimal("0")),
                    ("BTC", "spot"): (Decimal("0.1"), Decimal("0")),
                    ("USDT", "futures"): (Decimal("100"), Decimal("22")),
                    ("BTC", "futures"): (Decimal("0.00000001"), Decimal("0"))}
    (request,) = futures.requests_to(ASSETS)
    assert request.header("Signature") and "signature" not in request.query


def test_a_key_without_futures_permission_reads_spot_alone(
    adapter: MexcAdapter, mexc_server: ExchangeServer, futures: VenueServer[MexcFuturesVenue]
) -> None:
    creds = key(mexc_server, futures, {"BTC": "1"}, {"USDT": ("5", "0", "0", "0")},
                can_read=False)
    assert [(a.asset, a.place) for a in adapter.fetch_balances(creds)] == [("BTC", "spot")]


def test_a_wrong_secret_on_futures_fails_the_refresh_and_says_what_to_fix(
    adapter: MexcAdapter, mexc_server: ExchangeServer, futures: VenueServer[MexcFuturesVenue]
) -> None:
    creds = key(mexc_server, futures, {"BTC": "1"}, {})
    futures.inject(Fault.BAD_SIGNATURE)
    with pytest.raises(ExchangeAuthError, match="futures request signature"):
        adapter.fetch_balances(creds)


def test_a_clock_refusal_resyncs_and_retries_once(
    adapter: MexcAdapter, mexc_server: ExchangeServer, futures: VenueServer[MexcFuturesVenue]
) -> None:
    creds = key(mexc_server, futures, {}, {"ETH": ("2", "0", "0", "0")})
    futures.clock_offset = 30.0
    held = adapter.fetch_balances(creds)
    assert [(a.asset, a.place) for a in held] == [("ETH", "futures")]
    assert len(futures.requests_to(ASSETS)) == 2


def test_the_futures_address_comes_from_its_own_variable(
    mexc_server: ExchangeServer, futures: VenueServer[MexcFuturesVenue]
) -> None:
    creds = key(mexc_server, futures, {"BTC": "1"}, {"SOL": ("3", "0", "0", "0")})
    registry = default_registry({"WALLETDESK_MEXC_BASE_URL": mexc_server.url,
                                 "WALLETDESK_MEXC_FUTURES_BASE_URL": futures.url})
    held = registry.get("MEXC").fetch_balances(creds)
    registry.close()
    assert sorted((a.asset, a.place) for a in held) == [("BTC", "spot"), ("SOL", "futures")]


def test_a_stand_in_without_a_futures_api_is_read_as_spot_alone(
    mexc_server: ExchangeServer,
) -> None:
    """The spot address set by hand serves futures too unless told otherwise; a 404 there
    means this server has no futures API: skipped, never the public contract host."""
    account = mexc_server.add_account(balances={"BTC": "1"})
    registry = default_registry({"WALLETDESK_MEXC_BASE_URL": mexc_server.url})
    held = registry.get("MEXC").fetch_balances(ApiCredentials(account.api_key, account.secret))
    registry.close()
    assert [(a.asset, a.place) for a in held] == [("BTC", "spot")]
    assert mexc_server.requests_to(ASSETS)


def test_each_key_reads_futures_within_its_own_budget(
    adapter: MexcAdapter, mexc_server: ExchangeServer, futures: VenueServer[MexcFuturesVenue],
    virtual_time: VirtualTime,
) -> None:
    """MEXC counts a keyed call per account, 20 per 2 s: eight keys refreshed three times in a
    row never wait, one key read 24 times waits for the four calls past its 20."""
    keys = [key(mexc_server, futures, {"BTC": "1"}, {"USDT": ("1", "0", "0", "0")})
            for _ in range(8)]
    for _ in range(3):
        for creds in keys:
            adapter.fetch_balances(creds)
    assert virtual_time.sleeps == []
    for _ in range(24 - 3):
        adapter.fetch_balances(keys[0])
    assert virtual_time.sleeps == pytest.approx([0.1] * 4)
