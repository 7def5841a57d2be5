"""The window's main presenter: shows the portfolio, picks the screen, and wires the parts.

Start-up happens in two steps. Before the first paint the window shows the portfolio read
by ``store.read_model`` (no ORM, no network). After the first paint, ``start`` builds the
parts the first paint does not show (``build_after_paint``: the History tab, the display
currency, export and backup), checks the session and loads keys and balances through the
controllers on a worker thread.
"""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from walletdesk.auth.profile_file import local_profile_chosen
from walletdesk.controllers.freshness import Clock, FailedRefreshes, utc_now
from walletdesk.controllers.session_state import SessionState
from walletdesk.core.balance_table import EMPTY_TABLE
from walletdesk.core.currency import ShownCurrency
from walletdesk.core.errors import AuthError, DatabaseUnusableError, WalletDeskError
from walletdesk.core.models import LOCAL_USER, Credential, Portfolio, User
from walletdesk.core.portfolio_summary import summarise
from walletdesk.store.change_watch import DataVersionWatch
from walletdesk.ui.formatting import Formatter
from walletdesk.ui.heap import settle_long_lived_objects
from walletdesk.ui.models.credentials_model import CredentialsModel
from walletdesk.ui.models.wallets_model import WalletsModel
from walletdesk.ui.open_folder import open_folder
from walletdesk.ui.presenters.balances_presenter import BalancesPresenter
from walletdesk.ui.presenters.credentials_presenter import CredentialsPresenter
from walletdesk.ui.presenters.general_settings import GeneralSettings
from walletdesk.ui.presenters.live_updates import LiveUpdates
from walletdesk.ui.presenters.refresh_presenter import RefreshPresenter
from walletdesk.ui.presenters.session_presenter import SessionPresenter
from walletdesk.ui.presenters.status_reporter import StatusReporter
from walletdesk.ui.settings import UiSettings
from walletdesk.ui.theme import ThemeSwitch
from walletdesk.ui.views.desk_view import BALANCES_TAB, CREDENTIALS_TAB, HISTORY_TAB, WALLETS_TAB
from walletdesk.ui.views.main_window import MainWindow
from walletdesk.ui.worker import WorkerBridge

if TYPE_CHECKING:
    from walletdesk.services import Services
    from walletdesk.ui.presenters.backup_flow import BackupFlow
    from walletdesk.ui.presenters.currency_presenter import CurrencyPresenter
    from walletdesk.ui.presenters.desk_loads import Loaded, Startup
    from walletdesk.ui.presenters.export_flow import ExportFlow
    from walletdesk.ui.presenters.history_presenter import HistoryPresenter
    from walletdesk.ui.views.damaged_database_view import DamagedDatabaseView
    from walletdesk.ui.views.empty_state_view import EmptyStateView

EMPTY = Portfolio(wallets=(), balances=EMPTY_TABLE)
AFTER_PAINT = "walletdesk.ui.presenters.after_paint"  # imported off the GUI thread by start


