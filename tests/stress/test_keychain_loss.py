"""The master key's keychain missing, locked, damaged or emptied: every command that needs
the key says so in one line and how to recover; no key row is deleted or changed; and
re-entering the secrets does recover."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.errors import KeyringLocked, NoKeyringError

from tests.exchange_server import Account
from tests.stress.fault_plan import PRICES, balances
from tests.stress.keyed_exchange import KeyedExchangeServer
from tests.stress.rows import query
from tests.stress.shell import RecordingKeyring, Shell
from tests.stress.tally import count
from walletdesk.security.master_key import SERVICE, USERNAME

CREDENTIAL_ROWS = "SELECT * FROM api_credentials ORDER BY id"


@pytest.fixture
def accounts(data_dir: Path, monkeypatch: pytest.MonkeyPatch, shell: Shell,
             keychain: RecordingKeyring) -> Iterator[dict[str, Account]]:
    """Two keys stored and refreshed once, the master key in the (in-memory) keychain."""
    monkeypatch.delenv("WALLETDESK_MASTER_KEY", raising=False)
    with KeyedExchangeServer("mexc") as mexc, KeyedExchangeServer("binance") as binance:
        accounts = {}
        for index, (name, server) in enumerate((("MEXC", mexc), ("BINANCE", binance))):
            server.set_prices(PRICES)
            monkeypatch.setenv(f"WALLETDESK_{name}_BASE_URL", server.url)
            accounts[name] = account = server.add_account(balances=balances(index, 1))
            assert shell("credentials", "add", "--exchange", name, "--api-key",
                         account.api_key, "--secret-stdin", stdin=account.secret).code == 0
        assert shell("refresh").code == 0
        assert (SERVICE, USERNAME) in keychain.items
        yield accounts


def lose_key(keychain: RecordingKeyring, how: str) -> None:
    count("faults")
    if how == "missing":
        keychain.failure = NoKeyringError("no backend")
    elif how == "locked":
        keychain.failure = KeyringLocked("collection is locked")
    elif how == "damaged":
        keychain.items[(SERVICE, USERNAME)] = "not base64 at all!"
    else:  # emptied: the entry is gone
        del keychain.items[(SERVICE, USERNAME)]


ADVICE = {
    "missing": "No OS keychain is available",
    "locked": "The OS keychain is locked: unlock it",
    "damaged": "re-enter your API secrets",
    "emptied": "re-enter each secret",
}


@pytest.mark.parametrize("how", list(ADVICE))
def test_a_lost_master_key_is_one_clear_line_per_key_and_nothing_is_deleted(
        how: str, accounts: dict[str, Account], keychain: RecordingKeyring, shell: Shell,
        data_dir: Path) -> None:
    database = data_dir / "walletdesk.db"
    rows_before = query(database, CREDENTIAL_ROWS)
    balances_before = query(database, "SELECT * FROM balances ORDER BY id")
    lose_key(keychain, how)

    refresh = shell("refresh")
    add = shell("credentials", "add", "--exchange", "mexc", "--api-key", "another-key",
                "--label", "new", "--secret-stdin", stdin="s3cret-value")
    listing = shell("credentials", "list")  # needs no key: still works

    assert refresh.code == 1 and "Traceback" not in refresh.err
    lines = refresh.err.splitlines()
    assert len(lines) == len(accounts) and all(ADVICE[how] in line for line in lines), lines
    if how in ("missing", "locked"):
        assert add.code == 1 and ADVICE[how] in add.err and len(add.err.splitlines()) == 1
    assert listing.code == 0 and all(a.api_key[:6] in listing.out for a in accounts.values())
    rows_after = query(database, CREDENTIAL_ROWS)
    assert set(rows_before) <= set(rows_after), "a stored key was changed or deleted"
    assert query(database, "SELECT * FROM balances ORDER BY id") == balances_before


def test_after_the_key_is_lost_re_entering_the_secrets_recovers(
        accounts: dict[str, Account], keychain: RecordingKeyring, shell: Shell) -> None:
    lose_key(keychain, "emptied")
    listed = shell("credentials", "list", "--format", "json")
    ids = {row["exchange"]: row["id"] for row in json.loads(listed.out)}
    first, second = ids["MEXC"], ids["BINANCE"]
    refused = shell("credentials", "update", first, "--replace-secret", "--secret-stdin",
                    stdin=accounts["MEXC"].secret)
    assert refused.code == 1 and "rekey --old-key-lost" in refused.err  # never a silent new key
    assert shell("rekey", "--old-key-lost").code == 0  # the user says so: a new key
    assert shell("credentials", "update", first, "--replace-secret", "--secret-stdin",
                 stdin=accounts["MEXC"].secret).code == 0
    partial = shell("refresh")
    assert partial.code == 1
    (line,) = partial.err.splitlines()  # the key not yet re-entered, and only that one
    assert second[:8] in line and "Re-enter the secret" in line
    assert shell("credentials", "update", second, "--replace-secret", "--secret-stdin",
                 stdin=accounts["BINANCE"].secret).code == 0
    assert shell("refresh").code == 0
