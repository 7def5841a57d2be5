"""The installed PySide6 keeps Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 returns ``None`` from every void Qt method and ``True`` from
``SignalInstance.emit`` without taking a reference, as if those objects were immortal (they
are only from Python 3.12 on). Each call then takes one reference away, and after some
thousands of calls the interpreter aborts with "none_dealloc: deallocating None" (or
"bool_dealloc"). A window that stays open makes that many calls. 6.11.3 is fine.

``pyproject.toml`` pins ``PySide6-Essentials<6.12`` for that reason; there is no workaround in
the code. These tests tell when the pin can move: they fail on a PySide6 that has the bug.
"""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtCore import QObject, Signal

_CALLS = 1000
_ADVICE = (
    "the GUI would crash after a while. Use a PySide6 that does not (e.g. <6.12 on "
    "Python 3.11) or Python >= 3.12."
)


class _Source(QObject):
    changed = Signal(object)


def test_void_qt_calls_leave_the_reference_count_of_none_alone() -> None:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_CALLS):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    assert lost < _CALLS // 10, (
        f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} loses a reference "
        f"to None per void call ({lost} in {_CALLS}): {_ADVICE}"
    )


def test_emitting_a_signal_leaves_the_reference_count_of_true_alone() -> None:
    source = _Source()
    received: list[int] = []
    source.changed.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(_CALLS):
        source.changed.emit(n)
    lost = before - sys.getrefcount(True)
    assert received == list(range(_CALLS))
    assert lost < _CALLS // 10, (
        f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} loses a reference "
        f"to True per emit ({lost} in {_CALLS}): {_ADVICE}"
    )
