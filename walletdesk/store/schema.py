"""The ORM mapping of the spec's four tables (shared/spec/data-model.md), nothing more.

Column order, types, nullability, index names and ``ON DELETE CASCADE`` follow the spec;
``tests/store/test_schema.py`` checks them against the spec, ``test_migrations.py`` against
the baseline migration.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import BLOB, INTEGER, VARCHAR, ForeignKey, Index
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from walletdesk.store.types import Amount, UtcDateTime, utcnow


class Base(DeclarativeBase):
    pass


def _created_at() -> Mapped[datetime]:
    return mapped_column(UtcDateTime, nullable=False, default=utcnow)


def _updated_at() -> Mapped[datetime]:
    return mapped_column(UtcDateTime, nullable=False, default=_as_created, onupdate=utcnow)


def _as_created(context: DefaultExecutionContext) -> datetime:
    """A new row's updated_at equals its created_at (set just before: columns go in order)."""
    parameters = context.current_parameters
    assert parameters is not None
    created: datetime = parameters["created_at"]
    return created


def _amount() -> Mapped[Decimal]:
    return mapped_column(Amount, nullable=False)


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = (Index("idx_user_email", "email", unique=True),)

    id: Mapped[str] = mapped_column(VARCHAR(50), primary_key=True)
    email: Mapped[str] = mapped_column(VARCHAR(100), nullable=False)
    name: Mapped[str | None] = mapped_column(VARCHAR(100), nullable=True)
    created_at: Mapped[datetime] = _created_at()
    updated_at: Mapped[datetime] = _updated_at()


class CredentialRow(Base):
    __tablename__ = "api_credentials"
    __table_args__ = (
        Index("idx_api_credentials_user_id", "user_id"),
        Index("idx_api_credentials_exchange", "exchange"),
        Index("idx_api_credentials_user_exchange_label", "user_id", "exchange", "label",
              unique=True),
    )

    id: Mapped[str] = mapped_column(VARCHAR(50), primary_key=True)
    user_id: Mapped[str] = mapped_column(
        VARCHAR(50), ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )
    exchange: Mapped[str] = mapped_column(VARCHAR(20), nullable=False)
    api_key: Mapped[str] = mapped_column(VARCHAR(100), nullable=False)
    api_secret: Mapped[bytes] = mapped_column(BLOB, nullable=False)
    label: Mapped[str | None] = mapped_column(VARCHAR(50), nullable=True)
    created_at: Mapped[datetime] = _created_at()
    updated_at: Mapped[datetime] = _updated_at()


class WalletRow(Base):
    __tablename__ = "wallets"
    __table_args__ = (
        Index("idx_wallet_user_id", "user_id"),
        Index("idx_wallet_user_exchange", "user_id", "exchange", unique=True),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(INTEGER, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(
        VARCHAR(50), ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )
    exchange: Mapped[str] = mapped_column(VARCHAR(20), nullable=False)
    last_updated: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    total_usd_value: Mapped[Decimal] = _amount()
    created_at: Mapped[datetime] = _created_at()
    updated_at: Mapped[datetime] = _updated_at()


class BalanceRow(Base):
    __tablename__ = "balances"
    __table_args__ = (
        Index("idx_balance_wallet_id", "wallet_id"),
        Index("idx_balance_asset", "asset"),
        Index("idx_balance_wallet_asset", "wallet_id", "asset", unique=True),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(INTEGER, primary_key=True, autoincrement=True)
    wallet_id: Mapped[int] = mapped_column(
        INTEGER, ForeignKey("wallets.id", ondelete="CASCADE"), nullable=False
    )
    asset: Mapped[str] = mapped_column(VARCHAR(20), nullable=False)
    free: Mapped[Decimal] = _amount()
    locked: Mapped[Decimal] = _amount()
    total: Mapped[Decimal] = _amount()
    usd_value: Mapped[Decimal] = _amount()
    created_at: Mapped[datetime] = _created_at()
    updated_at: Mapped[datetime] = _updated_at()


# Tables of the product beyond the spec's four live in modules of their own; importing them
# here puts them on ``Base.metadata`` wherever that is used (Alembic's env, the schema tests).
from walletdesk.store import (  # noqa: E402, F401
    desk_state_schema,
    history_schema,
    identity_schema,
    key_schema,
    sources_schema,
)
