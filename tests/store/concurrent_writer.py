"""One of two processes writing the same database at once (see test_concurrency).

Usage: python -m tests.store.concurrent_writer DB_PATH EXCHANGE START_AT ROUNDS
Waits until the wall clock reaches START_AT so both processes start together.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from walletdesk.store.credentials import CredentialRepository
from walletdesk.store.database import open_database
from walletdesk.store.wallets import WalletRepository

from .builders import T0, many, store_balances


def main(path: Path, exchange: str, start_at: float, rounds: int) -> None:
    db = open_database(path)
    wallets = WalletRepository(db, "user_alice")
    credentials = CredentialRepository(db, "user_alice")
    time.sleep(max(0.0, start_at - time.time()))
    for round_ in range(rounds):
        store_balances(wallets, exchange, many(500, salt=round_), T0)
        credentials.add(credential_id=f"{exchange}-{round_}", exchange=exchange,
                        api_key="key12345678", label=f"key {round_}", api_secret=b"x")
    db.close()
    print("done")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], float(sys.argv[3]), int(sys.argv[4]))
