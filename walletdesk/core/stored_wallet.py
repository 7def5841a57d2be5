"""A wallet's content in the store's own form: integer counts of 1e-8 units (``core.money``).

A refresh of a 10,000-asset account folds, values and stores every asset: carried as
integers from the fold to the store's writers, each amount is rounded to 8 places once (as
it enters the fold) and no ``Decimal`` is built for it again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from typing import TypeVar

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

_Row = TypeVar("_Row")


class OnePlaceParts(Set[PartRow]):
    """The parts of a wallet whose every row is one part, held by one key in one place (a
    key's spot account, say): each row's free and locked are its part's. A view of the rows,
    not 10,000 tuples of their own, and the store's cue to mark the wallet as held by that
    key and place instead of writing its parts (``store/source_writes.py``)."""

    __slots__ = ("credential_id", "place", "rows")

    def __init__(self, rows: dict[str, StoredAmounts], credential_id: str, place: str) -> None:
        self.rows = rows
        self.credential_id = credential_id
        self.place = place

    def __contains__(self, part: object) -> bool:
        if not isinstance(part, tuple) or len(part) != 5:
            return False
        asset, credential_id, place, free, locked = part
        row = self.rows.get(asset)
        return (row is not None and credential_id == self.credential_id
                and place == self.place and row[0] == free and row[1] == locked)

    def __iter__(self) -> Iterator[PartRow]:
        credential_id, place = self.credential_id, self.place
        return ((asset, credential_id, place, free, locked)
                for asset, (free, locked, _, _) in self.rows.items())

    def __len__(self) -> int:
        return len(self.rows)

    @classmethod
    def _from_iterable(cls, rows: Iterable[_Row]) -> set[_Row]:
        """What the set operations (``-``, ``&``, ...) give: a plain set."""
        return set(rows)


@dataclass(frozen=True, slots=True)
class StoredWallet:
    """What replaces one wallet's rows: ``rows`` holds no zero total and each total is free +
    locked within DECIMAL(18,8). ``valuations``: one per priced asset of ``rows`` (an asset
    without one reads back unpriced, route "", as ``core.balance_table`` has it for a zero
    value). ``parts``: only of assets of ``rows``, none zero, and an asset's parts add up
    exactly to its row. Rows as the tables hold them, in sets: the store compares them with
    the stored ones as sets (``OnePlaceParts`` by a mark)."""

    rows: dict[str, StoredAmounts]
    valuations: set[ValuationRow]
    parts: Set[PartRow]  # a set, or the rows' OnePlaceParts
