"""Runs controller calls off the GUI thread and delivers their results on it.

In the style of Anki's ``QueryOp``::

    bridge.op(lambda: services.portfolio.portfolio()).success(show).failure(report).run()

``fn`` runs on a pool thread; ``success``/``failure``/``done`` callbacks run on the GUI
thread, in that order. No widget ever calls a controller directly, so the GUI thread never
waits for the database or the network. Errors a user can read (``WalletDeskError``) reach
``failure`` as they are; anything else is logged with its traceback and reaches ``failure``
as a ``WalletDeskError`` that points at the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal

from walletdesk.core.errors import WalletDeskError

log = logging.getLogger(__name__)

T = TypeVar("T")
A = TypeVar("A")
ErrorHandler = Callable[[WalletDeskError], None]


class WorkerBridge(QObject):
    """Owns the worker threads and the queue back to the GUI thread."""

    _deliver = Signal(object)

    def __init__(self, on_error: ErrorHandler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(4)
        self._on_error = on_error
        self._closed = False
        self._deliver.connect(self._run_delivery)

    def op(self, fn: Callable[[], T]) -> Op[T]:
        return Op(self, fn)

    def post(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` on the GUI thread soon; safe to call from any thread."""
        if not self._closed:
            self._deliver.emit(callback)

    def relay(self, callback: Callable[[A], None]) -> Callable[[A], None]:
        """A thread-safe function that hands its argument to ``callback`` on the GUI thread."""
        return lambda value: self.post(lambda: callback(value))

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Stop delivering results and wait (bounded) for running work to end."""
        self._closed = True
        return self._pool.waitForDone(timeout_ms)

    def _start(self, job: Callable[[], None]) -> None:
        self._pool.start(job)

    def _run_delivery(self, callback: Callable[[], None]) -> None:
        if not self._closed:
            callback()

    def _report(self, error: WalletDeskError) -> None:
        self._on_error(error)


class Op(Generic[T]):
    """One background call and what to do with its result on the GUI thread."""

    def __init__(self, bridge: WorkerBridge, fn: Callable[[], T]) -> None:
        self._bridge = bridge
        self._fn = fn
        self._success: Callable[[T], None] | None = None
        self._failure: ErrorHandler | None = None
        self._done: Callable[[], None] | None = None

    def success(self, callback: Callable[[T], None]) -> Op[T]:
        self._success = callback
        return self

    def failure(self, callback: ErrorHandler) -> Op[T]:
        self._failure = callback
        return self

    def done(self, callback: Callable[[], None]) -> Op[T]:
        """Runs after success or failure (e.g. to re-enable a button)."""
        self._done = callback
        return self

    def run(self) -> None:
        self._bridge._start(self._work)

    def _work(self) -> None:
        try:
            result = self._fn()
        except WalletDeskError as error:
            self._bridge.post(partial(self._finish_failure, error))
        except Exception as error:
            log.error("background task failed", exc_info=error)
            unexpected = WalletDeskError(
                f"Something unexpected went wrong ({type(error).__name__}). "
                "Details are in the log; please try again."
            )
            self._bridge.post(partial(self._finish_failure, unexpected))
        else:
            self._bridge.post(partial(self._finish_success, result))

    def _finish_success(self, result: T) -> None:
        try:
            if self._success is not None:
                self._success(result)
        finally:
            self._finish()

    def _finish_failure(self, error: WalletDeskError) -> None:
        try:
            (self._failure or self._bridge._report)(error)
        finally:
            self._finish()

    def _finish(self) -> None:
        if self._done is not None:
            self._done()
