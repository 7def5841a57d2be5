"""The ``users`` table: the profiles that own credentials and wallets."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from walletdesk.core.errors import ValidationError
from walletdesk.core.models import User
from walletdesk.store.database import Database
from walletdesk.store.schema import UserRow


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
                row = session.get(UserRow, user.id)
                if row is None:
                    row = UserRow(id=user.id, email=user.email, name=user.name)
                    session.add(row)
                else:
                    row.email, row.name = user.email, user.name
                session.flush()
                return _user(row)
        except IntegrityError as exc:  # idx_user_email: the email belongs to another profile
            raise ValidationError(
                "email", f"Another profile already uses the email {user.email}: sign in with "
                "that profile, or change the email of one of them."
            ) from exc

    def get(self, user_id: str) -> User | None:
        with self._db.read() as session:
            row = session.get(UserRow, user_id)
            return None if row is None else _user(row)


def _user(row: UserRow) -> User:
    return User(id=row.id, email=row.email, name=row.name)
