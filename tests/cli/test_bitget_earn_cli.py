"""Bitget Earn through the real command line: `balances` shows the Earn part among the
row's sources and they add up to it; `credentials test` names Earn a key may not read and
`refresh` goes on without it; any other failure of the Earn read fails Bitget's refresh
and keeps the balances it had."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from tests.cli.conftest import CliRunner
from tests.exchange_server import Fault
from tests.exchange_server.bitget import EARN_ASSETS, BitgetVenue
from tests.exchange_server.venue import VenueAccount, VenueServer

PASSPHRASE = "earn it"
SYSTEM_ERROR = b'{"code":"40015","msg":"System is abnormal, please try again later","data":null}'


@pytest.fixture
def bitget(monkeypatch: pytest.MonkeyPatch) -> Iterator[VenueServer[BitgetVenue]]:
    with VenueServer(BitgetVenue) as server:
        monkeypatch.setenv(server.base_url_variable, server.url)
        yield server


def add_key(cli: CliRunner, account: VenueAccount) -> str:
    added = cli("credentials", "add", "--exchange", "bitget", "--api-key", account.api_key,
                "--secret-stdin", stdin=f"{account.secret}\n{PASSPHRASE}\n")
    assert added.code == 0, added.err
    [row] = json.loads(cli("credentials", "list", "--format", "json").out)
    return str(row["id"])


def balances(cli: CliRunner) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(cli("balances", "--format", "json").out)
    return rows


def test_the_earn_part_is_a_source_of_the_row_and_the_sources_add_up(
    cli: CliRunner, bitget: VenueServer[BitgetVenue]
) -> None:
    account = bitget.venue.add_spot(PASSPHRASE, {"BTC": ("0.5", "0.1")}, {"BTC": "0.25"})
    add_key(cli, account)
    assert cli("refresh").code == 0
    [row] = balances(cli)
    assert (row["asset"], row["total"]) == ("BTC", "0.85000000")
    places = {source["place"]: source for source in row["sources"]}
    assert sorted(places) == ["earn", "spot"]
    assert (places["earn"]["free"], places["earn"]["locked"]) == ("0.00000000", "0.25000000")
    assert sum(Decimal(s["free"]) + Decimal(s["locked"]) for s in row["sources"]) == Decimal(
        row["total"])


def test_earn_the_key_may_not_read_is_named_by_the_test_and_left_out_of_the_refresh(
    cli: CliRunner, bitget: VenueServer[BitgetVenue]
) -> None:
    account = bitget.venue.add_spot(PASSPHRASE, {"BTC": "1"}, {"BTC": "5"}, earn_refused=True)
    tested = cli("credentials", "test", add_key(cli, account))
    assert tested.code == 0, tested.err
    assert "Bitget does not let it read Earn" in tested.out
    assert cli("refresh").code == 0
    [row] = balances(cli)
    assert (row["asset"], row["total"], [s["place"] for s in row["sources"]]) == (
        "BTC", "1.00000000", ["spot"])


def test_a_failed_earn_read_fails_the_refresh_and_keeps_the_previous_balances(
    cli: CliRunner, bitget: VenueServer[BitgetVenue]
) -> None:
    account = bitget.venue.add_spot(PASSPHRASE, {"BTC": "1"}, {"BTC": "0.5", "ETH": "3"})
    add_key(cli, account)
    assert cli("refresh").code == 0
    before = balances(cli)
    assert [(r["asset"], r["total"]) for r in before] == [
        ("BTC", "1.50000000"), ("ETH", "3.00000000")]
    account.set_wallets({"spot": {"BTC": "7"}})  # what a refresh would store instead
    bitget.inject(Fault.RAW, times=None, path=EARN_ASSETS, status=400, body=SYSTEM_ERROR)
    failed = cli("refresh")
    assert failed.code == 1
    assert "40015" in failed.err + failed.out
    assert balances(cli) == before
