"""Frozen start-up (issue 6), run on demand: python -m tests.benchmarks.bench_frozen_startup

``walletdesk --smoke`` (start, paint the stored portfolio, exit) from the PyInstaller bundle
vs from the virtual environment, offscreen, on one data dir holding a refreshed demo wallet.
Target: frozen <= 1.2x venv. ``--build`` first rebuilds the bundle from scratch (no
PyInstaller cache) and reports the build time; otherwise an up-to-date dist/ is reused.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.process_env import app_env
from tests.packaging.bundle import REPO, build, bundle_executable, bundle_size

VENV_COMMAND = Path(sys.executable).with_name("walletdesk")
REPEATS = 15
TARGET = 1.2


def smoke_seconds(command: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([str(command), "--smoke"], env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=120)
    return time.perf_counter() - started


def prepared_env(root: Path) -> dict[str, str]:
    env = {**app_env(root), "WALLETDESK_DATA_DIR": str(root / "data")}
    for args in (["credentials", "add", "--exchange", "demo", "--api-key", "demo"], ["refresh"]):
        subprocess.run([str(VENV_COMMAND), *args], env=env, check=True, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL)
    return env


def clean_build() -> float:
    for folder in ("build", "dist"):
        shutil.rmtree(REPO / folder, ignore_errors=True)
    return build()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--build", action="store_true", help="rebuild from scratch first")
    args = parser.parse_args()
    if args.build:
        print(f"build (make package, no cache): {clean_build():6.1f} s")
    frozen = bundle_executable()
    print(f"bundle size: {bundle_size() / 1e6:.1f} MB ({bundle_size() / 2**20:.1f} MiB)")
    with tempfile.TemporaryDirectory() as tmp:
        env = prepared_env(Path(tmp))
        smoke_seconds(frozen, env)  # warm-up: page cache, font cache
        smoke_seconds(VENV_COMMAND, env)
        frozen_runs, venv_runs = [], []
        for _ in range(REPEATS):  # interleaved, so drift hits both alike
            frozen_runs.append(smoke_seconds(frozen, env))
            venv_runs.append(smoke_seconds(VENV_COMMAND, env))
    venv, bundled = statistics.median(venv_runs), statistics.median(frozen_runs)
    print(f"--smoke from the venv:   {venv * 1000:7.1f} ms (median of {REPEATS})")
    print(f"--smoke from the bundle: {bundled * 1000:7.1f} ms   ratio {bundled / venv:.2f}x "
          f"(target <= {TARGET:.2f}x)")


if __name__ == "__main__":
    main()
