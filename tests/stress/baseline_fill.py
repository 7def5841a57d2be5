"""A database at the baseline revision, built by Alembic alone (as the first WalletDesk
release left it) and filled the way that release stored data: amounts as integer 1e-8
units, UTC timestamps as text, secrets as opaque blobs."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from walletdesk.core.models import LOCAL_USER
from walletdesk.store.migrate import alembic_config

TABLES = ("users", "api_credentials", "wallets", "balances")
LIMIT = 10**18 - 1  # DECIMAL(18,8) in units
ASSET_NAMES = ("BTC", "ETH", "币安人生", "ÉTH", "ДОГ", "1INCH", "USDT")


def baseline_revision() -> str:
    scripts = ScriptDirectory.from_config(alembic_config())
    (base,) = scripts.get_bases()
    return str(base)


def create_at(path: Path, revision: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
    engine.dispose()


def fill(path: Path, *, users: int, balances_per_wallet: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    stamp = "2025-03-04 05:06:07.089000"
    user_ids = [LOCAL_USER.id] + [f"user_{n:04d}" for n in range(users - 1)]

    def units() -> int:
        return rng.choice([0, 1, LIMIT, rng.randrange(LIMIT), rng.randrange(10**8)])

    with closing(sqlite3.connect(path)) as db, db:
        db.executemany("INSERT INTO users VALUES (?, ?, ?, ?, ?)", [
            (uid, f"{uid}@example.com", None if n % 3 else f"Name {n} ✓", stamp, stamp)
            for n, uid in enumerate(user_ids)])
        db.executemany("INSERT INTO api_credentials VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
            (f"{uid}-cred-{k}", uid, exchange, f"key{k:03d}{uid[-4:]}", rng.randbytes(61),
             None if k == 0 else f"label {k} ü", stamp, stamp)
            for uid in user_ids for k, exchange in enumerate(("MEXC", "BINANCE", "DEMO"))])
        wallet_id = 0
        for uid in user_ids:
            for exchange in ("MEXC", "BINANCE"):
                wallet_id += 1
                rows = [(wallet_id, f"{ASSET_NAMES[i % len(ASSET_NAMES)]}{i}", units(),
                         units(), units(), units(), stamp, stamp)
                        for i in range(balances_per_wallet)]
                db.execute("INSERT INTO wallets VALUES (?, ?, ?, ?, ?, ?, ?)",
                           (wallet_id, uid, exchange, stamp, sum(r[5] for r in rows) % LIMIT,
                            stamp, stamp))
                db.executemany("INSERT INTO balances (wallet_id, asset, free, locked, total, "
                               "usd_value, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               rows)


def dump(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple[object,
                                                                                          ...]]]:
    """Every row of every table, each value with its storage class; only ``columns`` (per
    table) when given, so a later schema can be compared on the baseline's columns."""
    uri = f"{path.as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as db:
        result = {}
        for table in TABLES:
            names = (columns or {}).get(table) or [
                row[1] for row in db.execute(f"PRAGMA table_info({table})")]
            selected = ", ".join(f"{name}, typeof({name})" for name in names)
            result[table] = db.execute(f"SELECT {selected} FROM {table} ORDER BY rowid").fetchall()
        return result


def column_names(path: Path) -> dict[str, list[str]]:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
        return {table: [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
                for table in TABLES}
