"""Bybit against its stand-in: unified or classic trading wallet plus FUND, free computed as
the docs say for unified accounts, errors read from retCode; and Earn (Flexible Savings and
On-chain), read beside the wallets, at once, into place EARN, each amount once: Earn the key
may not read or the account does not have is skipped and named by the key check, any other
failure fails the refresh."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from tests.exchange_server import Fault
from tests.exchange_server.bybit import EARN_POSITION, WALLET_BALANCE, BybitVenue
from tests.exchange_server.venue import VenueAccount, VenueServer
from tests.exchanges.conftest import FAST_TIMEOUTS, VirtualTime, per_asset
from walletdesk.core.errors import (
    ExchangeAuthError,
    ExchangeRateLimitError,
    ExchangeResponseError,
)
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


# --- Earn -------------------------------------------------------------------------------

Parts = dict[tuple[str, str], tuple[Decimal, Decimal]]


def parts(adapter: BybitAdapter, account: VenueAccount) -> Parts:
    held = adapter.fetch_balances(creds_of(account))
    return {(a.asset, a.place): (a.free, a.locked) for a in held.amounts}


def test_earn_is_added_to_the_same_coin_exactly_and_an_earn_only_coin_is_kept(
    server: VenueServer[BybitVenue], adapter: BybitAdapter
) -> None:
    account = server.venue.add_wallets(
        trading={"BTC": ("0.5", "0.1")},
        fund={"USDT": "40"},
        earn={
            # Two Flexible Savings products of one coin, a fully redeemed one (0), and an
            # On-chain position of the same coin: one EARN part, their exact sum.
            "FlexibleSaving": [("BTC", "0.25", "8"), ("USDT", "0", "2"),
                               ("BTC", "0.00000001", "9")],
            "OnChain": [("BTC", "0.1"), ("DOT", "12.5")],
        },
    )
    assert parts(adapter, account) == {
        ("BTC", "trading"): (Decimal("0.5"), Decimal("0.1")),
        ("USDT", "funding"): (Decimal("40"), Decimal("0")),
        ("BTC", "earn"): (Decimal("0"), Decimal("0.35000001")),
        ("DOT", "earn"): (Decimal("0"), Decimal("12.5")),
    }
    row = per_asset(adapter.fetch_balances(creds_of(account)))[0]  # what the wallet row holds
    assert (row.asset, row.free, row.locked) == ("BTC", Decimal("0.5"), Decimal("0.45000001"))
    categories = sorted(r.params["category"] for r in server.requests_to(EARN_POSITION))
    assert categories == ["FlexibleSaving", "FlexibleSaving", "OnChain", "OnChain"]


def test_the_four_wallets_are_read_at_once(
    server: VenueServer[BybitVenue], adapter: BybitAdapter
) -> None:
    account = server.venue.add_wallets(trading={"BTC": "1"})
    adapter.fetch_balances(creds_of(account))  # the account type is learnt and kept
    server.latency = 0.2
    server.most_in_flight = 0
    adapter.fetch_balances(creds_of(account))
    assert server.most_in_flight == 4


@pytest.mark.parametrize(
    "lacking", [{"earn_permission": False}, {"earn_offered": False}],
    ids=["no Earn permission (10005)", "Earn not offered (180004)"],
)
def test_earn_the_key_cannot_read_is_skipped_and_named_once_by_the_key_check(
    server: VenueServer[BybitVenue], adapter: BybitAdapter, lacking: dict[str, Any]
) -> None:
    account = server.venue.add_wallets(
        trading={"BTC": "1"}, earn={"FlexibleSaving": [("BTC", "2")]}, **lacking
    )
    assert parts(adapter, account) == {("BTC", "trading"): (Decimal("1"), Decimal("0"))}
    check = adapter.check_credentials(creds_of(account))
    assert check.unreadable == ("Earn",)
    assert check.message.count("Earn") == 1
    assert "does not let it read Earn" in check.message


def test_a_key_that_reads_earn_is_read_only_and_names_nothing(
    server: VenueServer[BybitVenue], adapter: BybitAdapter
) -> None:
    account = server.venue.add_wallets(earn={"OnChain": [("ETH", "1")]})
    check = adapter.check_credentials(creds_of(account))
    assert (check.unreadable, check.message) == ((), "Key works and is read-only.")


def test_a_server_without_earn_is_read_without_it(
    server: VenueServer[BybitVenue], adapter: BybitAdapter
) -> None:
    server.inject(Fault.RAW, times=None, path=EARN_POSITION, status=404, body=b"Not Found")
    account = server.venue.add_wallets(trading={"BTC": "1"})
    assert parts(adapter, account) == {("BTC", "trading"): (Decimal("1"), Decimal("0"))}
    assert adapter.check_credentials(creds_of(account)).unreadable == ()


def test_any_other_earn_refusal_fails_the_refresh(
    server: VenueServer[BybitVenue], adapter: BybitAdapter
) -> None:
    account = server.venue.add_wallets(trading={"BTC": "1"})
    internal = b'{"retCode":180018,"retMsg":"internal error","result":{},"retExtInfo":{}}'
    server.inject(Fault.RAW, path=EARN_POSITION, body=internal)
    with pytest.raises(ExchangeResponseError, match="error 180018"):
        adapter.fetch_balances(creds_of(account))


def test_a_wrong_secret_on_earn_is_not_taken_for_missing_earn(
    server: VenueServer[BybitVenue], adapter: BybitAdapter
) -> None:
    account = server.venue.add_wallets(trading={"BTC": "1"})
    server.inject(Fault.BAD_SIGNATURE, path=EARN_POSITION)
    with pytest.raises(ExchangeAuthError, match="API secret does not belong"):
        adapter.fetch_balances(creds_of(account))


@pytest.mark.parametrize("odd", ["1_000", "١٢٣", "-1", "0x10", None])
def test_an_earn_amount_outside_the_decimal_grammar_refuses_the_answer(
    server: VenueServer[BybitVenue], adapter: BybitAdapter, odd: str | None
) -> None:
    account = server.venue.add_wallets(
        trading={"BTC": "1"}, earn={"FlexibleSaving": [("BTC", odd)]}  # type: ignore[list-item]
    )
    with pytest.raises(ExchangeResponseError, match="BTC Earn amount"):
        adapter.fetch_balances(creds_of(account))
