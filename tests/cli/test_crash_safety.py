"""kill -9 during a large refresh: the database stays sound and the wallet is old or new."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.exchange_server import ExchangeServer

pytestmark = pytest.mark.slow

ASSETS = 10_000
RUNS = int(os.environ.get("WALLETDESK_CRASH_RUNS", "20"))


def balances(version: int) -> dict[str, str]:
    return {f"T{i:05d}": f"{version}.{i:08d}" for i in range(ASSETS)}


def stored_versions(database: Path) -> set[str]:
    """Which refresh each stored balance came from (the integer part of its amount)."""
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = db.execute("SELECT free FROM balances").fetchall()
    assert len(rows) == ASSETS
    return {str(units // 10**8) for (units,) in rows}


def refresh(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "walletdesk", "refresh"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_kill_9_mid_refresh_leaves_old_or_new_balances_never_a_mix(
    data_dir: Path, master_key: bytes
) -> None:
    rng = random.Random(20261125)
    with ExchangeServer("mexc") as server:
        account = server.add_account(balances=balances(1))
        server.set_prices({"BTCUSDT": "1"})
        env = {**os.environ, "WALLETDESK_MEXC_BASE_URL": server.url}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "walletdesk",
                "credentials",
                "add",
                "--exchange",
                "mexc",
                "--api-key",
                account.api_key,
                "--secret-stdin",
            ],
            input=account.secret.encode(),
            env=env,
            check=True,
        )
        started = time.perf_counter()
        assert refresh(env).wait(60) == 0
        full_run = time.perf_counter() - started
        database = data_dir / "walletdesk.db"
        previous = stored_versions(database)
        assert previous == {"1"}
        outcomes = {"killed": 0, "finished": 0}
        for run in range(RUNS):
            account.set_balances(balances(run + 2))
            process = refresh(env)
            time.sleep(rng.uniform(0.2, full_run * 1.1))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                outcomes["killed"] += 1
            else:
                outcomes["finished"] += 1
            process.wait(60)
            now = stored_versions(database)
            assert len(now) == 1, f"run {run}: a mix of refreshes {sorted(now)[:5]}"
            assert now <= previous | {str(run + 2)}, f"run {run}: unexpected {now}"
            previous = now
        # The next start works without manual repair.
        assert refresh(env).wait(60) == 0
        assert outcomes["killed"] >= RUNS // 4, outcomes
