"""Compaction of the history: what is kept for ever, and what goes after a week.

The rule, per wallet (user and exchange):

- every snapshot taken within ``KEEP_EVERY_POINT`` (7 days) before now is kept;
- of older snapshots, only the wallet's last snapshot of each UTC calendar day is kept.

So each wallet's value at the end of every UTC day stays exactly as it was, and with it the
portfolio's end-of-day value. Compaction only deletes whole snapshots (their asset rows
cascade); it never rewrites a kept one. It runs after each refresh, off the GUI thread, in
one short write transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from walletdesk.store.database import Database
from walletdesk.store.history_schema import HistorySnapshotRow
from walletdesk.store.schema import Base
from walletdesk.store.types import as_utc

KEEP_EVERY_POINT = timedelta(days=7)
_snapshots = Base.metadata.tables[HistorySnapshotRow.__tablename__]


def compact_history(db: Database, user_id: str, now: datetime) -> int:
    """Apply the rule above to one user's history as of ``now``; return snapshots deleted."""
    cutoff = as_utc(now) - KEEP_EVERY_POINT
    # Stored as "YYYY-MM-DD HH:MM:SS.ffffff" in UTC: the first ten characters are the day.
    day = func.substr(_snapshots.c.taken_at, 1, 10)
    rank = func.row_number().over(
        partition_by=(_snapshots.c.exchange, day),
        order_by=(_snapshots.c.taken_at.desc(), _snapshots.c.id.desc()),
    ).label("rank")
    ranked = (select(_snapshots.c.id, _snapshots.c.taken_at, rank)
              .where(_snapshots.c.user_id == user_id).subquery())
    doomed = select(ranked.c.id).where(ranked.c.rank > 1, ranked.c.taken_at < cutoff)
    with db.transaction() as session:
        result = session.execute(delete(_snapshots).where(_snapshots.c.id.in_(doomed)))
    return int(result.rowcount)  # type: ignore[attr-defined]
