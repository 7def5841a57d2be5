"""Nonces strictly increase per key: across threads, across processes, when the clock stalls."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from walletdesk.exchanges.nonces import NonceSource

# Draws nonces under the lock and appends each to a log while still holding it, so the log's
# order is the order in which the nonces were handed out (and would reach the exchange).
DRAW = """
import sys
from pathlib import Path
from walletdesk.exchanges.nonces import NonceSource

source = NonceSource(Path(sys.argv[1]))
with open(sys.argv[2], "a") as log:
    for _ in range(int(sys.argv[3])):
        with source.hold("the-same-key") as nonce:
            log.write(f"{nonce()}\\n")
            log.flush()
"""


def test_a_stalled_or_backward_clock_still_gives_increasing_nonces() -> None:
    readings = iter([500, 500, 400, 900])
    source = NonceSource(None, clock_us=lambda: next(readings))
    nonces = []
    with source.hold("k") as nonce:
        nonces += [nonce(), nonce()]
    for _ in range(2):
        with source.hold("k") as nonce:
            nonces.append(nonce())
    assert nonces == [500, 501, 502, 900]


def test_keys_have_their_own_sequences(tmp_path: Path) -> None:
    source = NonceSource(tmp_path, clock_us=lambda: 7)
    with source.hold("a") as next_a, source.hold("b") as next_b:
        assert (next_a(), next_b(), next_a()) == (7, 7, 8)


def test_the_lock_file_never_names_the_key(tmp_path: Path) -> None:
    with NonceSource(tmp_path).hold("KEY-that-is-public-but-private-enough") as nonce:
        nonce()
    (lock,) = tmp_path.iterdir()
    assert "KEY" not in lock.name
    assert lock.read_text().isdigit()


def test_a_new_source_continues_after_the_last_nonce_on_disk(tmp_path: Path) -> None:
    with NonceSource(tmp_path, clock_us=lambda: 1000).hold("k") as nonce:
        first = nonce()
    with NonceSource(tmp_path, clock_us=lambda: 10).hold("k") as nonce:
        assert nonce() == first + 1


def test_threads_never_share_or_reorder_nonces(tmp_path: Path) -> None:
    source = NonceSource(tmp_path, clock_us=lambda: 1)
    handed_out: list[int] = []

    def draw() -> None:
        for _ in range(50):
            with source.hold("k") as nonce:
                handed_out.append(nonce())

    threads = [threading.Thread(target=draw) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert handed_out == sorted(set(handed_out))
    assert len(handed_out) == 200


def test_processes_sharing_a_key_hand_out_nonces_in_strict_order(tmp_path: Path) -> None:
    log = tmp_path / "order.log"
    workers = [
        subprocess.Popen([sys.executable, "-c", DRAW, str(tmp_path / "nonces"), str(log), "40"])
        for _ in range(3)
    ]
    assert [worker.wait(timeout=60) for worker in workers] == [0, 0, 0]
    nonces = [int(line) for line in log.read_text().split()]
    assert len(nonces) == 120
    assert nonces == sorted(set(nonces))
