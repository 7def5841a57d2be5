"""A command-line session on a data folder that fills up, run by test_full_disk_cli inside
a private mount namespace with a small tmpfs (see ``run``).

python -m tests.stress.full_disk_session
    Environment: WALLETDESK_DATA_DIR (on the small disk), WALLETDESK_MASTER_KEY,
    WALLETDESK_MEXC_BASE_URL, STRESS_API_KEY, STRESS_SECRET.
    Adds the key and refreshes; prints "grow" and waits for a line on stdin (the test makes
    the account large meanwhile); refreshes again, then reads. Prints one JSON list of
    {"args", "code", "out", "err"} per command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.stress import processes

STEPS_BEFORE = [["credentials", "add", "--exchange", "mexc", "--api-key", "{key}",
                 "--secret-stdin"], ["refresh"]]
STEPS_AFTER = [["refresh"], ["balances", "--format", "json"], ["credentials", "list"]]


def run(args: list[str]) -> dict[str, object]:
    args = [arg.replace("{key}", os.environ["STRESS_API_KEY"]) for arg in args]
    completed = subprocess.run([sys.executable, "-m", "walletdesk", *args], cwd=processes.REPO,
                               input=os.environ["STRESS_SECRET"], capture_output=True,
                               text=True, timeout=120, check=False)
    return {"args": args, "code": completed.returncode, "out": completed.stdout,
            "err": completed.stderr}


def main() -> None:
    results = [run(step) for step in STEPS_BEFORE]
    print("grow", flush=True)
    sys.stdin.readline()
    results += [run(step) for step in STEPS_AFTER]
    print(json.dumps(results), flush=True)


if __name__ == "__main__":
    main()
