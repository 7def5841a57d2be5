"""Sign-in through the system browser: authorization code + PKCE, loopback redirect.

Steps: discovery and signing keys (an unreachable issuer fails before any browser opens);
a one-shot listener on 127.0.0.1; the authorization URL handed to ``on_url`` and opened
with ``open_browser`` on its own thread (a console browser may block); the answer checked
(state, error, iss); the code exchanged; the ID token verified; the user read. Only then
``commit`` stores the session, and only then does the browser hear "You are signed in".
Any failure ends the attempt with an AuthError and nothing committed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from walletdesk.auth.authorization import AuthorizationRequest
from walletdesk.auth.id_token import verify_id_token
from walletdesk.auth.loopback import LoopbackListener
from walletdesk.auth.provider import IdentityProvider
from walletdesk.auth.tokens import TokenSet, exchange_code
from walletdesk.auth.user_claims import user_from_claims
from walletdesk.core.errors import AuthError, CancelledError, WalletDeskError
from walletdesk.core.models import User

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SignInResult:
    user: User
    tokens: TokenSet
    refresh_token: str


def sign_in_with_browser(
    provider: IdentityProvider,
    *,
    open_browser: Callable[[str], object],
    timeout: float,
    cancel: threading.Event | None,
    on_url: Callable[[str], None] | None,
    commit: Callable[[SignInResult], None],
) -> SignInResult:
    provider.metadata()
    provider.key_set()
    with LoopbackListener() as listener:
        request = AuthorizationRequest(listener.redirect_uri)
        url = request.url(provider)
        if on_url is not None:
            on_url(url)
        _open_in_background(open_browser, url)
        answer = listener.wait_for_answer(timeout=timeout, cancel=cancel)
        try:
            result = _finish(provider, request, answer, cancel)
            if listener.intrusion:
                raise AuthError(listener.intrusion)
            commit(result)
        except WalletDeskError as exc:
            listener.reply(ok=False, message=str(exc))
            raise
        listener.reply(ok=True)
    return result


def _finish(
    provider: IdentityProvider,
    request: AuthorizationRequest,
    answer: dict[str, str],
    cancel: threading.Event | None,
) -> SignInResult:
    code = request.code_from(answer, provider)
    if cancel is not None and cancel.is_set():
        raise CancelledError("Sign-in was cancelled; nothing was stored.")
    tokens = exchange_code(provider, request, code)
    if tokens.id_token is None:
        raise AuthError("The sign-in service sent no ID token. Check that the OAuth application "
                        "allows the openid scope. Nothing was stored.")
    claims = verify_id_token(
        tokens.id_token, provider, nonce=request.nonce, access_token=tokens.access_token
    )
    if tokens.refresh_token is None:
        raise AuthError(
            "The sign-in service did not grant a lasting session (no refresh token), so "
            "WalletDesk could not keep you signed in. Check that the OAuth application allows "
            "the offline_access scope. Nothing was stored."
        )
    user = user_from_claims(claims, provider, tokens)
    return SignInResult(user, tokens, tokens.refresh_token)


def _open_in_background(open_browser: Callable[[str], object], url: str) -> None:
    def run() -> None:
        try:
            if open_browser(url) is False:
                log.info("no browser could be opened; the user has the sign-in link")
        except Exception:
            log.exception("opening the browser failed; the user has the sign-in link")

    threading.Thread(target=run, name="walletdesk-open-browser", daemon=True).start()
