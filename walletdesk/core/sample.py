"""The offline demo's canonical name: core decides what is sample money (``totals.py``),
and the demo exchange module takes its name from here."""

from __future__ import annotations

SAMPLE_EXCHANGE = "DEMO"


def is_sample(canonical: str) -> bool:
    """The offline demo's balances are invented: never part of a real total."""
    return canonical == SAMPLE_EXCHANGE
