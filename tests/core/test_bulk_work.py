"""The collector waits during bulk work and runs again once the last overlapping user is done."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from walletdesk.core.bulk_work import bulk_work


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_waits_inside_and_runs_again_after() -> None:
    gc.enable()
    with bulk_work():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_overlapping_users_resume_it_only_when_the_last_one_leaves() -> None:
    gc.enable()
    first_in, second_done, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with bulk_work():
            first_in.set()
            second_done.wait(5)
            seen.append(gc.isenabled())  # the second user has left: still paused
        first_out.set()

    worker = threading.Thread(target=first)
    worker.start()
    first_in.wait(5)
    with bulk_work():
        pass
    second_done.set()
    first_out.wait(5)
    worker.join(5)
    assert seen == [False]
    assert gc.isenabled()


def test_a_collector_someone_else_turned_off_stays_off() -> None:
    gc.disable()
    with bulk_work():
        pass
    assert not gc.isenabled()


def test_it_resumes_when_the_work_fails() -> None:
    gc.enable()
    with pytest.raises(ValueError, match="boom"), bulk_work():
        raise ValueError("boom")
    assert gc.isenabled()
