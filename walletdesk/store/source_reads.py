"""Reading ``balance_sources`` and ``balance_valuations`` back as each row's ``RowDetail``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from walletdesk.core.balance_table import RowDetail
from walletdesk.core.models import BalanceSource, Wallet
from walletdesk.core.money import from_units
from walletdesk.store.sources_schema import BalanceSourceRow, BalanceValuationRow
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
