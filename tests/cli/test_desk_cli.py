"""The CLI as a person reads it: `credentials test`, usage errors in one line, the people's
table with a total, honest totals after a failed refresh, and an export that never destroys
a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import CliRunner
from tests.exchange_server import Account, ExchangeServer, Fault
from walletdesk.exchanges.catalog import SUPPORTED


def add_mexc(cli: CliRunner, account: Account, label: str = "main") -> str:
    added = cli("credentials", "add", "--exchange", "mexc", "--api-key", account.api_key,
                "--label", label, "--secret-stdin", stdin=account.secret)
    assert added.code == 0, added.err
    ids = [c["id"] for c in json.loads(cli("credentials", "list", "--format", "json").out)
           if c["label"] == label]
    return str(ids[0])


def test_credentials_test_checks_the_stored_key_at_its_exchange(
    cli: CliRunner, mexc: ExchangeServer
) -> None:
    key_id = add_mexc(cli, mexc.add_account(balances={"BTC": "1"}))
    tested = cli("credentials", "test", key_id[:8])
    assert tested.code == 0, tested.err
    assert "MEXC" in tested.out and "Key works" in tested.out
    assert mexc.requests_to("/api/v3/account")  # it really asked the exchange

    mexc.inject(Fault.INVALID_KEY, times=None)
    refused = cli("credentials", "test", key_id)
    assert refused.code == 1 and len(refused.err.splitlines()) == 1
    assert refused.err.startswith("walletdesk: ") and "Traceback" not in refused.err


@pytest.mark.parametrize("threshold", ["99999999999", "1e999", "10000000000"])
def test_a_threshold_beyond_every_stored_value_is_a_one_line_usage_error(
    cli: CliRunner, threshold: str
) -> None:
    for command in (["balances"], ["export", "--format", "csv", "--output", "x.csv"]):
        result = cli(*command, "--min-usd", threshold)
        assert result.code == 2, result
        assert len(result.err.splitlines()) == 1 and "--min-usd" in result.err


def test_an_unknown_exchange_is_a_usage_error_that_lists_only_accepted_names(
    cli: CliRunner,
) -> None:
    result = cli("balances", "--exchange", "krakenz")
    assert result.code == 2 and len(result.err.splitlines()) == 1
    listed = result.err.split("choose one of ", 1)[1].split(" (any case)")[0].split(", ")
    assert listed == list(SUPPORTED)
    for name in listed:  # every name it offers is one that it takes
        assert cli("balances", "--exchange", name.lower()).code == 0
    assert cli("refresh", "--exchange", "krakenz").code == 2
    assert cli("credentials", "add", "--exchange", "nope", "--api-key", "k").code == 2


def test_the_table_uses_display_names_grouped_numbers_and_ends_with_the_real_total(
    cli: CliRunner, mexc: ExchangeServer
) -> None:
    add_mexc(cli, mexc.add_account(balances={"BTC": "1234.5", "VEN": "1200"}))
    cli("credentials", "add", "--exchange", "demo", "--api-key", "demo")
    assert cli("refresh").code == 0
    lines = cli("balances").out.splitlines()
    btc = next(line for line in lines if " BTC " in line)
    assert btc.startswith("MEXC ") and "1,234.5" in btc and "$61,725,000.00" in btc
    assert any(line.startswith("Demo (offline sample)") for line in lines)
    ven = next(line for line in lines if " VEN " in line and line.startswith("MEXC"))
    assert "no price" in ven
    total = next(line for line in lines if line.startswith("Total"))
    assert total.split() == ["Total", "$61,725,000.00"]  # the demo's money is not in it
    demo = next(line for line in lines if line.startswith("Demo, not in total"))
    assert "$59,703.03" in demo  # USDC and ARBUSDC valued through USDCUSDT 0.9998
    assert cli("balances", "--format", "json").out.count('"exchange": "MEXC"') == 2  # exact


def test_points_line_up_in_every_amount_column(cli: CliRunner) -> None:
    cli("credentials", "add", "--exchange", "demo", "--api-key", "demo")
    cli("refresh")
    lines = cli("balances").out.splitlines()
    header, rows = lines[0], [line for line in lines[2:] if line[:4] == "Demo" and "$" in line]
    end = header.index("TOTAL") + len("TOTAL")
    points = {row.rfind(".", 0, end + 1) for row in rows if "." in row[end - 12 : end + 1]}
    assert len(points) == 1, rows


def test_dust_threshold_keeps_assets_without_a_price(cli: CliRunner) -> None:
    cli("credentials", "add", "--exchange", "demo", "--api-key", "demo")
    cli("refresh")
    rows = json.loads(cli("balances", "--format", "json", "--min-usd", "1000").out)
    unpriced = [r["asset"] for r in rows if not r["priced"]]
    assert unpriced == ["VEN"]
    assert all(r["priced"] is False or float(r["usd_value"]) >= 1000 for r in rows)


def test_refresh_says_which_part_of_the_total_is_old_after_a_failure(
    cli: CliRunner, mexc: ExchangeServer
) -> None:
    add_mexc(cli, mexc.add_account(balances={"BTC": "1"}))
    assert cli("refresh").code == 0
    mexc.inject(Fault.SERVER_ERROR, times=None, status=503)
    failed = cli("refresh")
    assert failed.code == 1
    assert "Portfolio total: $50,000.00" in failed.out
    assert "Part of this total is old (its refresh failed): MEXC from " in failed.out


def test_export_refuses_an_existing_file_unless_forced(cli: CliRunner, tmp_path: Path) -> None:
    cli("credentials", "add", "--exchange", "demo", "--api-key", "demo")
    cli("refresh")
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "mine.csv"
    target.write_text("my own notes\n")
    refused = cli("export", "--format", "csv", "--output", str(target))
    assert refused.code == 1 and len(refused.err.splitlines()) == 1
    assert "--force" in refused.err and target.read_text() == "my own notes\n"
    assert list(folder.iterdir()) == [target]  # no temporary file left behind
    forced = cli("export", "--format", "csv", "--output", str(target), "--force")
    assert forced.code == 0 and target.read_text().startswith("exchange,asset")


@pytest.mark.parametrize(("name", "shown"), [("a\nb.csv", "a\\nb.csv"),
                                           ("\x1b[2Jx.csv", "\\x1b[2Jx.csv")])
def test_a_file_name_with_control_characters_stays_on_one_line(
    cli: CliRunner, tmp_path: Path, name: str, shown: str
) -> None:
    """A line break in a name must not split the error line (scripts read one line per
    failure), nor an escape sequence reach the terminal: both are shown escaped."""
    cli("credentials", "add", "--exchange", "demo", "--api-key", "demo")
    cli("refresh")
    target = tmp_path / name
    target.write_text("my own notes\n")
    refused = cli("export", "--format", "csv", "--output", str(target))
    assert refused.code == 1
    assert refused.err.splitlines() == [
        f"walletdesk: {tmp_path}/{shown} already exists, so nothing was written: pass "
        "--force to replace it, or choose another file name."]
    forced = cli("export", "--format", "csv", "--output", str(target), "--force")
    assert forced.out.splitlines() == [f"Exported 14 balances to {tmp_path}/{shown}."]


def test_export_to_dash_writes_standard_output(cli: CliRunner, tmp_path: Path) -> None:
    cli("credentials", "add", "--exchange", "demo", "--api-key", "demo")
    cli("refresh")
    result = cli("export", "--format", "json", "--output", "-")
    assert result.code == 0 and json.loads(result.out) == json.loads(
        cli("balances", "--format", "json").out)
    assert not (Path.cwd() / "-").exists()


def test_export_warns_when_the_extension_names_another_format(
    cli: CliRunner, tmp_path: Path
) -> None:
    result = cli("export", "--format", "json", "--output", str(tmp_path / "b.csv"))
    assert result.code == 0 and (tmp_path / "b.csv").exists()
    assert "warning" in result.err and ".csv" in result.err and "JSON" in result.err
    quiet = cli("export", "--format", "json", "--output", str(tmp_path / "b.json"))
    assert quiet.err == ""
