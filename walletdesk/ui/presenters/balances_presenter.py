"""The balances view's filter bar: search, exchange, dust threshold, hidden assets, and the
totals line. Which assets are hidden is the user's data (``hidden_assets`` table): shown
from the stored portfolio, changed through ``hidden_changed`` (the desk stores it)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence

from walletdesk.core.balance_table import BalanceTable
from walletdesk.core.currency import ShownCurrency
from walletdesk.core.models import Balance
from walletdesk.core.price_change import PastHoldings
from walletdesk.core.totals import Totals
from walletdesk.exchanges.catalog import display_name
from walletdesk.ui.formatting import Formatter
from walletdesk.ui.models.asset_groups import group_by_asset
from walletdesk.ui.models.balance_columns import COLUMNS, USD, WIDTHS
from walletdesk.ui.models.balances_filter import BalanceFilter, ShownTotals
from walletdesk.ui.models.balances_model import BalancesModel
from walletdesk.ui.models.past_prices import row_past_prices
from walletdesk.ui.models.roles import RECORD_ROLE
from walletdesk.ui.settings import UiSettings
from walletdesk.ui.views.balances_view import BalancesView

TABLE_KEY = "balances"


class BalancesPresenter(QObject):
    changes_shown = Signal()  # the 24h change column shows what history says
    hidden_changed = Signal(bool, object)  # hide (or show again), frozenset of (exchange, asset)

    def __init__(self, view: BalancesView, formatter: Formatter, settings: UiSettings) -> None:
        super().__init__(view)
        self.view = view
        self._format = formatter
        self._settings = settings
        self.model = BalancesModel(formatter, self)
        self.model.totals_changed.connect(self._show_totals)
        view.table.setModel(self.model)
        view.table.restore_header(settings.header_state(TABLE_KEY),
                                  (USD, Qt.SortOrder.DescendingOrder), WIDTHS)
        view.dust.setText(str(settings.dust_threshold()))
        view.hide_dust.setChecked(settings.hide_dust())
        view.dust.setEnabled(view.hide_dust.isChecked())
        view.search.textChanged.connect(self.apply_filter)  # ~15 ms for 10,000 rows: no delay
        view.search.down_pressed.connect(self._into_table)
        self._hidden: frozenset[tuple[str, str]] = frozenset()
        self.hide_action = QAction("Hide selected assets", view.table)
        self.hide_action.setToolTip("Hide these assets (spam, say) until you show them again")
        self.hide_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.hide_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.hide_action.triggered.connect(lambda: self.set_hidden(True))
        self.unhide_action = QAction("Show selected assets again", view.table)
        self.unhide_action.triggered.connect(lambda: self.set_hidden(False))
        view.table.addActions([self.hide_action, self.unhide_action])
        view.show_hidden.toggled.connect(self.apply_filter)
        view.exchange.currentIndexChanged.connect(self.apply_filter)
        view.hide_dust.toggled.connect(self._dust_toggled)
        view.dust.textChanged.connect(self.apply_filter)
        view.group.toggled.connect(self._grouping_toggled)
        self._shown: tuple[BalanceTable, Totals] | None = None
        self._holdings: PastHoldings = {}  # a day before each wallet's latest refresh
        self.apply_filter()

    def show_balances(self, balances: BalanceTable, totals: Totals) -> None:
        self._shown = (balances, totals)
        exchanges = sorted(set(balances.exchanges()))
        self.view.set_exchanges([(name, display_name(name)) for name in exchanges])
        grouped = self.view.group.isChecked()
        self.view.exchange.setEnabled(not grouped)  # a grouped row spans exchanges
        rows = group_by_asset(balances) if grouped else balances
        changed = self.model.set_balances(rows, totals.shown, demo_counted=totals.demo_only)
        self._show_changes()
        if changed:  # the same rows again need no new widths
            self._fit_numbers()
        self.apply_filter()

    def show_hidden_assets(self, hidden: frozenset[tuple[str, str]]) -> None:
        """What the user hid, as stored."""
        if hidden != self._hidden:
            self._hidden = hidden
            self.apply_filter()

    def show_past_holdings(self, holdings: PastHoldings) -> None:
        """What the wallets held 24 h before (read from history after the first paint)."""
        self._holdings = holdings
        self._show_changes()
        self.changes_shown.emit()

    def _show_changes(self) -> None:
        if self._shown is None:
            return
        self.model.set_past_prices(row_past_prices(
            self.model.balances, self._shown[0], self._holdings,
            grouped=self.view.group.isChecked()))

    def show_currency(self, shown: ShownCurrency) -> None:
        """Money in the display currency (its rate arrived), or back in USD."""
        if shown == self.model.currency:
            return
        self.model.set_currency(shown)
        self._fit_numbers()
        self._show_totals(self.model.totals())

    def _grouping_toggled(self, grouped: bool) -> None:
        if grouped:
            self.view.exchange.setCurrentIndex(0)  # all exchanges
        if self._shown is not None:
            self.show_balances(*self._shown)

    def _fit_numbers(self) -> None:
        """Every column is widened to its content (long asset names up to a cap, beyond
        which they elide and the tooltip shows the whole): numbers are never cut off, and
        in a narrow window the table scrolls sideways instead."""
        for column in range(len(COLUMNS)):
            widest = self.model.widest_text(column)
            if widest is not None:
                self.view.table.fit_to_text(column, widest)

    def show_stale(self, stale: Mapping[str, str]) -> None:
        """Rows of these exchanges are not current; the text says why."""
        self.model.set_stale(stale)

    def shown_count(self) -> int:
        return self.model.rowCount()

    def all_count(self) -> int:
        return len(self.model.balances)

    def shown_balances(self) -> list[Balance]:
        return self.model.shown_balances()

    def all_balances(self) -> list[Balance]:
        """Every row, in the table's sort order."""
        return self.model.all_balances()

    def show_exchange(self, exchange: str) -> None:
        """Only this exchange's balances (the filter bar shows it; "All exchanges" undoes)."""
        combo = self.view.exchange
        combo.setCurrentIndex(max(combo.findData(exchange), 0))

    def focus_search(self) -> None:
        self.view.search.setFocus()
        self.view.search.selectAll()

    def apply_filter(self) -> None:
        view = self.view
        self.model.set_filter(BalanceFilter(
            search=view.search.text(),
            exchange=view.exchange.currentData(),
            min_usd=self._threshold() if view.hide_dust.isChecked() else None,
            hidden=frozenset() if view.show_hidden.isChecked() else self._hidden,
        ))
        view.show_hidden.setVisible(bool(self._hidden))
        view.show_hidden.setText(f"Show hidden ({len(self._hidden)})")

    def set_hidden(self, hide: bool) -> None:
        """Hide (or show again) the selected rows' assets, on their exchange; kept."""
        table = self.view.table
        chosen = {(b.exchange, b.asset) for b in (
            index.data(RECORD_ROLE) for index in table.selectionModel().selectedRows())
            if isinstance(b, Balance)}
        if not chosen:
            return
        self._hidden = self._hidden | chosen if hide else self._hidden - chosen
        self.apply_filter()
        self.hidden_changed.emit(hide, frozenset(chosen))

    def save(self) -> None:
        self._settings.set_header_state(TABLE_KEY, self.view.table.header_state())
        threshold = self._threshold()
        if threshold is not None:
            self._settings.set_dust_threshold(threshold)
        self._settings.set_hide_dust(self.view.hide_dust.isChecked())

    def _dust_toggled(self, on: bool) -> None:
        self.view.dust.setEnabled(on)
        self.apply_filter()

    def _why_nothing_shows(self) -> str:
        view = self.view
        reasons = []
        if view.search.text().strip():
            reasons.append(f"match “{view.search.text().strip()[:40]}” (Esc clears the search)")
        if view.exchange.currentData() is not None:
            reasons.append(f"are on {view.exchange.currentText()}")
        if view.hide_dust.isChecked():
            reasons.append(f"are worth at least ${view.dust.text() or '0'}")
        return "No balances " + " and ".join(reasons) + "."

    def _threshold(self) -> Decimal | None:
        text = self.view.dust.text().strip().replace(",", ".")
        try:
            value = Decimal(text) if text else Decimal(0)
        except InvalidOperation:
            return None
        return value if value.is_finite() and value >= 0 else None

    def _into_table(self) -> None:
        table = self.view.table
        table.setFocus()
        if self.model.rowCount() and not table.selectionModel().hasSelection():
            table.selectRow(0)

    def _show_totals(self, totals: ShownTotals) -> None:
        no_match = totals.of > 0 and totals.count == 0
        self.view.no_match.setVisible(no_match)
        if no_match:
            self.view.no_match.setText(self._why_nothing_shows())
        if totals.of == 0:
            self.view.totals.setText("No balances yet.")
            return
        fmt, money = self._format, self.model.currency
        shown = (f"all {fmt.count(totals.of)} balances" if totals.count == totals.of
                 else f"{fmt.count(totals.count)} of {fmt.count(totals.of)} balances")
        demo = (f" (demo sample of {fmt.money(money.of(totals.demo_apart), money.code)} "
                "not counted)" if totals.demo_apart else "")
        worth = money.of(totals.usd_value)  # the sum converted once, as the header's total
        self.view.totals.setText(f"Showing {shown}, worth {fmt.money(worth, money.code)}{demo}")
        self.view.totals.setToolTip(
            f"Exactly ${fmt.exact(totals.usd_value)}" if money.rate is None else
            f"Exactly {fmt.exact(worth)} {money.code} ({fmt.exact(totals.usd_value)} USD)")
