"""The display currency: the user's choice (remembered), its rate (looked up off the GUI
thread), and the values shown in it: the header's total, the chart and change figures.

Stored values stay USD; a converted value follows ``core.currency``'s one rounding. The
header's tooltip names the rate, its source and date; a rate older than 3 days is marked
stale. The last rate looked up is remembered (``UiSettings.last_rate``): a start, or a
choice made again, shows the values in the currency at once, and a lookup that fails keeps
them there with the reason in the tooltip. Only a currency never looked up falls back to
USD, with the reason shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from walletdesk.core.currency import USD, Rate, ShownCurrency
from walletdesk.core.errors import WalletDeskError
from walletdesk.ui.formatting import Formatter
from walletdesk.ui.presenters.history_presenter import HistoryPresenter
from walletdesk.ui.settings import UiSettings
from walletdesk.ui.views.currency_menu import CurrencyMenu
from walletdesk.ui.views.header_view import PortfolioHeader
from walletdesk.ui.worker import WorkerBridge

if TYPE_CHECKING:
    from walletdesk.controllers.currency import CurrencyController


class CurrencyPresenter(QObject):
    shown = Signal()  # the values in the chosen currency (or the reason they are not) show
    # ShownCurrency: what the tables' money is now shown in (after a rate arrives, or USD)
    currency_changed = Signal(object)

    def __init__(self, menu: CurrencyMenu, header: PortfolioHeader, history: HistoryPresenter,
                 rates: Callable[[], CurrencyController], bridge: WorkerBridge,
                 *, formatter: Formatter, settings: UiSettings,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(menu)
        self._menu, self._header, self._history = menu, header, history
        self._format = formatter
        self._rates, self._bridge, self._settings = rates, bridge, settings
        self._today = today or (lambda: datetime.now(UTC).date())
        self._code = settings.display_currency()
        self._rate: Rate | None = None
        self._problem = ""  # why today's rate could not be looked up, when a last one is shown
        self._total: Decimal | None = None
        self._request = 0
        menu.show_choice(self._code)
        menu.chosen.connect(self.choose)

    @property
    def rate(self) -> Rate | None:
        return self._rate

    def choose(self, code: str) -> None:
        """From the menu or Settings: both show the choice."""
        self._settings.set_display_currency(code)
        self._menu.show_choice(code)
        self._code = code
        self.load()

    def show_total(self, total_usd: Decimal) -> None:
        self._total = total_usd
        self._render()

    def load(self) -> None:
        """Look the chosen currency's rate up (the controller keeps one per day)."""
        self._request += 1
        if self._code == USD:
            self._set_rate(None)
            return
        request, code, rates = self._request, self._code, self._rates
        if self._rate is None or self._rate.currency != code:
            last = self._settings.last_rate(code)
            if last is not None:
                self._set_rate(last)
        self._bridge.op(lambda: rates().rate(code)).success(
            lambda rate: self._loaded(request, rate)).failure(
            lambda error: self._failed(request, error)).run()

    def _loaded(self, request: int, rate: Rate) -> None:
        if request == self._request:
            self._settings.set_last_rate(rate)
            self._set_rate(rate)

    def _failed(self, request: int, error: WalletDeskError) -> None:
        if request != self._request:
            return
        if self._rate is not None and self._rate.currency == self._code:
            self._problem = str(error)  # keep the last rate in sight, say why it stays
            self._render()
            return
        self._set_rate(None)
        self._header.show_in_currency(f"No {self._code} rate: values in USD", str(error))
        self.shown.emit()

    def _set_rate(self, rate: Rate | None) -> None:
        self._rate, self._problem = rate, ""
        shown = ShownCurrency(rate)
        self._history.show_currency(shown)
        self.currency_changed.emit(shown)
        self._render()

    def _render(self) -> None:
        rate, total = self._rate, self._total
        if rate is None or total is None:
            if self._code == USD or total is None:
                self._header.show_in_currency("", "")
                self.shown.emit()
            return
        converted, fmt = rate.convert(total), self._format
        stale = rate.is_stale(self._today())
        text = f"≈ {fmt.money(converted, rate.currency)}" + ("  (rate stale)" if stale else "")
        tip = (f"Exactly {fmt.exact(converted)} {rate.currency}: {fmt.exact(total)} USD at "
               f"{rate.per_usd:f} {rate.currency} per USD ({rate.source}, "
               f"{rate.as_of:%Y-%m-%d}).")
        if stale:
            tip += " The rate is more than 3 days old."
        if self._problem:
            tip += f" Today's rate could not be looked up: {self._problem}"
        self._header.show_in_currency(text, tip)
        self.shown.emit()
