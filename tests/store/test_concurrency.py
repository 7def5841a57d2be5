"""Writers wait for each other (busy timeout, BEGIN IMMEDIATE); none sees "database is locked"."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from walletdesk.core.errors import DuplicateCredentialError
from walletdesk.store.credentials import CredentialRepository
from walletdesk.store.database import Database
from walletdesk.store.wallets import WalletRepository

from .builders import T0, many, store_balances, valued
from .sandbox import REPO


def all_at_once(*jobs: Callable[[], object]) -> list[object]:
    """Run the jobs in threads released together; return results or raised exceptions."""
    barrier = threading.Barrier(len(jobs))

    def run(job: Callable[[], object]) -> object:
        barrier.wait()
        try:
            return job()
        except Exception as error:  # the test inspects it
            return error

    with ThreadPoolExecutor(len(jobs)) as pool:
        return list(pool.map(run, jobs))


def test_two_threads_refreshing_at_once_both_succeed(
        alice_wallets: WalletRepository) -> None:
    def refresh(exchange: str) -> Callable[[], object]:
        def job() -> object:
            for round_ in range(15):
                store_balances(alice_wallets, exchange, many(300, salt=round_), T0)
                store_balances(alice_wallets, "DEMO", [valued(exchange, "1")], T0)
            return "ok"
        return job

    assert all_at_once(refresh("MEXC"), refresh("BINANCE")) == ["ok", "ok"]
    assert [w.asset_count for w in alice_wallets.wallets()] == [300, 1, 300]


def test_threads_adding_the_same_label_at_once_leave_exactly_one(
        alice_credentials: CredentialRepository) -> None:
    def add(credential_id: str) -> Callable[[], object]:
        return lambda: alice_credentials.add(credential_id=credential_id, exchange="MEXC",
                                             api_key="key12345678", label=None,
                                             api_secret=b"x")

    results = all_at_once(*(add(f"c{i}") for i in range(4)))
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 3 and all(isinstance(e, DuplicateCredentialError) for e in errors)
    assert len(alice_credentials.list()) == 1


def test_reading_is_not_blocked_by_a_long_write(
        db: Database, alice_wallets: WalletRepository) -> None:
    store_balances(alice_wallets, "MEXC", [valued("BTC", "1")], T0)
    writing, release = threading.Event(), threading.Event()

    def long_write() -> None:
        with db.transaction() as session:
            session.connection().exec_driver_sql("DELETE FROM balances")
            writing.set()
            release.wait(10)

    writer = threading.Thread(target=long_write)
    writer.start()
    try:
        assert writing.wait(10)
        # Not blocked (a blocked read would wait out the busy timeout and raise "locked"):
        assert [b.asset for b in alice_wallets.balances()] == ["BTC"]  # the last commit
    finally:
        release.set()
        writer.join()
    assert alice_wallets.balances() == []


@pytest.mark.usefixtures("users")
def test_two_processes_writing_at_once_both_succeed(
        db: Database, alice_wallets: WalletRepository) -> None:
    start_at = time.time() + 1.5  # both interpreters up and the database open by then
    processes = [
        subprocess.Popen([sys.executable, "-m", "tests.store.concurrent_writer", str(db.path),
                          exchange, str(start_at), "12"],
                         cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for exchange in ("MEXC", "BINANCE")
    ]
    for process in processes:
        out, err = process.communicate(timeout=60)
        assert (process.returncode, out.strip()) == (0, "done"), err
    assert [w.asset_count for w in alice_wallets.wallets()] == [500, 500]
