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

from walletdesk.core.models import AssetAmount, BalanceSource, Holdings, LeftOut
from walletdesk.core.money import LIMIT, fits, quantize8
from walletdesk.exchanges.holdings import too_large_reason


@dataclass(frozen=True, slots=True)
class Fold:
    amounts: list[AssetAmount]  # one per asset, place "all"
    sources: list[BalanceSource]
    left_out: Mapping[str, tuple[LeftOut, ...]]  # credential id -> what it lost


def fold(holdings: Mapping[str, Holdings]) -> Fold:
    """``holdings``: credential id -> what that key holds."""
    parts: dict[tuple[str, str, str], tuple[Decimal, Decimal]] = {}
    totals: dict[str, tuple[Decimal, Decimal]] = {}
    # One pass builds both: sums of 8-place amounts are exact, so their order does not matter.
    for credential_id, held in holdings.items():
        for asset, free, locked, place in held.amounts:
            part = (quantize8(free), quantize8(locked))
            key = (credential_id, asset, place)
            known = parts.get(key)
            parts[key] = part if known is None else (known[0] + part[0], known[1] + part[1])
            known = totals.get(asset)
            totals[asset] = part if known is None else (known[0] + part[0], known[1] + part[1])
    left_out: dict[str, list[LeftOut]] = {cid: list(h.left_out) for cid, h in holdings.items()}
    amounts: list[AssetAmount] = []
    too_large: dict[str, Decimal] = {}
    for asset, (free, locked) in totals.items():
        # Sums of 8-place parts have 8 places, so fitting DECIMAL(18,8) is being below LIMIT.
        if -LIMIT < free < LIMIT and -LIMIT < locked < LIMIT and -LIMIT < free + locked < LIMIT:
            amounts.append(AssetAmount(asset, free, locked, "all"))
        else:
            too_large[asset] = next(a for a in (free, locked, free + locked) if not fits(a))
    if too_large:  # named once for every key that holds it
        for credential_id, asset in dict.fromkeys((c, a) for c, a, _ in parts if a in too_large):
            left_out[credential_id].append(LeftOut(asset, too_large_reason(too_large[asset])))
    sources = [
        BalanceSource(credential_id, asset, place, free, locked)
        for (credential_id, asset, place), (free, locked) in parts.items()
        if (free or locked) and asset not in too_large
    ]
    return Fold(amounts, sources, {cid: tuple(lost) for cid, lost in left_out.items()})
