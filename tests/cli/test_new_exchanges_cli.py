"""Each new exchange through the real command line against its stand-in: add (secret parts
from standard input), test, refresh, exact balances and USD values, one-line refusals that
name the wrong part, and no secret part anywhere on disk afterwards."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import CliRunner
from tests.exchange_server.coinbase import CoinbaseVenue
from tests.exchange_server.okx import OkxVenue
from tests.exchange_server.samples import PASSPHRASE, SCENARIOS, Scenario
from tests.exchange_server.venue import VenueServer


@pytest.fixture(params=sorted(SCENARIOS))
def scenario(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, Scenario, VenueServer[Any]]]:
    name = request.param
    chosen = SCENARIOS[name]
    with VenueServer(chosen.venue) as server:
        monkeypatch.setenv(server.base_url_variable, server.url)
        yield name, chosen, server


def add(cli: CliRunner, name: str, api_key: str, stdin: str) -> Any:
    return cli(
        "credentials", "add", "--exchange", name, "--api-key", api_key, "--secret-stdin",
        stdin=stdin,
    )


def test_add_test_refresh_and_exact_balances(
    cli: CliRunner,
    scenario: tuple[str, Scenario, VenueServer[Any]],
    data_dir: Path,
) -> None:
    name, chosen, server = scenario
    account = chosen.open_account(server.venue)
    added = add(cli, name, account.api_key, chosen.stdin(account))
    assert added.code == 0, added.err
    [row] = json.loads(cli("credentials", "list", "--format", "json").out)
    tested = cli("credentials", "test", row["id"])
    assert tested.code == 0, tested.err
    assert "Key works" in tested.out
    refreshed = cli("refresh")
    assert refreshed.code == 0, refreshed.err
    rows = json.loads(cli("balances", "--format", "json").out)
    got = {r["asset"]: (r["total"], r["usd_value"]) for r in rows}
    expected = {
        asset: (str(Decimal(total).quantize(Decimal("1E-8"))), usd)
        for asset, (total, usd) in chosen.expected.items()
    }
    assert got == expected
    secrets_given = [account.secret, PASSPHRASE] if account.passphrase else [account.secret]
    _assert_nowhere_on_disk(data_dir, secrets_given)


def test_a_wrong_secret_is_one_line_naming_the_part(
    cli: CliRunner, scenario: tuple[str, Scenario, VenueServer[Any]]
) -> None:
    name, chosen, server = scenario
    account = chosen.open_account(server.venue)
    assert add(cli, name, account.api_key, chosen.wrong_secret(account)).code == 0
    result = cli("refresh")
    assert result.code == 1
    [line] = result.err.splitlines()
    assert chosen.wrong_secret_says in line, line


@pytest.mark.parametrize("name", ["okx", "kucoin", "bitget"])
def test_a_passphrase_exchange_needs_the_second_line(cli: CliRunner, name: str) -> None:
    result = add(cli, name, "some-api-key-123", "only-a-secret\n")
    assert result.code == 1
    assert "second" in result.err and "passphrase" in result.err


def test_okx_wrong_passphrase_is_named(cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    with VenueServer(OkxVenue) as server:
        monkeypatch.setenv(server.base_url_variable, server.url)
        account = server.venue.add_wallets(PASSPHRASE, trading={"BTC": "1"})
        assert add(cli, "okx", account.api_key, f"{account.secret}\nguess\n").code == 0
        result = cli("refresh")
    [line] = result.err.splitlines()
    assert "passphrase is wrong" in line


def test_coinbase_key_file_on_stdin_and_a_mismatched_api_key(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    with VenueServer(CoinbaseVenue) as server:
        monkeypatch.setenv(server.base_url_variable, server.url)
        account = server.venue.add_wallets({"BTC": "1"})
        key_file = json.dumps({"name": account.api_key, "privateKey": account.secret})
        other = add(cli, "coinbase", "organizations/x/apiKeys/y", key_file)
        assert other.code == 1 and account.api_key in other.err
        assert add(cli, "coinbase", account.api_key, key_file).code == 0
        assert cli("refresh").code == 0
    rows = json.loads(cli("balances", "--format", "json").out)
    assert [(r["asset"], r["usd_value"]) for r in rows] == [("BTC", "65000.01000000")]


def _assert_nowhere_on_disk(root: Path, secrets_given: list[str]) -> None:
    """No file under the data folder (database, logs) holds any secret part, in any form."""
    needles = [s.encode() for s in secrets_given]
    for secret in secrets_given:  # a PEM's body line, whatever the line breaks became
        needles += [line.encode() for line in secret.splitlines() if len(line) > 40]
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(needle in data for needle in needles), path


@pytest.mark.parametrize(
    ("name", "places"),
    [
        ("kraken", {"BTC": {"spot", "earn"}, "USD": {"spot"}}),
        ("okx", {"BTC": {"trading", "funding", "earn"}, "USDT": {"funding", "earn"},
                 "ETH": {"earn"}}),
        ("bybit", {"BTC": {"trading", "earn"}, "ETH": {"funding"}, "MNT": {"earn"}}),
        ("kucoin", {"BTC": {"funding", "trading", "earn"}, "KCS": {"trading"},
                    "ETH": {"earn"}}),
        ("bitget", {"BTC": {"spot", "earn"}, "BGB": {"spot"}, "ETH": {"earn"}}),
        ("gate", {"BTC": {"spot", "earn"}, "GT": {"spot"}, "USDT": {"earn"}}),
    ],
)
def test_each_wallet_of_a_key_is_kept_apart_in_sources(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch, name: str, places: dict[str, set[str]]
) -> None:
    chosen = SCENARIOS[name]
    with VenueServer(chosen.venue) as server:
        monkeypatch.setenv(server.base_url_variable, server.url)
        account = chosen.open_account(server.venue)
        assert add(cli, name, account.api_key, chosen.stdin(account)).code == 0
        assert cli("refresh").code == 0
    rows = json.loads(cli("balances", "--format", "json").out)
    assert {r["asset"]: {s["place"] for s in r["sources"]} for r in rows} == places
    for row in rows:
        assert sum(Decimal(s["free"]) + Decimal(s["locked"]) for s in row["sources"]) == Decimal(
            row["total"]
        )
