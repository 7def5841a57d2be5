"""A wallet's content in the store's own form: integer counts of 1e-8 units (``core.money``).

A refresh of a 10,000-asset account folds, values and stores every asset: carried as
integers from the fold to the store's writers, each amount is rounded to 8 places once (as
it enters the fold) and no ``Decimal`` is built for it again.
"""

from __future__ import annotations

from dataclasses import dataclass

StoredAmounts = tuple[int, int, int, int]
"""One asset's free, locked, total and USD value in integer units, as the ``balances``
columns hold them. A plain tuple: a refresh builds one per asset of a 10,000-asset account,
and a NamedTuple's constructor costs three times as much."""


PartKey = tuple[str, str, str]
"""(asset, credential id, place) of one key's part of an asset."""

PartRow = tuple[str, str, str, int, int]
"""A ``balance_sources`` row of a wallet: asset, credential id, place, free and locked units."""

ValuationRow = tuple[str, str, bool]
"""A ``balance_valuations`` row of a wallet: asset, price route ("ETHBTC x BTCUSDT"), priced."""


@dataclass(frozen=True, slots=True)
class StoredWallet:
    """What replaces one wallet's rows: ``rows`` holds no zero total and each total is free +
    locked within DECIMAL(18,8). ``valuations``: one per priced asset of ``rows`` (an asset
    without one reads back unpriced, route "", as ``core.balance_table`` has it for a zero
    value). ``parts``: only of assets of ``rows``, none zero, and an asset's parts add up
    exactly to its row. Rows as the tables hold them, in sets: the store compares them with
    the stored ones as sets."""

    rows: dict[str, StoredAmounts]
    valuations: set[ValuationRow]
    parts: set[PartRow]
