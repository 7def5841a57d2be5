"""Sign-in use cases: who is signed in, sign in through the browser, sign out, the session.

No Qt here: the GUI runs these calls on a worker thread, the CLI on its main thread.

API
---
``SessionController(paths, database)`` — ``database`` is a zero-argument callable that
returns the open :class:`~walletdesk.store.database.Database` (opened only when needed).

Configuration
    ``config() -> SignInConfig | None`` and ``is_configured() -> bool`` (environment
    first, else ``DIR/settings.json``); ``save_config(issuer, client_id, redirect_uri="")`` and
    ``clear_config()`` for the Settings dialog (ValidationError with ``field``).

Who
    ``current_user() -> User``: LOCAL_USER when sign-in is not set up or the local profile
    was chosen; the signed-in user otherwise (offline and fast after the first call);
    AuthError "You are signed out..." when configured and there is no session.
    ``whoami() -> User | None``: like ``current_user`` but None for the local profile.
    ``local_profile_chosen() -> bool``.

Continue without signing in
    ``use_local_profile() -> User`` (LOCAL_USER): for when the sign-in service is offline or
    misconfigured, or the person just does not want an account. Remembered in
    ``DIR/profile.json`` (so the next start, and the CLI, use the local profile too) until a
    ``login`` replaces it. The local profile is its own ``users`` row: its keys and balances
    never mix with a signed-in user's. AuthError when someone is signed in (sign out first).

Sign in / out
    ``login(open_browser=webbrowser.open, *, timeout=300, cancel=None, on_url=None,
    on_hint=None) -> User`` blocks the calling thread until the browser's answer is
    processed (run it on a worker). ``on_url(url)`` is called once, on that thread, with the
    authorization URL before the browser opens (show it as a fallback link);
    ``open_browser(url)`` runs on a thread of its own; ``on_hint(text)`` is called once, on
    the calling thread, when no answer has come for a while (what to check: the registered
    redirect URI). A redirect port held by another program raises RedirectPortError at
    once. Setting ``cancel`` stops waiting (CancelledError); after
    ``timeout`` seconds it raises SignInTimeoutError; SignInRetryError (``retryable =
    True``) is Clerk's known ``unsupported_response_type`` quirk: offer "Try again". One
    login at a time (a second one raises AuthError). Every failure raises a
    WalletDeskError (AuthError, CancelledError; KeychainUnavailableError or StorageError
    when storing fails) and leaves no session behind. On success the refresh token is in
    the OS keychain, the profile in ``DIR/profile.json``, the ``users`` row exists, and the
    browser tab says so; another user's session that it replaces is revoked (best effort).
    ``logout() -> SignOutResult`` revokes the refresh token when discovery lists a
    revocation endpoint and always forgets the session locally; ``result.message`` says
    what happened (``result.warning`` when revocation failed). Data is never deleted.

Session
    ``check() -> User``: refresh now to prove the session is alive (one refresh at a time;
    a rotated refresh token is stored at once). It raises SessionExpiredError (after
    forgetting the dead session; data kept) when the provider rejects it, and
    ProviderUnreachableError when offline (the session is then kept).
    ``check_session() -> SessionState``: the window's start-up question (configured? who? a
    note to show), answered without raising for a signed-out, expired or offline session.

All methods are thread-safe.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import webbrowser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from walletdesk.auth.config import SETUP_HINT, SignInConfig, clear_config, load_config, save_config
from walletdesk.auth.errors import SIGNED_OUT
from walletdesk.auth.profile_file import (
    StoredProfile,
    choose_local_profile,
    load_stored_profile,
    local_profile_chosen,
    remove_profile,
    save_profile,
)
from walletdesk.controllers.session_state import SessionState
from walletdesk.core.errors import (
    AuthError,
    SessionExpiredError,
    SignInNotConfiguredError,
    StorageError,
)
from walletdesk.core.models import LOCAL_USER, User
from walletdesk.core.text import printable

if TYPE_CHECKING:
    from walletdesk.auth.browser_sign_in import SignInResult
    from walletdesk.auth.keychain import SessionStore, StoredSession
    from walletdesk.auth.provider import IdentityProvider
    from walletdesk.paths import AppPaths
    from walletdesk.store.database import Database

log = logging.getLogger(__name__)

PROFILE_MISMATCH = (
    "The sign-in profile on this computer names another user than your session, so "
    "WalletDesk signed you out to keep each person's data apart. Sign in again; your data "
    "is kept."
)
# How long a provider's "the session holds" counts: a data command after that asks again
# (so a session revoked at Clerk stops working within an hour); offline it works on.
SESSION_CHECK_SECONDS = 3600.0
OFFLINE_RETRY_SECONDS = 300.0
NOT_CONFIGURED = f"Sign-in is not set up: {SETUP_HINT}."
# Clerk lists no revocation endpoint in discovery, and its refresh tokens never expire; only
# the application's owner can revoke one (Backend API: revoke_token).
WHERE_TO_REVOKE = (
    "To end it there, ask whoever runs your Clerk application to revoke WalletDesk's access "
    "for your account (in the Clerk Dashboard, or with Clerk's Backend API)."
)
FORGOTTEN_HERE = (
    "Signed out: WalletDesk forgot the session on this computer. The sign-in service offers "
    "no way for an app to end the session itself, so it stays valid there. " + WHERE_TO_REVOKE
)
ALREADY_SIGNED_IN = ("You are signed in as {email}: sign out first to use the local profile "
                     "instead (your data is kept).")
DEFAULT_LOGIN_TIMEOUT = 300.0

_Key = tuple[str, str]


@dataclass(frozen=True, slots=True)
class SignOutResult:
    was_signed_in: bool
    revoked: bool
    message: str
    warning: bool = False  # signed out here, but the provider was not told


@dataclass(frozen=True, slots=True)
class _SignedIn:
    key: _Key
    user: User
    checked_at: float


class SessionController:
    def __init__(
        self,
        paths: AppPaths,
        database: Callable[[], Database],
        *,
        environ: Mapping[str, str] = os.environ,
        keychain: SessionStore | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._paths = paths
        self._database = database
        self._environ = environ
        self._keychain_override = keychain
        self._clock = clock
        self._lock = threading.Lock()  # guards the cached state below
        self._session_lock = threading.Lock()  # one refresh / commit / sign-out at a time
        self._login_lock = threading.Lock()
        self._signed_in: _SignedIn | None = None
        self._providers: dict[SignInConfig, IdentityProvider] = {}

    # --- configuration -------------------------------------------------------------------

    def config(self) -> SignInConfig | None:
        return load_config(self._paths, self._environ)

    def is_configured(self) -> bool:
        return self.config() is not None

    def save_config(self, issuer: str, client_id: str, redirect_uri: str = "") -> SignInConfig:
        return save_config(self._paths, issuer, client_id, redirect_uri)

    def clear_config(self) -> None:
        clear_config(self._paths)

    # --- who -----------------------------------------------------------------------------

    def current_user(self) -> User:
        if self.local_profile_chosen():
            return LOCAL_USER
        config = self.config()
        if config is None:
            return LOCAL_USER
        key = _key(config)
        with self._lock:
            cached = self._signed_in
        if cached is not None and cached.key == key and not self._due(cached.checked_at):
            return cached.user
        stored = self._bound_session(config)
        if self._due(stored.checked_at):
            stored = self._recheck(config, stored)
        return self._remember(key, stored)

    def whoami(self) -> User | None:
        """The signed-in user; None for the local profile (not set up, or chosen)."""
        user = self.current_user()
        return None if user == LOCAL_USER else user

    def local_profile_chosen(self) -> bool:
        """Sign-in may be set up, but the person chose to continue without signing in."""
        return local_profile_chosen(self._paths.data_dir)

    def use_local_profile(self) -> User:
        """Continue without signing in, now and at every next start, until a sign-in."""
        from walletdesk.auth.session_lock import session_lock

        with self._session_lock, session_lock(self._paths.data_dir):
            signed_in = self._signed_in_user()
            if signed_in is not None:
                raise AuthError(ALREADY_SIGNED_IN.format(email=printable(signed_in.email)))
            try:
                choose_local_profile(self._paths.data_dir)
            except OSError as exc:
                raise StorageError(
                    f"Could not save the choice in {self._paths.data_dir} ({exc.strerror}): "
                    "check that the folder is writable."
                ) from exc
            with self._lock:
                self._signed_in = None
        log.info("continuing with the local profile instead of signing in")
        return LOCAL_USER

    # --- sign in / out -------------------------------------------------------------------

    def login(
        self,
        open_browser: Callable[[str], object] = webbrowser.open,
        *,
        timeout: float = DEFAULT_LOGIN_TIMEOUT,
        cancel: threading.Event | None = None,
        on_url: Callable[[str], None] | None = None,
        on_hint: Callable[[str], None] | None = None,
    ) -> User:
        from walletdesk.auth.browser_sign_in import sign_in_with_browser

        config = self._require_config()
        if not self._login_lock.acquire(blocking=False):
            raise AuthError("A sign-in is already in progress: finish or cancel it first.")
        replaced: list[str] = []
        try:
            result = sign_in_with_browser(
                self._provider(config),
                open_browser=open_browser,
                timeout=timeout,
                cancel=cancel,
                on_url=on_url,
                on_hint=on_hint,
                commit=lambda result: replaced.extend(self._commit(config, result)),
            )
        finally:
            self._login_lock.release()
        log.info("signed in as %s", result.user.id)
        for token in replaced:
            self._revoke_quietly(config, token)
        return result.user

    def logout(self) -> SignOutResult:
        from walletdesk.auth.errors import ProviderUnreachableError
        from walletdesk.auth.tokens import revoke

        config = self.config()
        if config is None:
            return SignOutResult(False, False, "Sign-in is not set up; there is no session to end.")
        with self._session_lock:
            stored = self._keychain().load(config)
            token = stored.refresh_token if stored is not None else None
            was_signed_in = token is not None or self._stored_profile(config) is not None
            revoked, problem = False, None
            if token is not None:
                try:
                    revoked = revoke(self._provider(config), token)
                except ProviderUnreachableError:
                    problem = "it could not be reached"
                except AuthError:
                    problem = "it refused the request"
            self._forget_session(config)
        log.info("signed out (revoked: %s, problem: %s)", revoked, problem)
        if not was_signed_in:
            return SignOutResult(False, False, "You were not signed in.")
        if problem is not None:
            return SignOutResult(
                True, False,
                f"Signed out on this computer, but the sign-in service was not told ({problem}), "
                f"so the session stays valid there. {WHERE_TO_REVOKE}",
                warning=True,
            )
        if not revoked:
            return SignOutResult(True, False, FORGOTTEN_HERE)
        return SignOutResult(True, True, "Signed out.")

    # --- session -------------------------------------------------------------------------

    def check(self) -> User:
        config = None if self.local_profile_chosen() else self.config()
        if config is None:
            return LOCAL_USER
        self._bound_session(config)
        with self._session_lock:
            stored = self._refresh(config)
        return self._remember(_key(config), stored)

    def check_session(self) -> SessionState:
        """Who is signed in, and is the session still alive? Offline keeps the session."""
        try:
            configured = self.is_configured()
        except SignInNotConfiguredError as error:
            if self.local_profile_chosen():
                return SessionState(True, LOCAL_USER)
            return SessionState(True, None, str(error))
        if not configured or self.local_profile_chosen():
            return SessionState(configured, LOCAL_USER)
        try:
            user = self.current_user()
        except AuthError as error:  # signed out, or why the session was just ended
            return SessionState(True, None, None if str(error) == SIGNED_OUT else str(error))
        try:
            return SessionState(True, self.check())
        except SessionExpiredError as error:
            return SessionState(True, None, str(error))
        except AuthError as error:  # offline: keep the session, say so
            return SessionState(True, user, f"Working offline: {error}")

    # --- internals -----------------------------------------------------------------------

    def _signed_in_user(self) -> User | None:
        """Whoever holds a stored session of the configuration in force (None: nobody)."""
        from walletdesk.core.errors import KeychainUnavailableError

        try:
            config = self.config()
        except SignInNotConfiguredError:
            return None
        if config is None:
            return None
        try:
            stored = self._keychain().load(config)
        except KeychainUnavailableError:
            return None  # no keychain, no session
        if stored is None or stored.identity is None:
            return None
        return stored.identity.user

    def _due(self, checked_at: float) -> bool:
        return self._clock() - checked_at >= SESSION_CHECK_SECONDS

    def _bound_session(self, config: SignInConfig) -> StoredSession:
        """The stored session and the identity it is bound to. The profile file is only a
        cache: when it names another user of this configuration, sign out."""
        from walletdesk.auth.session_refresh import bound
        from walletdesk.core.errors import SessionExpiredError

        try:
            stored, identity = bound(self._keychain().load(config), config.issuer)
        except SessionExpiredError:
            self._forget_session(config)
            raise
        profile = load_stored_profile(self._paths.data_dir)
        same_config = profile is not None and (profile.issuer, profile.client_id) == _key(config)
        if same_config and profile is not None and profile.user.id != identity.user.id:
            log.warning("the profile file names another user than the session; signed out")
            self._forget_session(config)
            raise AuthError(PROFILE_MISMATCH)
        if not same_config or profile is None or profile.user != identity.user:
            self._cache_profile(config, identity.user)
        return stored

    def _recheck(self, config: SignInConfig, stored: StoredSession) -> StoredSession:
        """Ask the provider whether the session still holds; offline, keep working."""
        from walletdesk.auth.errors import ProviderUnreachableError

        try:
            with self._session_lock:
                return self._refresh(config)
        except ProviderUnreachableError:
            log.info("the sign-in service is unreachable; working from the bound identity")
            # This process asks again in a few minutes, not on every call; the keychain
            # keeps the last real check, so the next process asks at once.
            retry_at = self._clock() - SESSION_CHECK_SECONDS + OFFLINE_RETRY_SECONDS
            return replace(stored, checked_at=max(stored.checked_at, retry_at))

    def _refresh(self, config: SignInConfig) -> StoredSession:
        """Refresh the stored session; the caller holds ``_session_lock``."""
        from walletdesk.auth.session_refresh import refresh_session
        from walletdesk.core.errors import SessionExpiredError

        try:
            stored, _tokens = refresh_session(
                self._provider(config), self._keychain(), self._paths.data_dir, now=self._clock
            )
        except SessionExpiredError:
            log.info("the provider rejected the session; signed out here, data kept")
            self._forget_session(config)
            raise
        return stored

    def _remember(self, key: _Key, stored: StoredSession) -> User:
        assert stored.identity is not None
        user = stored.identity.user
        with self._lock:
            self._signed_in = _SignedIn(key, user, stored.checked_at)
        return user

    def _cache_profile(self, config: SignInConfig, user: User) -> None:
        """Best effort: the first paint of the next start reads this copy."""
        try:
            save_profile(self._paths.data_dir,
                         StoredProfile(user, config.issuer, config.client_id))
        except OSError:
            log.warning("could not update the sign-in profile cache")

    def _commit(self, config: SignInConfig, result: SignInResult) -> list[str]:
        """Store the new session; return another user's refresh token that it replaced."""
        from walletdesk.auth.keychain import BoundIdentity, StoredSession
        from walletdesk.auth.session_lock import session_lock
        from walletdesk.store.users import UserRepository

        keychain = self._keychain()
        keychain.load(config)  # a missing or locked keychain fails here, before any write
        user = UserRepository(self._database()).sign_in(config.issuer, result.user)
        identity = BoundIdentity(config.issuer, result.user.id, user)
        session = StoredSession(result.refresh_token, identity, self._clock())
        with self._session_lock, session_lock(self._paths.data_dir):
            previous = keychain.load(config)
            keychain.save(config, session)
            try:
                save_profile(
                    self._paths.data_dir, StoredProfile(user, config.issuer, config.client_id)
                )
            except OSError as exc:
                if previous is None:
                    keychain.delete(config)
                else:
                    keychain.save(config, previous)
                raise StorageError(
                    f"Could not save the sign-in profile in {self._paths.data_dir} "
                    f"({exc.strerror}): check that the folder is writable, then sign in again."
                ) from exc
            self._remember(_key(config), session)
        replaced = previous.identity if previous is not None else None
        if previous is not None and replaced is not None and replaced.subject != identity.subject:
            return [previous.refresh_token]  # the same user's old token may share the grant
        return []

    def _revoke_quietly(self, config: SignInConfig, token: str) -> None:
        """Best effort: end a replaced session at the provider too."""
        from walletdesk.auth.tokens import revoke

        try:
            revoke(self._provider(config), token)
        except AuthError:
            log.info("could not revoke the replaced session at the provider")

    def _forget_session(self, config: SignInConfig) -> None:
        """Forget this configuration's local session (keychain entry, profile, memory).
        Data stays."""
        self._keychain().delete(config)
        try:
            if self._stored_profile(config) is not None:
                remove_profile(self._paths.data_dir)
        except OSError as exc:
            raise StorageError(
                f"Could not remove the sign-in profile in {self._paths.data_dir} "
                f"({exc.strerror}): check that the folder is writable."
            ) from exc
        with self._lock:
            self._signed_in = None

    def _stored_profile(self, config: SignInConfig) -> StoredProfile | None:
        stored = load_stored_profile(self._paths.data_dir)
        if stored is None or (stored.issuer, stored.client_id) != _key(config):
            return None
        return stored

    def _require_config(self) -> SignInConfig:
        config = self.config()
        if config is None:
            raise SignInNotConfiguredError(NOT_CONFIGURED)
        return config

    def _provider(self, config: SignInConfig) -> IdentityProvider:
        from walletdesk.auth.provider import IdentityProvider

        with self._lock:
            provider = self._providers.get(config)
            if provider is None:
                provider = self._providers[config] = IdentityProvider(config)
            return provider

    def _keychain(self) -> SessionStore:
        if self._keychain_override is not None:
            return self._keychain_override
        from walletdesk.auth.keychain import SessionStore

        return SessionStore()


def _key(config: SignInConfig) -> _Key:
    return (config.issuer, config.client_id)
