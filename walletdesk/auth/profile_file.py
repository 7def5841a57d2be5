"""Who uses WalletDesk on this computer, in a small non-secret file: ``DIR/profile.json``.

Signed in, it holds the Clerk user id, email and name, and the issuer and client id the
session belongs to; never a token. Or it holds ``{"local_profile": true}``: the person chose
"Continue without signing in" while sign-in is set up, so the local profile (its own
``users`` row, see ``LOCAL_USER``) is used until someone signs in (a sign-in replaces the
file). One file for both, so the two can never disagree about whose data the window shows.

The GUI's first paint reads it with :func:`load_profile` to know whose stored portfolio to
show before keyring, authlib or the database are imported, so this module imports only the
standard library and ``walletdesk.core``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from walletdesk.auth import json_file
from walletdesk.core.models import User

PROFILE_FILE = "profile.json"
VERSION = 1
LOCAL_CHOICE = "local_profile"

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StoredProfile:
    user: User
    issuer: str
    client_id: str


def profile_path(data_dir: Path) -> Path:
    return data_dir / PROFILE_FILE


def local_profile_chosen(data_dir: Path) -> bool:
    """True when the person chose to continue without signing in (and has not signed in
    since)."""
    data = _read(data_dir)
    return data is not None and data.get(LOCAL_CHOICE) is True


def choose_local_profile(data_dir: Path) -> None:
    """Remember "Continue without signing in" (raises OSError when it cannot be written)."""
    json_file.write_object(profile_path(data_dir), {"version": VERSION, LOCAL_CHOICE: True})


def load_stored_profile(data_dir: Path) -> StoredProfile | None:
    data = _read(data_dir)
    if data is None or data.get(LOCAL_CHOICE) is True:
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


def _read(data_dir: Path) -> dict[str, Any] | None:
    try:
        return json_file.read_object(profile_path(data_dir))
    except (OSError, json_file.DamagedFileError):
        log.warning("ignoring an unreadable sign-in profile file")
        return None


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
