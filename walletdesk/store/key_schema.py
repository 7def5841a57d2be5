"""The ``master_key`` table: what a database knows about the key its secrets are sealed with.

One row at most. ``key_check`` lets WalletDesk tell the right key from a wrong one before
anything is decrypted or encrypted (so a second key can never be created silently); it is
an HMAC of a fixed label under the key and reveals nothing about it. ``kept_in`` says where
the key was kept when it was stored (``keychain``, ``password`` or ``variable``), for
messages. For a password-protected key, the key itself is stored here, sealed with a key
derived from the password (``kdf``, its JSON ``kdf_params`` and ``kdf_salt``); the
password never is. Not one of the spec's four tables: added by migration 0003_master_key.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BLOB, INTEGER, VARCHAR, CheckConstraint
from sqlalchemy.orm import Mapped, mapped_column

from walletdesk.store.schema import Base
from walletdesk.store.types import UtcDateTime, utcnow


class MasterKeyRow(Base):
    __tablename__ = "master_key"
    __table_args__ = (CheckConstraint("id = 1", name="ck_master_key_single_row"),)

    id: Mapped[int] = mapped_column(INTEGER, primary_key=True, autoincrement=False)
    key_check: Mapped[bytes] = mapped_column(BLOB, nullable=False)
    kept_in: Mapped[str] = mapped_column(VARCHAR(20), nullable=False)
    keychain_entry: Mapped[str | None] = mapped_column(VARCHAR(100), nullable=True)
    kdf: Mapped[str | None] = mapped_column(VARCHAR(20), nullable=True)
    kdf_params: Mapped[str | None] = mapped_column(VARCHAR(200), nullable=True)
    kdf_salt: Mapped[bytes | None] = mapped_column(BLOB, nullable=True)
    wrapped_key: Mapped[bytes | None] = mapped_column(BLOB, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, default=utcnow,
                                                 onupdate=utcnow)
