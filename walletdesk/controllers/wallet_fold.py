"""Folding every key's holdings of one exchange into the wallet's one row per asset.

Each (key, asset, place) part is rounded to 8 places once, as it enters storage; a row is
the exact sum of its parts, so the parts kept in ``balance_sources`` always add up to it,
and removing a key subtracts exactly its parts. An asset whose sum does not fit
DECIMAL(18,8) is left out alone (with all its parts) and named for every key that holds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from walletdesk.core.errors import AmountOutOfRangeError
from walletdesk.core.models import Holdings, LeftOut
from walletdesk.core.money import LIMIT, SCALE, from_units, to_units
from walletdesk.core.stored_wallet import OnePlaceParts, PartKey, PartRow, StoredWallet
from walletdesk.exchanges.holdings import too_large_reason
from walletdesk.pricing import value_units

_MAX_UNITS = int(LIMIT) * SCALE  # the smallest magnitude in units that no longer fits


@dataclass(frozen=True, slots=True)
class Fold:
    units: dict[str, tuple[int, int]]  # asset -> free, locked in 1e-8 units, over every key
    parts: list[PartRow]  # each key's part per place, in units (zero ones too), keys unique
    left_out: Mapping[str, tuple[LeftOut, ...]]  # credential id -> what it lost
    only_kept_parts: bool  # one part per asset, none of an asset left out

    def stored(self, prices: Mapping[str, Decimal]) -> StoredWallet:
        """The wallet as the store keeps it, valued with ``prices`` (an exchange's ticker):
        the parts of each asset that has a row, without zero ones (rounded to nothing)."""
        rows, valuations = value_units(self.units, prices)
        # The usual: each asset is one part, so where a part rounded to nothing its asset has
        # no row, and a row for every asset means every part is kept, with its row's amounts.
        if self.only_kept_parts and len(rows) == len(self.units):
            places = {(credential_id, place) for _, credential_id, place, _, _ in self.parts}
            if len(places) == 1:  # one key's one place (its spot account): the rows
                ((credential_id, place),) = places
                return StoredWallet(rows, valuations, OnePlaceParts(rows, credential_id, place))
            return StoredWallet(rows, valuations, set(self.parts))
        kept = [part for part in self.parts if (part[3] or part[4]) and part[0] in rows]
        for part in kept:  # a place a key listed twice may add up past DECIMAL(18,8)
            for units in part[3:]:
                if not -_MAX_UNITS < units < _MAX_UNITS:
                    raise AmountOutOfRangeError(from_units(units))  # as to_units refuses it
        return StoredWallet(rows, valuations, set(kept))


def fold(holdings: Mapping[str, Holdings]) -> Fold:
    """``holdings``: credential id -> what that key holds."""
    parts: list[PartRow] = []
    totals: dict[str, tuple[int, int]] = {}
    # One pass builds both, in integer units: each part is rounded to 8 places once, and
    # sums of units are exact, so their order does not matter.
    for credential_id, held in holdings.items():
        for asset, free, locked, place in held.amounts:
            free_units, locked_units = to_units(free), to_units(locked)
            parts.append((asset, credential_id, place, free_units, locked_units))
            known = totals.get(asset)
            totals[asset] = (free_units, locked_units) if known is None else (
                known[0] + free_units, known[1] + locked_units)
    merged = len(parts) != len(totals)  # several parts of an asset: a place listed twice?
    if merged:
        parts = _merged(parts)
    left_out: dict[str, list[LeftOut]] = {cid: list(h.left_out) for cid, h in holdings.items()}
    too_large: dict[str, int] = {}
    for asset, (free_sum, locked_sum) in totals.items():
        if not (-_MAX_UNITS < free_sum < _MAX_UNITS and -_MAX_UNITS < locked_sum < _MAX_UNITS
                and -_MAX_UNITS < free_sum + locked_sum < _MAX_UNITS):
            too_large[asset] = next(u for u in (free_sum, locked_sum, free_sum + locked_sum)
                                    if not -_MAX_UNITS < u < _MAX_UNITS)
    if too_large:  # named once for every key that holds it, and left out with its parts
        for credential_id, asset in dict.fromkeys((c, a) for a, c, *_ in parts if a in too_large):
            left_out[credential_id].append(
                LeftOut(asset, too_large_reason(from_units(too_large[asset]))))
        totals = {a: amounts for a, amounts in totals.items() if a not in too_large}
    return Fold(totals, parts, {cid: tuple(lost) for cid, lost in left_out.items()},
                not (too_large or merged))


def _merged(parts: list[PartRow]) -> list[PartRow]:
    """One part per (asset, key, place), summed (``Fold.stored`` checks the sums' range)."""
    sums: dict[PartKey, tuple[int, int]] = {}
    for asset, credential_id, place, free, locked in parts:
        known = sums.get((asset, credential_id, place), (0, 0))
        sums[(asset, credential_id, place)] = (known[0] + free, known[1] + locked)
    return [(*key, free, locked) for key, (free, locked) in sums.items()]
