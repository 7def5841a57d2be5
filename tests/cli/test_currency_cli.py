"""`--currency CODE` on balances and export: USD columns stay, currency and value follow."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli.conftest import CliRunner
from tests.cli.test_history_cli import mexc, refreshed  # noqa: F401 - fixtures, asked by name
from tests.ecb_server import EcbServer


@pytest.fixture
def ecb(monkeypatch: pytest.MonkeyPatch) -> Iterator[EcbServer]:
    with EcbServer() as server:
        monkeypatch.setenv("WALLETDESK_FX_BASE_URL", server.url)
        yield server


def test_balances_json_gains_currency_and_the_exact_converted_value(
        refreshed: CliRunner, ecb: EcbServer) -> None:  # noqa: F811
    result = refreshed("balances", "--format", "json", "--currency", "jpy")
    assert result.code == 0, result.err
    btc = next(row for row in json.loads(result.out) if row["asset"] == "BTC")
    assert btc["usd_value"] == "25000.25000000"
    # 25000.25 x 162.50 / 1.08 = 3761611.689814814..., rounded once, half-even
    assert (btc["currency"], btc["value"]) == ("JPY", "3761611.68981481")


def test_csv_xlsx_and_the_table_show_the_display_currency(
        refreshed: CliRunner, ecb: EcbServer, tmp_path: Path) -> None:  # noqa: F811
    rows = list(csv.reader(io.StringIO(refreshed("balances", "--format", "csv",
                                                 "--currency", "EUR").out)))
    assert rows[0][-3:] == ["wallet_updated", "currency", "value"]
    assert "usd_value" in rows[0]
    target = tmp_path / "balances.xlsx"
    assert refreshed("export", "--format", "xlsx", "--output", str(target),
                     "--currency", "gbp").code == 0
    header = [cell.value for cell in load_workbook(target).active[1]]
    assert header[-2:] == ["currency", "value"] and "usd_value" in header
    table = refreshed("balances", "--currency", "EUR").out
    assert "EUR per USD, European Central Bank, 2026-11-30" in table
    assert refreshed("balances", "--currency", "DOGE").code == 2
