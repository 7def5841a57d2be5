"""Refreshing balances in the background: progress per key, partial failures, cancel.

Only one refresh runs at a time. Cancel (Esc) stops waiting at once: the worker is told to
stop before writing, and whatever it still delivers is ignored except for a quiet reload,
so the window always shows what is stored. Wallets are replaced in one transaction each,
so an abandoned refresh leaves every wallet either fully old or fully new.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from walletdesk.controllers.freshness import FailedRefreshes
from walletdesk.core.errors import AuthError, CancelledError, WalletDeskError
from walletdesk.exchanges.catalog import display_name
from walletdesk.ui.error_words import in_window_words
from walletdesk.ui.models.check_status import CheckLevel, CheckStatus
from walletdesk.ui.models.credentials_model import CredentialsModel
from walletdesk.ui.presenters.status_reporter import StatusReporter
from walletdesk.ui.views.actions import WindowActions
from walletdesk.ui.views.refresh_status_view import RefreshStatusView
from walletdesk.ui.worker import WorkerBridge

if TYPE_CHECKING:
    from walletdesk.controllers.portfolio import PortfolioController
    from walletdesk.controllers.refresh_outcome import RefreshOutcome


class RefreshPresenter(QObject):
    finished = Signal()  # the stored portfolio may have changed: reload it
    signed_out = Signal(object)  # AuthError

    def __init__(self, portfolio: Callable[[], PortfolioController], bridge: WorkerBridge, *,
                 actions: WindowActions,
                 progress: RefreshStatusView, status: StatusReporter,
                 credentials: CredentialsModel, failures: FailedRefreshes) -> None:
        super().__init__(progress)
        self._portfolio = portfolio
        self._bridge = bridge
        self._actions = actions
        self._progress = progress
        self._status = status
        self._credentials = credentials
        self._failed_refreshes = failures
        self._run = 0
        self._cancel: threading.Event | None = None
        self._done = 0
        self._total = 0
        self._errors: dict[str, list[str]] = {}
        self._failures = 0
        self._scope: set[str] | None = None
        actions.refresh.triggered.connect(lambda: self.start())  # noqa: PLW0108 - not `checked`
        actions.cancel_refresh.triggered.connect(self.cancel)

    @property
    def running(self) -> bool:
        return self._cancel is not None

    def start(self, exchange: str | None = None) -> bool:
        """Start a refresh (of one exchange, if given); False when one is running already."""
        if self.running:
            return False
        self._run += 1
        run = self._run
        cancel = self._cancel = threading.Event()
        targets = [c for c in self._credentials.credentials()
                   if exchange is None or c.exchange == exchange]
        self._done, self._total, self._errors, self._failures = 0, len(targets), {}, 0
        self._scope = None if exchange is None else {exchange}
        for credential in targets:
            self._credentials.set_check(credential.id,
                                        CheckStatus(CheckLevel.RUNNING, "Refreshing…"))
        self._set_running(True)
        on_outcome: Callable[[RefreshOutcome], None] = self._bridge.relay(
            lambda outcome: self._outcome(run, outcome))
        portfolio = self._portfolio
        (self._bridge.op(lambda: portfolio().refresh(exchange, on_outcome=on_outcome,
                                                            cancel=cancel))
         .success(lambda outcomes: self._finished(run, len(outcomes)))
         .failure(lambda error: self._failed(run, error))
         .run())
        return True

    def cancel(self) -> None:
        if self._cancel is None:
            return
        self._cancel.set()
        self._run += 1  # results of the abandoned run are no longer shown
        self._set_running(False)
        self._mark_running(CheckStatus(CheckLevel.WARNING,
                                       "Refresh cancelled; previous balances kept"))
        self._status.info("Refresh cancelled. The previous balances are kept.")

    # --- results -------------------------------------------------------------------------

    def _outcome(self, run: int, outcome: RefreshOutcome) -> None:
        if run != self._run:
            return
        credential = outcome.credential
        self._done += 1
        self._progress.show_progress(self._done, self._total)
        error = outcome.error
        if error is None and outcome.notice is not None:
            status = CheckStatus(CheckLevel.WARNING,
                                 f"Refreshed: {outcome.asset_count} assets. {outcome.notice}")
        elif error is None:
            status = CheckStatus(CheckLevel.OK, f"Refreshed: {outcome.asset_count} assets")
        else:
            status = CheckStatus(CheckLevel.ERROR, in_window_words(error))
            self._failures += 1
            if not isinstance(error, CancelledError):
                self._errors.setdefault(credential.exchange, []).append(str(error))
        self._credentials.set_check(credential.id, status)

    def _finished(self, run: int, count: int) -> None:
        if run != self._run:
            self.finished.emit()  # an abandoned run may still have stored some wallets
            return
        self._set_running(False)
        self._failed_refreshes.record(self._scope, {name: " ".join(dict.fromkeys(messages))
                                   for name, messages in self._errors.items()})
        failed = self._failures
        if count == 0:
            self._status.info("Nothing to refresh: add an API key first (Ctrl+N).")
        elif not self._errors:
            self._status.info(f"Refreshed {count} {'key' if count == 1 else 'keys'}.")
        else:
            names = ", ".join(display_name(name) for name in sorted(self._errors))
            self._status.error(f"Refreshed {count - failed} of {count} keys; {names} failed. "
                               "The previous balances are kept there: see API keys for why.")
        self.finished.emit()

    def _failed(self, run: int, error: WalletDeskError) -> None:
        if run != self._run:
            return
        self._set_running(False)
        self._mark_running(CheckStatus(CheckLevel.ERROR, in_window_words(error)))
        if isinstance(error, AuthError):
            self.signed_out.emit(error)
        self._status.error(error)

    def _mark_running(self, status: CheckStatus) -> None:
        """Give every key still marked as refreshing its final status."""
        for row in self._credentials.rows():
            if row.check and row.check.level == CheckLevel.RUNNING:
                self._credentials.set_check(row.credential.id, status)

    def _set_running(self, running: bool) -> None:
        if not running:
            self._cancel = None
            self._progress.setVisible(False)
        else:
            self._progress.show_progress(0, self._total)
        self._actions.refresh.setEnabled(not running)
        self._actions.cancel_refresh.setEnabled(running)
