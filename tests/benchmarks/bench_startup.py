"""GUI cold start (issues 4 and 17), run on demand: python -m tests.benchmarks.bench_startup

Whole-process time of ``python -m walletdesk --smoke`` (start, paint the stored portfolio,
exit 0), offscreen, against data dirs holding 10, 1,000 and 10,000 stored balances, and of a
bare PySide6 script that shows an empty QMainWindow and exits after its first paint, all
measured in this run, interleaved, with byte-code compiled as an installed app has it
(PYTHONDONTWRITEBYTECODE is dropped for the runs). Ratios are given of the medians and of
the fastest runs (on a shared, noisy machine the fastest are the steadier figure). Targets:

- smoke with 1,000 balances <= 2x the bare script (issue 17);
- smoke with 10,000 <= 1.1x smoke with 10 (issue 17), and its peak RSS <= 1.3x;
- the platform-library check (walletdesk/platform_libraries.py) costs little: the start
  with 1,000 balances <= 1.1x the same start with the check switched off.

Wall time on a shared machine moves by tens of percent from one minute to the next (the bare
window alone took 131 ms and, an hour later, ~170 ms). ``--instructions`` also counts the
instructions of one run of each command under valgrind's callgrind, which do not move: the
same ratios, as a figure two runs can be compared by.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
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
    cpu_seconds: float  # user + system: what other processes on the machine change least
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
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


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
    parser.add_argument("--instructions", action="store_true",
                        help="also count each command's instructions once (valgrind)")
    args = parser.parse_args()
    if args.instructions and shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
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
        # Warm-up: page cache, font cache, .pyc files, and each data dir's cache/ (PySide6's
        # support code compiled once, walletdesk/ui/pyside_support_cache.py): every start
        # measured is one after the first, as a user's are.
        for command in commands.values():
            run(command, env)
        for _ in range(args.repeats):  # interleaved, so drift hits every command alike
            for name, command in commands.items():
                runs[name].append(run(command, env))
        counted = {name: instructions(command, env) for name, command in commands.items()
                   if args.instructions and not name.startswith(("checked", "unchecked"))}
    median = {name: statistics.median(r.seconds for r in rs) for name, rs in runs.items()}
    fastest = {name: min(r.seconds for r in rs) for name, rs in runs.items()}
    cpu = {name: statistics.median(r.cpu_seconds for r in rs) for name, rs in runs.items()}
    rss = {name: max(r.max_rss_kib for r in rs) for name, rs in runs.items()}
    for name in commands:
        print(f"{name:16s} {median[name] * 1000:7.1f} ms median, {fastest[name] * 1000:7.1f} "
              f"fastest (of {args.repeats}), CPU {cpu[name] * 1000:7.1f} ms median   "
              f"peak RSS {rss[name] / 1024:6.1f} MiB")
    for what, over, under, target in (
        ("smoke 1,000 / bare", "smoke 1,000", "bare", 2.0),
        ("smoke 10,000 / smoke 10 (time)", "smoke 10,000", "smoke 10", 1.1),
        ("checked / unchecked 1,000", "checked 1,000", "unchecked 1,000", 1.1),
    ):
        report(what, median[over] / median[under], fastest[over] / fastest[under], target)
        print(f"{'':32s} {cpu[over] / cpu[under]:5.2f}x of the median CPU times")
    ratio = rss["smoke 10,000"] / rss["smoke 10"]
    report("smoke 10,000 / smoke 10 (RSS)", ratio, ratio, 1.3)
    if counted:
        for name, count in counted.items():
            print(f"{name:16s} {count / 1e6:9.1f} M instructions")
        for what, over, under in (("smoke 1,000 / bare", "smoke 1,000", "bare"),
                                  ("smoke 10,000 / smoke 10", "smoke 10,000", "smoke 10")):
            print(f"{what:32s} {counted[over] / counted[under]:6.3f}x of the instructions")


def instructions(command: list[str], env: dict[str, str]) -> int:
    """The instructions one run of ``command`` executes (callgrind's count, all threads)."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           *command], env=env, capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no count for {' '.join(command)}")
    return int(found.group(1))


def report(what: str, of_medians: float, of_fastest: float, target: float) -> None:
    verdict = "ok" if max(of_medians, of_fastest) <= target else "OVER TARGET"
    print(f"{what:32s} {of_medians:5.2f}x medians, {of_fastest:5.2f}x fastest  "
          f"(target <= {target:.1f}x)  {verdict}")


if __name__ == "__main__":
    main()
