"""The ``users`` table: the profiles that own credentials and wallets; and which sign-in
service's user each signed-in profile is (``user_identities``)."""

from __future__ import annotations

import base64
import hashlib

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from walletdesk.core.errors import ValidationError
from walletdesk.core.models import LOCAL_USER, User
from walletdesk.store.database import Database
from walletdesk.store.identity_schema import UserIdentityRow
from walletdesk.store.schema import UserRow

MAX_USER_ID = 50  # users.id is VARCHAR(50)
DERIVED_PREFIX = "idp_"


class UserRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def ensure(self, user: User) -> User:
        """Store ``user``: insert it, or bring its email and name up to date.

        Writes only when something changed, so a command that only reads never takes the
        write lock (and works on a read-only database)."""
        if self.get(user.id) == user:
            return user
        try:
            with self._db.transaction() as session:
                return _user(_upsert(session, user))
        except IntegrityError as exc:  # idx_user_email: the email belongs to another profile
            raise _email_taken(user) from exc

    def sign_in(self, issuer: str, profile: User) -> User:
        """The profile that ``issuer``'s user ``profile.id`` (their ``sub``) signs in as,
        created or brought up to date; its ``id`` is that profile's ``users.id``.

        The first sign-in of an (issuer, subject) pair takes ``users.id`` = subject when no
        profile has that id yet, or when a profile from before identities were recorded
        has it and no identity owns it (so its owner keeps their data). Otherwise (another
        issuer owns it, or it is the local profile's) the id is derived from the pair.
        """
        subject = profile.id
        try:
            with self._db.transaction() as session:
                identity = session.get(UserIdentityRow, (issuer, subject))
                user_id = (identity.user_id if identity is not None
                           else _new_user_id(session, issuer, subject))
                row = _upsert(session, User(user_id, profile.email, profile.name))
                if identity is None:  # after its users row: the foreign key needs it
                    session.add(UserIdentityRow(issuer=issuer, subject=subject, user_id=user_id))
                    session.flush()
                return _user(row)
        except IntegrityError as exc:
            raise _email_taken(profile) from exc

    def get(self, user_id: str) -> User | None:
        with self._db.read() as session:
            row = session.get(UserRow, user_id)
            return None if row is None else _user(row)


def derived_user_id(issuer: str, subject: str) -> str:
    """A ``users.id`` for (issuer, subject) that no other pair gets (SHA-256, 200 bits)."""
    digest = hashlib.sha256(f"{issuer}\n{subject}".encode()).digest()[:25]
    return DERIVED_PREFIX + base64.b32encode(digest).decode().lower()


def _new_user_id(session: Session, issuer: str, subject: str) -> str:
    if subject == LOCAL_USER.id or len(subject) > MAX_USER_ID:
        return derived_user_id(issuer, subject)
    owned = session.scalar(select(UserIdentityRow.issuer).where(UserIdentityRow.user_id == subject))
    return subject if owned is None else derived_user_id(issuer, subject)


def _upsert(session: Session, user: User) -> UserRow:
    row = session.get(UserRow, user.id)
    if row is None:
        row = UserRow(id=user.id, email=user.email, name=user.name)
        session.add(row)
    else:
        row.email, row.name = user.email, user.name
    session.flush()
    return row


def _email_taken(user: User) -> ValidationError:
    return ValidationError(
        "email", f"Another profile already uses the email {user.email}: sign in with "
        "that profile, or change the email of one of them."
    )


def _user(row: UserRow) -> User:
    return User(id=row.id, email=row.email, name=row.name)
