"""GUI cold start (issue 4), run on demand: python -m tests.benchmarks.bench_startup

Whole-process time of ``python -m walletdesk --smoke`` (start, paint the stored portfolio,
exit 0), offscreen, against data dirs holding 10, 1,000 and 10,000 stored balances, and of a
bare PySide6 script that shows an empty QMainWindow and exits after its first paint, all
measured in this run, interleaved, with byte-code compiled as an installed app has it
(PYTHONDONTWRITEBYTECODE is dropped for the runs). Targets:

- smoke with 1,000 balances <= 3x the bare script;
- smoke with 10,000 <= 1.2x smoke with 10, and its peak RSS <= 1.3x;
- the platform-library check (walletdesk/platform_libraries.py) costs little: the start
  with 1,000 balances <= 1.1x the same start with the check switched off.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.process_env import app_env
from tests.ui.seeding import seed, synthetic

BARE = """\
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False


watch = FirstPaint()
window.installEventFilter(watch)
window.show()
sys.exit(app.exec())
"""
# The start with and without the platform-library check, both through `python -c` so that
# the check is the only difference.
CHECKED = "from walletdesk.app import entry_point; entry_point()"
UNCHECKED = """\
import walletdesk.platform_libraries
walletdesk.platform_libraries.missing_library = lambda environ=None: None
from walletdesk.app import entry_point
entry_point()
"""
SIZES = (10, 1_000, 10_000)
SPLIT = 4  # balances spread over this many exchange wallets, as after a real refresh
EXCHANGES = ("MEXC", "BINANCE", "DEMO")


@dataclass
class Run:
    seconds: float
    max_rss_kib: int


def run(command: list[str], env: dict[str, str]) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited with {process.returncode}")
    return Run(elapsed, usage.ru_maxrss)


def prepare(root: Path, count: int) -> Path:
    data_dir = root / f"data-{count}"
    per = -(-count // len(EXCHANGES))
    balances = synthetic(count)
    seed(data_dir / "walletdesk.db",
         {name: balances[i * per:(i + 1) * per] for i, name in enumerate(EXCHANGES)})
    return data_dir


def main() -> None:
    parser = argparse.ArgumentParser(description="GUI cold-start benchmark")
    parser.add_argument("--repeats", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = app_env(root)
        bare = root / "bare.py"
        bare.write_text(BARE)
        os.environ.update({k: v for k, v in env.items() if k == "WALLETDESK_MASTER_KEY"})
        commands = {"bare": [sys.executable, str(bare)]}
        for count in SIZES:
            data_dir = prepare(root, count)
            commands[f"smoke {count:,}"] = [sys.executable, "-m", "walletdesk", "--data-dir",
                                            str(data_dir), "--smoke"]
            if count == 1_000:
                for name, code in (("checked", CHECKED), ("unchecked", UNCHECKED)):
                    commands[f"{name} 1,000"] = [sys.executable, "-c", code, "--data-dir",
                                                 str(data_dir), "--smoke"]
        runs: dict[str, list[Run]] = {name: [] for name in commands}
        for command in commands.values():  # warm-up: page cache, font cache, .pyc files
            run(command, env)
        for _ in range(args.repeats):  # interleaved, so drift hits every command alike
            for name, command in commands.items():
                runs[name].append(run(command, env))
    seconds = {name: statistics.median(r.seconds for r in rs) for name, rs in runs.items()}
    rss = {name: max(r.max_rss_kib for r in rs) for name, rs in runs.items()}
    for name in commands:
        print(f"{name:14s} {seconds[name] * 1000:7.1f} ms (median of {args.repeats})   "
              f"peak RSS {rss[name] / 1024:6.1f} MiB")
    report("smoke 1,000 / bare", seconds["smoke 1,000"] / seconds["bare"], 3.0)
    report("smoke 10,000 / smoke 10 (time)", seconds["smoke 10,000"] / seconds["smoke 10"], 1.2)
    report("smoke 10,000 / smoke 10 (RSS)", rss["smoke 10,000"] / rss["smoke 10"], 1.3)
    report("checked / unchecked 1,000", seconds["checked 1,000"] / seconds["unchecked 1,000"],
           1.1)


def report(what: str, ratio: float, target: float) -> None:
    verdict = "ok" if ratio <= target else "OVER TARGET"
    print(f"{what:32s} {ratio:5.2f}x  (target <= {target:.1f}x)  {verdict}")


if __name__ == "__main__":
    main()
