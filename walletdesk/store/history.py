"""The history store: snapshots written with each wallet refresh, read back as value series.

Writes happen inside the wallet's own transaction (``snapshot_wallet`` is called by
``WalletRepository.replace_wallet``), so a refresh that fails stores neither the balances
nor a snapshot. Removing a key closes its wallet's history with a snapshot worth 0
(``close_wallet``); the history itself stays until the user deletes it (``delete``).
Compaction rules are in ``store.history_compaction``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import VARCHAR, Select, and_, column, delete, select, table, type_coerce
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from walletdesk.core.history import (
    AssetPoint,
    PortfolioPoint,
    asset_points,
    portfolio_points,
)
from walletdesk.core.money import from_units
from walletdesk.core.price_change import PastHoldings
from walletdesk.core.totals import counted_in_total
from walletdesk.store.database import Database
from walletdesk.store.history_schema import HistoryBalanceRow, HistorySnapshotRow
from walletdesk.store.schema import Base
from walletdesk.store.types import as_units

if TYPE_CHECKING:
    from walletdesk.core.stored_wallet import StoredAmounts

_INSERT_BALANCES = ("INSERT INTO history_balances (snapshot_id, asset, total, usd_value) "
                    "VALUES (?, ?, ?, ?)")
_COPY_BALANCES = ("INSERT INTO history_balances (snapshot_id, asset, total, usd_value) "
                  "SELECT ?, asset, total, usd_value FROM balances WHERE wallet_id = ? "
                  "ORDER BY asset")
_snapshots = Base.metadata.tables[HistorySnapshotRow.__tablename__]
_raw_balances = table(HistoryBalanceRow.__tablename__,
                      *(column(c.name) for c in HistoryBalanceRow.__table__.c))


def append_snapshot(session: Session, user_id: str, exchange: str, taken_at: datetime,
                    rows: Mapping[str, StoredAmounts], *, total_usd_units: int) -> int:
    """Add one wallet snapshot (amounts in integer units, as stored); return its id.

    A second snapshot of the same wallet at the same moment replaces the first.
    """
    snapshot_id = _new_snapshot(session, user_id, exchange, taken_at, total_usd_units)
    if rows:
        # Straight to the driver's executemany with tuples: for 10,000 assets the statement
        # layer's per-row work would cost more than SQLite's own (bench_history.py).
        session.connection().exec_driver_sql(
            _INSERT_BALANCES,
            [(snapshot_id, asset, total, usd) for asset, (_, _, total, usd) in rows.items()])
    return snapshot_id


def snapshot_wallet(session: Session, user_id: str, exchange: str, taken_at: datetime,
                    wallet_id: int, *, total_usd_units: int) -> int:
    """``append_snapshot`` of the wallet's balances as this transaction has just stored them,
    copied by SQLite itself: 10,000 rows take ~3 ms instead of ~15 ms bound one by one."""
    snapshot_id = _new_snapshot(session, user_id, exchange, taken_at, total_usd_units)
    session.connection().exec_driver_sql(_COPY_BALANCES, (snapshot_id, wallet_id))
    return snapshot_id


def _new_snapshot(session: Session, user_id: str, exchange: str, taken_at: datetime,
                  total_usd_units: int) -> int:
    """The snapshot's row, without balances (those of an earlier one at that moment go)."""
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
    return snapshot_id


def close_wallet(session: Session, user_id: str, exchange: str, at: datetime) -> None:
    """The wallet left the portfolio at ``at`` (its key was removed): it is worth 0 from then.

    Nothing is written for a wallet that has no history.
    """
    has_history = session.scalar(select(_snapshots.c.id).where(
        _snapshots.c.user_id == user_id, _snapshots.c.exchange == exchange).limit(1))
    if has_history is not None:
        append_snapshot(session, user_id, exchange, at, {}, total_usd_units=0)


# Read as the stored text and parsed by ``datetime.fromisoformat`` (C): the column type's own
# parser costs more than the query for an asset's 2-year series (bench_history.py).
_TAKEN_AT_TEXT = type_coerce(_snapshots.c.taken_at, VARCHAR())


def _moments(rows: Sequence[Any]) -> dict[str, datetime]:
    """Each stored moment parsed once (a refresh's wallets share one)."""
    return {text: datetime.fromisoformat(text).replace(tzinfo=UTC) for text in {r[0] for r in rows}}


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


