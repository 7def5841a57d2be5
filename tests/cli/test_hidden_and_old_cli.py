"""`balances` and `export` leave out the assets hidden in the app (unless --include-hidden)
and say on stderr which exchanges' rows are older than their failed last refresh, also in a
later process: both are stored, per user."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import CliRunner
from tests.exchange_server import ExchangeServer, Fault
from walletdesk.paths import AppPaths
from walletdesk.services import Services


def add_mexc(cli: CliRunner, mexc: ExchangeServer, balances: dict[str, str]) -> None:
    account = mexc.add_account(balances=balances)
    added = cli("credentials", "add", "--exchange", "mexc", "--api-key", account.api_key,
                "--label", "main", "--secret-stdin", stdin=account.secret)
    assert added.code == 0, added.err


def hide(data_dir: Path, *assets: tuple[str, str]) -> None:
    """As the window's Hide selected assets does, through the same controller."""
    services = Services(AppPaths(data_dir=data_dir, log_dir=data_dir / "logs"))
    try:
        services.portfolio.hide_assets(assets)
    finally:
        services.close()


def assets(result_out: str) -> list[tuple[str, str]]:
    return sorted((row["exchange"], row["asset"]) for row in json.loads(result_out))


def test_hidden_assets_are_left_out_unless_asked_for(
        cli: CliRunner, mexc: ExchangeServer, data_dir: Path, tmp_path: Path) -> None:
    add_mexc(cli, mexc, {"BTC": "0.5", "FREEAIRDROP": "1000000"})
    cli("credentials", "add", "--exchange", "demo", "--api-key", "demo")
    assert cli("refresh").code == 0
    hide(data_dir, ("MEXC", "FREEAIRDROP"))

    shown = cli("balances", "--format", "json")
    assert (shown.code, shown.err) == (
        0, "walletdesk: 1 hidden asset left out (--include-hidden shows them).\n")
    assert ("MEXC", "FREEAIRDROP") not in assets(shown.out)
    assert ("MEXC", "BTC") in assets(shown.out)
    everything = cli("balances", "--format", "json", "--include-hidden")
    assert (everything.code, everything.err) == (0, "")
    assert set(assets(everything.out)) - set(assets(shown.out)) == {("MEXC", "FREEAIRDROP")}
    assert "FREEAIRDROP" not in cli("balances").out  # the table too

    output = tmp_path / "balances.json"
    exported = cli("export", "--format", "json", "--output", str(output))
    assert exported.code == 0 and "1 hidden asset left out" in exported.err
    assert ("MEXC", "FREEAIRDROP") not in assets(output.read_text())
    cli("export", "--format", "json", "--output", str(output), "--force", "--include-hidden")
    assert ("MEXC", "FREEAIRDROP") in assets(output.read_text())
    assert cli("balances", "--exchange", "demo").err == ""  # none hidden among these
    hide(data_dir, ("MEXC", "BTC"))
    nothing = cli("balances", "--exchange", "mexc")
    assert nothing.out == "No balances match these filters.\n"  # not "none stored yet"
    assert "2 hidden assets left out" in nothing.err


def test_after_a_failed_refresh_every_later_command_says_which_part_is_old(
        cli: CliRunner, mexc: ExchangeServer) -> None:
    add_mexc(cli, mexc, {"BTC": "0.5"})
    cli("credentials", "add", "--exchange", "demo", "--api-key", "demo")
    assert cli("refresh").code == 0
    mexc.inject(Fault.INVALID_KEY, times=None)
    assert cli("refresh", "--exchange", "mexc").code == 1

    later = cli("balances", "--format", "json")  # another process, as far as it knows
    assert later.code == 0
    assert later.err.startswith("walletdesk: Part of these balances is old (its last "
                                "refresh failed): MEXC from ")
    assert later.err.rstrip().endswith("UTC (just now).")
    assert ("MEXC", "BTC") in assets(later.out)  # the previous balances, kept
    assert cli("balances", "--exchange", "demo").err == ""  # the demo part is current
    demo_only = cli("refresh", "--exchange", "demo")
    assert demo_only.code == 0
    assert "Part of this total is old (its refresh failed): MEXC from " in demo_only.out

    mexc.clear_faults()
    assert cli("refresh", "--exchange", "mexc").code == 0
    assert cli("balances").err == ""  # current again
