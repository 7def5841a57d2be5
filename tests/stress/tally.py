"""The figures issue 7 asks for, counted while the stress suite runs.

Tests call ``count("runs")``, ``count("faults", 8)``, ``count("inputs")`` and
``count("rows_lost", n)``; ``conftest.py`` prints the totals after the run. Thread-safe, so
fault-injection threads may count too. Hypothesis inputs are counted per example tried.
"""

from __future__ import annotations

import threading
from collections import Counter

FIGURES = ("runs", "faults", "inputs", "rows_lost")

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
