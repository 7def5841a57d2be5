"""Whose portfolio the window shows first, decided without the network, keychain or ORM.

Standard library only (plus ``walletdesk.core`` and the other first-paint modules of this
package), so the GUI can call :func:`startup_user` before its first frame.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from walletdesk.auth.config import load_config
from walletdesk.auth.profile_file import load_stored_profile, local_profile_chosen
from walletdesk.core.errors import SignInNotConfiguredError
from walletdesk.core.models import LOCAL_USER, User

if TYPE_CHECKING:
    from walletdesk.paths import AppPaths


def startup_user(paths: AppPaths, environ: Mapping[str, str] = os.environ) -> User | None:
    """LOCAL_USER when sign-in is not set up or the person chose to continue without
    signing in; the stored user when signed in with the configured Clerk instance; None when
    the sign-in screen should be shown instead.

    The session itself is checked later, off the GUI thread (``SessionController.check``).
    """
    if local_profile_chosen(paths.data_dir):
        return LOCAL_USER
    try:
        config = load_config(paths, environ)
    except SignInNotConfiguredError:
        return None  # the sign-in screen shows the configuration problem
    if config is None:
        return LOCAL_USER
    stored = load_stored_profile(paths.data_dir)
    if stored and (stored.issuer, stored.client_id) == (config.issuer, config.client_id):
        return stored.user
    return None
