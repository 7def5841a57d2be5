"""Who is signed in, in a small non-secret file: ``DIR/profile.json``.

It holds the Clerk user id, email and name, and the issuer and client id the session
belongs to; never a token. The GUI's first paint reads it with :func:`load_profile` to know
whose stored portfolio to show before keyring, authlib or the database are imported, so
this module imports only the standard library and ``walletdesk.core``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from walletdesk.auth import json_file
from walletdesk.core.models import User

PROFILE_FILE = "profile.json"
VERSION = 1

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StoredProfile:
    user: User
    issuer: str
    client_id: str


def profile_path(data_dir: Path) -> Path:
    return data_dir / PROFILE_FILE


def load_profile(data_dir: Path) -> User | None:
    """The signed-in user as last stored, or None (signed out, or no usable file)."""
    stored = load_stored_profile(data_dir)
    return stored.user if stored else None


def load_stored_profile(data_dir: Path) -> StoredProfile | None:
    path = profile_path(data_dir)
    try:
        data = json_file.read_object(path)
    except (OSError, json_file.DamagedFileError):
        log.warning("ignoring an unreadable sign-in profile file")
        return None
    if data is None:
        return None
    user, issuer, client_id = data.get("user"), data.get("issuer"), data.get("client_id")
    if not (isinstance(user, dict) and isinstance(issuer, str) and isinstance(client_id, str)):
        log.warning("ignoring a sign-in profile file of an unknown shape")
        return None
    user_id, email, name = user.get("id"), user.get("email"), user.get("name")
    if not (isinstance(user_id, str) and user_id and isinstance(email, str)):
        log.warning("ignoring a sign-in profile file without a user id or email")
        return None
    return StoredProfile(
        User(id=user_id, email=email, name=name if isinstance(name, str) else None),
        issuer,
        client_id,
    )


def save_profile(data_dir: Path, profile: StoredProfile) -> None:
    user = profile.user
    json_file.write_object(
        profile_path(data_dir),
        {
            "version": VERSION,
            "user": {"id": user.id, "email": user.email, "name": user.name},
            "issuer": profile.issuer,
            "client_id": profile.client_id,
        },
    )


def remove_profile(data_dir: Path) -> None:
    json_file.remove(profile_path(data_dir))
