"""The window's first second (issue 17), run on demand:
python -m tests.benchmarks.bench_start_responsiveness

A fresh process per run, as a user's start is: it opens the window on 10 or 10,000 stored
balances, and from the first paint until the desk has loaded through the controllers (the
session checked, keys and balances read, the parts the first paint left unbuilt built) it
runs a 10 ms QTimer on the GUI thread. The longest gap between two ticks is how long a click
or a resize would have waited. Median and worst of the runs, and the time from the first
paint to the loaded desk. Offscreen, byte-code compiled as an installed app has it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.bench_startup import prepare
from tests.benchmarks.process_env import app_env

CHILD = """\
import json, sys, time
from PySide6.QtCore import QEventLoop, QTimer
from walletdesk.paths import resolve_paths
from walletdesk.services import Services
from walletdesk.ui.gui_main import application, build_window

app = application()
desk = build_window(Services(resolve_paths(sys.argv[1])))
painted = QEventLoop()
desk.window.first_painted.connect(painted.quit)
desk.window.show()
painted.exec()
ticks = [time.perf_counter()]
timer = QTimer()
timer.setInterval(10)
timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
timer.start()
loaded = QEventLoop()
desk.loaded.connect(loaded.quit)
desk.start()
loaded.exec()
ready = time.perf_counter()
settled = QEventLoop()  # what the load started (history, the display rate) lands too
QTimer.singleShot(300, settled.quit)
settled.exec()
gaps = [b - a for a, b in zip(ticks, ticks[1:])]
print(json.dumps({"gap_ms": max(gaps) * 1000, "loaded_ms": (ready - ticks[0]) * 1000}))
desk.shutdown()
"""
SIZES = (10, 10_000)


def main() -> None:
    parser = argparse.ArgumentParser(description="GUI responsiveness in the window's first second")
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = app_env(root)
        data = {count: prepare(root, count) for count in SIZES}
        results: dict[int, list[dict[str, float]]] = {count: [] for count in SIZES}
        for count in SIZES:  # warm-up: byte-code, page cache
            run(data[count], env)
        for _ in range(args.repeats):
            for count in SIZES:
                results[count].append(run(data[count], env))
    for count, runs in results.items():
        gaps = [r["gap_ms"] for r in runs]
        loaded = [r["loaded_ms"] for r in runs]
        print(f"{count:>6,} balances: longest GUI-thread gap {statistics.median(gaps):6.1f} ms "
              f"median, {max(gaps):6.1f} worst (of {len(runs)}); first paint -> loaded "
              f"{statistics.median(loaded):6.1f} ms median")


def run(data_dir: Path, env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(data_dir)], env=env, check=True,
                          capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


if __name__ == "__main__":
    main()
