"""The installed PySide6 keeps Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 returns ``None`` from every void Qt method (and ``True``
from ``Signal.emit``) without taking a reference, as if those objects were immortal (they
are only from Python 3.12 on). Each call then takes one reference away, and after some
thousands of calls the interpreter aborts with "none_dealloc: deallocating None". A window
that stays open makes that many calls. 6.11.3 is fine.
"""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtCore import QObject


def test_void_qt_calls_leave_the_reference_count_of_none_alone() -> None:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    assert lost < 100, (
        f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} loses a reference "
        f"to None per void call ({lost} in 1000): the GUI would crash after a while. Use a "
        "PySide6 that does not (e.g. <6.12 on Python 3.11) or Python >= 3.12."
    )
