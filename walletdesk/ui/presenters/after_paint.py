"""What the window shows only after its first paint, imported in one place: the History
tab, the display currency, export and backup (``DeskPresenter.build_after_paint`` builds
them) and the header's change figures (shown once history is read).

``DeskPresenter.start`` imports this module on a worker thread right after the first paint,
so the GUI thread only builds the parts. Imported on the GUI thread, these modules held it
~50 ms (~110 ms with byte-code not yet compiled) just as the window had appeared, and a
click or a resize then waited for them.
"""

from __future__ import annotations

from walletdesk.ui.presenters.backup_flow import BackupFlow
from walletdesk.ui.presenters.currency_presenter import CurrencyPresenter
from walletdesk.ui.presenters.export_flow import ExportFlow
from walletdesk.ui.presenters.history_presenter import HistoryPresenter
from walletdesk.ui.widgets.change_figures import ChangeFigures

__all__ = ["BackupFlow", "ChangeFigures", "CurrencyPresenter", "ExportFlow", "HistoryPresenter"]
