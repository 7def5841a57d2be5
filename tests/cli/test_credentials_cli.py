"""`walletdesk credentials ...`: exact surface, one-line errors, nothing stored on failure."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import CliRunner, Result

SECRET = "Zx9-secret-value-that-must-never-leak-7Q"


def add(cli: CliRunner, *extra: str, secret: str = SECRET, exchange: str = "mexc") -> Result:
    return cli(
        "credentials",
        "add",
        "--exchange",
        exchange,
        "--api-key",
        "mx0vglPUBLICKEY1",
        "--secret-stdin",
        *extra,
        stdin=secret + "\n",
    )


def test_add_then_list_as_json_shows_everything_but_the_secret(cli: CliRunner) -> None:
    added = add(cli, "--label", "Main")
    assert added.code == 0, added.err
    listed = cli("credentials", "list", "--format", "json")
    assert listed.code == 0
    [row] = json.loads(listed.out)
    assert set(row) == {"id", "exchange", "label", "api_key", "created_at", "updated_at"}
    assert row["exchange"] == "MEXC" and row["label"] == "Main"
    assert row["api_key"] == "mx0vglPUBLICKEY1"
    assert SECRET not in listed.out + added.out + added.err


def test_table_listing_shortens_the_public_key(cli: CliRunner) -> None:
    add(cli)
    listed = cli("credentials", "list")
    assert listed.code == 0
    assert "MEXC" in listed.out and "mx0vgl…KEY1" in listed.out


def test_data_dir_option_works_after_the_subcommand(cli: CliRunner, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    result = cli("credentials", "list", "--format", "json", "--data-dir", str(other))
    assert result.code == 0 and json.loads(result.out) == []
    assert (other / "walletdesk.db").exists()


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--exchange", "mexc", "--api-key", "has space"], "s", "API key"),
        (["--exchange", "mexc", "--api-key", "ключ"], "s", "API key"),
        (["--exchange", "mexc", "--api-key", "k" * 101], "s", "too long"),
        (["--exchange", "mexc", "--api-key", "abc"], "   \n", "secret"),
        (["--exchange", "mexc", "--api-key", "abc", "--label", "x" * 51], "s", "label"),
        (["--exchange", "mexc", "--api-key", "abc", "--label", "a\x00b"], "s", "control"),
    ],
)
def test_bad_input_is_one_line_exit_1_and_stores_nothing(
    cli: CliRunner, data_dir: Path, args: list[str], stdin: str, message: str
) -> None:
    result = cli("credentials", "add", *args, "--secret-stdin", stdin=stdin)
    assert result.code == 1
    assert result.err.count("\n") == 1 and message in result.err
    assert "Traceback" not in result.err
    assert json.loads(cli("credentials", "list", "--format", "json").out) == []


def test_sql_looking_label_is_stored_as_text(cli: CliRunner) -> None:
    label = "x'); DROP TABLE users; --"
    assert add(cli, "--label", label).code == 0
    [row] = json.loads(cli("credentials", "list", "--format", "json").out)
    assert row["label"] == label


def test_duplicate_unlabelled_key_names_the_existing_one(cli: CliRunner) -> None:
    assert add(cli).code == 0
    again = add(cli)
    assert again.code == 1
    assert "mx0vgl" in again.err
    assert len(json.loads(cli("credentials", "list", "--format", "json").out)) == 1


def test_same_exchange_with_two_labels_is_allowed(cli: CliRunner) -> None:
    assert add(cli, "--label", "a").code == 0
    assert add(cli, "--label", "b").code == 0
    assert len(json.loads(cli("credentials", "list", "--format", "json").out)) == 2


def test_remove_by_id_prefix(cli: CliRunner) -> None:
    add(cli)
    [row] = json.loads(cli("credentials", "list", "--format", "json").out)
    removed = cli("credentials", "remove", row["id"][:8])
    assert removed.code == 0, removed.err
    assert json.loads(cli("credentials", "list", "--format", "json").out) == []


def test_remove_unknown_id_is_exit_1(cli: CliRunner) -> None:
    result = cli("credentials", "remove", "does-not-exist")
    assert result.code == 1 and "No credential" in result.err


def test_usage_error_is_exit_2(cli: CliRunner) -> None:
    assert cli("credentials", "add", "--api-key", "x").code == 2
    assert cli("credentials", "list", "--format", "xml").code == 2


def test_update_label_and_replace_secret(cli: CliRunner, data_dir: Path) -> None:
    add(cli, "--label", "old")
    [row] = json.loads(cli("credentials", "list", "--format", "json").out)
    before = _secret_blob(data_dir)
    result = cli(
        "credentials",
        "update",
        row["id"],
        "--label",
        "new",
        "--replace-secret",
        "--secret-stdin",
        stdin="another-secret",
    )
    assert result.code == 0, result.err
    [after_row] = json.loads(cli("credentials", "list", "--format", "json").out)
    assert after_row["label"] == "new"
    assert _secret_blob(data_dir) != before


def _secret_blob(data_dir: Path) -> bytes:
    with sqlite3.connect(data_dir / "walletdesk.db") as db:
        return bytes(db.execute("SELECT api_secret FROM api_credentials").fetchone()[0])


def test_wrong_master_key_fails_clearly_and_changes_nothing(
    cli: CliRunner, cli_process: CliRunner, data_dir: Path
) -> None:
    add(cli, exchange="demo")
    before = (data_dir / "walletdesk.db").read_bytes()
    other_key = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="  # 32 x 'A'
    result = cli_process("refresh", env={"WALLETDESK_MASTER_KEY": other_key})
    assert result.code == 1
    assert "sealed with master key" in result.err and "Traceback" not in result.err
    assert "Set WALLETDESK_MASTER_KEY to the key you used then" in result.err
    assert json.loads(cli("credentials", "list", "--format", "json").out)  # row kept
    assert (data_dir / "walletdesk.db").read_bytes() == before


def test_secrets_sealed_with_the_variable_get_no_second_key_when_it_is_unset(
    cli: CliRunner, data_dir: Path
) -> None:
    add(cli, exchange="demo")
    unset = {k: v for k, v in os.environ.items() if k != "WALLETDESK_MASTER_KEY"}
    result = subprocess.run(
        [sys.executable, "-m", "walletdesk", "credentials", "add", "--exchange", "demo",
         "--api-key", "k2", "--label", "second", "--secret-stdin"],
        input="another-secret\n", env=unset, capture_output=True, text=True, timeout=60,
        check=False)
    assert result.returncode == 1, result.stderr
    assert "given in WALLETDESK_MASTER_KEY; that variable is not set now" in result.stderr
    assert len(json.loads(cli("credentials", "list", "--format", "json").out)) == 1


def test_database_that_is_not_sqlite_is_refused_and_left_alone(
    cli: CliRunner, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    garbage = b"this is not a database" * 100
    (data_dir / "walletdesk.db").write_bytes(garbage)
    result = cli("credentials", "list")
    assert result.code == 1 and "Traceback" not in result.err
    assert (data_dir / "walletdesk.db").read_bytes() == garbage


def test_secret_bytes_appear_nowhere_on_disk_or_in_output(
    cli: CliRunner, cli_process: CliRunner, data_dir: Path
) -> None:
    outputs = [add(cli, "--label", "Main")]
    outputs.append(cli_process("credentials", "list"))
    outputs.append(cli_process("credentials", "list", "--format", "json"))
    for result in outputs:
        assert SECRET not in result.out + result.err
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
