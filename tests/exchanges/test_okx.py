"""OKX against its stand-in: trading and funding accounts folded, the passphrase and the
secret told apart, ISO timestamps kept within 30 s of OKX's clock."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from tests.exchange_server import Fault
from tests.exchange_server.okx import OkxVenue
from tests.exchange_server.venue import VenueAccount, VenueServer
from tests.exchanges.conftest import FAST_TIMEOUTS, per_asset
from walletdesk.core.errors import ClockSkewError, ExchangeAuthError
from walletdesk.core.models import AssetAmount
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.http import RetryPolicy
from walletdesk.exchanges.okx import OkxAdapter

PASSPHRASE = "Tr0ub4dor & 3"


@pytest.fixture
def server() -> Iterator[VenueServer[OkxVenue]]:
    with VenueServer(OkxVenue) as running:
        yield running


@pytest.fixture
def account(server: VenueServer[OkxVenue]) -> VenueAccount:
    return server.venue.add_wallets(
        PASSPHRASE,
        trading={"BTC": ("0.5", "0.1"), "USDT": "10", "ETH": "0"},
        funding={"USDT": ("250.5", "0.5"), "OKB": "3"},
    )


@pytest.fixture
def creds(account: VenueAccount) -> ApiCredentials:
    return ApiCredentials(account.api_key, account.secret, PASSPHRASE)


@pytest.fixture
def adapter(server: VenueServer[OkxVenue], policy: RetryPolicy) -> Iterator[OkxAdapter]:
    adapter = OkxAdapter(server.url, policy=policy, timeouts=FAST_TIMEOUTS)
    yield adapter
    adapter.close()


def test_trading_and_funding_accounts_are_folded_per_asset(
    adapter: OkxAdapter, creds: ApiCredentials
) -> None:
    assert per_asset(adapter.fetch_balances(creds)) == [
        AssetAmount("BTC", Decimal("0.5"), Decimal("0.1")),
        AssetAmount("USDT", Decimal("260.5"), Decimal("0.5")),
        AssetAmount("OKB", Decimal("3"), Decimal("0")),
    ]


def test_a_wrong_passphrase_is_named(adapter: OkxAdapter, account: VenueAccount) -> None:
    with pytest.raises(ExchangeAuthError, match="passphrase is wrong"):
        adapter.fetch_balances(ApiCredentials(account.api_key, account.secret, "guess"))


def test_a_wrong_secret_is_named(adapter: OkxAdapter, account: VenueAccount) -> None:
    with pytest.raises(ExchangeAuthError, match="secret key does not belong") as caught:
        adapter.fetch_balances(ApiCredentials(account.api_key, "0" * 32, PASSPHRASE))
    assert "passphrase" not in str(caught.value)


def test_a_clock_a_minute_off_is_corrected_once(
    server: VenueServer[OkxVenue], adapter: OkxAdapter, creds: ApiCredentials
) -> None:
    server.clock_offset = -60.0
    assert adapter.fetch_balances(creds)
    assert abs(adapter.clock_offset_ms + 60_000) < 5_000
    before = len(server.requests_to("/api/v5/public/time"))
    adapter.fetch_balances(creds)
    assert len(server.requests_to("/api/v5/public/time")) == before  # the offset is kept


def test_a_timestamp_refused_after_the_sync_is_a_clock_error(
    server: VenueServer[OkxVenue], adapter: OkxAdapter, creds: ApiCredentials
) -> None:
    server.inject(Fault.CLOCK_SKEW, times=None)
    with pytest.raises(ClockSkewError, match="clock"):
        adapter.fetch_balances(creds)


def test_permissions_from_account_config(
    server: VenueServer[OkxVenue], adapter: OkxAdapter, creds: ApiCredentials
) -> None:
    assert adapter.check_credentials(creds).message == "Key works and is read-only."
    trader = server.venue.add_wallets("pw", can_trade=True)
    check = adapter.check_credentials(ApiCredentials(trader.api_key, trader.secret, "pw"))
    assert (check.can_trade, check.can_withdraw) == (True, False)


def test_prices_by_instrument(adapter: OkxAdapter) -> None:
    prices = adapter.fetch_prices()
    assert prices["BTCUSDT"] == Decimal("65000.1")
    assert prices["RAREBTC"] == Decimal("0.0000025")


def test_nothing_secret_is_sent(
    server: VenueServer[OkxVenue], adapter: OkxAdapter, creds: ApiCredentials
) -> None:
    adapter.fetch_balances(creds)
    assert all(creds.secret not in r.text for r in server.requests)
