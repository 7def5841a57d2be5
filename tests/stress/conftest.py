"""Stress-suite set-up: shared fixtures, and the figures (runs, faults injected, inputs
tried) printed at the end of every pytest run that collected this folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.stress.bench import Bench, build_bench
from tests.stress.fault_plan import PRICES
from tests.stress.keyed_exchange import KeyedExchangeServer
from tests.stress.shell import keychain, shell
from tests.stress.shell_desk import env, exchanges
from tests.stress.tally import totals

__all__ = ["env", "exchanges", "keychain", "shell"]  # fixtures


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    figures = totals()
    if not any(figures.values()):
        return
    terminalreporter.section("stress figures")
    terminalreporter.write_line(
        "runs: {runs}   faults injected: {faults}   inputs tried: {inputs}".format(**figures)
    )


@pytest.fixture
def bench(tmp_path: Path) -> Iterator[Bench]:
    """Real controllers over a SQLite file and both keyed test exchanges (prices set)."""
    with KeyedExchangeServer("mexc") as mexc, KeyedExchangeServer("binance") as binance:
        for server in (mexc, binance):
            server.set_prices(PRICES)
        built = build_bench(tmp_path, mexc, binance)
        yield built
        built.close()
