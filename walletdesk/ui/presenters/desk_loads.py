"""What the desk loads through the controllers after the first paint, on a worker thread:
the session's state and, with someone signed in, their portfolio and keys.

Not imported for the first paint (its two records are two dataclasses to make).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from walletdesk.controllers.session_state import SessionState
from walletdesk.core.models import Credential, Portfolio

if TYPE_CHECKING:
    from walletdesk.services import Services


@dataclass(frozen=True, slots=True)
class Loaded:
    portfolio: Portfolio
    credentials: list[Credential]


@dataclass(frozen=True, slots=True)
class Startup:
    session: SessionState
    loaded: Loaded | None


def load(services: Services) -> Loaded:
    return Loaded(services.portfolio.portfolio(), services.credentials.list())


def start_up(services: Services) -> Startup:
    """The session checked, then (someone signed in) what they see."""
    state = services.session.check_session()
    if state.user is None:
        return Startup(state, None)
    return Startup(state, load(services))
