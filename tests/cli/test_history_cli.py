"""`walletdesk history` against the test exchange: points, filters, formats and files."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli.conftest import CliRunner
from tests.ecb_server import EcbServer
from tests.exchange_server import ExchangeServer


@pytest.fixture
def mexc(monkeypatch: pytest.MonkeyPatch) -> Iterator[ExchangeServer]:
    with ExchangeServer("mexc") as server:
        monkeypatch.setenv("WALLETDESK_MEXC_BASE_URL", server.url)
        yield server


@pytest.fixture
def refreshed(cli: CliRunner, mexc: ExchangeServer) -> CliRunner:
    """Two refreshes: BTC at 50,000 then at 50,000.5; 0.5 BTC and 10 USDT held."""
    account = mexc.add_account(balances={"BTC": "0.5", "USDT": "10"})
    cli("credentials", "add", "--exchange", "mexc", "--api-key", account.api_key,
        "--secret-stdin", stdin=account.secret)
    for price in ("50000", "50000.5"):
        mexc.set_prices({"BTCUSDT": price})
        assert cli("refresh").code == 0
    return cli


def test_history_json_is_the_portfolio_value_oldest_first_as_exact_strings(
        refreshed: CliRunner) -> None:
    result = refreshed("history", "--format", "json")
    assert result.code == 0, result.err
    points = json.loads(result.out)
    assert [set(p) for p in points] == [{"at", "total_usd_value"}] * 2
    assert [p["total_usd_value"] for p in points] == ["25010.00000000", "25010.25000000"]
    moments = [datetime.fromisoformat(p["at"].replace("Z", "+00:00")) for p in points]
    assert moments == sorted(moments) and all(m.tzinfo == UTC for m in moments)


def test_history_of_one_asset_is_summed_across_exchanges(refreshed: CliRunner) -> None:
    points = json.loads(refreshed("history", "--format", "json", "--asset", "btc").out)
    assert [(p["asset"], p["total"], p["usd_value"]) for p in points] == [
        ("BTC", "0.50000000", "25000.00000000"), ("BTC", "0.50000000", "25000.25000000")]
    assert set(points[0]) == {"at", "asset", "total", "usd_value"}


def test_one_asset_s_history_leaves_the_demo_s_sample_out_beside_real_money(
        refreshed: CliRunner) -> None:
    assert refreshed("credentials", "add", "--exchange", "demo", "--api-key", "k").code == 0
    assert refreshed("refresh").code == 0  # the demo holds 0.4718 sample BTC
    points = json.loads(refreshed("history", "--format", "json", "--asset", "BTC").out)
    assert [p["total"] for p in points] == ["0.50000000"] * 3  # the real 0.5 BTC alone
    demo = json.loads(refreshed("history", "--format", "json", "--asset", "BTC",
                                "--exchange", "demo").out)
    assert [p["total"] for p in demo] == ["0.47180000"]  # asked for by name: shown


def test_history_filters_by_exchange_and_day(refreshed: CliRunner) -> None:
    assert json.loads(refreshed("history", "--format", "json", "--exchange", "demo").out) == []
    assert len(json.loads(refreshed("history", "--format", "json", "--exchange", "MEXC").out)) == 2
    assert json.loads(refreshed("history", "--format", "json", "--since", "2999-01-01").out) == []
    assert refreshed("history", "--since", "yesterday").code == 2
    assert refreshed("history", "--exchange", "nowhere").code == 2


def test_history_table_and_csv_hold_the_same_points(refreshed: CliRunner) -> None:
    """The table is for people (UTC times, grouped dollars to the cent), CSV exact."""
    table = refreshed("history").out.splitlines()
    assert table[0].split() == ["AT", "(UTC)", "TOTAL", "USD", "VALUE"] and len(table) == 4
    assert [line.split()[-1] for line in table[2:]] == ["$25,010.00", "$25,010.25"]
    rows = list(csv.reader(io.StringIO(refreshed("history", "--format", "csv").out)))
    assert rows[0] == ["at", "total_usd_value"] and [r[1] for r in rows[1:]] == [
        "25010.00000000", "25010.25000000"]


def test_history_is_exported_to_csv_json_and_xlsx_files(
        refreshed: CliRunner, tmp_path: Path) -> None:
    for fmt in ("csv", "json", "xlsx"):
        target = tmp_path / f"history.{fmt}"
        result = refreshed("history", "--format", fmt, "--asset", "BTC", "--output", str(target))
        assert result.code == 0, result.err
        assert "2 history points" in result.out
    assert json.loads((tmp_path / "history.json").read_text())[1]["usd_value"] == "25000.25000000"
    sheet = load_workbook(tmp_path / "history.xlsx").active
    assert [c.value for c in sheet[1]] == ["at (UTC)", "asset", "total", "usd_value"]
    assert isinstance(sheet["A2"].value, datetime) and sheet["D3"].value == 25000.25
    again = refreshed("history", "--format", "csv", "--output", str(tmp_path / "history.csv"))
    assert again.code == 1 and "--force" in again.err
    forced = refreshed("history", "--format", "csv", "--output", str(tmp_path / "history.csv"),
                       "--force")
    assert forced.code == 0


def test_an_empty_history_says_how_it_grows(cli: CliRunner) -> None:
    result = cli("history")
    assert result.code == 0 and "walletdesk refresh" in result.out
    assert cli("history", "--format", "xlsx").code == 1  # a workbook needs a file


def test_history_in_a_display_currency_keeps_usd_and_adds_the_converted_value(
        refreshed: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    with EcbServer() as ecb:
        monkeypatch.setenv("WALLETDESK_FX_BASE_URL", ecb.url)
        result = refreshed("history", "--format", "json", "--currency", "gbp")
    assert result.code == 0, result.err
    assert json.loads(result.out)[0] == {
        "at": json.loads(result.out)[0]["at"], "total_usd_value": "25010.00000000",
        "currency": "GBP", "value": "19753.26851852"}  # 25010 x 0.8530 / 1.08, half-even
    assert refreshed("history", "--currency", "XAU").code == 2


def test_a_backup_holds_the_history_and_a_restore_brings_it_back(
        refreshed: CliRunner, tmp_path: Path) -> None:
    before = json.loads(refreshed("history", "--format", "json", "--asset", "BTC").out)
    backup = tmp_path / "walletdesk-backup.db"
    result = refreshed("backup", str(backup))
    assert result.code == 0, result.err
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT count(*) FROM history_snapshots").fetchone() == (2,)
        assert copy.execute("SELECT count(*) FROM history_balances").fetchone() == (4,)
    restored = refreshed("restore", str(backup), "--force")
    assert restored.code == 0, restored.err
    assert json.loads(refreshed("history", "--format", "json", "--asset", "BTC").out) == before
