"""Signals emitted from Python leave the interpreter's True intact (PySide6 6.12 bug)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from walletdesk.ui.signals import emit


class _Source(QObject):
    changed = Signal(object)


def test_thousands_of_emits_keep_the_reference_count_of_true() -> None:
    source = _Source()
    received: list[int] = []
    source.changed.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(5000):
        emit(source.changed, n)
    assert len(received) == 5000
    assert abs(sys.getrefcount(True) - before) < 50
