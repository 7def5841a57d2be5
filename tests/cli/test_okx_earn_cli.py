"""OKX Simple Earn through the real command line and SQLite file: a key OKX will not show it
is named by `credentials test` and refreshed without it; a Simple Earn answer that is broken
fails the refresh and keeps the balances stored before, to the byte."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.cli.conftest import CliRunner, add_credential
from tests.exchange_server import Fault
from tests.exchange_server.okx import SAVINGS_BALANCE, OkxVenue
from tests.exchange_server.samples import PASSPHRASE
from tests.exchange_server.venue import VenueServer


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[VenueServer[OkxVenue]]:
    with VenueServer(OkxVenue) as running:
        monkeypatch.setenv(running.base_url_variable, running.url)
        yield running


def add_key(cli: CliRunner, server: VenueServer[OkxVenue],
            earn_refusal: str | None = None) -> str:
    account = server.venue.add_wallets(
        PASSPHRASE, trading={"BTC": "0.5"}, earn={"BTC": "0.25", "ETH": "2"},
        earn_refusal=earn_refusal,
    )
    return add_credential(cli, "okx", account.api_key, f"{account.secret}\n{PASSPHRASE}\n")


def test_a_key_refused_simple_earn_is_named_by_the_test_and_refreshed_without_it(
    cli: CliRunner, server: VenueServer[OkxVenue]
) -> None:
    credential = add_key(cli, server, earn_refusal="50120")
    tested = cli("credentials", "test", credential)
    assert tested.code == 0, tested.err
    assert "does not let it read Simple Earn" in tested.out
    assert cli("refresh").code == 0
    rows = json.loads(cli("balances", "--format", "json").out)
    assert [(r["asset"], r["total"], [s["place"] for s in r["sources"]]) for r in rows] == [
        ("BTC", "0.50000000", ["trading"])]


def test_a_broken_simple_earn_answer_fails_the_refresh_and_keeps_the_old_balances(
    cli: CliRunner, server: VenueServer[OkxVenue]
) -> None:
    add_key(cli, server)
    assert cli("refresh").code == 0
    before = cli("balances", "--format", "json").out
    assert {r["asset"]: r["total"] for r in json.loads(before)} == {
        "BTC": "0.75000000", "ETH": "2.00000000"}
    server.inject(Fault.MALFORMED_JSON, path=SAVINGS_BALANCE, times=None)
    result = cli("refresh")
    assert result.code == 1
    [line] = result.err.splitlines()
    assert "OKX" in line, line
    assert cli("balances", "--format", "json").out == before
