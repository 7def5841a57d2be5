"""The assets one user hid one by one (``hidden_assets``), scoped to that user."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, ColumnExpressionArgument, delete, exists, select, tuple_
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from walletdesk.store.database import Database
from walletdesk.store.desk_state_schema import HiddenAssetRow
from walletdesk.store.types import utcnow

AssetKey = tuple[str, str]  # (exchange, asset)


def read_hidden(session: Session, user_id: str) -> frozenset[AssetKey]:
    rows = session.execute(select(HiddenAssetRow.exchange, HiddenAssetRow.asset)
                           .where(HiddenAssetRow.user_id == user_id))
    return frozenset((exchange, asset) for exchange, asset in rows)


def is_hidden(user_id: str, exchange: ColumnExpressionArgument[str],
              asset: ColumnExpressionArgument[str]) -> ColumnElement[bool]:
    """True where the user hid this exchange's asset (for a balances query)."""
    return exists().where(HiddenAssetRow.user_id == user_id,
                          HiddenAssetRow.exchange == exchange, HiddenAssetRow.asset == asset)


class HiddenAssetRepository:
    def __init__(self, db: Database, user_id: str) -> None:
        self._db = db
        self._user_id = user_id

    def hidden(self) -> frozenset[AssetKey]:
        with self._db.read() as session:
            return read_hidden(session, self._user_id)

    def hide(self, assets: Iterable[AssetKey]) -> None:
        """Hide these (exchange, asset) pairs; already hidden ones stay as they were."""
        values = [{"user_id": self._user_id, "exchange": exchange, "asset": asset,
                   "hidden_at": utcnow()} for exchange, asset in set(assets)]
        if not values:
            return
        with self._db.transaction() as session:
            session.execute(insert(HiddenAssetRow).values(values).on_conflict_do_nothing())

    def show(self, assets: Iterable[AssetKey]) -> None:
        """Show these pairs again."""
        pairs = list(set(assets))
        if not pairs:
            return
        with self._db.transaction() as session:
            session.execute(delete(HiddenAssetRow).where(
                HiddenAssetRow.user_id == self._user_id,
                tuple_(HiddenAssetRow.exchange, HiddenAssetRow.asset).in_(pairs)))
