"""What went wrong talking to the sign-in service, in words for the user.

Every failure of an HTTP call to the provider (network, HTTP status, OAuth error response,
malformed answer) leaves here as an ``AuthError`` that names the step and says what to do.
Text the server sent is shortened and stripped of control characters before it is shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from walletdesk.auth.authlib_compat import http_module
from walletdesk.auth.errors import ProviderUnreachableError
from walletdesk.core.errors import AuthError, SessionExpiredError
from walletdesk.core.text import printable as core_printable

SESSION_EXPIRED = (
    "Your sign-in session has expired or was revoked. Sign in again (`walletdesk login` or "
    "Sign in); your data is kept."
)


def printable(text: object, limit: int = 160) -> str:
    """Server-supplied text made safe to show: printable characters only, shortened."""
    return core_printable(text, limit)


@contextmanager
def provider_errors(
    action: str, issuer: str, *, expired_on_invalid_grant: bool = False
) -> Iterator[None]:
    """Turn the errors of one provider call (``action``: "sign-in", ...) into AuthErrors."""
    from authlib.integrations.base_client import OAuthError

    httpx = http_module()
    try:
        yield
    except OAuthError as exc:
        if expired_on_invalid_grant and exc.error == "invalid_grant":
            raise SessionExpiredError(SESSION_EXPIRED) from None
        detail = printable(exc.error or "error")
        if exc.description:
            detail += f": {printable(exc.description)}"
        raise AuthError(
            f"The sign-in service refused the {action} ({detail}). Nothing was stored; "
            "try again, and if it keeps failing check the issuer and client id in Settings."
        ) from None
    except httpx.TimeoutException:
        raise ProviderUnreachableError(
            f"The sign-in service at {issuer} did not answer in time during the {action}. "
            "Check your internet connection and try again."
        ) from None
    except httpx.TransportError as exc:
        raise ProviderUnreachableError(
            f"Cannot reach the sign-in service at {issuer} ({_reason(exc)}) during the "
            f"{action}. Check your internet connection and the issuer in Settings."
        ) from None
    except httpx.HTTPStatusError as exc:
        raise AuthError(
            f"The sign-in service answered the {action} with HTTP "
            f"{exc.response.status_code}. Nothing was stored; try again later."
        ) from None
    except ValueError:
        raise AuthError(
            f"The sign-in service sent a malformed answer during the {action}. Nothing was "
            "stored; check the issuer in Settings and try again."
        ) from None


def _reason(exc: Exception) -> str:
    if isinstance(exc, http_module().ConnectError):
        return "connection failed"
    return type(exc).__name__
