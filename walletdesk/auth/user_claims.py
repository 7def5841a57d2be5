"""The user a verified sign-in names: id = the provider's ``sub`` (``store.users`` turns the
(issuer, sub) pair into a ``users.id``), email and name from the ID token or, when it lacks
them, from the userinfo endpoint (whose ``sub`` must match)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from walletdesk.auth.provider import IdentityProvider
from walletdesk.auth.tokens import TokenSet, userinfo
from walletdesk.core.errors import AuthError
from walletdesk.core.models import User

MAX_SUBJECT = 255  # OpenID Connect Core §2; users.id is derived when sub does not fit
MAX_EMAIL = 100
MAX_NAME = 100


def user_from_claims(
    claims: Mapping[str, Any], provider: IdentityProvider, tokens: TokenSet
) -> User:
    subject = claims["sub"]
    if not isinstance(subject, str) or not subject or len(subject) > MAX_SUBJECT:
        raise AuthError("The sign-in service named a user id WalletDesk cannot store. "
                        "Nothing was stored.")
    merged: dict[str, Any] = dict(claims)
    if not _text(merged.get("email")) or not _name(merged):
        extra = userinfo(provider, tokens)
        if extra and extra.get("sub") != subject:
            raise AuthError("The sign-in service's profile belongs to another user (sub). "
                            "Nothing was stored; try signing in again.")
        merged = {**extra, **{k: v for k, v in merged.items() if v}}
    email = _text(merged.get("email"))
    if not email:
        raise AuthError("Your Clerk account has no email address, which WalletDesk needs. "
                        "Add one in your Clerk account, then sign in again.")
    if len(email) > MAX_EMAIL:
        raise AuthError(f"Your email address is longer than {MAX_EMAIL} characters, which "
                        "WalletDesk cannot store. Nothing was stored.")
    name = _name(merged)
    return User(id=subject, email=email, name=name[:MAX_NAME] if name else None)


def _name(claims: Mapping[str, Any]) -> str | None:
    full = _text(claims.get("name"))
    if full:
        return full
    parts = [_text(claims.get(key)) for key in ("given_name", "family_name")]
    return " ".join(p for p in parts if p) or None


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
