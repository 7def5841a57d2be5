"""One odd balance entry is left out alone and named; the rest of the account is read."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.exchange_server import ExchangeServer, Fault
from walletdesk.core.models import LeftOut
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.spot_v3 import ACCOUNT_PATH, SpotV3Adapter


def test_a_balance_past_decimal_18_8_is_left_out_and_named(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer
) -> None:
    account = exchange_server.add_account(balances={"BTC": "0.5", "PEPE": "12345678901"})
    held = adapter.fetch_balances(ApiCredentials(account.api_key, account.secret))
    assert [(a.asset, a.free) for a in held] == [("BTC", Decimal("0.5"))]
    assert held.left_out == (
        LeftOut("PEPE", "12,345,678,901 is more than WalletDesk can store"),)


@pytest.mark.parametrize(
    "asset", ["ABCDEFGHIJKLMNOPQRSTU", "B T C", "X\\u0000Y", "\\t"]
)
def test_a_symbol_that_cannot_be_stored_is_left_out_and_shown_safely(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer, asset: str
) -> None:
    body = ('{"balances": [{"asset": "BTC", "free": "1", "locked": "0"}, '
            f'{{"asset": "{asset}", "free": "2", "locked": "0"}}]}}')
    exchange_server.inject(Fault.RAW, path=ACCOUNT_PATH, body=body.encode())
    account = exchange_server.add_account()
    held = adapter.fetch_balances(ApiCredentials(account.api_key, account.secret))
    assert [a.asset for a in held] == ["BTC"]
    (lost,) = held.left_out
    assert "cannot be stored" in lost.reason
    assert lost.name.isprintable() and len(lost.name) <= 24


def test_a_symbol_with_odd_but_printable_characters_is_stored_as_sent(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer
) -> None:
    account = exchange_server.add_account(balances={"=HYPERLINK": "1", "币安币": "2"})
    held = adapter.fetch_balances(ApiCredentials(account.api_key, account.secret))
    assert [a.asset for a in held] == ["=HYPERLINK", "币安币"]
    assert held.left_out == ()
