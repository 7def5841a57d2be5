"""Folding every key's holdings of one exchange into the wallet's one row per asset.

Each (key, asset, place) part is rounded to 8 places once, as it enters storage; a row is
the exact sum of its parts, so the parts kept in ``balance_sources`` always add up to it,
and removing a key subtracts exactly its parts. An asset whose sum does not fit
DECIMAL(18,8) is left out alone (with all its parts) and named for every key that holds it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from walletdesk.core.models import AssetAmount, BalanceSource, Holdings, LeftOut
from walletdesk.core.money import ZERO, quantize8
from walletdesk.exchanges.holdings import fits, too_large_reason


@dataclass(frozen=True, slots=True)
class Fold:
    amounts: list[AssetAmount]  # one per asset, place "all"
    sources: list[BalanceSource]
    left_out: Mapping[str, tuple[LeftOut, ...]]  # credential id -> what it lost


def fold(holdings: Mapping[str, Holdings]) -> Fold:
    """``holdings``: credential id -> what that key holds."""
    parts: dict[tuple[str, str, str], list[Decimal]] = {}
    for credential_id, held in holdings.items():
        for amount in held.amounts:
            key = (credential_id, amount.asset, amount.place)
            part = parts.setdefault(key, [ZERO, ZERO])
            part[0] += quantize8(amount.free)
            part[1] += quantize8(amount.locked)
    totals: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    holders: dict[str, set[str]] = defaultdict(set)
    for (credential_id, asset, _), (free, locked) in parts.items():
        totals[asset][0] += free
        totals[asset][1] += locked
        holders[asset].add(credential_id)
    left_out: dict[str, list[LeftOut]] = {cid: list(h.left_out) for cid, h in holdings.items()}
    amounts: list[AssetAmount] = []
    for asset, (free, locked) in totals.items():
        too_large = next((a for a in (free, locked, free + locked) if not fits(a)), None)
        if too_large is None:
            amounts.append(AssetAmount(asset, free, locked, "all"))
            continue
        for credential_id in holders[asset]:
            left_out[credential_id].append(LeftOut(asset, too_large_reason(too_large)))
    kept = {a.asset for a in amounts}
    sources = [
        BalanceSource(credential_id, asset, place, free, locked)
        for (credential_id, asset, place), (free, locked) in parts.items()
        if asset in kept and (free or locked)
    ]
    return Fold(amounts, sources, {cid: tuple(lost) for cid, lost in left_out.items()})
