"""Reading ``balance_sources`` and ``balance_valuations`` back as each row's ``RowDetail``.

A wallet marked in ``balance_sole_sources`` (held wholly by one key in one place) keeps no
parts of its own: each of its rows is one part, its balance's free and locked beside the
mark's key and place (``source_writes.py``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from walletdesk.core.balance_table import RowDetail
from walletdesk.core.models import BalanceSource, Wallet
from walletdesk.core.money import from_units
from walletdesk.store.schema import BalanceRow
from walletdesk.store.sources_schema import (
    BalanceSoleSourceRow,
    BalanceSourceRow,
    BalanceValuationRow,
)
from walletdesk.store.types import as_units


def read_details(session: Session, wallets: Sequence[Wallet],
                 exchange: str | None = None) -> dict[tuple[int, str], RowDetail]:
    """Every detail of the given wallets (of one exchange, if given), by (wallet id, asset)."""
    ids = [w.id for w in wallets if exchange is None or w.exchange == exchange]
    if not ids:
        return {}
    parts: dict[tuple[int, str], list[BalanceSource]] = defaultdict(list)
    source_query = (select(BalanceSourceRow.wallet_id, BalanceSourceRow.asset,
                           BalanceSourceRow.credential_id, BalanceSourceRow.place,
                           as_units(BalanceSourceRow.free), as_units(BalanceSourceRow.locked))
                    .where(BalanceSourceRow.wallet_id.in_(ids))
                    .order_by(BalanceSourceRow.wallet_id, BalanceSourceRow.asset,
                              BalanceSourceRow.credential_id, BalanceSourceRow.place))
    for wallet_id, asset, credential_id, place, free, locked in session.execute(source_query):
        parts[(wallet_id, asset)].append(
            BalanceSource(credential_id, asset, place, from_units(free), from_units(locked)))
    sole = {wallet_id: (credential_id, place) for wallet_id, credential_id, place
            in session.execute(select(BalanceSoleSourceRow.wallet_id,
                                      BalanceSoleSourceRow.credential_id,
                                      BalanceSoleSourceRow.place)
                               .where(BalanceSoleSourceRow.wallet_id.in_(ids)))}
    if sole:
        held = select(BalanceRow.wallet_id, BalanceRow.asset, as_units(BalanceRow.free),
                      as_units(BalanceRow.locked)).where(BalanceRow.wallet_id.in_(sole))
        for wallet_id, asset, free, locked in session.execute(held):
            credential_id, place = sole[wallet_id]
            parts[(wallet_id, asset)] = [
                BalanceSource(credential_id, asset, place, from_units(free), from_units(locked))]
    valuation_query = (select(BalanceValuationRow.wallet_id, BalanceValuationRow.asset,
                              BalanceValuationRow.route, BalanceValuationRow.priced)
                       .where(BalanceValuationRow.wallet_id.in_(ids)))
    details = {
        (wallet_id, asset): RowDetail(route, priced, tuple(parts.pop((wallet_id, asset), ())))
        for wallet_id, asset, route, priced in session.execute(valuation_query)
    }
    # Only priced assets keep a valuation (``source_writes.py``): the others are unpriced.
    details.update({key: RowDetail("", False, tuple(found)) for key, found in parts.items()})
    return details