class HistoryRepository:
    """One user's history: value series, deletion and compaction."""

    def __init__(self, db: Database, user_id: str) -> None:
        self._db = db
        self._user_id = user_id

    def portfolio_points(self, exchange: str | None = None,
                         since: datetime | None = None) -> list[PortfolioPoint]:
        """The portfolio's (or one exchange's) value at each snapshot moment, oldest first.

        The portfolio's leaves the demo's sample money out, as the header's total does."""
        query = select(_TAKEN_AT_TEXT, _snapshots.c.exchange,
                       as_units(_snapshots.c.total_usd_value))
        rows = self._counted(self._fetch(self._scoped(query, exchange)), exchange)
        moment = _moments(rows)
        return portfolio_points([(moment[at], name, usd, usd) for at, name, usd in rows], since)

    def asset_points(self, asset: str, exchange: str | None = None,
                     since: datetime | None = None) -> list[AssetPoint]:
        """One asset's amount and value summed across exchanges at each snapshot moment,
        by the portfolio's rule for the demo's sample money (``_counted``)."""
        balances = Base.metadata.tables[HistoryBalanceRow.__tablename__]
        query = (select(_TAKEN_AT_TEXT, _snapshots.c.exchange,
                        as_units(balances.c.total), as_units(balances.c.usd_value))
                 .outerjoin(balances, and_(balances.c.snapshot_id == _snapshots.c.id,
                                           balances.c.asset == asset)))
        rows = self._counted(self._fetch(self._scoped(query, exchange)), exchange)
        moment = _moments(rows)
        return asset_points(asset, [(moment[at], name, total or 0, usd or 0)
                                    for at, name, total, usd in rows], since)

    def holdings_before(self, span: timedelta) -> PastHoldings:
        """Each wallet's assets in its latest snapshot at or before ``span`` before its
        latest one (``core.price_change``); wallets whose history is shorter are absent."""
        rows = self._fetch(self._scoped(
            select(_snapshots.c.exchange, _TAKEN_AT_TEXT, _snapshots.c.id), None))
        moment = _moments([(at,) for _exchange, at, _id in rows])
        taken_by: dict[str, list[tuple[datetime, int]]] = {}
        for exchange, at, snapshot_id in rows:
            taken_by.setdefault(exchange, []).append((moment[at], snapshot_id))
        chosen: dict[int, str] = {}
        for exchange, taken in taken_by.items():
            taken.sort()
            reference = taken[-1][0] - span
            earlier = [snapshot_id for at, snapshot_id in taken if at <= reference]
            if earlier:
                chosen[earlier[-1]] = exchange
        if not chosen:
            return {}
        balances = Base.metadata.tables[HistoryBalanceRow.__tablename__]
        held = self._fetch(select(balances.c.snapshot_id, balances.c.asset,
                                  as_units(balances.c.total), as_units(balances.c.usd_value))
                           .where(balances.c.snapshot_id.in_(chosen)))
        return {(chosen[snapshot_id], asset): (total, usd)
                for snapshot_id, asset, total, usd in held}

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

    @staticmethod
    def _counted(rows: list[Any], exchange: str | None) -> list[Any]:
        """Rows (exchange second) of the money the header's total counts: across exchanges,
        the demo's sample money is left out beside real money (``core.totals``); one
        exchange asked for by name is shown whatever it is."""
        if exchange is not None:
            return rows
        counted = counted_in_total({row[1] for row in rows})
        return [row for row in rows if counted(row[1])]

    def _fetch(self, query: Select[Any]) -> list[Any]:
        """The rows as the driver's plain tuples: every column here is read untouched (text,
        integer units), and wrapping 2,700 rows in Row objects costs a third of the asset
        switch's 50 ms budget (bench_history.py)."""
        with self._db.read() as session:
            result = session.execute(query)
            rows: list[Any] = result.cursor.fetchall()  # type: ignore[attr-defined]
            result.close()
        return rows

    def _scoped(self, query: Select[Any], exchange: str | None) -> Select[Any]:
        scoped = query.where(_snapshots.c.user_id == self._user_id)
        if exchange is not None:
            scoped = scoped.where(_snapshots.c.exchange == exchange)
        return scoped
