"""Adding, changing, removing and checking API keys from the window, and the demo."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from walletdesk.core.errors import DuplicateCredentialError, WalletDeskError
from walletdesk.core.models import Credential
from walletdesk.exchanges.catalog import DEMO, display_name
from walletdesk.ui.error_words import in_window_words
from walletdesk.ui.models.check_status import CheckLevel, CheckStatus
from walletdesk.ui.models.credentials_model import CredentialsModel, shorten_key
from walletdesk.ui.models.roles import RECORD_ROLE
from walletdesk.ui.presenters.status_reporter import StatusReporter
from walletdesk.ui.views.actions import WindowActions
from walletdesk.ui.widgets.data_table import DataTable
from walletdesk.ui.worker import WorkerBridge

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from walletdesk.controllers.credentials import CredentialsController
    from walletdesk.core.keys import KeyCheck
    from walletdesk.ui.presenters.credential_editor import CredentialEditor


def describe(credential: Credential) -> str:
    """“MEXC key “Main”” or “MEXC key mx0v…a1b2” for messages."""
    name = f"“{credential.label}”" if credential.label else shorten_key(credential.api_key)
    return f"{display_name(credential.exchange)} key {name}"


def check_status(check: KeyCheck) -> CheckStatus:
    return CheckStatus(CheckLevel.WARNING if check.warns else CheckLevel.OK, check.message)


class CredentialsPresenter(QObject):
    saved = Signal(str)  # an exchange's keys changed: reload and refresh that exchange
    removed = Signal()  # a key and its wallet are gone: reload

    def __init__(self, window: QWidget, credentials: Callable[[], CredentialsController],
                 bridge: WorkerBridge, *,
                 actions: WindowActions, table: DataTable, model: CredentialsModel,
                 status: StatusReporter) -> None:
        super().__init__(window)
        self._window = window
        self._credentials = credentials
        self._bridge = bridge
        self._table = table
        self._model = model
        self._status = status
        self.editor: CredentialEditor | None = None
        self.confirmation: QMessageBox | None = None
        table.setModel(model)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        table.doubleClicked.connect(lambda _index: self.edit())
        actions.add_credential.triggered.connect(lambda: self.add())  # noqa: PLW0108 - not `checked`
        actions.edit_credential.triggered.connect(self.edit)
        actions.remove_credential.triggered.connect(self.remove)
        actions.test_credential.triggered.connect(self.test)
        self._actions = actions
        self._selection_changed()

    def selected(self) -> Credential | None:
        rows = self._table.selectionModel().selectedRows()
        if not rows:
            return None
        record = rows[0].data(RECORD_ROLE)
        return record.credential if record is not None else None

    def add(self, exchange: str | None = None) -> CredentialEditor:
        return self._open_editor(None, exchange)

    def edit(self) -> CredentialEditor | None:
        credential = self.selected()
        return self._open_editor(credential, None) if credential else None

    def remove(self) -> QMessageBox | None:
        credential = self.selected()
        if credential is None:
            return None
        # Not imported for the first paint: PySide6 builds QMessageBox's enum types (and
        # QDialog's) on first use, ~1% of a start's work.
        from PySide6.QtWidgets import QMessageBox

        name = display_name(credential.exchange)
        box = QMessageBox(QMessageBox.Icon.Question, "Remove API key",
                          f"Remove the {describe(credential)}?", parent=self._window)
        box.setInformativeText(
            f"The {name} wallet and all its balances are removed with it. If you keep "
            f"other {name} keys, the next refresh rebuilds the wallet from them.")
        box.setStandardButtons(QMessageBox.StandardButton.Cancel)
        remove = box.addButton("Remove key and wallet", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(
            lambda button: self._remove(credential) if button is remove else None)
        self.confirmation = box
        box.open()
        return box

    def test(self) -> None:
        credential = self.selected()
        if credential is None:
            return
        self._model.set_check(credential.id, CheckStatus(CheckLevel.RUNNING, "Checking…"))
        credentials = self._credentials

        def passed(check: KeyCheck) -> None:
            self._model.set_check(credential.id, check_status(check))
            self._status.info(f"{describe(credential)}: {check.message}")

        def failed(error: WalletDeskError) -> None:
            words = in_window_words(error)
            self._model.set_check(credential.id, CheckStatus(CheckLevel.ERROR, words))
            self._status.error(f"{describe(credential)}: {words}")

        (self._bridge.op(lambda: credentials().test_stored(credential.id))
         .success(passed).failure(failed).run())

    def try_demo(self) -> None:
        credentials = self._credentials

        def failed(error: WalletDeskError) -> None:
            if isinstance(error, DuplicateCredentialError):
                self._status.info("The demo is added already. Refreshing it…")
                self.saved.emit(DEMO)
            else:
                self._status.error(error)

        self._status.info("Adding the demo exchange…")
        (self._bridge.op(lambda: credentials().add_demo())
         .success(lambda credential: self._saved(
             credential, "Added the demo exchange (offline sample). Refreshing…"))
         .failure(failed).run())

    # --- helpers -------------------------------------------------------------------------

    def _open_editor(self, editing: Credential | None, exchange: str | None) -> CredentialEditor:
        from walletdesk.ui.dialogs.credential_dialog import CredentialDialog
        from walletdesk.ui.presenters.credential_editor import CredentialEditor

        dialog = CredentialDialog(editing, self._window)
        if exchange is not None:
            dialog.exchange.setCurrentIndex(max(dialog.exchange.findData(exchange), 0))
        credentials = self._credentials
        editor = CredentialEditor(dialog, editing, self._bridge, credentials)
        verb = "Changed" if editing else "Added"
        editor.saved.connect(lambda credential: self._saved(
            credential, f"{verb} the {describe(credential)}. Refreshing its balances…"))
        dialog.finished.connect(dialog.deleteLater)
        self.editor = editor
        dialog.open()
        return editor

    def _saved(self, credential: Credential, message: str) -> None:
        self._status.info(message)
        self.saved.emit(credential.exchange)

    def _remove(self, credential: Credential) -> None:
        credentials = self._credentials

        def removed(_: None) -> None:
            self._status.info(f"Removed the {describe(credential)} and its "
                              f"{display_name(credential.exchange)} wallet.")
            self.removed.emit()

        (self._bridge.op(lambda: credentials().remove(credential.id))
         .success(removed).run())

    def _selection_changed(self) -> None:
        has = self.selected() is not None
        for action in (self._actions.edit_credential, self._actions.remove_credential,
                       self._actions.test_credential):
            action.setEnabled(has)
