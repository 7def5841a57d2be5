"""The history store: snapshots written with each wallet refresh, read back as value series.

Writes happen inside the wallet's own transaction (``append_snapshot`` is called by
``WalletRepository.replace_balances``), so a refresh that fails stores neither the balances
nor a snapshot. Removing a key closes its wallet's history with a snapshot worth 0
(``close_wallet``); the history itself stays until the user deletes it (``delete``).
Compaction rules are in ``store.history_compaction``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, column, delete, select, table
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from walletdesk.core.history import (
    AssetPoint,
    PortfolioPoint,
    SnapshotAmounts,
    asset_points,
    portfolio_points,
)
from walletdesk.core.money import from_units
from walletdesk.store.database import Database
from walletdesk.store.history_schema import HistoryBalanceRow, HistorySnapshotRow
from walletdesk.store.schema import Base
from walletdesk.store.types import as_units

if TYPE_CHECKING:
    from walletdesk.store.balance_writes import StoredAmounts

_snapshots = Base.metadata.tables[HistorySnapshotRow.__tablename__]
_raw_balances = table(HistoryBalanceRow.__tablename__,
                      *(column(c.name) for c in HistoryBalanceRow.__table__.c))


def append_snapshot(session: Session, user_id: str, exchange: str, taken_at: datetime,
                    rows: Mapping[str, StoredAmounts], *, total_usd_units: int) -> int:
    """Add one wallet snapshot (amounts in integer units, as stored); return its id.

    A second snapshot of the same wallet at the same moment replaces the first.
    """
    snapshot_id: int = session.execute(
        insert(_snapshots)
        .values(user_id=user_id, exchange=exchange, taken_at=taken_at,
                total_usd_value=from_units(total_usd_units))
        .on_conflict_do_update(
            index_elements=[_snapshots.c.user_id, _snapshots.c.exchange, _snapshots.c.taken_at],
            set_={"total_usd_value": from_units(total_usd_units)})
        .returning(_snapshots.c.id)
    ).scalar_one()
    session.execute(delete(_raw_balances).where(_raw_balances.c.snapshot_id == snapshot_id))
    if rows:
        session.execute(insert(_raw_balances), [
            {"snapshot_id": snapshot_id, "asset": asset, "total": row.total,
             "usd_value": row.usd_value}
            for asset, row in rows.items()
        ])
    return snapshot_id


def close_wallet(session: Session, user_id: str, exchange: str, at: datetime) -> None:
    """The wallet left the portfolio at ``at`` (its key was removed): it is worth 0 from then.

    Nothing is written for a wallet that has no history.
    """
    has_history = session.scalar(select(_snapshots.c.id).where(
        _snapshots.c.user_id == user_id, _snapshots.c.exchange == exchange).limit(1))
    if has_history is not None:
        append_snapshot(session, user_id, exchange, at, {}, total_usd_units=0)


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


class HistoryRepository:
    """One user's history: value series, deletion and compaction."""

    def __init__(self, db: Database, user_id: str) -> None:
        self._db = db
        self._user_id = user_id

    def portfolio_points(self, exchange: str | None = None,
                         since: datetime | None = None) -> list[PortfolioPoint]:
        """The portfolio's (or one exchange's) value at each snapshot moment, oldest first."""
        query = select(_snapshots.c.taken_at, _snapshots.c.exchange,
                       as_units(_snapshots.c.total_usd_value))
        with self._db.read() as session:
            rows = session.execute(self._scoped(query, exchange)).all()
        return portfolio_points((SnapshotAmounts(at, name, usd, usd) for at, name, usd in rows),
                                since)

    def asset_points(self, asset: str, exchange: str | None = None,
                     since: datetime | None = None) -> list[AssetPoint]:
        """One asset's amount and value summed across exchanges at each snapshot moment."""
        balances = Base.metadata.tables[HistoryBalanceRow.__tablename__]
        query = (select(_snapshots.c.taken_at, _snapshots.c.exchange,
                        as_units(balances.c.total), as_units(balances.c.usd_value))
                 .outerjoin(balances, and_(balances.c.snapshot_id == _snapshots.c.id,
                                           balances.c.asset == asset)))
        with self._db.read() as session:
            rows = session.execute(self._scoped(query, exchange)).all()
        return asset_points(asset, (SnapshotAmounts(at, name, total or 0, usd or 0)
                                    for at, name, total, usd in rows), since)

    def exchanges(self) -> list[str]:
        """Exchanges with stored history, including those whose key was removed."""
        query = select(_snapshots.c.exchange).distinct().order_by(_snapshots.c.exchange)
        with self._db.read() as session:
            return list(session.scalars(query.where(_snapshots.c.user_id == self._user_id)))

    def delete(self, exchange: str) -> int:
        """Delete one exchange's whole history (the user asked to); return the snapshots gone."""
        with self._db.transaction() as session:
            result = session.execute(delete(_snapshots).where(
                _snapshots.c.user_id == self._user_id, _snapshots.c.exchange == exchange))
        return int(result.rowcount)  # type: ignore[attr-defined]

    def _scoped(self, query: Select[Any], exchange: str | None) -> Select[Any]:
        scoped = query.where(_snapshots.c.user_id == self._user_id)
        if exchange is not None:
            scoped = scoped.where(_snapshots.c.exchange == exchange)
        return scoped
