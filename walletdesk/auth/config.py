"""Which Clerk instance to sign in with: environment first, else the app's settings file.

``WALLETDESK_CLERK_ISSUER`` and ``WALLETDESK_CLERK_CLIENT_ID`` win when both are set. Else
``DIR/settings.json`` (plain JSON, no secrets) holds ``{"clerk": {"issuer": ...,
"client_id": ..., "redirect_uri": ...}}``, written by the Settings dialog through
:func:`save_config`. Neither: sign-in is not set up and WalletDesk runs as the local profile.

The redirect URI (see :mod:`walletdesk.auth.redirect`) comes from
``WALLETDESK_CLERK_REDIRECT_URI``, else the settings, else the fixed default that users
register in Clerk.

An optional ``"prompt"`` in the ``clerk`` object decides the ``prompt`` sent to the
authorization endpoint. The default, ``"auto"``, sends none: Clerk does not document the
parameter (its consent screen is a per-application switch) and grants a refresh token for
the ``offline_access`` scope without it. Only when a provider withholds the refresh token,
as OpenID Connect Core §11 lets it do without ``prompt=consent``, does the sign-in ask once
more with ``prompt=consent`` (see ``browser_sign_in``). ``"consent"`` always sends it;
``null`` never does.

Standard library only: the GUI's first paint reads the configuration.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from walletdesk.auth import json_file
from walletdesk.auth.redirect import DEFAULT_REDIRECT_URI, redirect_uri_error
from walletdesk.core.errors import SignInNotConfiguredError, StorageError, ValidationError

if TYPE_CHECKING:
    from walletdesk.paths import AppPaths

ENV_ISSUER = "WALLETDESK_CLERK_ISSUER"
ENV_CLIENT_ID = "WALLETDESK_CLERK_CLIENT_ID"
ENV_REDIRECT_URI = "WALLETDESK_CLERK_REDIRECT_URI"
SETTINGS_FILE = "settings.json"
SECTION = "clerk"
PROMPT_AUTO = "auto"
DEFAULT_PROMPT = PROMPT_AUTO
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

SETUP_HINT = f"set {ENV_ISSUER} and {ENV_CLIENT_ID} or use Settings"


@dataclass(frozen=True, slots=True)
class SignInConfig:
    issuer: str
    client_id: str
    source: Literal["environment", "settings"]
    prompt: str | None = DEFAULT_PROMPT
    redirect_uri: str = DEFAULT_REDIRECT_URI


def settings_path(paths: AppPaths) -> Path:
    return paths.data_dir / SETTINGS_FILE


def load_config(
    paths: AppPaths, environ: Mapping[str, str] = os.environ
) -> SignInConfig | None:
    """The sign-in configuration, or None when sign-in is not set up.

    Raises SignInNotConfiguredError for half a configuration or a damaged settings file.
    """
    settings = _read_settings(paths)
    section = settings.get(SECTION)
    section = section if isinstance(section, dict) else {}
    prompt = _prompt(section)
    redirect_uri = _redirect_uri(paths, section, environ)
    issuer, client_id = environ.get(ENV_ISSUER, "").strip(), environ.get(ENV_CLIENT_ID, "").strip()
    if issuer or client_id:
        if not (issuer and client_id):
            missing = ENV_CLIENT_ID if issuer else ENV_ISSUER
            present = ENV_ISSUER if issuer else ENV_CLIENT_ID
            raise SignInNotConfiguredError(
                f"{present} is set but {missing} is not: set both, or neither to use Settings."
            )
        return SignInConfig(
            _checked(issuer_error, normalize_issuer(issuer), f"{ENV_ISSUER}: "),
            _checked(client_id_error, client_id, f"{ENV_CLIENT_ID}: "),
            "environment",
            prompt,
            redirect_uri,
        )
    issuer, client_id = str(section.get("issuer") or ""), str(section.get("client_id") or "")
    if not (issuer and client_id):
        return None
    where = f"{settings_path(paths)}: "
    return SignInConfig(
        _checked(issuer_error, normalize_issuer(issuer), where),
        _checked(client_id_error, client_id.strip(), where),
        "settings",
        prompt,
        redirect_uri,
    )


def save_config(
    paths: AppPaths, issuer: str, client_id: str, redirect_uri: str = ""
) -> SignInConfig:
    """Validate and store the issuer, client id and redirect URI in the settings file.

    An empty ``redirect_uri`` means the default. Raises ValidationError (field ``issuer``,
    ``client_id`` or ``redirect_uri``). Other settings are kept. Environment variables, when
    set, still take precedence over what is saved here.
    """
    issuer, client_id = normalize_issuer(issuer), client_id.strip()
    redirect_uri = redirect_uri.strip() or DEFAULT_REDIRECT_URI
    for field, check, value in (("issuer", issuer_error, issuer),
                                ("client_id", client_id_error, client_id),
                                ("redirect_uri", redirect_uri_error, redirect_uri)):
        problem = check(value)
        if problem:
            raise ValidationError(field, problem)
    settings = _read_settings(paths, replace_damaged=True)
    section = settings.get(SECTION)
    section = dict(section) if isinstance(section, dict) else {}
    section.update(issuer=issuer, client_id=client_id, redirect_uri=redirect_uri)
    settings[SECTION] = section
    _write_settings(paths, settings)
    return SignInConfig(issuer, client_id, "settings", _prompt(section), redirect_uri)


def clear_config(paths: AppPaths) -> None:
    """Forget the issuer and client id saved in Settings (sign-in is then not set up)."""
    settings = _read_settings(paths, replace_damaged=True)
    if SECTION in settings:
        del settings[SECTION]
        _write_settings(paths, settings)


def normalize_issuer(text: str) -> str:
    return text.strip().rstrip("/")


def issuer_error(issuer: str) -> str | None:
    """Why ``issuer`` is not usable, or None. HTTPS only, except on this machine (tests)."""
    if not issuer:
        return "Enter the Clerk issuer URL, e.g. https://your-app.clerk.accounts.dev."
    parts = urlsplit(issuer)
    loopback = parts.scheme == "http" and (parts.hostname or "") in LOOPBACK_HOSTS
    if parts.scheme != "https" and not loopback:
        return "The issuer must be an https:// URL, e.g. https://your-app.clerk.accounts.dev."
    if not parts.hostname or parts.query or parts.fragment or parts.username:
        return ("The issuer must be a plain URL such as https://your-app.clerk.accounts.dev "
                "(no query, fragment or user name).")
    return None


def client_id_error(client_id: str) -> str | None:
    if not client_id:
        return "Enter the client id of your Clerk OAuth application."
    if len(client_id) > 200 or not client_id.isprintable() or any(c.isspace() for c in client_id):
        return "The client id must be one word of printable characters (at most 200)."
    return None


def _checked(check: Callable[[str], str | None], value: str, where: str) -> str:
    problem = check(value)
    if problem:
        raise SignInNotConfiguredError(where + problem)
    return value


def _redirect_uri(
    paths: AppPaths, section: Mapping[str, Any], environ: Mapping[str, str]
) -> str:
    from_environment = environ.get(ENV_REDIRECT_URI, "").strip()
    if from_environment:
        return _checked(redirect_uri_error, from_environment, f"{ENV_REDIRECT_URI}: ")
    saved = str(section.get("redirect_uri") or "").strip()
    if saved:
        return _checked(redirect_uri_error, saved, f"{settings_path(paths)}: ")
    return DEFAULT_REDIRECT_URI


def _prompt(section: Mapping[str, Any]) -> str | None:
    if "prompt" not in section:
        return DEFAULT_PROMPT
    value = section["prompt"]
    return str(value) if value else None


def _read_settings(paths: AppPaths, *, replace_damaged: bool = False) -> dict[str, Any]:
    """The settings; a damaged file is an error, or (when saving anew) nothing."""
    path = settings_path(paths)
    try:
        return json_file.read_object(path) or {}
    except json_file.DamagedFileError:
        if replace_damaged:
            return {}
        raise SignInNotConfiguredError(
            f"The settings file {path} is damaged: fix it or delete it, then set up "
            "sign-in again in Settings."
        ) from None
    except OSError as exc:
        raise SignInNotConfiguredError(
            f"The settings file {path} cannot be read ({exc.strerror}): check its permissions."
        ) from exc


def _write_settings(paths: AppPaths, settings: dict[str, Any]) -> None:
    path = settings_path(paths)
    try:
        json_file.write_object(path, settings)
    except OSError as exc:
        raise StorageError(
            f"Could not save the settings to {path} ({exc.strerror}): check that the folder "
            "is writable."
        ) from exc
