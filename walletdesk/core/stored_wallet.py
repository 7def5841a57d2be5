"""A wallet's content in the store's own form: integer counts of 1e-8 units (``core.money``).

A refresh of a 10,000-asset account folds, values and stores every asset: carried as
integers from the fold to the store's writers, each amount is rounded to 8 places once (as
it enters the fold) and no ``Decimal`` is built for it again, where ``ValuedBalance``s would
be rounded and converted to units again by the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class StoredAmounts(NamedTuple):
    """One asset's amounts in integer units, as the ``balances`` columns hold them."""

    free: int
    locked: int
    total: int
    usd_value: int


Valuation = tuple[str, bool]
"""An asset's price route ("ETHBTC x BTCUSDT"; "" when unpriced) and whether it was priced."""

PartKey = tuple[str, str, str]
"""(asset, credential id, place) of one key's part of an asset."""


@dataclass(frozen=True, slots=True)
class StoredWallet:
    """What replaces one wallet's rows: ``rows`` holds no zero total and each total is free +
    locked within DECIMAL(18,8); every asset of ``rows`` has a valuation; the parts of an asset
    (free, locked units) add up exactly to its row. Parts of assets without a row are not
    stored."""

    rows: dict[str, StoredAmounts]
    valuations: dict[str, Valuation]
    parts: dict[PartKey, tuple[int, int]]
