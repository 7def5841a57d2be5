"""A database filled at the baseline revision is brought to this app's schema by the
normal start-up path without losing or changing a row, and the command line shows it all."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from tests.stress.baseline_fill import (
    baseline_revision,
    column_names,
    create_at,
    dump,
    fill,
)
from tests.stress.rows import query
from tests.stress.shell import Shell
from walletdesk.core.models import LOCAL_USER
from walletdesk.store import migrate
from walletdesk.store.database import open_database
from walletdesk.store.engine import writer

USERS = 30
BALANCES_PER_WALLET = 700  # 42,000 balance rows in all


def test_a_filled_baseline_database_upgrades_without_losing_a_row(
        data_dir: Path, master_key: bytes, shell: Shell) -> None:
    path = data_dir / "walletdesk.db"
    create_at(path, baseline_revision())
    fill(path, users=USERS, balances_per_wallet=BALANCES_PER_WALLET)
    baseline_columns = column_names(path)
    before = dump(path)
    assert len(before["balances"]) == USERS * 2 * BALANCES_PER_WALLET

    database = open_database(path)  # the start-up path: migrates whatever is not current
    migrate.upgrade(writer(database.engine), path)  # and once more, forced, on a full file
    database.close()

    after = dump(path, baseline_columns)
    assert after == before
    assert query(path, "PRAGMA integrity_check") == [("ok",)]
    assert query(path, "PRAGMA foreign_key_check") == []

    shown = shell("balances", "--format", "json")
    assert shown.code == 0, shown.err
    rows = json.loads(shown.out)
    stored = query(path, "SELECT b.asset, b.free, b.locked, b.total, b.usd_value FROM balances "
                         "AS b JOIN wallets AS w ON b.wallet_id = w.id WHERE w.user_id = ?",
                   LOCAL_USER.id)
    assert len(rows) == len(stored) == 2 * BALANCES_PER_WALLET
    assert sorted((r["asset"], Decimal(r["free"]), Decimal(r["locked"]), Decimal(r["total"]),
                   Decimal(r["usd_value"])) for r in rows) == sorted(
        (asset, *(Decimal(int(v)).scaleb(-8) for v in values))  # type: ignore[call-overload]
        for asset, *values in stored)
