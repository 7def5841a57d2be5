"""Each key's last refresh outcome (``refresh_outcomes``), scoped to one user's keys."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from walletdesk.core.models import KeyRefresh
from walletdesk.store.database import Database
from walletdesk.store.desk_state_schema import ERROR_MAX, RefreshOutcomeRow
from walletdesk.store.schema import CredentialRow


def read_refreshes(session: Session, user_id: str) -> tuple[KeyRefresh, ...]:
    """The last refresh of each of the user's keys that has one, by exchange."""
    query = (select(RefreshOutcomeRow.credential_id, CredentialRow.exchange,
                    RefreshOutcomeRow.attempted_at, RefreshOutcomeRow.error)
             .join(CredentialRow, CredentialRow.id == RefreshOutcomeRow.credential_id)
             .where(CredentialRow.user_id == user_id)
             .order_by(CredentialRow.exchange, RefreshOutcomeRow.credential_id))
    return tuple(KeyRefresh(credential_id, exchange, at, error)
                 for credential_id, exchange, at, error in session.execute(query))


class RefreshOutcomeRepository:
    def __init__(self, db: Database, user_id: str) -> None:
        self._db = db
        self._user_id = user_id

    def last(self) -> tuple[KeyRefresh, ...]:
        with self._db.read() as session:
            return read_refreshes(session, self._user_id)

    def record(self, at: datetime, outcomes: Iterable[tuple[str, str | None]]) -> None:
        """Store (credential id, error or None) for keys of this user, replacing the last."""
        wanted = dict(outcomes)
        if not wanted:
            return
        with self._db.transaction() as session:
            owned = set(session.scalars(select(CredentialRow.id).where(
                CredentialRow.user_id == self._user_id, CredentialRow.id.in_(wanted))))
            values = [{"credential_id": key, "attempted_at": at,
                       "error": None if error is None else error[:ERROR_MAX]}
                      for key, error in wanted.items() if key in owned]
            if not values:
                return  # every key was removed meanwhile
            statement = insert(RefreshOutcomeRow).values(values)
            session.execute(statement.on_conflict_do_update(
                index_elements=[RefreshOutcomeRow.credential_id],
                set_={"attempted_at": statement.excluded.attempted_at,
                      "error": statement.excluded.error}))
