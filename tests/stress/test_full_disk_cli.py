"""The command line on a disk that fills up (a real small tmpfs, in a private mount
namespace): one line per failed item, exit 1, and the previous balances stay readable."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.exchange_server import ExchangeServer
from tests.stress import processes
from tests.stress.tally import count
from tests.stress.versions import versioned
from tests.system_parts import skip_missing

DISK = "640k"


def in_small_disk(mount: Path, module: str, env: dict[str, str]) -> subprocess.Popen[str]:
    """``python -m MODULE`` with a small tmpfs mounted on ``mount``, seen only by it."""
    unshare = shutil.which("unshare")
    if unshare is None:
        skip_missing("unshare (to mount a small disk)", "util-linux")
    namespace = [unshare, "--mount"] + ([] if os.geteuid() == 0 else ["--map-root-user"])
    script = 'mount -t tmpfs -o "size=$1" tmpfs "$2" && shift 2 && exec "$@"'
    return subprocess.Popen(
        [*namespace, "sh", "-c", script, "sh", DISK, str(mount), sys.executable, "-m", module],
        cwd=processes.REPO, env={**os.environ, **env}, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_a_refresh_that_fills_the_disk_is_one_line_and_keeps_the_balances(
        tmp_path: Path, master_key: bytes) -> None:
    mount = tmp_path / "disk"
    mount.mkdir()
    with ExchangeServer("mexc") as mexc:
        mexc.set_prices({"T00001USDT": "3"})
        account = mexc.add_account(balances={"T00001": "1.5"})
        session = in_small_disk(mount, "tests.stress.full_disk_session", {
            "WALLETDESK_DATA_DIR": str(mount / "data"), "WALLETDESK_MEXC_BASE_URL": mexc.url,
            "STRESS_API_KEY": account.api_key, "STRESS_SECRET": account.secret})
        assert session.stdout is not None and session.stdin is not None
        first = session.stdout.readline()
        if first.strip() != "grow":
            _, err = session.communicate(timeout=30)
            if "mount:" in err or "unshare:" in err:
                pytest.skip(f"cannot mount a small disk here: {err.strip()[:200]}")
            raise AssertionError(f"{first!r} {err}")
        account.set_balances(versioned(20_000, 2))  # far more than the disk has room for
        count("faults")
        out, err = session.communicate("go\n", timeout=120)
    assert session.returncode == 0, err
    added, refreshed, overflowing, balances, listing = json.loads(out.splitlines()[-1])
    count("runs", 5)
    for result in (added, refreshed, listing):
        assert (result["code"], result["err"]) == (0, ""), result
    assert balances["code"] == 0, balances  # the previous balances, said to be old
    assert balances["err"].startswith("walletdesk: Part of these balances is old (its last "
                                      "refresh failed): MEXC from "), balances
    assert overflowing["code"] == 1, overflowing
    (line,) = overflowing["err"].splitlines()
    assert line.startswith("walletdesk: MEXC") and "is full: free some space" in line, line
    assert [(b["asset"], b["free"]) for b in json.loads(balances["out"])] == [
        ("T00001", "1.50000000")]
