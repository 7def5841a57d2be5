"""The History tab and the header's change figures: what is loaded, and when.

Points are loaded off the GUI thread after the portfolio is shown (never before the first
paint), again after each refresh, and one asset's series when it is chosen. The chart
keeps every point, so a range switch is a redraw, not a query. A result that arrives
after the user chose something else is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from walletdesk.core.balance_table import EMPTY_TABLE
from walletdesk.core.currency import AS_STORED, ShownCurrency
from walletdesk.core.history import AssetPoint, Change, PortfolioPoint, change_over
from walletdesk.core.models import Balance, Portfolio
from walletdesk.core.totals import counted_in_total
from walletdesk.exchanges.catalog import display_name
from walletdesk.export.history_table import HistoryTable, asset_table, portfolio_table
from walletdesk.pricing import USD_STABLECOINS
from walletdesk.ui.formatting import HIDDEN, Formatter
from walletdesk.ui.presenters.history_export import FORMAT_CHOICES, HistoryExport
from walletdesk.ui.presenters.status_reporter import StatusReporter
from walletdesk.ui.settings import UiSettings
from walletdesk.ui.views.header_view import PortfolioHeader
from walletdesk.ui.views.history_view import PORTFOLIO_CHOICE, HistoryView
from walletdesk.ui.widgets.net_worth_chart import RANGES
from walletdesk.ui.worker import WorkerBridge

if TYPE_CHECKING:
    from walletdesk.services import Services
    from walletdesk.ui.widgets.change_figures import Figure

DEFAULT_RANGE = 1  # 7d
CHANGE_SPANS = (("24h", timedelta(hours=24)), ("7d", timedelta(days=7)))


class HistoryPresenter(QObject):
    shown = Signal()  # the portfolio's history (or the chosen asset's) is on screen

    def __init__(self, view: HistoryView, header: PortfolioHeader, services: Services,
                 bridge: WorkerBridge, formatter: Formatter, *, settings: UiSettings,
                 status: StatusReporter) -> None:
        super().__init__(view)
        self._view, self._header = view, header
        self._services, self._bridge, self._format = services, bridge, formatter
        self._portfolio: Portfolio | None = None
        self._points: list[PortfolioPoint] = []
        self._asset_series: list[tuple[datetime, Decimal]] = []
        self._asset_points: list[AssetPoint] = []
        self._currency = AS_STORED  # or the display currency's rate, once it is known
        self.exporter = HistoryExport(view, self.shown_table, bridge, settings=settings,
                                      status=status)
        for fmt, label in FORMAT_CHOICES:
            action = view.export.menu().addAction(label)
            action.triggered.connect(self._exports_as(fmt))
        self._asset_request = 0
        self.confirmation: QMessageBox | None = None
        self.loads = 0  # how many results have been shown (tests and benchmarks wait on it)
        view.ranges.idClicked.connect(self._range_chosen)
        view.asset.currentTextChanged.connect(self._asset_chosen)
        view.ranges.button(DEFAULT_RANGE).setChecked(True)
        self._range_chosen(DEFAULT_RANGE)
        self._show_detail(None)

    def show_portfolio(self, portfolio: Portfolio) -> None:
        """The current balances (for the asset list and detail); history loads after."""
        self._portfolio = portfolio
        combo = self._view.asset
        chosen = combo.currentText()
        assets = list(dict.fromkeys(portfolio.balances.assets()))  # by value; no Balance built
        combo.blockSignals(True)
        self._view.assets.setStringList([PORTFOLIO_CHOICE, *assets])
        combo.setCurrentIndex(max(0, combo.findText(chosen)))
        combo.blockSignals(False)
        self._show_detail(self._current_asset())
        if self._points:  # privacy may have changed (before history loads, none are shown)
            self._header.show_changes(*self._changes_text(self._points))

    def clear(self) -> None:
        """Signed out: another person must not see this user's history."""
        self._asset_request += 1
        self._points, self._asset_series = [], []
        self._view.chart.set_points([])
        self._header.show_changes([], "")
        self.show_portfolio(Portfolio(wallets=(), balances=EMPTY_TABLE))

    def reload(self) -> None:
        history = self._services.history
        self._bridge.op(history.portfolio_points).success(self._points_loaded).run()
        self._bridge.op(history.exchanges).success(self._offer_deletion).run()
        asset = self._current_asset()
        if asset is not None:
            self._asset_chosen(asset)

    def show_currency(self, shown: ShownCurrency) -> None:
        """Show the chart, change figures and asset detail in this currency."""
        self._currency = shown
        self._view.chart.money = self._money
        self._header.show_changes(*self._changes_text(self._points))
        self._plot()
        self._show_detail(self._current_asset())

    def _money(self, value: Decimal) -> str:
        """A value already in the shown currency, as people read it."""
        return self._format.money(value, self._currency.code)

    def _shown_money(self, usd_value: Decimal) -> str:
        return self._money(self._currency.of(usd_value))

    def shown_table(self) -> HistoryTable:
        """The series on screen as the export writes it (all points, not only the range)."""
        if self._current_asset() is not None:
            return asset_table(self._asset_points, self._currency.rate)
        return portfolio_table(self._points, self._currency.rate)

    def _exports_as(self, fmt: str) -> Callable[[], None]:
        return lambda: self.exporter.choose_file(fmt)

    def _offer_deletion(self, with_history: list[str]) -> None:
        """Exchanges whose keys are gone keep their history until the user deletes it."""
        current = {w.exchange for w in self._portfolio.wallets} if self._portfolio else set()
        removed = [name for name in with_history if name not in current]
        menu = self._view.forget.menu()
        menu.clear()
        for name in removed:
            action = menu.addAction(f"{display_name(name)}…")
            action.triggered.connect(self._asks_to_delete(name))
        self._view.forget.setVisible(bool(removed))

    def _asks_to_delete(self, exchange: str) -> Callable[[], None]:
        return lambda: self.confirm_delete(exchange)

    def confirm_delete(self, exchange: str) -> None:
        """Ask first (``self.confirmation`` is the open question); delete on yes."""
        name = display_name(exchange)
        box = QMessageBox(QMessageBox.Icon.Question, "Delete history",
                          f"Delete the whole history of {name}?", parent=self._view)
        box.setInformativeText("Its points leave the chart and the change figures for good. "
                               "Your other exchanges' history stays.")
        box.setStandardButtons(QMessageBox.StandardButton.Cancel)
        delete = box.addButton("Delete history", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        history = self._services.history
        box.buttonClicked.connect(lambda button: self._bridge.op(
            lambda: history.delete(exchange)).success(lambda _n: self.reload()).run()
            if button is delete else None)
        self.confirmation = box
        box.open()

    # --- results -------------------------------------------------------------------------

    def _points_loaded(self, points: list[PortfolioPoint]) -> None:
        self._points = points
        self._header.show_changes(*self._changes_text(points))
        if self._current_asset() is None:
            self._plot()
            self._shown()

    def _asset_chosen(self, text: str) -> None:
        self._asset_request += 1
        asset = None if text in ("", PORTFOLIO_CHOICE) else text
        self._show_detail(asset)
        if asset is None:
            self._plot()
            return
        request = self._asset_request
        history = self._services.history
        self._bridge.op(lambda: history.asset_points(asset)).success(
            lambda points: self._asset_loaded(request, points)).run()

    def _asset_loaded(self, request: int, points: Sequence[AssetPoint]) -> None:
        if request == self._asset_request:  # else the user has chosen another meanwhile
            self._asset_points = list(points)
            self._asset_series = [(p.at, p.usd_value) for p in points]
            self._plot()
            self._shown()

    def _plot(self) -> None:
        series = (self._asset_series if self._current_asset() is not None
                  else [(p.at, p.total_usd_value) for p in self._points])
        if self._currency.rate is not None:
            convert = self._currency.of
            series = [(at, convert(value)) for at, value in series]
        self._view.chart.set_points(series)

    def _shown(self) -> None:
        self.loads += 1
        self.shown.emit()

    def _range_chosen(self, index: int) -> None:
        self._view.chart.set_span(RANGES[index][1])

    def _current_asset(self) -> str | None:
        text = self._view.asset.currentText()
        return None if text in ("", PORTFOLIO_CHOICE) else text

    # --- text ----------------------------------------------------------------------------

    def _changes_text(self, points: Sequence[PortfolioPoint]) -> tuple[list[Figure], str]:
        from walletdesk.ui.widgets.change_figures import Figure  # after the first paint

        shown, tips = [], []
        for label, span in CHANGE_SPANS:
            change = change_over(points, span)
            if change is not None and self._format.private:  # neither amount nor direction
                shown.append(Figure(f"{label}: {HIDDEN}", 0))
            else:
                shown.append(Figure(f"{label}: {self._change(change)}", _sign(change)))
            if change is not None:
                tips.append(f"{label}: since {self._format.when(change.since)}, exactly "
                            f"{self._format.exact(change.amount)} USD")  # stored: USD
        tip = "\n".join(tips) or "Change figures need history that reaches back that far."
        return shown, tip

    def _change(self, change: Change | None) -> str:
        if change is None:
            return "—"
        # Signed and localised as the 24h column writes a change (core.number_style).
        minus = self._format.style.minus
        sign = "+" if change.amount > 0 else minus if change.amount < 0 else ""
        text = f"{sign}{self._shown_money(abs(change.amount))}"
        if change.fraction is not None:
            text += f" ({self._format.change(change.fraction)})"
        return text

    def _show_detail(self, asset: str | None) -> None:
        detail, fmt = self._view.detail, self._format
        rows = [b for b in self._portfolio.balances if b.asset == asset] if (
            asset and self._portfolio) else []
        detail.setVisible(bool(rows))
        if not rows:
            return
        assert self._portfolio is not None
        in_total = counted_in_total(self._portfolio.balances.exchanges())
        counted = [b for b in rows if in_total(b.exchange)]
        total = sum((b.total for b in counted), Decimal(0))
        value = sum((b.usd_value for b in counted), Decimal(0))
        detail.title.setText(asset or "")
        detail.amount.setText(fmt.amount(total))
        money = self._shown_money
        detail.value.setText(money(value) if all(b.priced for b in counted) else "no price")
        detail.price.setText(money(value / total) if total and value else "—")
        detail.route.setText(_route(rows))
        detail.places.setText("\n".join(_held(b, fmt, money, in_total(b.exchange))
                                        for b in rows))


def _sign(change: Change | None) -> int:
    if change is None or change.amount == 0:
        return 0
    return 1 if change.amount > 0 else -1


def _held(balance: Balance, fmt: Formatter, money: Callable[[Decimal], str],
          counted: bool = True) -> str:
    """One exchange's amount and value, then each place it sits in (spot, earn, ...); the
    demo's sample beside real money is listed but not counted (``core.totals``)."""
    line = (f"{display_name(balance.exchange)}: {fmt.amount(balance.total)} "
            f"({money(balance.usd_value)})") + ("" if counted else ", not counted")
    places: dict[str, Decimal] = {}
    for source in balance.sources:
        places[source.place] = places.get(source.place, Decimal(0)) + source.free + source.locked
    if len(places) > 1:
        line += "".join(f"\n    {place}: {fmt.amount(amount)}" for place, amount in places.items())
    return line


def _route(rows: Sequence[Balance]) -> str:
    """The tickers each exchange's price came from, as the refresh stored them."""
    routes = {display_name(b.exchange): b.route for b in rows if b.route}
    if routes:
        return "\n".join(f"{name}: {route}" for name, route in routes.items())
    if rows[0].asset in USD_STABLECOINS:
        return "a US dollar stablecoin: 1 USD"
    if not any(b.priced for b in rows):
        return "no USD price on these exchanges"
    return "the exchange's ticker"
