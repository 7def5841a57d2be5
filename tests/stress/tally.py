"""The figures issue 7 asks for, counted while the stress suite runs.

Tests call ``count("runs")``, ``count("faults", 8)`` and ``count("inputs")``; ``conftest.py``
prints the totals after the run. There is no "rows lost" figure: every test that could lose
a row compares what it reads back with what it expected and fails on a single lost row.
Thread-safe, so fault-injection threads may count too. Hypothesis inputs are counted per
example tried.
"""

from __future__ import annotations

import threading
from collections import Counter

FIGURES = ("runs", "faults", "inputs")

_counts: Counter[str] = Counter()
_lock = threading.Lock()


def count(figure: str, amount: int = 1) -> None:
    if figure not in FIGURES:
        raise ValueError(f"unknown figure {figure!r}")
    with _lock:
        _counts[figure] += amount


def totals() -> dict[str, int]:
    with _lock:
        return {figure: _counts[figure] for figure in FIGURES}
