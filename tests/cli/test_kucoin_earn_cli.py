"""KuCoin Earn through the real command line: `credentials test` names Earn a key may not
read and `refresh` goes on without it; any other failure of the Earn read fails KuCoin's
refresh and keeps the balances it had."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cli.conftest import CliRunner, add_credential, balance_sources
from tests.exchange_server import Fault
from tests.exchange_server.kucoin import HOLD_ASSETS, KucoinVenue
from tests.exchange_server.venue import VenueAccount, VenueServer

PASSPHRASE = "earn it"


@pytest.fixture
def kucoin(monkeypatch: pytest.MonkeyPatch) -> Iterator[VenueServer[KucoinVenue]]:
    with VenueServer(KucoinVenue) as server:
        monkeypatch.setenv(server.base_url_variable, server.url)
        yield server


def add_key(cli: CliRunner, account: VenueAccount) -> str:
    return add_credential(cli, "kucoin", account.api_key, f"{account.secret}\n{PASSPHRASE}\n")


def test_earn_the_key_may_not_read_is_named_by_the_test_and_left_out_of_the_refresh(
    cli: CliRunner, kucoin: VenueServer[KucoinVenue]
) -> None:
    account = kucoin.venue.add_wallets(PASSPHRASE, {"trade": {"BTC": "1"}},
                                       earn=[("BTC", "5")], earn_refusal="400007")
    tested = cli("credentials", "test", add_key(cli, account))
    assert tested.code == 0, tested.err
    assert "KuCoin does not let it read Earn" in tested.out
    assert cli("refresh").code == 0
    [(asset, total, sources)] = balance_sources(cli)
    assert (asset, total, [s["place"] for s in sources]) == ("BTC", "1.00000000", ["trading"])


def test_a_failed_earn_read_fails_the_refresh_and_keeps_the_previous_balances(
    cli: CliRunner, kucoin: VenueServer[KucoinVenue]
) -> None:
    account = kucoin.venue.add_wallets(PASSPHRASE, {"trade": {"BTC": "1"}},
                                       earn=[("BTC", "0.5"), ("KCS", "3")])
    add_key(cli, account)
    assert cli("refresh").code == 0
    before = balance_sources(cli)
    assert [(asset, total) for asset, total, _ in before] == [
        ("BTC", "1.50000000"), ("KCS", "3.00000000")]
    assert sorted(s["place"] for s in before[0][2]) == ["earn", "trading"]
    account.set_wallets({"trade": {"BTC": "7"}})  # what a refresh would store instead
    kucoin.inject(Fault.RAW, times=None, path=HOLD_ASSETS, status=200,
                  body=b'{"code":"200000","data":{"items":[]}}')
    assert cli("refresh").code == 1
    assert balance_sources(cli) == before