class DeskPresenter(QObject):
    loaded = Signal()  # the controllers' view of the portfolio (or the sign-in screen) shows
    # Built by build_after_paint (start calls it; so does opening what needs one of them).
    history: HistoryPresenter
    currency: CurrencyPresenter
    export: ExportFlow
    backups: BackupFlow

    def __init__(self, window: MainWindow, services: Services, settings: UiSettings,
                 formatter: Formatter, *, clock: Clock = utc_now) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.settings = settings
        self.clock = clock
        self._format = formatter
        self.failures = FailedRefreshes()
        self.damaged = False  # the database cannot be used: a blocking screen shows
        self.status = StatusReporter(window.message)
        self.bridge = WorkerBridge(self.status.error, self)
        self.portfolio = EMPTY
        self._summary = summarise(EMPTY)  # of the portfolio shown
        self.total_usd = self._summary.total_usd  # the header's
        self.credentials_known: list[Credential] | None = None
        desk, actions = window.desk, window.commands
        self.balances = BalancesPresenter(desk.balances, formatter, settings)
        self.credentials_model = CredentialsModel(formatter, self)
        self.wallets_model = WalletsModel(formatter, self)
        desk.wallets.table.setModel(self.wallets_model)
        self.credentials = CredentialsPresenter(
            window, lambda: services.credentials, self.bridge, actions=actions,
            table=desk.credentials.table,
            model=self.credentials_model, status=self.status)
        self.refresh = RefreshPresenter(
            lambda: services.portfolio, self.bridge, actions=actions,
            progress=window.refresh_status,
            status=self.status, credentials=self.credentials_model, failures=self.failures)
        self.live = LiveUpdates(
            self, watch=DataVersionWatch(services.paths.database), on_tick=self.show_freshness,
            on_database_change=self._database_changed, start_refresh=self._scheduled_refresh)
        self.built_after_paint = False
        self.session = SessionPresenter(
            window, lambda: services.session, self.bridge, view=lambda: window.sign_in,
            user_label=window.user,
            actions=actions, status=self.status)
        self.general_settings = GeneralSettings(
            self, settings, data_dir=services.paths.data_dir, theme=theme_switch(),
            auto_refresh=self.live.set_auto_refresh, choose_currency=self._choose_currency)
        self.session.settings.opened.connect(self.general_settings.attach)
        self._restore_tables()
        self._connect()

    # --- start-up ------------------------------------------------------------------------

    def show_snapshot(self, portfolio: Portfolio | None, user: User | None) -> None:
        """Before the first paint: the stored portfolio and whose it is (or the sign-in
        screen). ``start`` then checks that the session is still alive."""
        if user is None:
            portfolio = None
        # The local profile is either all there is (sign-in not set up) or a choice made
        # while it is set up: then File → Sign in… is offered from the first frame.
        configured = user != LOCAL_USER or local_profile_chosen(self.services.paths.data_dir)
        self.session.show_state(SessionState(configured, user))
        self.show_portfolio(portfolio or EMPTY)

    def start(self) -> None:
        """After the first paint: check the session, then load through the controllers."""
        from walletdesk.ui.presenters.desk_loads import start_up

        services = self.services
        self.status.info("Loading…")
        self.live.watch.mark_seen()
        build_parts = self.bridge.relay(lambda _module: self.build_after_paint())

        def first_load() -> Startup:
            # One worker does both, in turn: a second one beside it would only compete
            # with the GUI thread for the interpreter lock.
            build_parts(import_module(AFTER_PAINT))
            return start_up(services)

        self.bridge.op(first_load).success(self._started).failure(self._load_failed).run()
        self.live.start(self.settings.auto_refresh_minutes())

    def build_after_paint(self) -> None:
        """The parts the first paint does not show, made once: the History tab, the display
        currency (its menu shows the choice, the header the converted total), export and
        backup, and the icons only menus show. Importing and building them was ~4% of a
        start's work (callgrind: 1,439 M -> 1,390 M instructions, smoke start with 1,000
        balances). ``start`` has their modules imported on a worker thread first; whatever
        needs a part sooner (a click on Export, say) builds it here at once."""
        if self.built_after_paint:
            return
        from walletdesk.ui.presenters.after_paint import (
            BackupFlow,
            CurrencyPresenter,
            ExportFlow,
            HistoryPresenter,
        )

        self.built_after_paint = True
        self.window.commands.add_menu_icons()
        window, services, settings, bridge = self.window, self.services, self.settings, self.bridge
        desk = window.desk
        self.history = HistoryPresenter(desk.build_history(), desk.header, services, bridge,
                                        self._format, settings=settings, status=self.status)
        self.currency = CurrencyPresenter(window.currency_menu, desk.header, self.history,
                                          lambda: services.currency, bridge,
                                          formatter=self._format, settings=settings)
        self.export = ExportFlow(window, bridge, settings=settings, status=self.status,
                                 rows=self.balances, rate=lambda: self.currency.rate)
        self.backups = BackupFlow(window, services, bridge, status=self.status,
                                  busy=lambda: self.refresh.running, restored=self.reload)
        self.currency.currency_changed.connect(self._show_currency)
        self.history.show_portfolio(self.portfolio)
        self.currency.show_total(self.total_usd)

    def reload(self) -> None:
        from walletdesk.ui.presenters.desk_loads import load

        services = self.services
        self.live.watch.mark_seen()  # commits after this point are read by the next reload
        self.bridge.op(lambda: load(services)).success(self._loaded).failure(
            self._load_failed).run()

    def shutdown(self) -> None:
        self.live.stop()
        self.refresh.cancel()
        self.session.cancel()
        self._save_settings()
        self.bridge.shutdown()

    # --- showing -------------------------------------------------------------------------

    def show_portfolio(self, portfolio: Portfolio) -> None:
        shown = self.portfolio
        if not portfolio.balances.same_rows(shown.balances):  # else the load after the paint
            self._summary = summarise(portfolio)
        self.portfolio = portfolio
        summary = self._summary
        self.total_usd = summary.total_usd
        self.window.desk.header.show_summary(summary)
        self.failures.restore(portfolio.failures())
        self.balances.show_hidden_assets(portfolio.hidden)
        self.wallets_model.set_wallets(portfolio.wallets, self.failures, self.clock(),
                                       {c.exchange for c in self.credentials_known or ()})
        self.window.desk.wallets.table.fit_numbers()
        self.balances.show_balances(portfolio.balances, summary.totals)
        if self.built_after_paint:
            self.history.show_portfolio(portfolio)
            self.currency.show_total(summary.total_usd)
        self.show_freshness()
        self._choose_screen()

    def show_freshness(self) -> None:
        """Ask again how current every shown wallet is (after a load, and on a timer)."""
        now = self.clock()
        stale = self.failures.stale(self.portfolio.wallets, now)
        self.window.desk.header.show_freshness(stale, now)
        self.wallets_model.show_time(now)
        self.balances.show_stale({name: s.describe(self._format.when, now)
                                  for name, s in stale.items()})

    def _choose_screen(self) -> None:
        state = self.session.state
        screen: QWidget
        if self.damaged:
            screen = self._damaged_screen
        elif state is not None and state.user is None:
            screen = self.session.view
        elif self.portfolio.wallets or self.credentials_known:
            screen = self.window.desk
        else:
            screen = self._first_run_screen
        self.window.screens.setCurrentWidget(screen)
        actions = self.window.commands
        actions.export.setEnabled(bool(self.portfolio.balances))
        actions.refresh.setEnabled(screen is self.window.desk and not self.refresh.running)
        actions.add_credential.setEnabled(not self.damaged and not self._sign_in_shown())

    # --- results -------------------------------------------------------------------------

    def _started(self, startup: Startup) -> None:
        self.session.show_state(startup.session)
        if startup.loaded is None:
            self.status.info("")
            self._signed_out()
            self.loaded.emit()
            return
        self._loaded(startup.loaded)
        if not startup.session.note:
            self.status.info("Ready.")

    def _loaded(self, loaded: Loaded) -> None:
        self.build_after_paint()  # (start built them already: a load follows it)
        self.credentials_known = loaded.credentials
        self.credentials_model.set_credentials(loaded.credentials, loaded.portfolio.wallets,
                                               loaded.portfolio.refreshes)
        self.window.desk.credentials.show_empty(not loaded.credentials)
        self.show_portfolio(loaded.portfolio)
        self._move_legacy_hidden_assets()
        self.history.reload()
        history = self.services.history
        self.bridge.op(history.holdings_a_day_before).success(
            self.balances.show_past_holdings).run()
        self.currency.load()
        settle_long_lived_objects()
        self.loaded.emit()

    def _load_failed(self, error: WalletDeskError) -> None:
        if isinstance(error, DatabaseUnusableError):
            self._show_damaged(error)
            return
        if isinstance(error, AuthError):
            self.session.show_state(SessionState(True, None, str(error)))
            self._signed_out()
            return
        self.status.error(error)

    def _signed_in(self, _user: User) -> None:
        self.credentials_known = None
        self.show_portfolio(EMPTY)
        self.reload()

    def _signed_out(self) -> None:
        self.refresh.cancel()
        self.credentials_known = None
        self.credentials_model.set_credentials([])
        self.show_portfolio(EMPTY)  # another person must not see this user's numbers
        self.balances.show_past_holdings({})
        if self.built_after_paint:
            self.history.clear()

    def _store_hidden(self, hide: bool, assets: frozenset[tuple[str, str]]) -> None:
        portfolio = self.services.portfolio
        store = portfolio.hide_assets if hide else portfolio.show_assets
        self.bridge.op(lambda: store(assets)).failure(self._hidden_not_stored).run()

    def _hidden_not_stored(self, error: WalletDeskError) -> None:
        self.status.error(error)
        self.reload()  # show what is stored

    def _move_legacy_hidden_assets(self) -> None:
        """Assets hidden before migration 0006 were kept in the window's settings, for no
        one user: they go to the user shown now (the only one, then), once."""
        legacy = self.settings.legacy_hidden_assets()
        if not legacy:
            return
        portfolio, settings = self.services.portfolio, self.settings

        def moved(_: object) -> None:
            settings.forget_legacy_hidden_assets()
            self.balances.show_hidden_assets(self.portfolio.hidden | legacy)

        self.bridge.op(lambda: portfolio.hide_assets(legacy)).success(moved).run()

    def _after_refresh(self) -> None:
        self.reload()

    def _key_saved(self, exchange: str) -> None:
        self.reload()
        self.refresh.start(exchange)

    # --- wiring --------------------------------------------------------------------------

    def _connect(self) -> None:
        window, actions = self.window, self.window.commands
        tabs = window.desk.tabs
        actions.show_credentials.triggered.connect(lambda: self._show_tab(CREDENTIALS_TAB))
        actions.show_wallets.triggered.connect(lambda: self._show_tab(WALLETS_TAB))
        actions.show_balances.triggered.connect(lambda: self._show_tab(BALANCES_TAB))
        actions.search.triggered.connect(self._search)
        actions.export.triggered.connect(self._export)
        actions.back_up.triggered.connect(self._back_up)
        actions.restore.triggered.connect(self._restore)
        actions.about.triggered.connect(self._about)
        actions.privacy.toggled.connect(self.set_private)
        actions.quit.triggered.connect(window.close)
        window.closing.connect(self.shutdown)
        self.credentials.saved.connect(self._key_saved)
        self.balances.hidden_changed.connect(self._store_hidden)
        self.credentials.removed.connect(self.reload)
        self.refresh.finished.connect(self._after_refresh)
        self.refresh.signed_out.connect(lambda _error: self._session_lost())
        self.session.signed_in.connect(self._signed_in)
        self.session.signed_out.connect(self._signed_out)
        tabs.currentChanged.connect(self._tab_shown)
        tabs.setCurrentIndex(self.settings.view())
        window.desk.wallets.table.doubleClicked.connect(self._open_wallet)

    # The two screens most starts never show: built and wired when first shown.

    @cached_property
    def _first_run_screen(self) -> EmptyStateView:
        screen = self.window.empty
        screen.add_key.clicked.connect(lambda: self.credentials.add())  # noqa: PLW0108
        screen.try_demo.clicked.connect(self.credentials.try_demo)
        return screen

    @cached_property
    def _damaged_screen(self) -> DamagedDatabaseView:
        screen = self.window.damaged
        screen.start_afresh.clicked.connect(self.start_afresh)
        screen.open_folder.clicked.connect(self._open_database_folder)
        return screen

    def _show_damaged(self, error: DatabaseUnusableError) -> None:
        """Blocking: the first-run screen would look as if every key and balance were gone."""
        self.damaged = True
        self.live.stop()
        self._damaged_screen.show_problem(error.reason, str(error.path))
        self.status.info("The database cannot be read: see the choices above.")
        self._choose_screen()

    def start_afresh(self) -> Path | None:
        """Move the damaged database aside (kept, never deleted) and load an empty one."""
        from walletdesk.store.files import set_aside

        try:
            kept = set_aside(self.services.paths.database, datetime.now())
        except WalletDeskError as error:
            self.status.error(error)
            return None
        self.damaged = False
        self.status.info(f"The damaged database was kept as {kept}.")
        self.start()
        return kept

    def _open_database_folder(self) -> None:
        open_folder(self.services.paths.database.parent)

    def set_private(self, private: bool) -> None:
        """Privacy mode: every number is written again, hidden or shown."""
        self._format.private = private
        self.window.commands.privacy.setChecked(private)
        self.show_portfolio(self.portfolio)
        self.status.info("Amounts hidden (Ctrl+Shift+H shows them)." if private
                         else "Amounts shown.")

    def _show_currency(self, shown: ShownCurrency) -> None:
        """The tables' money in the display currency (its rate arrived), or in USD."""
        self.balances.show_currency(shown)
        self.wallets_model.set_currency(shown)
        self.window.desk.wallets.table.fit_numbers()

    def _open_wallet(self, index: QModelIndex) -> None:
        """Double-click: that wallet's balances."""
        exchange = self.wallets_model.exchange_at(index.row())
        self._show_tab(BALANCES_TAB)
        self.balances.show_exchange(exchange)

    def _database_changed(self) -> None:
        """Another program (the CLI, say) wrote to the database: show what is stored now."""
        if self.refresh.running or self._sign_in_shown():
            return  # a running refresh reloads when it ends; signed out shows nothing
        self.reload()

    def _sign_in_shown(self) -> bool:
        """Nobody signed in (and the database usable): the sign-in screen is up."""
        state = self.session.state
        return not self.damaged and state is not None and state.user is None

    def _scheduled_refresh(self) -> bool:
        if self.window.screens.currentWidget() is not self.window.desk:
            return False
        if not self.credentials_model.credentials():
            return False
        return self.refresh.start()

    def _session_lost(self) -> None:
        self.session.recheck()

    # What the first paint left unbuilt, reached before start built it (or in a test).

    def _tab_shown(self, index: int) -> None:
        if index == HISTORY_TAB:  # the window opens on it, or it is chosen before start
            self.build_after_paint()

    def _choose_currency(self, code: str) -> None:
        self.build_after_paint()
        self.currency.choose(code)

    def _export(self) -> None:
        self.build_after_paint()
        self.export.open()

    def _back_up(self) -> None:
        self.build_after_paint()
        self.backups.back_up()

    def _restore(self) -> None:
        self.build_after_paint()
        self.backups.restore()

    def _show_tab(self, index: int) -> None:
        if self.window.screens.currentWidget() is self.window.desk:
            self.window.desk.tabs.setCurrentIndex(index)

    def _search(self) -> None:
        if self.window.screens.currentWidget() is self.window.desk:
            self.window.desk.tabs.setCurrentIndex(BALANCES_TAB)
            self.balances.focus_search()

    def _about(self) -> None:
        from walletdesk.ui.dialogs.about_dialog import AboutDialog

        dialog = AboutDialog(self.services.paths, self.window)
        dialog.open_folder.clicked.connect(self.general_settings.open_data_folder)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # --- settings ------------------------------------------------------------------------

    def _restore_tables(self) -> None:
        desk = self.window.desk
        tables = {"credentials": (desk.credentials.table, (22, 24, 14, 20)),
                  "wallets": (desk.wallets.table, (24, 16, 8, 30))}
        for key, (table, widths) in tables.items():
            table.restore_header(self.settings.header_state(key),
                                 (0, Qt.SortOrder.AscendingOrder), widths)

    def _save_settings(self) -> None:
        desk, settings = self.window.desk, self.settings
        settings.set_geometry(self.window.saveGeometry())
        settings.set_window_state(self.window.saveState())
        settings.set_view(desk.tabs.currentIndex())
        settings.set_header_state("credentials", desk.credentials.table.header_state())
        settings.set_header_state("wallets", desk.wallets.table.header_state())
        self.balances.save()
        settings.sync()


def theme_switch() -> ThemeSwitch:
    """One per application: it remembers the system's own style and palette."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    switch = _SWITCHES.get(id(app))
    if switch is None:
        switch = _SWITCHES[id(app)] = ThemeSwitch(app)
    return switch


_SWITCHES: dict[int, ThemeSwitch] = {}
