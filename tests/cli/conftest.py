"""Run the real `walletdesk` command line, in-process or as a subprocess."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.exchange_server import ExchangeServer
from walletdesk.app import main


@dataclass
class Result:
    code: int
    out: str
    err: str


CliRunner = Callable[..., Result]


def add_credential(cli: CliRunner, exchange: str, api_key: str, stdin: str) -> str:
    """Adds a key through ``credentials add`` (its secret parts on stdin); the new id."""
    added = cli("credentials", "add", "--exchange", exchange, "--api-key", api_key,
                "--secret-stdin", stdin=stdin)
    assert added.code == 0, added.err
    [row] = json.loads(cli("credentials", "list", "--format", "json").out)
    return str(row["id"])


def balance_sources(cli: CliRunner) -> list[tuple[str, str, list[Any]]]:
    """``balances --format json`` as (asset, total, sources) per row."""
    rows = json.loads(cli("balances", "--format", "json").out)
    return [(r["asset"], r["total"], r["sources"]) for r in rows]


@pytest.fixture
def cli(
    data_dir: Path,
    master_key: bytes,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> CliRunner:
    """Call walletdesk's main() in-process with the given arguments and stdin text."""

    def run(*args: str, stdin: str = "") -> Result:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse usage errors
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def cli_process(data_dir: Path, master_key: bytes) -> CliRunner:
    """Run `python -m walletdesk` as a real process (same environment as the fixtures)."""

    def run(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> Result:
        completed = subprocess.run(
            [sys.executable, "-m", "walletdesk", *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={**os.environ, **(env or {})},
        )
        return Result(completed.returncode, completed.stdout, completed.stderr)

    return run


@pytest.fixture
def mexc(monkeypatch: pytest.MonkeyPatch) -> Iterator[ExchangeServer]:
    """A MEXC stand-in that WalletDesk is pointed at, BTC at 50,000 USDT."""
    with ExchangeServer("mexc") as server:
        monkeypatch.setenv("WALLETDESK_MEXC_BASE_URL", server.url)
        server.set_prices({"BTCUSDT": "50000"})
        yield server
