"""The stored session in the OS keychain (keyring): never in a file or the database.

Service ``walletdesk``; the account name holds the client id and issuer, so two sign-in
configurations (say a development and a production Clerk instance) never share a session.
The entry is a small JSON record: the refresh token, and the identity it is bound to (the
issuer, the provider's subject, the ``users`` row it signs in as, with email and name) and
when the provider last confirmed it. Only this record says who is signed in;
``profile.json`` is a copy for the first paint.

An entry written before identities were bound holds the bare refresh token; it loads as a
session without an identity, which the controller treats as signed out (sign in once more).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from typing import Any

from walletdesk.auth.config import SignInConfig
from walletdesk.core.errors import KeychainUnavailableError
from walletdesk.core.models import User
from walletdesk.logging_setup import SECRETS

SERVICE = "walletdesk"
RECORD_VERSION = 1

_NO_KEYCHAIN = (
    "No OS keychain is available to keep your WalletDesk sign-in. Start your desktop's "
    "keychain (e.g. GNOME Keyring, KWallet, macOS Keychain) and try again."
)


@dataclass(frozen=True, slots=True)
class BoundIdentity:
    issuer: str
    subject: str  # the provider's ``sub``
    user: User  # ``user.id`` is the ``users`` row (see store.users)


@dataclass(frozen=True, slots=True)
class StoredSession:
    refresh_token: str
    identity: BoundIdentity | None  # None: an entry from before identities were bound
    checked_at: float = 0.0  # when the provider last accepted the refresh token (epoch s)

    def __repr__(self) -> str:  # the refresh token is a secret
        return f"StoredSession(identity={self.identity!r}, checked_at={self.checked_at:.0f})"

    def renewed(self, refresh_token: str | None, checked_at: float) -> StoredSession:
        return replace(self, refresh_token=refresh_token or self.refresh_token,
                       checked_at=checked_at)


def account_name(config: SignInConfig) -> str:
    return f"clerk-refresh-token:{config.client_id}@{config.issuer}"


class SessionStore:
    def load(self, config: SignInConfig) -> StoredSession | None:
        import keyring

        with _keychain_errors():
            value = keyring.get_password(SERVICE, account_name(config))
        if not value:
            return None
        session = _decode(value)
        SECRETS.add(session.refresh_token)
        return session

    def save(self, config: SignInConfig, session: StoredSession) -> None:
        import keyring

        with _keychain_errors():
            keyring.set_password(SERVICE, account_name(config), _encode(session))

    def delete(self, config: SignInConfig) -> None:
        import keyring
        from keyring.errors import PasswordDeleteError

        # Nothing stored means already signed out.
        with _keychain_errors(), suppress(PasswordDeleteError):
            keyring.delete_password(SERVICE, account_name(config))


def _encode(session: StoredSession) -> str:
    record: dict[str, Any] = {"version": RECORD_VERSION, "refresh_token": session.refresh_token,
                              "checked_at": session.checked_at}
    if session.identity is not None:
        identity = session.identity
        record["identity"] = {
            "issuer": identity.issuer, "subject": identity.subject, "user_id": identity.user.id,
            "email": identity.user.email, "name": identity.user.name,
        }
    return json.dumps(record, separators=(",", ":"))


def _decode(value: str) -> StoredSession:
    try:
        record = json.loads(value)
    except ValueError:
        record = None
    if not isinstance(record, dict) or not isinstance(record.get("refresh_token"), str):
        return StoredSession(value, None)  # a bare refresh token from an older WalletDesk
    checked_at = record.get("checked_at")
    return StoredSession(
        record["refresh_token"],
        _identity(record.get("identity")),
        float(checked_at) if isinstance(checked_at, int | float) else 0.0,
    )


def _identity(data: object) -> BoundIdentity | None:
    if not isinstance(data, dict):
        return None
    fields = [data.get(key) for key in ("issuer", "subject", "user_id", "email")]
    name = data.get("name")
    if not all(isinstance(value, str) and value for value in fields):
        return None
    issuer, subject, user_id, email = (str(value) for value in fields)
    return BoundIdentity(issuer, subject,
                         User(user_id, email, name if isinstance(name, str) else None))


@contextmanager
def _keychain_errors() -> Iterator[None]:
    from keyring.errors import KeyringError, KeyringLocked, NoKeyringError

    try:
        yield
    except NoKeyringError as exc:
        raise KeychainUnavailableError(_NO_KEYCHAIN) from exc
    except KeyringLocked as exc:
        raise KeychainUnavailableError(
            "The OS keychain is locked: unlock it (log in to your desktop session) and try "
            "again."
        ) from exc
    except KeyringError as exc:
        raise KeychainUnavailableError(
            f"The OS keychain failed ({type(exc).__name__}). " + _NO_KEYCHAIN
        ) from exc
