"""What the window shows about the session: a record of its own so that the first paint can
build one without importing the session controller (and with it the sign-in machinery)."""

from __future__ import annotations

from dataclasses import dataclass

from walletdesk.core.models import User


@dataclass(frozen=True, slots=True)
class SessionState:
    configured: bool
    user: User | None  # None: the sign-in screen is needed
    note: str | None = None  # why (signed out, expired, misconfigured) or an offline notice
