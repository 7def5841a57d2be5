"""The composition root builds each part once, whichever threads ask for it at the same time."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

import pytest

from walletdesk.controllers.portfolio import PortfolioController
from walletdesk.core.models import User
from walletdesk.paths import resolve_paths
from walletdesk.services import Services, ServiceSettings


def test_two_threads_asking_at_once_get_one_controller(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    both_inside = threading.Barrier(2)
    built: list[object] = []
    original = PortfolioController.__init__

    def slow_init(self: PortfolioController, *args: Any, **kwargs: Any) -> None:
        built.append(self)
        with contextlib.suppress(threading.BrokenBarrierError):  # alone: nobody to meet
            both_inside.wait(timeout=0.5)  # a second construction would meet this one here
        original(self, *args, **kwargs)

    monkeypatch.setattr(PortfolioController, "__init__", slow_init)
    services = Services(resolve_paths(str(tmp_path)))
    got: list[PortfolioController] = []
    threads = [threading.Thread(target=lambda: got.append(services.portfolio))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    services.close()
    assert len(built) == 1
    assert got[0] is got[1]


def test_acting_for_a_user_shares_the_store_and_scopes_the_controllers(tmp_path: Path) -> None:
    services = Services(resolve_paths(str(tmp_path)), ServiceSettings(environ={}))
    someone = User(id="user_someone", email="s@example.com", name=None)
    theirs = services.acting_for(someone)
    assert theirs.database is services.database
    assert theirs.exchanges is services.exchanges
    assert theirs.current_user() == someone
    assert theirs.portfolio is not services.portfolio
    theirs.close()  # the store belongs to ``services``: still open
    assert services.database.path.exists()
    services.close()
