"""Sign-in errors a front end treats specially (all are ``AuthError``: nothing was stored)."""

from __future__ import annotations

from walletdesk.core.errors import AuthError

SIGNED_OUT = ("You are signed out. Run `walletdesk login` to sign in, or `walletdesk login "
              "--local` to use this computer's local profile without signing in.")


class SignInRetryError(AuthError):
    """A known transient failure of the provider: the front end should offer "Try again".

    Clerk's sign-in detour can come back with ``error=unsupported_response_type`` and an
    empty ``state`` when the browser had no Clerk session yet; a second attempt works.
    """

    retryable = True


class SignInTimeoutError(AuthError):
    """The browser did not come back to WalletDesk in time."""


class ProviderUnreachableError(AuthError):
    """The sign-in service could not be reached (offline, wrong issuer, server down)."""


class RedirectPortError(AuthError):
    """The redirect URI's port cannot be listened on (another program holds it)."""
