"""Checking a key proves it reads the account and warns when it can do more than read."""

from __future__ import annotations

import pytest

from tests.exchange_server import ExchangeServer, Fault
from tests.exchange_server.handler import FLEXIBLE_PATH, FUNDING_PATH, LOCKED_PATH
from walletdesk.core.errors import ExchangeAuthError
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.spot_v3 import SpotV3Adapter

RESTRICTIONS = "/sapi/v1/account/apiRestrictions"


def test_read_only_key_passes_the_check(
    binance_server: ExchangeServer, binance_adapter: SpotV3Adapter
) -> None:
    account = binance_server.add_account()
    check = binance_adapter.check_credentials(ApiCredentials(account.api_key, account.secret))
    assert (check.can_trade, check.can_withdraw) == (False, False)
    assert check.message == "Key works and is read-only."


@pytest.mark.parametrize("powers", [False, True])
def test_mexc_says_it_cannot_tell_what_a_key_may_do(
    mexc_server: ExchangeServer, mexc_adapter: SpotV3Adapter, powers: bool
) -> None:
    """MEXC's account flags describe the account, not the key: no warning built on them."""
    account = mexc_server.add_account(can_trade=powers, can_withdraw=powers)
    check = mexc_adapter.check_credentials(ApiCredentials(account.api_key, account.secret))
    assert (check.can_trade, check.can_withdraw) == (None, None)
    assert "did not say whether it can trade or withdraw" in check.message
    assert mexc_server.requests_to("/api/v3/account")  # the key was proven to read


def test_a_key_that_cannot_read_fails_the_check(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer
) -> None:
    account = exchange_server.add_account(can_read=False)
    with pytest.raises(ExchangeAuthError):
        adapter.check_credentials(ApiCredentials(account.api_key, account.secret))


@pytest.mark.parametrize(
    ("can_trade", "can_withdraw", "powers"),
    [
        (True, False, "it can trade."),
        (False, True, "it can withdraw."),
        (True, True, "it can trade and withdraw."),
    ],
)
def test_key_that_can_trade_or_withdraw_gets_a_read_only_warning(
    binance_adapter: SpotV3Adapter,
    binance_server: ExchangeServer,
    can_trade: bool,
    can_withdraw: bool,
    powers: str,
) -> None:
    account = binance_server.add_account(can_trade=can_trade, can_withdraw=can_withdraw)
    check = binance_adapter.check_credentials(ApiCredentials(account.api_key, account.secret))
    assert (check.can_trade, check.can_withdraw) == (can_trade, can_withdraw)
    assert powers in check.message
    assert "create a read-only key" in check.message


def test_binance_reads_permissions_from_api_restrictions(
    binance_server: ExchangeServer, binance_adapter: SpotV3Adapter
) -> None:
    account = binance_server.add_account(can_withdraw=True)
    binance_adapter.check_credentials(ApiCredentials(account.api_key, account.secret))
    (request,) = binance_server.requests_to(RESTRICTIONS)
    assert "signature" in request.params


def test_binance_margin_permission_counts_as_trading(
    binance_server: ExchangeServer, binance_adapter: SpotV3Adapter
) -> None:
    account = binance_server.add_account()
    binance_server.inject(
        Fault.RAW,
        path=RESTRICTIONS,
        body=b'{"enableMargin": true, '
        b'"enableSpotAndMarginTrading": false, "enableWithdrawals": false}',
    )
    check = binance_adapter.check_credentials(ApiCredentials(account.api_key, account.secret))
    assert check.can_trade is True


def test_binance_without_api_restrictions_falls_back_to_account_flags(
    binance_server: ExchangeServer, binance_adapter: SpotV3Adapter
) -> None:
    account = binance_server.add_account(can_trade=True)  # as on the spot testnet: no /sapi
    binance_server.inject(Fault.RAW, path=RESTRICTIONS, status=404, body=b"Not Found")
    check = binance_adapter.check_credentials(ApiCredentials(account.api_key, account.secret))
    assert check.can_trade is True


@pytest.mark.parametrize("flag", ["enableInternalTransfer", "permitsUniversalTransfer"])
def test_binance_transfer_permissions_count_as_moving_funds(
    binance_server: ExchangeServer, binance_adapter: SpotV3Adapter, flag: str
) -> None:
    account = binance_server.add_account()
    body = f'{{"{flag}": true, "enableSpotAndMarginTrading": false, "enableWithdrawals": false}}'
    binance_server.inject(Fault.RAW, path=RESTRICTIONS, body=body.encode())
    check = binance_adapter.check_credentials(ApiCredentials(account.api_key, account.secret))
    assert check.can_withdraw is True
    assert "create a read-only key" in check.message


def test_binance_names_once_the_wallets_the_key_may_not_read(
    binance_server: ExchangeServer, binance_adapter: SpotV3Adapter
) -> None:
    """Funding and both Simple Earn lists refuse the key: the check names the Funding wallet
    and Simple Earn once each and warns; a refresh still reads spot and skips them."""
    account = binance_server.add_account(balances={"BTC": "1"})
    account.funding = {"USDT": ("10", "0", "0", "0")}
    account.locked_earn = [("ETH", "1")]
    account.unreadable = {FUNDING_PATH, FLEXIBLE_PATH, LOCKED_PATH}
    creds = ApiCredentials(account.api_key, account.secret)
    check = binance_adapter.check_credentials(creds)
    assert check.unreadable == ("the Funding wallet", "Simple Earn")
    assert check.message.count("Simple Earn") == 1 and check.warns
    assert "read-only" in check.message  # what the key may do is still said
    assert [(a.asset, a.place) for a in binance_adapter.fetch_balances(creds)] == [
        ("BTC", "spot")]


def test_binance_names_nothing_when_every_wallet_reads_or_is_not_offered(
    binance_server: ExchangeServer, binance_adapter: SpotV3Adapter
) -> None:
    account = binance_server.add_account()
    binance_server.inject(Fault.RAW, times=None, path=LOCKED_PATH, status=404, body=b"Not Found")
    check = binance_adapter.check_credentials(ApiCredentials(account.api_key, account.secret))
    assert check.unreadable == () and not check.warns
    assert check.message == "Key works and is read-only."
