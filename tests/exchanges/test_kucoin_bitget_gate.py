"""KuCoin, Bitget and Gate against their stand-ins."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from tests.exchange_server.bitget import BitgetVenue
from tests.exchange_server.gate import GateVenue
from tests.exchange_server.kucoin import KucoinVenue
from tests.exchange_server.venue import VenueServer
from tests.exchanges.conftest import FAST_TIMEOUTS, per_asset
from walletdesk.core.errors import ExchangeAuthError
from walletdesk.core.models import AssetAmount
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.bitget import BitgetAdapter, BitgetUnifiedAccountError
from walletdesk.exchanges.gate import GateAdapter, GateUnifiedAccountError
from walletdesk.exchanges.http import RetryPolicy
from walletdesk.exchanges.kucoin import KucoinAdapter

# --- KuCoin --------------------------------------------------------------------------------


@pytest.fixture
def kucoin(policy: RetryPolicy) -> Iterator[tuple[VenueServer[KucoinVenue], KucoinAdapter]]:
    with VenueServer(KucoinVenue) as server:
        adapter = KucoinAdapter(server.url, policy=policy, timeouts=FAST_TIMEOUTS)
        yield server, adapter
        adapter.close()


def test_kucoin_reads_every_account_type_once(
    kucoin: tuple[VenueServer[KucoinVenue], KucoinAdapter],
) -> None:
    server, adapter = kucoin
    account = server.venue.add_wallets(
        "pp",
        {
            "main": {"USDT": "10", "BTC": "0.1"},
            "trade": {"USDT": ("5", "1")},
            "trade_hf": {"BTC": ("0.2", "0.05")},
            "margin": {"ETH": "1"},
        },
    )
    creds = ApiCredentials(account.api_key, account.secret, "pp")
    assert per_asset(adapter.fetch_balances(creds)) == [
        AssetAmount("USDT", Decimal("15"), Decimal("1")),
        AssetAmount("BTC", Decimal("0.3"), Decimal("0.05")),
        AssetAmount("ETH", Decimal("1"), Decimal("0")),
    ]


@pytest.mark.parametrize("wrong", ["secret", "passphrase"])
def test_kucoin_cannot_tell_a_wrong_secret_from_a_wrong_passphrase(
    kucoin: tuple[VenueServer[KucoinVenue], KucoinAdapter], wrong: str
) -> None:
    server, adapter = kucoin
    account = server.venue.add_wallets("pp", {})
    secret, passphrase = ("nope", "pp") if wrong == "secret" else (account.secret, "nope")
    with pytest.raises(ExchangeAuthError, match="the secret or the passphrase is wrong"):
        adapter.fetch_balances(ApiCredentials(account.api_key, secret, passphrase))


def test_kucoin_keeps_the_clock_offset_inside_five_seconds(
    kucoin: tuple[VenueServer[KucoinVenue], KucoinAdapter],
) -> None:
    server, adapter = kucoin
    account = server.venue.add_wallets("pp", {"main": {"KCS": "2"}})
    server.clock_offset = 8.0
    creds = ApiCredentials(account.api_key, account.secret, "pp")
    held = per_asset(adapter.fetch_balances(creds))
    assert held == [AssetAmount("KCS", Decimal("2"), Decimal("0"))]


def test_kucoin_permissions_and_prices(
    kucoin: tuple[VenueServer[KucoinVenue], KucoinAdapter],
) -> None:
    server, adapter = kucoin
    account = server.venue.add_wallets("pp", {}, can_withdraw=True)
    check = adapter.check_credentials(ApiCredentials(account.api_key, account.secret, "pp"))
    assert (check.can_trade, check.can_withdraw) == (False, True)
    assert adapter.fetch_prices()["KCSUSDT"] == Decimal("9.5")


# --- Bitget --------------------------------------------------------------------------------


@pytest.fixture
def bitget(policy: RetryPolicy) -> Iterator[tuple[VenueServer[BitgetVenue], BitgetAdapter]]:
    with VenueServer(BitgetVenue) as server:
        adapter = BitgetAdapter(server.url, policy=policy, timeouts=FAST_TIMEOUTS)
        yield server, adapter
        adapter.close()


def test_bitget_used_is_frozen_plus_locked_and_errors_name_the_part(
    bitget: tuple[VenueServer[BitgetVenue], BitgetAdapter],
) -> None:
    server, adapter = bitget
    account = server.venue.add_spot("pp", {"BTC": ("0.5", "0.1"), "BGB": "3"})
    creds = ApiCredentials(account.api_key, account.secret, "pp")
    assert per_asset(adapter.fetch_balances(creds)) == [
        AssetAmount("BTC", Decimal("0.5"), Decimal("0.1")),
        AssetAmount("BGB", Decimal("3"), Decimal("0")),
    ]
    with pytest.raises(ExchangeAuthError, match="passphrase"):
        adapter.fetch_balances(ApiCredentials(account.api_key, account.secret, "other"))
    with pytest.raises(ExchangeAuthError, match="secret key does not belong"):
        adapter.fetch_balances(ApiCredentials(account.api_key, "wrong", "pp"))


def test_bitget_unified_account_is_said_to_be_unread_not_bad(
    bitget: tuple[VenueServer[BitgetVenue], BitgetAdapter],
) -> None:
    server, adapter = bitget
    account = server.venue.add_spot("pp", {"BTC": "1"}, unified=True)
    with pytest.raises(BitgetUnifiedAccountError, match="does not read") as caught:
        adapter.fetch_balances(ApiCredentials(account.api_key, account.secret, "pp"))
    assert not isinstance(caught.value, ExchangeAuthError)


def test_bitget_prices_use_last_pr(bitget: tuple[VenueServer[BitgetVenue], BitgetAdapter]) -> None:
    _, adapter = bitget
    assert adapter.fetch_prices()["BGBUSDT"] == Decimal("1.25")


# --- Gate ----------------------------------------------------------------------------------


@pytest.fixture
def gate(policy: RetryPolicy) -> Iterator[tuple[VenueServer[GateVenue], GateAdapter]]:
    with VenueServer(GateVenue) as server:
        adapter = GateAdapter(server.url, policy=policy, timeouts=FAST_TIMEOUTS)
        yield server, adapter
        adapter.close()


def test_gate_spot_accounts_and_prices(gate: tuple[VenueServer[GateVenue], GateAdapter]) -> None:
    server, adapter = gate
    account = server.venue.add_spot({"BTC": ("0.5", "0.1"), "GT": "4"})
    assert per_asset(adapter.fetch_balances(ApiCredentials(account.api_key, account.secret))) == [
        AssetAmount("BTC", Decimal("0.5"), Decimal("0.1")),
        AssetAmount("GT", Decimal("4"), Decimal("0")),
    ]
    assert adapter.fetch_prices()["GTUSDT"] == Decimal("7.25")


def test_gate_unified_account_is_named_instead_of_an_empty_wallet(
    gate: tuple[VenueServer[GateVenue], GateAdapter],
) -> None:
    server, adapter = gate
    account = server.venue.add_spot({"BTC": "1"}, mode=2)
    with pytest.raises(GateUnifiedAccountError, match="unified account"):
        adapter.fetch_balances(ApiCredentials(account.api_key, account.secret))


def test_gate_expired_timestamp_resyncs_and_wrong_secret_is_named(
    gate: tuple[VenueServer[GateVenue], GateAdapter],
) -> None:
    server, adapter = gate
    account = server.venue.add_spot({"BTC": "1"})
    server.clock_offset = 90.0
    assert adapter.fetch_balances(ApiCredentials(account.api_key, account.secret))
    with pytest.raises(ExchangeAuthError, match="secret does not belong"):
        adapter.fetch_balances(ApiCredentials(account.api_key, "f" * 64))


def test_gate_key_check_says_it_cannot_tell_permissions(
    gate: tuple[VenueServer[GateVenue], GateAdapter],
) -> None:
    server, adapter = gate
    account = server.venue.add_spot({})
    check = adapter.check_credentials(ApiCredentials(account.api_key, account.secret))
    assert check.can_trade is None and "cannot check" in check.message
