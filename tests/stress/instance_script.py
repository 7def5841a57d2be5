"""Another WalletDesk instance on a data folder, for the single-instance tests.

python -m tests.stress.instance_script DATA_DIR second   claim, else hand over; exit status
python -m tests.stress.instance_script DATA_DIR crash    claim, listen, print "claimed",
                                                         kill -9 self
python -m tests.stress.instance_script DATA_DIR hang     claim, listen, print "claimed", then
                                                         block without an event loop (never
                                                         answers)
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from walletdesk.ui.single_instance import SingleInstance, defer_to_running_instance


def main(data_dir: Path, mode: str) -> int:
    app = QCoreApplication(sys.argv[:1])
    guard = SingleInstance(data_dir, app, timeout_ms=2000)
    if mode == "second":
        return 2 if guard.claim() else defer_to_running_instance(guard)
    if not guard.claim():
        return 3
    guard.listen()
    print("claimed", flush=True)
    if mode == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(60)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2]))
