"""Refreshing the stored session: one process at a time, rotated tokens kept, identity held.

Under the cross-process :func:`~walletdesk.auth.session_lock.session_lock`, the session is
re-read from the keychain (another process may have rotated its token meanwhile), refreshed,
and the rotated token stored before the lock is released. If the provider still answers
``invalid_grant``, the keychain is read once more: when another process (one that shares
the keychain but not this data folder's lock) stored a newer token, that one is tried once.
A refreshed ID token must name the bound subject.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from walletdesk.auth.errors import SIGNED_OUT
from walletdesk.auth.id_token import verify_id_token
from walletdesk.auth.keychain import BoundIdentity, SessionStore, StoredSession
from walletdesk.auth.provider import IdentityProvider
from walletdesk.auth.session_lock import session_lock
from walletdesk.auth.tokens import TokenSet, refresh
from walletdesk.core.errors import AuthError, SessionExpiredError

log = logging.getLogger(__name__)

UNBOUND = (
    "WalletDesk now ties your sign-in to your account on this computer, so please sign in "
    "once more (`walletdesk login` or Sign in); your data is kept."
)
ANOTHER_USER = (
    "The session now names another Clerk user, so WalletDesk signed you out. Sign in again; "
    "your data is kept."
)


def bound(stored: StoredSession | None, issuer: str) -> tuple[StoredSession, BoundIdentity]:
    """``stored`` and its identity; AuthError when signed out, SessionExpiredError when the
    entry is bound to no identity of this issuer (an entry of an older WalletDesk)."""
    if stored is None:
        raise AuthError(SIGNED_OUT)
    if stored.identity is None or stored.identity.issuer != issuer:
        raise SessionExpiredError(UNBOUND)
    return stored, stored.identity


def refresh_session(
    provider: IdentityProvider,
    keychain: SessionStore,
    data_dir: Path,
    *,
    now: Callable[[], float],
) -> tuple[StoredSession, TokenSet]:
    """The renewed stored session and the new tokens. SessionExpiredError when the provider
    rejects the session (the caller forgets it); ProviderUnreachableError when offline."""
    config = provider.config
    with session_lock(data_dir):
        stored, identity = bound(keychain.load(config), config.issuer)
        try:
            tokens = refresh(provider, stored.refresh_token)
        except SessionExpiredError:
            again = keychain.load(config)
            if again is None or again.refresh_token == stored.refresh_token or (
                    again.identity != identity):
                raise
            log.info("the refresh token was rotated by another process; trying the new one")
            stored = again
            tokens = refresh(provider, stored.refresh_token)
        if tokens.id_token is not None:
            claims = verify_id_token(
                tokens.id_token, provider, nonce=None, access_token=tokens.access_token
            )
            if claims["sub"] != identity.subject:
                raise SessionExpiredError(ANOTHER_USER)
        renewed = stored.renewed(tokens.refresh_token, now())
        keychain.save(config, renewed)
        if renewed.refresh_token != stored.refresh_token:
            log.info("session refreshed; stored the rotated refresh token")
    return renewed, tokens
