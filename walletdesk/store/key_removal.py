"""Removing one key of an exchange that has others: its parts leave the shared wallet.

The wallet holds the exact sum of its keys' parts (``balance_sources``), so each asset's
row loses exactly this key's free and locked amounts; a row left at zero goes. A wallet
marked as held wholly by one key (``balance_sole_sources``) loses every row with that key,
and nothing with another. The USD value
follows the amount at the price of the last refresh (rounded once, half to even). A wallet
stored before parts were kept cannot be split, so it is deleted as before and the next
refresh rebuilds it from the remaining keys.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from walletdesk.core.money import from_units
from walletdesk.core.stored_wallet import StoredAmounts
from walletdesk.store.balance_writes import usd_sum
from walletdesk.store.history import snapshot_wallet
from walletdesk.store.schema import BalanceRow, CredentialRow, WalletRow
from walletdesk.store.sources_schema import (
    BalanceSoleSourceRow,
    BalanceSourceRow,
    BalanceValuationRow,
)
from walletdesk.store.types import as_units, utcnow


def subtract_key(session: Session, user_id: str, credential: CredentialRow) -> bool:
    """Take ``credential``'s parts out of its exchange's wallet, before the key row goes.

    False when the wallet cannot be kept (no other key, or no parts recorded): the caller
    deletes it. True when there is nothing left to do.
    """
    wallet_id = session.scalar(select(WalletRow.id).where(
        WalletRow.user_id == user_id, WalletRow.exchange == credential.exchange))
    if wallet_id is None:
        return True
    others = session.scalar(select(func.count()).select_from(CredentialRow).where(
        CredentialRow.user_id == user_id, CredentialRow.exchange == credential.exchange,
        CredentialRow.id != credential.id))
    sole_key = session.scalar(select(BalanceSoleSourceRow.credential_id).where(
        BalanceSoleSourceRow.wallet_id == wallet_id))
    recorded = sole_key is not None or session.scalar(select(BalanceSourceRow.asset).where(
        BalanceSourceRow.wallet_id == wallet_id).limit(1)) is not None
    if not others or not recorded:
        return False
    if sole_key is None:
        parts = (select(BalanceSourceRow.asset, func.sum(as_units(BalanceSourceRow.free)),
                        func.sum(as_units(BalanceSourceRow.locked)))
                 .where(BalanceSourceRow.wallet_id == wallet_id,
                        BalanceSourceRow.credential_id == credential.id)
                 .group_by(BalanceSourceRow.asset))
    else:  # each row is one part, whole: all of them this key's, or none
        parts = select(BalanceRow.asset, as_units(BalanceRow.free),
                       as_units(BalanceRow.locked)).where(BalanceRow.wallet_id == wallet_id)
    lost = {} if sole_key not in (None, credential.id) else {
        asset: (int(free), int(locked)) for asset, free, locked in session.execute(parts)}
    rows = _remaining_rows(session, wallet_id, lost)
    now = utcnow()
    total_units = usd_sum(rows)
    session.execute(update(WalletRow).where(WalletRow.id == wallet_id).values(
        total_usd_value=from_units(total_units), updated_at=now))
    snapshot_wallet(session, user_id, credential.exchange, now, wallet_id,
                    total_usd_units=total_units)
    return True


def _remaining_rows(session: Session, wallet_id: int,
                    lost: dict[str, tuple[int, int]]) -> dict[str, StoredAmounts]:
    """Apply ``lost`` to the wallet's rows; return every row as it now stands."""
    query = select(BalanceRow.asset, as_units(BalanceRow.free), as_units(BalanceRow.locked),
                   as_units(BalanceRow.usd_value)).where(BalanceRow.wallet_id == wallet_id)
    rows: dict[str, StoredAmounts] = {}
    gone: list[str] = []
    for asset, free, locked, stored_usd in session.execute(query):
        lost_free, lost_locked = lost.get(asset, (0, 0))
        left_free, left_locked = free - lost_free, locked - lost_locked
        total, old_total = left_free + left_locked, free + locked
        if total <= 0:
            gone.append(asset)
            continue
        usd = stored_usd
        if (lost_free, lost_locked) != (0, 0):
            usd = _scaled(stored_usd, total, old_total)
            session.execute(update(BalanceRow).where(
                BalanceRow.wallet_id == wallet_id, BalanceRow.asset == asset).values(
                free=from_units(left_free), locked=from_units(left_locked), total=from_units(total),
                usd_value=from_units(usd), updated_at=utcnow()))
        rows[asset] = (left_free, left_locked, total, usd)
    if gone:
        session.execute(delete(BalanceRow).where(
            BalanceRow.wallet_id == wallet_id, BalanceRow.asset.in_(gone)))
        session.execute(delete(BalanceValuationRow).where(
            BalanceValuationRow.wallet_id == wallet_id, BalanceValuationRow.asset.in_(gone)))
    return rows


def _scaled(usd: int, total: int, old_total: int) -> int:
    """``usd * total / old_total`` in integer units, rounded half to even."""
    quotient, remainder = divmod(usd * total, old_total)
    twice = 2 * remainder
    if twice > old_total or (twice == old_total and quotient % 2):
        quotient += 1
    return quotient
