"""The reference conversion of valued ``Decimal`` balances to the store's form
(``core.stored_wallet``): what ``controllers.wallet_fold.Fold.stored`` computes in integer
units, written the slow, plain way. Tests also store a wallet given in ``Decimal``s through
it (``tests/store/builders.py``), so that what they store is what a refresh would store."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from tests.reference.valuation import ValuedBalance
from walletdesk.core.errors import AmountOutOfRangeError
from walletdesk.core.models import BalanceSource
from walletdesk.core.money import LIMIT, from_units, to_units
from walletdesk.core.stored_wallet import PartRow, StoredAmounts, StoredWallet


def storable(balances: Sequence[ValuedBalance]) -> dict[str, StoredAmounts]:
    """Per asset: amounts added up exactly, quantized once, total = free + locked.

    Zero totals are left out. Raises ``AmountOutOfRangeError`` for what does not fit.
    """
    sums: dict[str, tuple[Decimal, Decimal, Decimal]] = {}
    for asset, free, locked, usd_value, _, _ in balances:
        known = sums.get(asset)
        sums[asset] = (free, locked, usd_value) if known is None else (
            known[0] + free, known[1] + locked, known[2] + usd_value)
    rows: dict[str, StoredAmounts] = {}
    for asset, (free, locked, usd_value) in sums.items():
        free_units, locked_units = to_units(free), to_units(locked)
        total = free_units + locked_units
        if abs(from_units(total)) >= LIMIT:
            raise AmountOutOfRangeError(from_units(total))
        if total:
            rows[asset] = (free_units, locked_units, total, to_units(usd_value))
    return rows


def stored_wallet(balances: Sequence[ValuedBalance],
                  sources: Sequence[BalanceSource] = ()) -> StoredWallet:
    """``balances`` and their ``sources`` in the store's form (``storable``): a valuation for
    each priced asset stored (its last route where it is given twice), and the parts of the
    assets stored. The parts of an asset add up to its row exactly
    (``controllers/wallet_fold.py``), so a lone part is its row: its units are the row's."""
    rows = storable(balances)
    last = {v.asset: v for v in balances}  # an asset given twice: its last route
    valuations = {(v.asset, v.route, True) for v in last.values() if v.priced and v.asset in rows}
    count = Counter(s.asset for s in sources)
    parts: set[PartRow] = set()
    for credential_id, asset, place, free, locked in sources:
        row = rows.get(asset)
        if row is not None:
            free_units, locked_units = row[:2] if count[asset] == 1 else (
                to_units(free), to_units(locked))
            parts.add((asset, credential_id, place, free_units, locked_units))
    return StoredWallet(rows, valuations, parts)

