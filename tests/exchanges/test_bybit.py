"""Bybit against its stand-in: unified or classic trading wallet plus FUND, free computed as
the docs say for unified accounts, errors read from retCode."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from tests.exchange_server import Fault
from tests.exchange_server.bybit import WALLET_BALANCE, BybitVenue
from tests.exchange_server.venue import VenueAccount, VenueServer
from tests.exchanges.conftest import FAST_TIMEOUTS, VirtualTime, per_asset
from walletdesk.core.errors import ExchangeAuthError, ExchangeRateLimitError
from walletdesk.core.models import AssetAmount
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.bybit import BybitAdapter
from walletdesk.exchanges.http import RetryPolicy


@pytest.fixture
def server() -> Iterator[VenueServer[BybitVenue]]:
    with VenueServer(BybitVenue) as running:
        yield running


@pytest.fixture
def adapter(server: VenueServer[BybitVenue], policy: RetryPolicy) -> Iterator[BybitAdapter]:
    adapter = BybitAdapter(server.url, policy=policy, timeouts=FAST_TIMEOUTS)
    yield adapter
    adapter.close()


def creds_of(account: VenueAccount) -> ApiCredentials:
    return ApiCredentials(account.api_key, account.secret)


def test_unified_wallet_and_fund_are_folded(
    server: VenueServer[BybitVenue], adapter: BybitAdapter
) -> None:
    account = server.venue.add_wallets(
        trading={"BTC": ("0.5", "0.1"), "USDT": "100"}, fund={"USDT": ("40", "2"), "MNT": "7"}
    )
    assert per_asset(adapter.fetch_balances(creds_of(account))) == [
        AssetAmount("BTC", Decimal("0.5"), Decimal("0.1")),
        AssetAmount("USDT", Decimal("140"), Decimal("2")),
        AssetAmount("MNT", Decimal("7"), Decimal("0")),
    ]


def test_a_classic_account_is_read_as_spot_and_remembered(
    server: VenueServer[BybitVenue], adapter: BybitAdapter
) -> None:
    account = server.venue.add_wallets(trading={"ETH": ("1", "0.5")}, unified=False)
    expected = [AssetAmount("ETH", Decimal("1"), Decimal("0.5"))]
    assert per_asset(adapter.fetch_balances(creds_of(account))) == expected
    assert per_asset(adapter.fetch_balances(creds_of(account))) == expected
    types = [r.params["accountType"] for r in server.requests_to(WALLET_BALANCE)]
    assert types == ["UNIFIED", "SPOT", "SPOT"]


def test_a_wrong_secret_is_named(server: VenueServer[BybitVenue], adapter: BybitAdapter) -> None:
    account = server.venue.add_wallets()
    with pytest.raises(ExchangeAuthError, match="API secret does not belong"):
        adapter.fetch_balances(ApiCredentials(account.api_key, "y" * 36))


def test_a_fast_clock_is_corrected(server: VenueServer[BybitVenue], adapter: BybitAdapter) -> None:
    account = server.venue.add_wallets(trading={"BTC": "1"})
    server.clock_offset = -3.0  # ours runs 3 s ahead: more than Bybit's 1 s allowance
    assert adapter.fetch_balances(creds_of(account))


def test_the_key_check_reads_read_only(
    server: VenueServer[BybitVenue], adapter: BybitAdapter
) -> None:
    reader = server.venue.add_wallets()
    assert adapter.check_credentials(creds_of(reader)).message == "Key works and is read-only."
    mover = server.venue.add_wallets(can_withdraw=True)
    assert adapter.check_credentials(creds_of(mover)).can_withdraw is True


def test_too_many_visits_is_waited_out_once_then_reported(
    server: VenueServer[BybitVenue], adapter: BybitAdapter, virtual_time: VirtualTime
) -> None:
    account = server.venue.add_wallets()
    server.inject(Fault.RATE_LIMIT, times=1, path=WALLET_BALANCE)  # retCode 10006, HTTP 200
    assert adapter.fetch_balances(creds_of(account)) is not None
    assert len(virtual_time.sleeps) == 1 and virtual_time.sleeps[0] >= 3.75
    server.inject(Fault.RATE_LIMIT, times=None)
    with pytest.raises(ExchangeRateLimitError, match="wait"):
        adapter.fetch_balances(creds_of(account))


def test_prices_are_split_by_the_instrument_list(adapter: BybitAdapter) -> None:
    prices = adapter.fetch_prices()
    assert prices["BTCUSDT"] == Decimal("65000.5")
    assert prices["XYZBTC"] == Decimal("0.00001")
