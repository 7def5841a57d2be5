"""Any byte of any stored ciphertext altered: a clear error for that key only; the other
keys still refresh, and the damaged key's wallet keeps its rows."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from tests.stress.bench import Bench, user
from tests.stress.fleet import add_keys, assert_unchanged, assert_updated, by_label
from tests.stress.fleet import set_version as serve_version
from tests.stress.rows import wallet_rows
from tests.stress.tally import count
from walletdesk.core.errors import DecryptionError


def stored_blob(database: Path, credential_id: str) -> bytes:
    with closing(sqlite3.connect(database)) as db:
        (blob,) = db.execute("SELECT api_secret FROM api_credentials WHERE id = ?",
                             (credential_id,)).fetchone()
    return bytes(blob)


def store_blob(database: Path, credential_id: str, blob: bytes) -> None:
    with closing(sqlite3.connect(database)) as db, db:
        db.execute("UPDATE api_credentials SET api_secret = ? WHERE id = ?", (blob, credential_id))


def test_every_flipped_byte_of_every_ciphertext_fails_only_its_own_key(bench: Bench) -> None:
    keys = add_keys(bench, [(user(0), "MEXC"), (user(0), "BINANCE")])
    portfolio = bench.portfolio(user(0))
    assert all(o.ok for o in portfolio.refresh())
    database = bench.database.path
    version = 1
    for damaged in keys:
        (healthy,) = [k for k in keys if k is not damaged]
        original = stored_blob(database, damaged.credential.id)
        before = wallet_rows(database, damaged.who.id, damaged.exchange)
        for position in range(len(original)):
            version += 1
            serve_version(keys, version)
            altered = bytearray(original)
            altered[position] ^= 1 << (position % 8)
            store_blob(database, damaged.credential.id, bytes(altered))
            count("faults")
            count("runs")

            outcomes = by_label(portfolio.refresh())

            error = outcomes[damaged.label].error
            assert isinstance(error, DecryptionError), (position, error)
            assert damaged.credential.id[:8] in str(error)
            assert damaged.account.secret not in str(error)
            assert outcomes[healthy.label].ok
            assert_updated(bench, (healthy.who.id, healthy.exchange), [healthy], version)
            assert_unchanged(bench, (damaged.who.id, damaged.exchange), before)
        store_blob(database, damaged.credential.id, original)
        assert all(o.ok for o in portfolio.refresh())


