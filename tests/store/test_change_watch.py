"""The window notices commits by other connections (the CLI) through PRAGMA data_version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from walletdesk.store.change_watch import DataVersionWatch


def commit(path: Path, value: int) -> None:
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE IF NOT EXISTS t (v INTEGER)")
        other.execute("INSERT INTO t VALUES (?)", (value,))


def test_each_batch_of_other_commits_is_a_change_once(tmp_path: Path) -> None:
    path = tmp_path / "walletdesk.db"
    commit(path, 0)
    watch = DataVersionWatch(path)
    watch.mark_seen()
    assert not watch.changed()
    commit(path, 1)
    commit(path, 2)
    assert watch.changed()
    assert not watch.changed()
    commit(path, 3)
    watch.mark_seen()  # about to read: this commit will be in that read
    assert not watch.changed()
    watch.close()


def test_a_database_that_appears_later_counts_as_changed(tmp_path: Path) -> None:
    path = tmp_path / "walletdesk.db"
    watch = DataVersionWatch(path)
    watch.mark_seen()
    assert not watch.changed()  # nothing there yet
    commit(path, 1)
    assert watch.changed()
    assert not watch.changed()
    watch.close()
