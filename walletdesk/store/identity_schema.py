"""Which sign-in service vouches for which ``users`` row: ``user_identities``.

A provider's user id (``sub``) is only unique at that provider: two issuers may both name a
user ``local`` or ``user_2abc``. So a data folder keeps, beside the spec's four tables, one
row per (issuer, subject) naming the ``users.id`` it signs in as. ``users.id`` is the
subject itself when it is free (a Clerk id stays readable), else an id derived from the
pair (``store.users.derived_user_id``). Each ``users`` row belongs to at most one identity.
Added by migration ``0004_user_identities``; the spec's tables are not touched.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import VARCHAR, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from walletdesk.store.schema import Base
from walletdesk.store.types import UtcDateTime, utcnow

MAX_ISSUER = 255
MAX_SUBJECT = 255  # OpenID Connect Core §2: sub is at most 255 ASCII characters


class UserIdentityRow(Base):
    __tablename__ = "user_identities"
    __table_args__ = (Index("idx_user_identities_user_id", "user_id", unique=True),)

    issuer: Mapped[str] = mapped_column(VARCHAR(MAX_ISSUER), primary_key=True)
    subject: Mapped[str] = mapped_column(VARCHAR(MAX_SUBJECT), primary_key=True)
    user_id: Mapped[str] = mapped_column(
        VARCHAR(50), ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, default=utcnow)
