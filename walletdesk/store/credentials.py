"""The ``api_credentials`` table, scoped to one user: keys without their secrets.

Secrets are stored and returned as the vault's ciphertext; this module never sees a
plaintext secret and never puts a stored secret into a message.
"""

from __future__ import annotations

import builtins
import enum
from collections.abc import Callable
from typing import Any, Final

from sqlalchemy import ColumnElement, Select, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from walletdesk.core.errors import DuplicateCredentialError, NotFoundError, WalletDeskError
from walletdesk.core.models import Credential
from walletdesk.core.validation import clean_label
from walletdesk.store.database import Database
from walletdesk.store.history import close_wallet
from walletdesk.store.key_removal import subtract_key
from walletdesk.store.schema import CredentialRow, WalletRow
from walletdesk.store.types import utcnow


class _Unset(enum.Enum):
    UNSET = enum.auto()


UNSET: Final = _Unset.UNSET
"""``update(label=UNSET)`` keeps the label; ``label=None`` removes it."""

_KEY_SHOWN = 6
_SQLITE_CONSTRAINT_FOREIGNKEY = 787


class CredentialRepository:
    def __init__(self, db: Database, user_id: str, *,
                 display_name: Callable[[str], str] = str) -> None:
        """``display_name``: an exchange's name for messages, given by the layer that knows
        the exchanges (the stored canonical name if not)."""
        self._db = db
        self._user_id = user_id
        self._display_name = display_name

    def list(self) -> builtins.list[Credential]:
        """The user's keys, ordered by exchange, label (unlabelled first), creation."""
        with self._db.read() as session:
            return [_credential(row) for row in session.scalars(self._select())]

    def get(self, credential_id: str) -> Credential:
        with self._db.read() as session:
            return _credential(self._row(session, credential_id))

    def add(self, *, credential_id: str, exchange: str, api_key: str, label: str | None,
            api_secret: bytes) -> Credential:
        label = clean_label(label)
        try:
            with self._db.transaction() as session:
                self._refuse_duplicate(session, exchange, label)
                row = CredentialRow(id=credential_id, user_id=self._user_id, exchange=exchange,
                                    api_key=api_key, label=label, api_secret=api_secret)
                session.add(row)
                session.flush()
                return _credential(row)
        except IntegrityError as exc:
            raise self._conflict(exc, (exchange, label)) from exc

    def update(self, credential_id: str, *, api_key: str | None = None,
               label: str | _Unset | None = UNSET,
               api_secret: bytes | None = None) -> Credential:
        """Change what is given; the label is kept unless ``label`` is passed (None clears it)."""
        new_label = label if isinstance(label, _Unset) else clean_label(label)
        target: tuple[str, str | None] | None = None
        try:
            with self._db.transaction() as session:
                row = self._row(session, credential_id)
                if not isinstance(new_label, _Unset) and new_label != row.label:
                    target = (row.exchange, new_label)
                    self._refuse_duplicate(session, *target)
                    row.label = new_label
                if api_key is not None:
                    row.api_key = api_key
                if api_secret is not None:
                    row.api_secret = api_secret
                session.flush()
                return _credential(row)
        except IntegrityError as exc:
            raise self._conflict(exc, target) from exc

    def remove(self, credential_id: str) -> None:
        """Delete the key. If its exchange has other keys, its parts leave the shared wallet
        (``store.key_removal``); otherwise the wallet goes (balances cascade) and its history
        stays, closed by a snapshot worth 0 (``store.history``).
        """
        with self._db.transaction() as session:
            row = self._row(session, credential_id)
            kept = subtract_key(session, self._user_id, row)
            session.delete(row)
            if kept:
                return
            removed = session.execute(delete(WalletRow).where(
                WalletRow.user_id == self._user_id, WalletRow.exchange == row.exchange))
            if removed.rowcount:  # type: ignore[attr-defined]
                close_wallet(session, self._user_id, row.exchange, utcnow())

    def secrets(self, exchange: str | None = None) -> builtins.list[tuple[Credential, bytes]]:
        """The keys (of one exchange, or all) with their encrypted secrets, in ``list`` order."""
        query = self._select() if exchange is None else self._select(
            CredentialRow.exchange == exchange)
        with self._db.read() as session:
            return [(_credential(row), row.api_secret) for row in session.scalars(query)]

    def secret(self, credential_id: str) -> bytes:
        with self._db.read() as session:
            return self._row(session, credential_id).api_secret

    # --- helpers ---------------------------------------------------------------------

    def _select(self, *conditions: ColumnElement[bool]) -> Select[Any]:
        return (select(CredentialRow)
                .where(CredentialRow.user_id == self._user_id, *conditions)
                .order_by(CredentialRow.exchange, CredentialRow.label,
                          CredentialRow.created_at, CredentialRow.id))

    def _row(self, session: Session, credential_id: str) -> CredentialRow:
        row: CredentialRow | None = session.scalars(
            self._select(CredentialRow.id == credential_id)).first()
        if row is None:
            raise NotFoundError(
                "That API key is not saved (it may have been removed): reload the list of keys."
            )
        return row

    def _find(self, session: Session, exchange: str, label: str | None) -> CredentialRow | None:
        # NULL labels never collide in a unique index, so "unlabelled" is checked here.
        same_label = (CredentialRow.label.is_(None) if label is None
                      else CredentialRow.label == label)
        return session.scalars(self._select(CredentialRow.exchange == exchange, same_label)).first()

    def _refuse_duplicate(self, session: Session, exchange: str, label: str | None) -> None:
        existing = self._find(session, exchange, label)
        if existing is not None:
            raise _duplicate(existing, self._display_name(existing.exchange))

    def _conflict(self, error: IntegrityError,
                  target: tuple[str, str | None] | None) -> WalletDeskError:
        """Words for a constraint the checks above did not see coming (a bug or a race)."""
        if getattr(error.orig, "sqlite_errorcode", None) == _SQLITE_CONSTRAINT_FOREIGNKEY:
            return NotFoundError(
                "Your profile is not saved in this database: sign out, sign in again, then retry."
            )
        if target is not None:
            with self._db.read() as session:
                existing = self._find(session, *target)
            if existing is not None:
                return _duplicate(existing, self._display_name(existing.exchange))
        return DuplicateCredentialError(
            "label", "This API key is saved already: reload the list of keys.")


def _duplicate(existing: CredentialRow, exchange: str) -> DuplicateCredentialError:
    key = existing.api_key[:_KEY_SHOWN] + ("…" if len(existing.api_key) > _KEY_SHOWN else "")
    if existing.label is None:
        which, advice = f"An unlabelled {exchange} key", "give this one a label"
    else:
        which = f"A {exchange} key labelled “{existing.label}”"
        advice = "give this one a different label"
    return DuplicateCredentialError(
        "label", f"{which} is saved already (API key {key}): {advice}, or edit that key instead."
    )


def _credential(row: CredentialRow) -> Credential:
    return Credential(id=row.id, user_id=row.user_id, exchange=row.exchange,
                      api_key=row.api_key, label=row.label, created_at=row.created_at,
                      updated_at=row.updated_at)
