"""`walletdesk refresh`, `balances` and `export` against the demo and the test exchange."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

from tests.cli.conftest import CliRunner
from tests.exchange_server import ExchangeServer, Fault


def test_demo_exchange_works_end_to_end(cli: CliRunner, tmp_path: Path) -> None:
    assert cli("credentials", "add", "--exchange", "demo", "--api-key", "demo").code == 0
    refreshed = cli("refresh")
    assert refreshed.code == 0, refreshed.err
    assert "Demo" in refreshed.out
    rows = json.loads(cli("balances", "--format", "json").out)
    assert len(rows) >= 10
    assert set(rows[0]) == {
        "exchange",
        "asset",
        "free",
        "locked",
        "total",
        "usd_value",
        "priced",
        "wallet_updated",
        "sources",
    }
    assert any(not row["priced"] for row in rows)
    (credential,) = json.loads(cli("credentials", "list", "--format", "json").out)
    for row in rows:
        assert Decimal(row["total"]) == Decimal(row["free"]) + Decimal(row["locked"])
        (source,) = row["sources"]
        assert (source["credential_id"], source["place"]) == (credential["id"], "spot")
        assert (source["free"], source["locked"]) == (row["free"], row["locked"])
    values = [Decimal(row["usd_value"]) for row in rows]
    assert values == sorted(values, reverse=True)

    rich = json.loads(cli("balances", "--format", "json", "--min-usd", "1000").out)
    assert rich and all(Decimal(r["usd_value"]) >= 1000 or not r["priced"] for r in rich)

    table = cli("balances")
    assert table.code == 0 and "DEMO" in table.out.upper()

    csv_text = cli("balances", "--format", "csv").out
    assert len(list(csv.reader(io.StringIO(csv_text)))) == len(rows) + 1

    target = tmp_path / "out.xlsx"
    exported = cli("export", "--format", "xlsx", "--output", str(target))
    assert exported.code == 0 and target.stat().st_size > 0


def test_refresh_reports_each_failed_credential_and_stores_the_others(
    cli: CliRunner, mexc: ExchangeServer
) -> None:
    good = mexc.add_account(balances={"BTC": "0.5"})
    cli("credentials", "add", "--exchange", "demo", "--api-key", "demo")
    cli(
        "credentials",
        "add",
        "--exchange",
        "mexc",
        "--api-key",
        good.api_key,
        "--label",
        "main",
        "--secret-stdin",
        stdin=good.secret,
    )
    mexc.inject(Fault.INVALID_KEY, times=None)
    result = cli("refresh")
    assert result.code == 1
    [line] = result.err.splitlines()
    assert line.startswith("walletdesk: MEXC (main)") and "Traceback" not in result.err
    exchanges = {row["exchange"] for row in json.loads(cli("balances", "--format", "json").out)}
    assert exchanges == {"DEMO"}
    mexc.clear_faults()
    assert cli("refresh", "--exchange", "MEXC").code == 0
    btc = [r for r in json.loads(cli("balances", "--format", "json", "--exchange", "mexc").out)]
    assert [(r["asset"], r["usd_value"]) for r in btc] == [("BTC", "25000.00000000")]


def test_min_usd_must_be_a_number(cli: CliRunner) -> None:
    assert cli("balances", "--min-usd", "lots").code == 2


def test_export_to_a_missing_folder_is_one_line(cli: CliRunner, tmp_path: Path) -> None:
    result = cli("export", "--format", "csv", "--output", str(tmp_path / "nope" / "x.csv"))
    assert result.code == 1 and len(result.err.splitlines()) == 1


def test_exports_hold_neither_the_api_key_nor_the_secret_they_were_read_with(
    cli: CliRunner, mexc: ExchangeServer, tmp_path: Path
) -> None:
    account = mexc.add_account(balances={"BTC": "0.5", "ETH": "2"})
    added = cli("credentials", "add", "--exchange", "mexc", "--api-key", account.api_key,
                "--secret-stdin", stdin=account.secret)
    assert added.code == 0, added.err
    assert cli("refresh").code == 0
    texts = {fmt: cli("balances", "--format", fmt).out for fmt in ("table", "CSV", "Json")}
    for fmt in ("csv", "XLSX", "json"):
        target = tmp_path / f"out.{fmt.lower()}"
        result = cli("export", "--format", fmt, "--output", str(target))
        assert result.code == 0, result.err
        texts[f"file {fmt}"] = _file_text(target)
    for name, text in texts.items():
        assert "BTC" in text, name  # the balances are there...
        assert account.api_key not in text, name  # ...and the key they came with is not
        assert account.secret not in text, name


def _file_text(path: Path) -> str:
    if path.suffix != ".xlsx":
        return path.read_text(encoding="utf-8")
    with zipfile.ZipFile(path) as workbook:  # every part of the workbook, as text
        return "".join(workbook.read(part).decode("utf-8") for part in workbook.namelist())
