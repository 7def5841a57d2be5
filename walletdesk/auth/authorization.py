"""One authorization request (state, nonce, PKCE verifier) and the check of its answer.

The answer is the query of the browser's request to the loopback listener. It is
accepted only when its ``state`` matches this request's, it carries no ``error``, and (when
the provider says it sends one, RFC 9207) its ``iss`` is the configured issuer.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

from walletdesk.auth.errors import SignInRetryError
from walletdesk.auth.provider import SCOPES, IdentityProvider
from walletdesk.auth.provider_errors import printable
from walletdesk.core.errors import AuthError

CLERK_QUIRK_ERROR = "unsupported_response_type"

RETRY_MESSAGE = (
    "Clerk could not finish the sign-in on the first try (this happens when the browser "
    "was not signed in to Clerk yet). Nothing was stored: try again."
)
STATE_MESSAGE = (
    "The answer that reached WalletDesk does not belong to this sign-in attempt (its state "
    "is {what}), so it was ignored. Nothing was stored; try signing in again."
)


@dataclass(frozen=True, slots=True)
class AuthorizationRequest:
    redirect_uri: str
    prompt: str | None = None
    state: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    nonce: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    code_verifier: str = field(default_factory=lambda: secrets.token_urlsafe(64))

    def __repr__(self) -> str:  # the verifier and nonce are secrets of this attempt
        return f"AuthorizationRequest(redirect_uri={self.redirect_uri!r}, prompt={self.prompt!r})"

    def url(self, provider: IdentityProvider) -> str:
        """The authorization URL to open in the browser (PKCE S256, state, nonce)."""
        extra = {"nonce": self.nonce, "scope": SCOPES}
        if self.prompt:
            extra["prompt"] = self.prompt
        with provider.client(self.redirect_uri) as client:
            url, _ = client.create_authorization_url(
                provider.metadata().authorization_endpoint,
                state=self.state,
                code_verifier=self.code_verifier,
                **extra,
            )
        return str(url)

    def code_from(self, answer: Mapping[str, str], provider: IdentityProvider) -> str:
        """The authorization code in the browser's ``answer``; AuthError otherwise."""
        error, state = answer.get("error"), answer.get("state", "")
        if error == CLERK_QUIRK_ERROR and not state:
            raise SignInRetryError(RETRY_MESSAGE)
        if not state:
            raise AuthError(STATE_MESSAGE.format(what="missing"))
        if not hmac.compare_digest(state.encode(), self.state.encode()):
            raise AuthError(STATE_MESSAGE.format(what="wrong"))
        if error:
            detail = printable(error, 60)
            if answer.get("error_description"):
                detail += f": {printable(answer['error_description'])}"
            raise AuthError(
                f"The sign-in did not complete ({detail}). Nothing was stored; try again."
            )
        metadata = provider.metadata()
        if metadata.iss_parameter_supported and answer.get("iss") != metadata.issuer:
            raise AuthError(
                "The answer that reached WalletDesk came from another sign-in service (iss), "
                "so it was ignored. Nothing was stored; try signing in again."
            )
        code = answer.get("code")
        if not code:
            raise AuthError(
                "The answer that reached WalletDesk has no authorization code. Nothing was "
                "stored; try signing in again."
            )
        return code
