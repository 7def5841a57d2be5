"""After a whole session (sign in, add keys, refresh, export, errors, sign out) no plaintext
API secret, no master key and no refresh token is in the data folder, the log folder, the
exports, or anything printed; a damaged ciphertext is one clear line for that key only."""

from __future__ import annotations

import base64
import json
import sqlite3
import sys
import webbrowser
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from tests.exchange_server import Account, Fault
from tests.oidc.accounts import ALICE
from tests.oidc.provider import OidcProvider
from tests.stress.fault_plan import PRICES, balances
from tests.stress.keyed_exchange import KeyedExchangeServer
from tests.stress.search import blobs, leaks
from tests.stress.shell import RecordingKeyring, Shell
from tests.stress.tally import count
from walletdesk.security.master_key import SERVICE, USERNAME

pytestmark = pytest.mark.oidc
BROWSER_CLI = Path(__file__).resolve().parents[1] / "oidc" / "browser_cli.py"


@pytest.fixture
def signed_in_env(oidc: OidcProvider, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """BROWSER is the stand-in browser, which signs Alice in; no master key in the
    environment, so WalletDesk keeps it in the (in-memory) keychain as on a desktop."""
    monkeypatch.delenv("WALLETDESK_MASTER_KEY", raising=False)
    monkeypatch.setenv("BROWSER", f"{sys.executable} {BROWSER_CLI} %s")
    monkeypatch.setenv("WALLETDESK_TEST_LOGIN", ALICE.sub)
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})


@pytest.fixture
def servers(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, KeyedExchangeServer]]:
    with KeyedExchangeServer("mexc") as mexc, KeyedExchangeServer("binance") as binance:
        for name, server in (("MEXC", mexc), ("BINANCE", binance)):
            server.set_prices(PRICES)
            monkeypatch.setenv(f"WALLETDESK_{name}_BASE_URL", server.url)
        yield {"MEXC": mexc, "BINANCE": binance}


def add(shell: Shell, exchange: str, account: Account, label: str) -> str:
    result = shell("credentials", "add", "--exchange", exchange, "--api-key", account.api_key,
                   "--label", label, "--secret-stdin", stdin=account.secret + "\n")
    assert result.code == 0, result.err
    return result.out.split(" key ")[1].split()[0]


def flip_byte(database: Path, credential_id: str, position: int) -> bytes:
    """XOR one byte of the stored ciphertext; returns the original."""
    with closing(sqlite3.connect(database)) as db, db:
        (blob,) = db.execute("SELECT api_secret FROM api_credentials WHERE id = ?",
                             (credential_id,)).fetchone()
        damaged = bytearray(blob)
        damaged[position % len(blob)] ^= 0x5A
        db.execute("UPDATE api_credentials SET api_secret = ? WHERE id = ?",
                   (bytes(damaged), credential_id))
    count("faults")
    return bytes(blob)


@pytest.mark.usefixtures("signed_in_env")
def test_a_whole_session_leaves_no_secret_on_disk_or_in_output(
        shell: Shell, servers: dict[str, KeyedExchangeServer], keychain: RecordingKeyring,
        data_dir: Path, tmp_path: Path) -> None:
    assert shell("login").code == 0
    accounts = {label: servers[exchange].add_account(balances=balances(index, 1))
                for index, (label, exchange) in enumerate(
                    [("main", "MEXC"), ("spare", "MEXC"), ("bin", "BINANCE")])}
    ids = {label: add(shell, "MEXC" if label != "bin" else "BINANCE", account, label)
           for label, account in accounts.items()}
    assert shell("credentials", "add", "--exchange", "demo", "--api-key", "demo").code == 0
    assert shell("refresh").code == 0
    exports = tmp_path / "exports"
    exports.mkdir()
    for fmt in ("csv", "xlsx", "json"):
        assert shell("export", "--format", fmt, "--output", str(exports / f"b.{fmt}")).code == 0
        assert shell("balances", "--format", fmt if fmt != "xlsx" else "table").code == 0
    assert shell("credentials", "list", "--format", "json").code == 0
    assert shell("whoami").code == 0

    # Errors, each one line, exit 1.
    typo = "pasted secret with spaces"
    bad_add = shell("credentials", "add", "--exchange", "mexc", "--api-key", "mx-new-key",
                    "--secret-stdin", stdin=typo)
    servers["MEXC"].inject_for(accounts["main"].api_key, Fault.BAD_SIGNATURE, times=None)
    servers["BINANCE"].inject_for(accounts["bin"].api_key, Fault.INVALID_KEY, times=None)
    refused = shell("refresh")
    for server in servers.values():
        server.clear_faults()
    count("faults", 2)
    original = flip_byte(data_dir / "walletdesk.db", ids["spare"], 20)
    damaged = shell("refresh", "--exchange", "mexc")
    for result in (bad_add, refused, damaged,
                   shell("export", "--format", "csv", "--output", str(tmp_path / "no" / "x.csv"))):
        assert result.code == 1 and "Traceback" not in result.err, result
    unknown = shell("credentials", "add", "--exchange", "nosuchexchange", "--api-key", "abcdef",
                    "--secret-stdin", stdin="x")
    assert unknown.code == 2 and "Traceback" not in unknown.err, unknown  # a usage error
    (decryption,) = [line for line in damaged.err.splitlines() if "decrypted" in line]
    assert ids["spare"][:8] in decryption and "Re-enter the secret" in decryption

    # The key is rotated on the exchange: re-enter it, and repair the damaged one.
    old_secret = accounts["main"].secret
    accounts["main"].secret = "rotated" + old_secret[7:]
    for label in ("main", "spare"):
        assert shell("credentials", "update", ids[label], "--replace-secret", "--secret-stdin",
                     stdin=accounts[label].secret).code == 0
    assert shell("refresh").code == 0
    assert shell("logout").code == 0
    assert original  # the damaged blob was never printed either (checked below)

    secrets: dict[str, str | bytes] = {
        f"secret of {label}": account.secret for label, account in accounts.items()}
    secrets |= {"replaced secret": old_secret, "mistyped secret": typo}
    (master,) = [v for (s, u), v in keychain.items.items() if (s, u) == (SERVICE, USERNAME)]
    secrets["master key"] = base64.b64decode(master)
    tokens = [t for t in keychain.history if t != master]
    assert tokens, "no refresh token was ever stored"
    secrets |= {f"refresh token {i}": token for i, token in enumerate(tokens)}
    places = [*blobs([data_dir, exports]),
              *((f"output {i}", text.encode()) for i, text in enumerate(shell.transcript))]
    assert (data_dir / "logs" / "walletdesk.log").stat().st_size > 0
    assert leaks(secrets, places) == []
    public = {"public API key": accounts["main"].api_key}  # the search does find things
    found = {place.split(" in ")[1] for place in leaks(public, places)}
    assert str(data_dir / "walletdesk.db") in found and any("output" in f for f in found)
    assert json.loads((exports / "b.json").read_text())  # the exports hold data after all
