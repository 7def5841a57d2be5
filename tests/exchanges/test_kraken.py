"""Kraken against its stand-in: every wallet folded per asset, prices through AssetPairs,
nonces that never collide, and refusals in one line that names the wrong part."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from tests.exchange_server import Fault
from tests.exchange_server.kraken import KrakenVenue
from tests.exchange_server.venue import VenueAccount, VenueServer
from tests.exchanges.conftest import FAST_TIMEOUTS, VirtualTime, per_asset
from walletdesk.core.errors import ExchangeAuthError, ExchangeRateLimitError
from walletdesk.core.models import AssetAmount
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.http import RetryPolicy
from walletdesk.exchanges.kraken import KrakenAdapter

BALANCES = {
    "XXBT": ("0.5", "0.1"),
    "XBT.M": "0.2",
    "DOT": "3",
    "DOT.S": "12.5",
    "ZUSD": "100.2500",
    "XXDG": "1000",
    "ETH2.S": "1.5",
    "XETH": "0",
}


@pytest.fixture
def server() -> Iterator[VenueServer[KrakenVenue]]:
    with VenueServer(KrakenVenue) as running:
        yield running


@pytest.fixture
def account(server: VenueServer[KrakenVenue]) -> VenueAccount:
    return server.venue.add_balances(BALANCES)


@pytest.fixture
def creds(account: VenueAccount) -> ApiCredentials:
    return ApiCredentials(api_key=account.api_key, secret=account.secret)


def make_adapter(
    server: VenueServer[KrakenVenue], policy: RetryPolicy, nonces: Path
) -> KrakenAdapter:
    return KrakenAdapter(server.url, policy=policy, timeouts=FAST_TIMEOUTS, nonce_directory=nonces)


@pytest.fixture
def adapter(
    server: VenueServer[KrakenVenue], policy: RetryPolicy, tmp_path: Path
) -> Iterator[KrakenAdapter]:
    adapter = make_adapter(server, policy, tmp_path / "nonces")
    yield adapter
    adapter.close()


def test_every_balance_is_folded_into_its_common_asset(
    adapter: KrakenAdapter, creds: ApiCredentials
) -> None:
    amounts = {a.asset: a for a in per_asset(adapter.fetch_balances(creds))}
    assert amounts == {
        "BTC": AssetAmount("BTC", Decimal("0.5"), Decimal("0.3")),  # spot 0.5 + 0.1 held, earn 0.2
        "DOT": AssetAmount("DOT", Decimal("3"), Decimal("12.5")),  # spot 3 + staked 12.5
        "USD": AssetAmount("USD", Decimal("100.2500"), Decimal("0")),
        "DOGE": AssetAmount("DOGE", Decimal("1000"), Decimal("0")),
        "ETH": AssetAmount("ETH", Decimal("0"), Decimal("1.5")),  # ETH2.S: staked ETH
    }


def test_prices_are_named_through_asset_pairs(adapter: KrakenAdapter) -> None:
    prices = adapter.fetch_prices()
    assert prices["BTCUSD"] == Decimal("65000.10000")
    assert prices["BTCUSDT"] == Decimal("65010.2")
    assert prices["DOGEUSD"] == Decimal("0.1234000")  # pair key XDGUSD, base XXDG
    assert prices["USDTUSD"] == Decimal("1.00010000")  # pair key USDTZUSD
    assert prices["ETHBTC"] == Decimal("0.04600")  # pair key XETHXXBT
    assert "ETHETH" not in prices  # the staked twin ETH2.S/ETH is no price
    assert not any(key.startswith(("XXBT", "XDG", "ZUSD")) for key in prices)


def test_assets_and_pairs_are_read_once_for_many_refreshes(
    server: VenueServer[KrakenVenue], adapter: KrakenAdapter, creds: ApiCredentials
) -> None:
    for _ in range(3):
        adapter.fetch_prices()
        adapter.fetch_balances(creds)
    assert len(server.requests_to("/0/public/Assets")) == 1
    assert len(server.requests_to("/0/public/AssetPairs")) == 1
    assert len(server.requests_to("/0/public/Ticker")) == 3


def test_a_wrong_private_key_is_reported_as_such(
    server: VenueServer[KrakenVenue], adapter: KrakenAdapter, account: VenueAccount
) -> None:
    wrong = ApiCredentials(api_key=account.api_key, secret=server.venue.new_secret())
    with pytest.raises(ExchangeAuthError, match="private key") as caught:
        adapter.fetch_balances(wrong)
    assert "\n" not in str(caught.value)


def test_a_private_key_that_is_not_base64_fails_before_any_request(
    server: VenueServer[KrakenVenue], adapter: KrakenAdapter, account: VenueAccount
) -> None:
    with pytest.raises(ExchangeAuthError, match="88 characters"):
        adapter.fetch_balances(ApiCredentials(account.api_key, "not a key"))
    assert server.requests_to("/0/private/BalanceEx") == []


def test_an_unknown_key_and_a_key_without_query_funds(
    server: VenueServer[KrakenVenue], adapter: KrakenAdapter
) -> None:
    stranger = ApiCredentials("nobody", server.venue.new_secret())
    with pytest.raises(ExchangeAuthError, match="rejected the API key"):
        adapter.fetch_balances(stranger)
    blind = server.venue.add_balances({}, can_read=False)
    with pytest.raises(ExchangeAuthError, match="Query Funds"):
        adapter.fetch_balances(ApiCredentials(blind.api_key, blind.secret))


def test_a_refused_nonce_is_sent_once_more_with_a_fresh_one(
    server: VenueServer[KrakenVenue], adapter: KrakenAdapter, creds: ApiCredentials
) -> None:
    server.inject(Fault.CLOCK_SKEW, times=1)  # Kraken's nonce refusal
    assert adapter.fetch_balances(creds)
    sent = [r.form["nonce"] for r in server.requests_to("/0/private/BalanceEx")]
    assert len(sent) == 2 and int(sent[1]) > int(sent[0])


def test_a_key_used_by_another_program_is_named_as_the_cause(
    adapter: KrakenAdapter, account: VenueAccount, creds: ApiCredentials
) -> None:
    account.options["last_nonce"] = 2**63  # another program's nonces run far ahead
    with pytest.raises(ExchangeAuthError, match="another program"):
        adapter.fetch_balances(creds)


def test_two_processes_refreshing_one_key_at_once_never_collide(
    server: VenueServer[KrakenVenue], policy: RetryPolicy, tmp_path: Path, creds: ApiCredentials
) -> None:
    # Two adapters with their own nonce sources sharing one folder: what the GUI and the CLI
    # are (the lock file serialises them as it serialises two processes).
    adapters = [make_adapter(server, policy, tmp_path / "shared") for _ in range(2)]
    server.latency = 0.02
    failures: list[BaseException] = []

    def refresh(adapter: KrakenAdapter) -> None:
        try:
            for _ in range(5):
                adapter.check_credentials(creds)
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=refresh, args=(a,)) for a in adapters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for adapter in adapters:
        adapter.close()
    assert failures == []
    nonces = [int(r.form["nonce"]) for r in server.requests_to("/0/private/BalanceEx")]
    assert len(nonces) == 10  # no retries were needed: every nonce arrived in order
    assert nonces == sorted(set(nonces))


def test_the_key_check_says_kraken_cannot_tell_permissions(
    adapter: KrakenAdapter, creds: ApiCredentials
) -> None:
    check = adapter.check_credentials(creds)
    assert (check.can_trade, check.can_withdraw) == (None, None)
    assert "cannot check" in check.message and "Query Funds" in check.message


def test_a_full_call_counter_is_waited_out_once_then_reported(
    server: VenueServer[KrakenVenue],
    adapter: KrakenAdapter,
    creds: ApiCredentials,
    virtual_time: VirtualTime,
) -> None:
    server.inject(Fault.RATE_LIMIT, times=1)
    assert adapter.fetch_balances(creds)
    assert len(virtual_time.sleeps) == 1
    server.inject(Fault.RATE_LIMIT, times=2)
    with pytest.raises(ExchangeRateLimitError, match="wait a minute"):
        adapter.fetch_balances(creds)


def test_server_errors_are_retried(
    server: VenueServer[KrakenVenue], adapter: KrakenAdapter, creds: ApiCredentials
) -> None:
    server.inject(Fault.SERVER_ERROR, times=2, path="/0/private/BalanceEx")
    assert adapter.fetch_balances(creds)
    nonces = [int(r.form["nonce"]) for r in server.requests_to("/0/private/BalanceEx")]
    assert len(nonces) == 3 and nonces == sorted(set(nonces))  # each attempt a fresh nonce


def test_the_secret_never_leaves_the_computer(
    server: VenueServer[KrakenVenue], adapter: KrakenAdapter, creds: ApiCredentials
) -> None:
    adapter.fetch_balances(creds)
    assert all(creds.secret not in request.text for request in server.requests)
