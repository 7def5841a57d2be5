"""The ``wallets`` and ``balances`` tables, scoped to one user.

A wallet is one exchange's part of the portfolio; a refresh replaces its balances in one
transaction, so a failed refresh leaves the previous balances and total untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from walletdesk.core.balance_table import AMOUNT_FIELDS, ROW_COLUMNS, BalanceTable
from walletdesk.core.errors import NotFoundError
from walletdesk.core.models import Portfolio, Wallet
from walletdesk.core.money import ceil_units, from_units
from walletdesk.core.stored_wallet import StoredWallet
from walletdesk.store.balance_writes import replace_rows, usd_sum
from walletdesk.store.database import Database
from walletdesk.store.hidden_assets import is_hidden, read_hidden
from walletdesk.store.history import snapshot_wallet
from walletdesk.store.refresh_outcomes import read_refreshes
from walletdesk.store.schema import BalanceRow, Base, CredentialRow, WalletRow
from walletdesk.store.source_reads import read_details
from walletdesk.store.source_writes import replace_sources
from walletdesk.store.types import as_units, as_utc, utcnow

_wallets = Base.metadata.tables[WalletRow.__tablename__]
_ROW_SELECT = [as_units(getattr(BalanceRow, name)) if name in AMOUNT_FIELDS
               else getattr(BalanceRow, name) for name in ROW_COLUMNS]
"""A ``BalanceTable`` row, amounts as stored integer units."""


class WalletRepository:
    def __init__(self, db: Database, user_id: str, *,
                 display_name: Callable[[str], str] = str) -> None:
        """``display_name``: an exchange's name for messages, given by the layer that knows
        the exchanges (the stored canonical name if not)."""
        self._db = db
        self._user_id = user_id
        self._display_name = display_name

    def replace_wallet(self, exchange: str, wallet: StoredWallet, updated_at: datetime, *,
                       credential_ids: Collection[str] = ()) -> Wallet:
        """Make ``wallet`` (a refresh's: it folds and values in integer units) the wallet's
        content, in one transaction.

        Its rows replace the wallet's balances (assets not in them any more are deleted),
        its parts and valuations the previous ones; ``total_usd_value`` is the sum of the
        rows' ``usd_value``. The same transaction appends the wallet's history snapshot
        (``store.history``) at ``updated_at``. Raises ``AmountOutOfRangeError`` for a total
        past DECIMAL(18,8) (and ``ValueError`` for a naive ``updated_at``) before writing
        anything.

        ``credential_ids``: the keys the balances were read with. If one of them was removed
        meanwhile (which deleted this wallet), nothing is written and ``NotFoundError`` says
        so: a refresh that was under way must not bring a removed key's wallet back.
        """
        updated_at = as_utc(updated_at)
        rows = wallet.rows
        total_units = usd_sum(rows)
        total_usd = from_units(total_units)
        now = utcnow()
        with self._db.transaction() as session:
            self._require_credentials(session, exchange, credential_ids)
            wallet_id = session.execute(
                insert(_wallets)
                .values(user_id=self._user_id, exchange=exchange, last_updated=updated_at,
                        total_usd_value=total_usd, created_at=now, updated_at=now)
                .on_conflict_do_update(
                    index_elements=[_wallets.c.user_id, _wallets.c.exchange],
                    set_={"last_updated": updated_at, "total_usd_value": total_usd,
                          "updated_at": now})
                .returning(_wallets.c.id)
            ).scalar_one()
            replace_rows(session, wallet_id, rows, now)
            replace_sources(session, wallet_id, wallet)
            snapshot_wallet(session, self._user_id, exchange, updated_at, wallet_id,
                            total_usd_units=total_units)
        return Wallet(id=wallet_id, exchange=exchange, total_usd_value=total_usd,
                      last_updated=updated_at, asset_count=len(rows))

    def _require_credentials(self, session: Session, exchange: str,
                             credential_ids: Collection[str]) -> None:
        wanted = set(credential_ids)
        if not wanted:
            return
        stored = session.scalar(select(func.count()).select_from(CredentialRow).where(
            CredentialRow.user_id == self._user_id, CredentialRow.id.in_(wanted)))
        if stored != len(wanted):
            name = self._display_name(exchange)
            raise NotFoundError(
                f"A {name} key was removed while it was being refreshed, so the {name} "
                "balances were not stored."
            )

    def wallets(self) -> list[Wallet]:
        """The user's wallets, by exchange."""
        with self._db.read() as session:
            return self._wallets(session)

    def balances(self, exchange: str | None = None, min_usd: Decimal | None = None, *,
                 without_hidden: bool = False) -> BalanceTable:
        """Balances by ``usd_value`` (largest first), exchange, asset; optionally filtered.

        ``min_usd`` keeps balances worth at least that much, and those without a price
        (unpriced is not dust). ``without_hidden`` leaves out the assets the user hid.
        """
        with self._db.read() as session:
            return self._balances(session, self._wallets(session), exchange, min_usd,
                                  without_hidden)

    def portfolio(self) -> Portfolio:
        """All wallets and balances, what the user hid and the keys' last refreshes, read
        from one snapshot."""
        with self._db.read() as session:
            wallets = self._wallets(session)
            return Portfolio(wallets=tuple(wallets),
                             balances=self._balances(session, wallets, None, None),
                             hidden=read_hidden(session, self._user_id),
                             refreshes=read_refreshes(session, self._user_id))

    def _wallets(self, session: Session) -> list[Wallet]:
        asset_count = (select(func.count()).where(BalanceRow.wallet_id == WalletRow.id)
                       .correlate(WalletRow).scalar_subquery())
        query = (select(WalletRow.id, WalletRow.exchange, WalletRow.total_usd_value,
                        WalletRow.last_updated, asset_count)
                 .where(WalletRow.user_id == self._user_id).order_by(WalletRow.exchange))
        return [Wallet(id=wallet_id, exchange=exchange, total_usd_value=total_usd_value,
                       last_updated=last_updated, asset_count=asset_count)
                for wallet_id, exchange, total_usd_value, last_updated, asset_count
                in session.execute(query)]

    def _balances(self, session: Session, wallets: Sequence[Wallet], exchange: str | None,
                  min_usd: Decimal | None, without_hidden: bool = False) -> BalanceTable:
        query = (select(*_ROW_SELECT)
                 .join(WalletRow, BalanceRow.wallet_id == WalletRow.id)
                 .where(WalletRow.user_id == self._user_id)
                 .order_by(BalanceRow.usd_value.desc(), WalletRow.exchange, BalanceRow.asset))
        if exchange is not None:
            query = query.where(WalletRow.exchange == exchange)
        if min_usd is not None:
            # Compared in units, so a threshold beyond every storable value matches nothing
            # instead of failing to bind; an asset without a price is not dust, so it stays.
            usd_units = as_units(BalanceRow.usd_value)
            query = query.where(or_(usd_units >= ceil_units(min_usd),
                                    and_(usd_units == 0, as_units(BalanceRow.total) != 0)))
        if without_hidden:
            query = query.where(~is_hidden(self._user_id, WalletRow.exchange, BalanceRow.asset))
        # Plain tuples, as the first paint reads them: the two compare in C (same_rows).
        rows = list(map(tuple, session.execute(query)))
        return BalanceTable.of_wallets(wallets, rows, read_details(session, wallets, exchange))

