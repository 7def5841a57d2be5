"""Folding every key's holdings of one exchange into the wallet's one row per asset.

Each (key, asset, place) part is rounded to 8 places once, as it enters storage; a row is
the exact sum of its parts, so the parts kept in ``balance_sources`` always add up to it,
and removing a key subtracts exactly its parts. An asset whose sum does not fit
DECIMAL(18,8) is left out alone (with all its parts) and named for every key that holds it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import repeat
from operator import add

from walletdesk.core.errors import AmountOutOfRangeError, WalletDeskError
from walletdesk.core.models import AssetAmount, Holdings, LeftOut
from walletdesk.core.money import LIMIT, SCALE, from_units, to_units, units_of
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
    one_place: tuple[str, str] | None  # (credential id, place) when every part has those

    def stored(self, prices: Mapping[str, Decimal]) -> StoredWallet:
        """The wallet as the store keeps it, valued with ``prices`` (an exchange's ticker):
        the parts of each asset that has a row, without zero ones (rounded to nothing)."""
        rows, valuations = value_units(self.units, prices)
        # The usual: each asset is one part, so where a part rounded to nothing its asset has
        # no row, and a row for every asset means every part is kept, with its row's amounts.
        if self.only_kept_parts and len(rows) == len(self.units):
            if self.one_place is not None:  # one key's one place (its spot account): the rows
                return StoredWallet(rows, valuations, OnePlaceParts(rows, *self.one_place))
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
    for credential_id, held in holdings.items():
        parts += _key_parts(credential_id, held.amounts)
    # The usual: each asset is one part, whose units are its total (sums of units are exact,
    # so their order does not matter), and each total fits when free + locked does.
    assets, credential_ids, places, frees, lockeds = (
        zip(*parts, strict=True) if parts else ((),) * 5)
    keys, held_in = set(credential_ids), set(places)
    one_place = (keys.pop(), held_in.pop()) if len(keys) == len(held_in) == 1 else None
    totals: dict[str, tuple[int, int]] = dict(
        zip(assets, zip(frees, lockeds, strict=True), strict=True))
    merged = len(parts) != len(totals)  # several parts of an asset: a place listed twice?
    if merged:
        totals = _summed(parts)
        parts = _merged(parts)
    left_out: dict[str, list[LeftOut]] = {cid: list(h.left_out) for cid, h in holdings.items()}
    fit = not merged and max(map(abs, map(add, frees, lockeds)), default=0) < _MAX_UNITS
    too_large = {} if fit else _too_large(totals)
    if too_large:  # named once for every key that holds it, and left out with its parts
        for credential_id, asset in dict.fromkeys((c, a) for a, c, *_ in parts if a in too_large):
            left_out[credential_id].append(
                LeftOut(asset, too_large_reason(from_units(too_large[asset]))))
        totals = {a: amounts for a, amounts in totals.items() if a not in too_large}
    return Fold(totals, parts, {cid: tuple(lost) for cid, lost in left_out.items()},
                not (too_large or merged), one_place)


def _key_parts(credential_id: str, amounts: Sequence[AssetAmount]) -> Iterable[PartRow]:
    """One key's amounts as parts, each rounded to 8 places once: a column of 10,000 amounts
    converted at once (``units_of``) instead of a call each. Where one is refused, it is
    refused as converting them one by one, in their order, refuses it."""
    if not amounts:
        return ()
    assets, frees, lockeds, places = zip(*amounts, strict=True)
    try:
        return zip(assets, repeat(credential_id), places, units_of(frees), units_of(lockeds),
                   strict=False)  # repeat() has no end
    except WalletDeskError:
        return [(asset, credential_id, place, to_units(free), to_units(locked))
                for asset, free, locked, place in amounts]


def _summed(parts: list[PartRow]) -> dict[str, tuple[int, int]]:
    """Each asset's free and locked units, over its parts."""
    totals: dict[str, tuple[int, int]] = {}
    for asset, _, _, free, locked in parts:
        known = totals.get(asset)
        totals[asset] = (free, locked) if known is None else (known[0] + free, known[1] + locked)
    return totals


def _too_large(totals: Mapping[str, tuple[int, int]]) -> dict[str, int]:
    """Assets whose free, locked or total units do not fit DECIMAL(18,8): the first such sum."""
    too_large: dict[str, int] = {}
    for asset, (free_sum, locked_sum) in totals.items():
        if not (-_MAX_UNITS < free_sum < _MAX_UNITS and -_MAX_UNITS < locked_sum < _MAX_UNITS
                and -_MAX_UNITS < free_sum + locked_sum < _MAX_UNITS):
            too_large[asset] = next(u for u in (free_sum, locked_sum, free_sum + locked_sum)
                                    if not -_MAX_UNITS < u < _MAX_UNITS)
    return too_large


def _merged(parts: list[PartRow]) -> list[PartRow]:
    """One part per (asset, key, place), summed (``Fold.stored`` checks the sums' range)."""
    sums: dict[PartKey, tuple[int, int]] = {}
    for asset, credential_id, place, free, locked in parts:
        known = sums.get((asset, credential_id, place), (0, 0))
        sums[(asset, credential_id, place)] = (known[0] + free, known[1] + locked)
    return [(*key, free, locked) for key, (free, locked) in sums.items()]
