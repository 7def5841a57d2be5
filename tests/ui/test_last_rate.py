"""The display currency's last rate is remembered: a start shows the chosen currency at once,
and a lookup that fails keeps it in sight with the reason, instead of falling back to USD."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tests.ecb_server import EcbServer
from tests.ui.conftest import OpenDesk
from tests.ui.test_display_currency_tables import header, in_currency
from tests.ui.test_history_tab import seed_history
from walletdesk.core.currency import Rate
from walletdesk.paths import resolve_paths
from walletdesk.services import Services
from walletdesk.ui.gui_main import build_window
from walletdesk.ui.models.balance_columns import USD
from walletdesk.ui.settings import UiSettings


def test_the_last_rate_is_kept_exactly_and_junk_is_ignored() -> None:
    settings = UiSettings()
    assert settings.last_rate("EUR") is None
    rate = Rate("EUR", Decimal("0.92592592592592592593"), Decimal("1.0800"),
                date(2026, 11, 30), "European Central Bank")
    settings.set_last_rate(rate)
    assert settings.last_rate("EUR") == rate
    assert settings.last_rate("GBP") is None
    for junk in ("", "1\t2\t2026-11-30", "x\t1\t2026-11-30\tECB", "0\t1\t2026-11-30\tECB",
                 "1\tInfinity\t2026-11-30\tECB", "1\t2\tyesterday\tECB"):
        QSettings().setValue("rates/last/EUR", junk)
        assert settings.last_rate("EUR") is None, junk


def test_a_start_shows_the_last_rate_at_once_and_keeps_it_when_the_lookup_fails(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    seed_history(services.paths.database, [0])
    today = datetime.now(UTC).date().isoformat()
    with EcbServer(day=today) as ecb:
        monkeypatch.setenv("WALLETDESK_FX_BASE_URL", ecb.url)
        first = open_desk()
        in_currency(qtbot, first, "GBP")
        looked_up = first.currency.rate
        assert looked_up is not None and looked_up.source == "European Central Bank"
        first.window.close()

        ecb.status = 503  # offline, or the bank's file is down
        later = Services(resolve_paths(str(data_dir)))  # its own rates: none in memory
        again = build_window(later)
        try:
            qtbot.addWidget(again.window)
            again.window.show()
            with qtbot.waitSignal(again.loaded, timeout=15_000):
                again.start()
            tip = again.window.desk.header.in_currency
            assert again.currency.rate == looked_up  # before any answer: the last rate
            assert header(again, USD) == "GBP value"
            total = again.portfolio.total_usd_value
            assert tip.text() == f"≈ {looked_up.convert(total):,.2f}\u00a0GBP"
            qtbot.waitUntil(lambda: "could not be looked up" in tip.toolTip(), timeout=10_000)
            assert ecb.requests == 2
            assert again.currency.rate == looked_up and header(again, USD) == "GBP value"
            assert "European Central Bank" in tip.toolTip() and "download" in tip.toolTip()
        finally:
            again.window.close()
            again.bridge.shutdown()
            later.close()
