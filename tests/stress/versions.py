"""Large accounts whose every amount tells which refresh wrote it: asset Tnnnnn holds
``VERSION.nnnnnnnn``, so a wallet mixing two refreshes (a torn write or read) shows two
integer parts."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

PRICED = 50  # the first assets have a USD price, so totals are more than zero


def versioned(assets: int, version: int) -> dict[str, object]:
    return {f"T{i:05d}": f"{version}.{i:08d}" for i in range(assets)}


def prices(assets: int) -> dict[str, str]:
    return {f"T{i:05d}USDT": f"{i + 1}.5" for i in range(min(assets, PRICED))}


def versions_in(frees: Iterable[Decimal]) -> set[int]:
    return {int(free) for free in frees}
