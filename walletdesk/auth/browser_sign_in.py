"""Sign-in through the system browser: authorization code + PKCE, loopback redirect.

Steps: the listener on the redirect URI's port (a taken port fails at once); discovery and
signing keys (an unreachable issuer fails before any browser opens); the authorization URL
handed to ``on_url`` and opened with ``open_browser`` on its own thread (a console browser
may block); the answer checked (state, error, iss); the code exchanged; the ID token
verified; the user read. Only then ``commit`` stores the session, and only then does the
browser hear "You are signed in". Any failure ends the attempt with an AuthError and
nothing committed. When no answer comes for a while, ``on_hint`` hears what to check.

``prompt``: in the configuration's ``"auto"`` mode the first request sends none (Clerk
needs none). A provider that follows OpenID Connect Core §11 strictly then grants no
refresh token; the browser is sent on at once (a redirect from the listener, same tab) to
a second request with ``prompt=consent``, and that answer is used.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from walletdesk.auth.authorization import AuthorizationRequest
from walletdesk.auth.config import PROMPT_AUTO
from walletdesk.auth.id_token import verify_id_token
from walletdesk.auth.loopback import LoopbackListener
from walletdesk.auth.provider import IdentityProvider
from walletdesk.auth.redirect import redirect_target
from walletdesk.auth.tokens import TokenSet, exchange_code
from walletdesk.auth.user_claims import user_from_claims
from walletdesk.core.errors import AuthError, CancelledError, WalletDeskError
from walletdesk.core.models import User

log = logging.getLogger(__name__)

CONSENT = "consent"
NO_ANSWER_HINT_SECONDS = 45.0


@dataclass(frozen=True, slots=True)
class SignInResult:
    user: User
    tokens: TokenSet
    refresh_token: str


class _ConsentNeededError(Exception):
    """The provider granted no refresh token without ``prompt=consent``."""


def sign_in_with_browser(
    provider: IdentityProvider,
    *,
    open_browser: Callable[[str], object],
    timeout: float,
    cancel: threading.Event | None,
    on_url: Callable[[str], None] | None,
    on_hint: Callable[[str], None] | None = None,
    commit: Callable[[SignInResult], None],
) -> SignInResult:
    config = provider.config
    with LoopbackListener(redirect_target(config.redirect_uri)) as listener:
        provider.metadata()
        provider.key_set()
        auto = config.prompt == PROMPT_AUTO
        request = AuthorizationRequest(listener.redirect_uri, None if auto else config.prompt)
        url = request.url(provider)
        if on_url is not None:
            on_url(url)
        _open_in_background(open_browser, url)
        while True:
            answer = listener.wait_for_answer(
                timeout=timeout, cancel=cancel, hint_after=NO_ANSWER_HINT_SECONDS,
                on_hint=on_hint,
            )
            try:
                try:
                    result: SignInResult | None = _finish(
                        provider, request, answer, cancel, consent_next=auto)
                except _ConsentNeededError:
                    result = None
                if listener.intrusion:
                    raise AuthError(listener.intrusion)
                if result is not None:
                    commit(result)
            except WalletDeskError as exc:
                listener.reply(ok=False, message=str(exc))
                raise
            if result is None:
                log.info("no refresh token without prompt=consent; asking once more with it")
                auto = False
                request = AuthorizationRequest(listener.redirect_uri, CONSENT)
                listener.redirect(request.url(provider))
                continue
            listener.reply(ok=True)
            return result


def _finish(
    provider: IdentityProvider,
    request: AuthorizationRequest,
    answer: dict[str, str],
    cancel: threading.Event | None,
    *,
    consent_next: bool,
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
        if consent_next:
            raise _ConsentNeededError
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
