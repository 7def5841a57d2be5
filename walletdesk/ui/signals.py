"""Emitting Qt signals from Python, safely on PySide6 6.12.

PySide6 6.12.0's ``SignalInstance.emit`` returns ``True`` without taking a reference, so
each call from Python takes one reference away from ``True``; after a few hundred emits the
interpreter aborts with "bool_dealloc: deallocating True or False". Every emit in this
package goes through :func:`emit`, which gives the reference back when, and only when,
the running PySide6 has that bug (checked once, at import).
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 8


class _Probe(QObject):
    ping = Signal()


def _emit_drops_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()  # the one place that may lose references: given back below
    lost = before - sys.getrefcount(True)
    for _ in range(max(lost, 0)):
        _give_back()
    return lost == _PROBES


def _give_back() -> None:
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))


_LEAKS = _emit_drops_a_reference()


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``, without PySide6 6.12's lost reference to ``True``."""
    result: object = signal.emit(*args)  # type: ignore[func-returns-value]  # stubs say None
    if _LEAKS and result is True:
        _give_back()
