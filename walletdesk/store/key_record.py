"""Reading and writing the ``master_key`` row, and re-sealing every secret in one transaction.

This module moves ciphertext and check values only; it never sees a key or a plaintext.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from walletdesk.store.database import Database
from walletdesk.store.key_schema import MasterKeyRow
from walletdesk.store.schema import CredentialRow

_ROW_ID = 1


@dataclass(frozen=True, slots=True)
class KeyRecord:
    key_check: bytes
    kept_in: str  # "keychain", "password" or "variable"
    keychain_entry: str | None = None
    kdf: str | None = None
    kdf_params: str | None = None
    kdf_salt: bytes | None = None
    wrapped_key: bytes | None = None


@dataclass(frozen=True, slots=True)
class SealedSecret:
    credential_id: str
    user_id: str
    blob: bytes


Reseal = Callable[[SealedSecret], bytes]


class KeyRecords:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self) -> KeyRecord | None:
        with self._db.read() as session:
            row = session.get(MasterKeyRow, _ROW_ID)
            return None if row is None else _record(row)

    def any_secret(self) -> SealedSecret | None:
        """One stored secret of any user: proof that a key exists, and a way to test one."""
        with self._db.read() as session:
            row = session.scalars(select(CredentialRow).limit(1)).first()
            return None if row is None else SealedSecret(row.id, row.user_id, row.api_secret)

    def count_secrets(self) -> int:
        with self._db.read() as session:
            return len(session.scalars(select(CredentialRow.id)).all())

    def put(self, record: KeyRecord) -> None:
        with self._db.transaction() as session:
            _store(session, record)

    def reseal_all(self, reseal: Reseal, record: KeyRecord) -> int:
        """Replace every user's secrets with ``reseal(secret)`` and store ``record``, all in
        one transaction: either every secret is under the new key, or none is."""
        with self._db.transaction() as session:
            rows = session.scalars(select(CredentialRow)).all()
            for row in rows:
                row.api_secret = reseal(SealedSecret(row.id, row.user_id, row.api_secret))
            _store(session, record)
            return len(rows)


def _store(session: Session, record: KeyRecord) -> None:
    row = session.get(MasterKeyRow, _ROW_ID) or MasterKeyRow(id=_ROW_ID)
    row.key_check, row.kept_in, row.keychain_entry = (
        record.key_check, record.kept_in, record.keychain_entry)
    row.kdf, row.kdf_params, row.kdf_salt, row.wrapped_key = (
        record.kdf, record.kdf_params, record.kdf_salt, record.wrapped_key)
    session.add(row)


def _record(row: MasterKeyRow) -> KeyRecord:
    return KeyRecord(row.key_check, row.kept_in, row.keychain_entry, row.kdf, row.kdf_params,
                     row.kdf_salt, row.wrapped_key)
