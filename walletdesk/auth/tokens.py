"""Token endpoint calls: exchange a code, refresh, revoke; and the userinfo call.

All go through authlib's httpx ``OAuth2Client`` as a public client (``client_id`` in the
body, no secret). Each token value is registered with the log filter so that it can never
reach the log file, even by accident.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from walletdesk.auth.authorization import AuthorizationRequest
from walletdesk.auth.provider import IdentityProvider
from walletdesk.auth.provider_errors import provider_errors
from walletdesk.core.errors import AuthError
from walletdesk.logging_setup import SECRETS

DEFAULT_ACCESS_LIFETIME = 300.0


@dataclass(frozen=True, slots=True)
class TokenSet:
    access_token: str
    expires_at: float
    refresh_token: str | None
    id_token: str | None

    def __repr__(self) -> str:
        return f"TokenSet(expires_at={self.expires_at:.0f})"


def exchange_code(
    provider: IdentityProvider, request: AuthorizationRequest, code: str
) -> TokenSet:
    """Authorization code + PKCE verifier → tokens (same redirect_uri as the authorize call)."""
    with provider_errors("sign-in", provider.config.issuer), provider.client(
        request.redirect_uri
    ) as client:
        response = client.fetch_token(
            provider.metadata().token_endpoint,
            grant_type="authorization_code",
            code=code,
            code_verifier=request.code_verifier,
        )
    return _token_set(response, "sign-in")


def refresh(provider: IdentityProvider, refresh_token: str) -> TokenSet:
    """A new access token; SessionExpiredError when the refresh token is no longer valid."""
    with provider_errors(
        "session refresh", provider.config.issuer, expired_on_invalid_grant=True
    ), provider.client() as client:
        response = client.refresh_token(
            provider.metadata().token_endpoint, refresh_token=refresh_token
        )
    return _token_set(response, "session refresh")


def revoke(provider: IdentityProvider, refresh_token: str) -> bool:
    """Revoke at the provider's revocation endpoint; False when discovery lists none."""
    endpoint = provider.metadata().revocation_endpoint
    if endpoint is None:
        return False
    with provider_errors("sign-out", provider.config.issuer), provider.client() as client:
        response = client.revoke_token(
            endpoint, token=refresh_token, token_type_hint="refresh_token"  # noqa: S106
        )
        response.raise_for_status()
    return True


def userinfo(provider: IdentityProvider, tokens: TokenSet) -> dict[str, Any]:
    endpoint = provider.metadata().userinfo_endpoint
    if endpoint is None:
        return {}
    with provider_errors("profile download", provider.config.issuer), provider.client() as client:
        response = client.request(
            "GET", endpoint, withhold_token=True,
            headers={"Authorization": f"Bearer {tokens.access_token}"},
        )
        response.raise_for_status()
        claims = response.json()
    if not isinstance(claims, dict):
        raise AuthError("The sign-in service sent a malformed profile. Try signing in again.")
    return claims


def _token_set(response: Any, action: str) -> TokenSet:
    access = response.get("access_token")
    token_type = str(response.get("token_type", "Bearer"))
    if not isinstance(access, str) or not access or token_type.lower() != "bearer":
        raise AuthError(
            f"The sign-in service sent no usable access token during the {action}. Nothing "
            "was stored; try again."
        )
    refresh_token = response.get("refresh_token")
    id_token = response.get("id_token")
    for secret in (access, refresh_token, id_token):
        if isinstance(secret, str):
            SECRETS.add(secret)
    lifetime = _seconds(response.get("expires_in"))
    return TokenSet(
        access_token=access,
        expires_at=time.time() + lifetime,
        refresh_token=refresh_token if isinstance(refresh_token, str) and refresh_token else None,
        id_token=id_token if isinstance(id_token, str) and id_token else None,
    )


def _seconds(expires_in: object) -> float:
    """``expires_in`` as seconds (some servers send a numeric string); a default if absent."""
    try:
        seconds = float(expires_in)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DEFAULT_ACCESS_LIFETIME
    return seconds if 0 < seconds < 10**9 else DEFAULT_ACCESS_LIFETIME
