"""Bybit Earn through the real command line: `credentials test` names Earn a key may not
read and `refresh` goes on without it; any other failure of the Earn read fails Bybit's
refresh and keeps the balances it had."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cli.conftest import CliRunner, add_credential, balance_sources
from tests.exchange_server import Fault
from tests.exchange_server.bybit import EARN_POSITION, BybitVenue
from tests.exchange_server.venue import VenueAccount, VenueServer

INTERNAL_ERROR = b'{"retCode":180018,"retMsg":"internal error","result":{},"retExtInfo":{}}'


@pytest.fixture
def bybit(monkeypatch: pytest.MonkeyPatch) -> Iterator[VenueServer[BybitVenue]]:
    with VenueServer(BybitVenue) as server:
        monkeypatch.setenv(server.base_url_variable, server.url)
        yield server


def add_key(cli: CliRunner, account: VenueAccount) -> str:
    return add_credential(cli, "bybit", account.api_key, account.secret + "\n")


def test_earn_the_key_may_not_read_is_named_by_the_test_and_left_out_of_the_refresh(
    cli: CliRunner, bybit: VenueServer[BybitVenue]
) -> None:
    account = bybit.venue.add_wallets(
        trading={"BTC": "1"}, earn={"FlexibleSaving": [("BTC", "5")]}, earn_permission=False
    )
    tested = cli("credentials", "test", add_key(cli, account))
    assert tested.code == 0, tested.err
    assert "Bybit does not let it read Earn" in tested.out
    assert cli("refresh").code == 0
    [(asset, total, sources)] = balance_sources(cli)
    assert (asset, total, [s["place"] for s in sources]) == ("BTC", "1.00000000", ["trading"])


def test_a_failed_earn_read_fails_the_refresh_and_keeps_the_previous_balances(
    cli: CliRunner, bybit: VenueServer[BybitVenue]
) -> None:
    account = bybit.venue.add_wallets(
        trading={"BTC": "1"}, earn={"FlexibleSaving": [("BTC", "0.5"), ("DOT", "3")]}
    )
    add_key(cli, account)
    assert cli("refresh").code == 0
    before = balance_sources(cli)
    assert [(asset, total) for asset, total, _ in before] == [
        ("BTC", "1.50000000"), ("DOT", "3.00000000")]
    account.set_wallets({"UNIFIED": {"BTC": "7"}})  # what a refresh would store instead
    bybit.inject(Fault.RAW, times=None, path=EARN_POSITION, body=INTERNAL_ERROR)
    failed = cli("refresh")
    assert failed.code == 1
    assert "Bybit refused the request (error 180018)" in failed.err + failed.out
    assert balance_sources(cli) == before
