"""Checking an ID token: signature against the provider's JWKS, then iss, aud, exp, nonce.

Claims are checked by authlib's OpenID Connect rules (``CodeIDToken``: also ``azp`` when
there are several audiences, and ``at_hash`` when present); the JWT itself is decoded by
joserfc, authlib's JOSE library. Nothing here trusts a claim before the signature holds.
"""

from __future__ import annotations

import time
from typing import Any

from walletdesk.auth.provider import IdentityProvider
from walletdesk.core.errors import AuthError

LEEWAY_SECONDS = 60

_CLAIM_WORDS = {
    "iss": "was issued by another sign-in service (iss)",
    "aud": "was issued for another application (aud)",
    "nonce": "does not belong to this sign-in attempt (nonce)",
    "azp": "was issued for another application (azp)",
    "at_hash": "does not match its access token (at_hash)",
    "sub": "names no user (sub)",
    "iat": "has an invalid issue time (iat)",
    "nbf": "is not valid yet (nbf)",
}


def verify_id_token(
    token: str,
    provider: IdentityProvider,
    *,
    nonce: str | None,
    access_token: str | None = None,
    now: float | None = None,
) -> dict[str, Any]:
    """The verified claims of ``token``; AuthError naming what failed otherwise.

    ``nonce`` is required on sign-in and None on refresh (a refreshed ID token need not
    repeat it).
    """
    from authlib.oidc.core import CodeIDToken
    from joserfc.errors import ClaimError, ExpiredTokenError, JoseError, MissingClaimError

    decoded = _decode(token, provider)
    config = provider.config
    options: dict[str, Any] = {
        "iss": {"essential": True, "value": provider.metadata().issuer},
        "aud": {"essential": True, "value": config.client_id},
        "sub": {"essential": True},
        "exp": {"essential": True},
    }
    params = {"client_id": config.client_id, "access_token": access_token}
    if nonce is not None:
        options["nonce"] = {"essential": True, "value": nonce}
        params["nonce"] = nonce
    claims = CodeIDToken(decoded.claims, decoded.header, options=options, params=params)
    moment = int(time.time() if now is None else now)
    try:
        claims.validate(now=moment, leeway=LEEWAY_SECONDS)
    except ExpiredTokenError:
        raise _rejected(
            "has expired (exp): if you just signed in, this computer's clock may be ahead; "
            "check its date and time"
        ) from None
    except MissingClaimError as exc:
        raise _rejected(f"lacks the {exc.claim!r} claim") from None
    except ClaimError as exc:
        behind = _clock_behind(decoded.claims, exc.claim, moment)
        if behind is not None:
            raise AuthError(behind) from None
        reason = _CLAIM_WORDS.get(exc.claim, f"has an invalid {exc.claim!r} claim")
        raise _rejected(reason) from None
    except JoseError:
        raise _rejected("is malformed") from None
    return dict(claims)


def _clock_behind(claims: dict[str, Any], claim: str, now: int) -> str | None:
    """The message for a token issued "in the future": this computer's clock is behind."""
    moment = claims.get(claim) if claim in ("iat", "nbf") else None
    if not isinstance(moment, int | float) or moment <= now + LEEWAY_SECONDS:
        return None
    minutes = max(1, round((moment - now) / 60))
    return (
        f"This computer's clock is about {minutes} minute{'s' if minutes > 1 else ''} behind "
        "the sign-in service's, so WalletDesk cannot trust the identity token it sent. Set "
        "the date and time right (turn on automatic time), then sign in again. Nothing was "
        "stored."
    )


def _decode(token: str, provider: IdentityProvider) -> Any:
    from joserfc import jwt
    from joserfc.errors import BadSignatureError, InvalidKeyIdError, JoseError

    algorithms = list(provider.metadata().id_token_algorithms)
    try:
        try:
            return jwt.decode(token, provider.key_set(), algorithms=algorithms)
        except InvalidKeyIdError:  # the provider may have rotated its keys
            return jwt.decode(token, provider.key_set(refresh=True), algorithms=algorithms)
    except (BadSignatureError, InvalidKeyIdError):
        raise _rejected(
            "has a signature that does not verify (it was altered, or not signed by the "
            "configured issuer)"
        ) from None
    except (JoseError, ValueError, TypeError, KeyError):
        raise _rejected("is malformed or uses an unsupported algorithm") from None


def _rejected(reason: str) -> AuthError:
    return AuthError(
        f"WalletDesk rejected the identity token from the sign-in service: it {reason}. "
        "Nothing was stored; try signing in again."
    )
