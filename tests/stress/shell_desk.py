"""Two large accounts on the test exchanges with a key for each stored through the real
command line, for tests that run WalletDesk processes against them (fixtures and helpers)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.exchange_server import Account, ExchangeServer
from tests.stress import processes
from tests.stress.rows import query
from tests.stress.versions import prices, versioned, versions_in

MEXC_ASSETS = 6_000
BINANCE_ASSETS = 2_000


@pytest.fixture
def exchanges(data_dir: Path, master_key: bytes) -> Iterator[dict[str, tuple[ExchangeServer,
                                                                             Account]]]:
    """Both test exchanges, each with one large account (balances at version 1)."""
    with ExchangeServer("mexc", latency=0.05) as mexc, \
            ExchangeServer("binance", latency=0.05) as binance:
        setup = {}
        for name, server, assets in (("MEXC", mexc, MEXC_ASSETS),
                                     ("BINANCE", binance, BINANCE_ASSETS)):
            server.set_prices(prices(assets))
            setup[name] = (server, server.add_account(balances=versioned(assets, 1)))
        yield setup


@pytest.fixture
def env(exchanges: dict[str, tuple[ExchangeServer, Account]]) -> dict[str, str]:
    """The exchanges' base URLs for WalletDesk processes, with both keys stored already."""
    env = {f"WALLETDESK_{name}_BASE_URL": server.url for name, (server, _) in exchanges.items()}
    for name, (_, account) in exchanges.items():
        added = processes.run("credentials", "add", "--exchange", name, "--api-key",
                              account.api_key, "--secret-stdin", env=env, stdin=account.secret)
        assert added.code == 0, added.err
    return env


def set_version(exchanges: dict[str, tuple[ExchangeServer, Account]], version: int) -> None:
    for name, (_, account) in exchanges.items():
        account.set_balances(versioned(MEXC_ASSETS if name == "MEXC" else BINANCE_ASSETS,
                                       version))


def stored_versions(database: Path, exchange: str) -> set[int]:
    rows = query(database, "SELECT b.free FROM balances AS b JOIN wallets AS w "
                           "ON b.wallet_id = w.id WHERE w.exchange = ?", exchange)
    return versions_in(int(free) // 10**8 for (free,) in rows)  # type: ignore[call-overload]


def labels(database: Path) -> set[str]:
    return {str(label) for (label,) in query(database, "SELECT label FROM api_credentials")}


def assert_clean(result: processes.Finished) -> None:
    assert result.code == 0, result.err
    assert result.err == "", result.err


