"""Gate Simple Earn through the real command line and SQLite file: `credentials test` names
Simple Earn a key may not read and `refresh` goes on without it; any other failure of the
Simple Earn read fails Gate's refresh and keeps the balances it had."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.cli.conftest import CliRunner
from tests.exchange_server import Fault
from tests.exchange_server.gate import UNI_LENDS, GateVenue
from tests.exchange_server.venue import VenueAccount, VenueServer


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[VenueServer[GateVenue]]:
    with VenueServer(GateVenue) as server:
        monkeypatch.setenv(server.base_url_variable, server.url)
        yield server


def add_key(cli: CliRunner, account: VenueAccount) -> str:
    added = cli("credentials", "add", "--exchange", "gate", "--api-key", account.api_key,
                "--secret-stdin", stdin=account.secret + "\n")
    assert added.code == 0, added.err
    [row] = json.loads(cli("credentials", "list", "--format", "json").out)
    return str(row["id"])


def balances(cli: CliRunner) -> list[tuple[str, str, list[Any]]]:
    rows = json.loads(cli("balances", "--format", "json").out)
    return [(r["asset"], r["total"], r["sources"]) for r in rows]


def test_simple_earn_the_key_may_not_read_is_named_by_the_test_and_left_out_of_the_refresh(
    cli: CliRunner, gate: VenueServer[GateVenue]
) -> None:
    account = gate.venue.add_spot({"BTC": "1"}, {"BTC": "5"}, earn_refusal=True)
    tested = cli("credentials", "test", add_key(cli, account))
    assert tested.code == 0, tested.err
    assert "Gate does not let it read Simple Earn" in tested.out
    assert cli("refresh").code == 0
    [(asset, total, sources)] = balances(cli)
    assert (asset, total, [s["place"] for s in sources]) == ("BTC", "1.00000000", ["spot"])


def test_a_failed_simple_earn_read_fails_the_refresh_and_keeps_the_previous_balances(
    cli: CliRunner, gate: VenueServer[GateVenue]
) -> None:
    account = gate.venue.add_spot({"BTC": "1"}, {"BTC": "0.5", "DOT": "3"})
    add_key(cli, account)
    assert cli("refresh").code == 0
    before = balances(cli)
    assert [(asset, total) for asset, total, _ in before] == [
        ("BTC", "1.50000000"), ("DOT", "3.00000000")]
    assert sorted((s["place"], s["free"], s["locked"]) for s in before[0][2]) == [
        ("earn", "0.00000000", "0.50000000"), ("spot", "1.00000000", "0.00000000")]
    account.set_wallets({"spot": {"BTC": "7"}})  # what a refresh would store instead
    gate.inject(Fault.RAW, times=None, path=UNI_LENDS, status=500,
                body=b'{"label":"SERVER_ERROR","message":"Internal server error"}')
    failed = cli("refresh")
    assert failed.code == 1
    assert "Gate" in failed.err
    assert balances(cli) == before
