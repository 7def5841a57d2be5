"""Scenarios run on a small tmpfs by ``sandbox.run_on_small_disk`` (in its own process).

``create DIR``: open a new database on a disk too small for it.
``refresh DIR``: store a small wallet, then a refresh too large for the disk; print what
is stored afterwards.
Prints the StorageError message on its own line, prefixed "StorageError: ".
"""

from __future__ import annotations

import sys
from pathlib import Path

from walletdesk.core.errors import StorageError
from walletdesk.core.models import LOCAL_USER
from walletdesk.store.database import open_database
from walletdesk.store.users import UserRepository
from walletdesk.store.wallets import WalletRepository

from .builders import T0, many, store_balances, valued


def main(folder: Path, scenario: str) -> None:
    path = folder / "walletdesk.db"
    try:
        db = open_database(path)
    except StorageError as error:
        print(f"StorageError: {error}")
        return
    UserRepository(db).ensure(LOCAL_USER)
    wallets = WalletRepository(db, LOCAL_USER.id)
    store_balances(wallets, "MEXC", [valued("BTC", "1.5", usd="150000")], T0)
    if scenario == "refresh":
        try:
            store_balances(wallets, "MEXC", many(20_000), T0)
        except StorageError as error:
            print(f"StorageError: {error}")
    print("stored:", [(b.asset, str(b.free)) for b in wallets.balances()])
    db.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
