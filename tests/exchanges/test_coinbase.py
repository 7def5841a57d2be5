"""Coinbase against its stand-in: every account on every page, a JWT per request, the key's
permissions, and a bare 401 told apart from a wrong clock."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal

import pytest

from tests.exchange_server import Fault
from tests.exchange_server.coinbase import ACCOUNTS, CoinbaseVenue
from tests.exchange_server.venue import VenueAccount, VenueServer
from tests.exchanges.conftest import FAST_TIMEOUTS, per_asset
from walletdesk.core.errors import ClockSkewError, ExchangeAuthError, ExchangeRateLimitError
from walletdesk.core.models import AssetAmount
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.coinbase import PAGE_LIMIT, CoinbaseAdapter
from walletdesk.exchanges.http import RetryPolicy


@pytest.fixture
def server() -> Iterator[VenueServer[CoinbaseVenue]]:
    with VenueServer(CoinbaseVenue) as running:
        yield running


@pytest.fixture
def adapter(server: VenueServer[CoinbaseVenue], policy: RetryPolicy) -> Iterator[CoinbaseAdapter]:
    adapter = CoinbaseAdapter(server.url, policy=policy, timeouts=FAST_TIMEOUTS)
    yield adapter
    adapter.close()


def creds_of(account: VenueAccount) -> ApiCredentials:
    return ApiCredentials(api_key=account.api_key, secret=account.secret)


def test_every_account_on_every_page_is_read(
    server: VenueServer[CoinbaseVenue], adapter: CoinbaseAdapter
) -> None:
    wallets: dict[str, object] = {f"C{n:03d}": f"{n}.5" for n in range(PAGE_LIMIT + 30)}
    wallets["BTC"] = ("0.5", "0.125")
    account = server.venue.add_wallets(wallets)
    amounts = {a.asset: a for a in adapter.fetch_balances(creds_of(account))}
    assert len(amounts) == PAGE_LIMIT + 31
    assert amounts["BTC"] == AssetAmount("BTC", Decimal("0.5"), Decimal("0.125"))
    assert amounts["C279"].free == Decimal("279.5")
    pages = server.requests_to(ACCOUNTS)
    assert len(pages) == 2 and "cursor=" in pages[1].query


def test_a_key_pasted_with_literal_backslash_n_still_signs(
    server: VenueServer[CoinbaseVenue], adapter: CoinbaseAdapter
) -> None:
    account = server.venue.add_wallets({"ETH": "2"})
    pasted = ApiCredentials(account.api_key, account.secret.replace("\n", "\\n"))
    held = per_asset(adapter.fetch_balances(pasted))
    assert held == [AssetAmount("ETH", Decimal("2"), Decimal("0"))]


def test_the_cdp_key_file_content_is_accepted_as_the_secret(
    server: VenueServer[CoinbaseVenue], adapter: CoinbaseAdapter
) -> None:
    account = server.venue.add_wallets({"ETH": "2"})
    key_file = json.dumps({"name": account.api_key, "privateKey": account.secret})
    assert adapter.fetch_balances(ApiCredentials(account.api_key, key_file))


def test_prices_come_from_the_products_base_and_quote(adapter: CoinbaseAdapter) -> None:
    prices = adapter.fetch_prices()
    assert prices["BTCUSD"] == Decimal("65000.01")
    assert prices["USDTUSD"] == Decimal("1.0001")
    assert prices["ATOMBTC"] == Decimal("0.000125")


def test_key_permissions_warn_about_trade_and_transfer(
    server: VenueServer[CoinbaseVenue], adapter: CoinbaseAdapter
) -> None:
    reader = server.venue.add_wallets({})
    assert adapter.check_credentials(creds_of(reader)).message == "Key works and is read-only."
    mover = server.venue.add_wallets({}, can_trade=True, can_withdraw=True)
    check = adapter.check_credentials(creds_of(mover))
    assert (check.can_trade, check.can_withdraw) == (True, True)
    assert "trade and withdraw" in check.message


def test_a_wrong_private_key_is_one_line_naming_the_key(
    server: VenueServer[CoinbaseVenue], adapter: CoinbaseAdapter
) -> None:
    account = server.venue.add_wallets({})
    wrong = ApiCredentials(account.api_key, server.venue.new_secret())
    with pytest.raises(ExchangeAuthError, match="private key") as caught:
        adapter.fetch_balances(wrong)
    assert "\n" not in str(caught.value)


def test_a_clock_minutes_off_is_corrected_and_signed_again(
    server: VenueServer[CoinbaseVenue], adapter: CoinbaseAdapter
) -> None:
    account = server.venue.add_wallets({"BTC": "1"})
    server.clock_offset = 300.0  # our JWT's nbf/exp look five minutes old to Coinbase
    assert adapter.fetch_balances(creds_of(account))
    assert abs(adapter.clock_offset_ms - 300_000) < 5_000


def test_a_refusal_that_persists_after_the_clock_is_fixed_is_a_clock_error_only_if_off(
    server: VenueServer[CoinbaseVenue], adapter: CoinbaseAdapter
) -> None:
    account = server.venue.add_wallets({"BTC": "1"})
    server.inject(Fault.BAD_SIGNATURE, times=None, path=ACCOUNTS)
    with pytest.raises(ExchangeAuthError) as caught:
        adapter.fetch_balances(creds_of(account))
    assert not isinstance(caught.value, ClockSkewError)


def test_rate_limits_are_waited_out_then_reported(
    server: VenueServer[CoinbaseVenue], adapter: CoinbaseAdapter
) -> None:
    account = server.venue.add_wallets({"BTC": "1"})
    server.inject(Fault.RATE_LIMIT, times=1, retry_after=1)
    assert adapter.fetch_balances(creds_of(account))
    server.inject(Fault.RATE_LIMIT, times=None)
    with pytest.raises(ExchangeRateLimitError):
        adapter.fetch_balances(creds_of(account))


def test_the_private_key_never_leaves_the_computer(
    server: VenueServer[CoinbaseVenue], adapter: CoinbaseAdapter
) -> None:
    account = server.venue.add_wallets({"BTC": "1"})
    adapter.fetch_balances(creds_of(account))
    body = "".join(account.secret.splitlines()[1:-1])
    assert all(body[:40] not in request.text for request in server.requests)
