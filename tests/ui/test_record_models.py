"""The credentials and wallets tables."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from tests.ui.samples import T0, credential
from walletdesk.controllers.freshness import FailedRefreshes
from walletdesk.core.models import Credential, Wallet
from walletdesk.ui.formatting import Formatter
from walletdesk.ui.models.check_status import CheckLevel, CheckStatus
from walletdesk.ui.models.credentials_model import CredentialsModel, shorten_key
from walletdesk.ui.models.wallets_model import WalletsModel


def credentials() -> list[Credential]:
    return [credential("MEXC", "Main", cid="a"), credential("BINANCE", None, "binKEY42", cid="b"),
            credential("DEMO", "Demo", "demo-key", cid="c")]


def wallets() -> list[Wallet]:
    return [Wallet(1, "MEXC", Decimal("1234.5"), T0, 3),
            Wallet(2, "DEMO", Decimal("59703.22867124"), T0, 14)]


def texts(model: CredentialsModel | WalletsModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_credentials_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = CredentialsModel(Formatter())
    model.set_credentials(credentials())
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.set_check("a", CheckStatus(CheckLevel.OK, "Key works and is read-only."))
    model.set_credentials(credentials()[:1])


def test_credentials_show_exchange_label_and_a_shortened_public_key_only() -> None:
    model = CredentialsModel(Formatter())
    model.set_credentials(credentials())
    assert texts(model, 0) == ["MEXC", "Binance", "Demo (offline sample)"]
    assert texts(model, 1) == ["Main", "", "Demo"]
    assert texts(model, 2) == ["mx0v…abcd", "binKEY42", "demo-key"]
    assert shorten_key("0123456789abcdef") == "0123…cdef"
    assert texts(model, 4) == ["Not checked yet"] * 3


def test_check_results_show_with_an_icon_and_survive_a_reload() -> None:
    model = CredentialsModel(Formatter())
    model.set_credentials(credentials())
    model.set_check("b", CheckStatus(CheckLevel.ERROR, "The exchange refused the key."))
    assert model.index(1, 4).data() == "The exchange refused the key."
    assert model.index(1, 4).data(Qt.ItemDataRole.DecorationRole) is not None
    model.set_credentials(credentials())
    assert model.index(1, 4).data() == "The exchange refused the key."


def test_sorting_keeps_persistent_indexes_on_their_record() -> None:
    model = CredentialsModel(Formatter())
    model.set_credentials(credentials())
    demo = QPersistentModelIndex(model.index(2, 0))
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert demo.data() == "Demo (offline sample)"
    assert texts(model, 0) == ["Binance", "Demo (offline sample)", "MEXC"]


def test_wallets_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = WalletsModel(Formatter())
    failures = FailedRefreshes()
    model.set_wallets(wallets(), failures, T0)
    qtmodeltester.check(model)
    failures.record(None, {"MEXC": "The exchange is down."})
    model.set_wallets(wallets(), failures, T0)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.show_time(T0 + timedelta(hours=2))


def test_wallets_show_total_assets_and_last_refresh_error_with_old_numbers() -> None:
    model = WalletsModel(Formatter())
    failures = FailedRefreshes()
    failures.record(None, {"MEXC": "MEXC did not answer."})
    model.set_wallets(wallets(), failures, T0)
    assert texts(model, 1) == ["$1,234.50", "$59,703.23"]
    assert model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole) == "59703.22867124"
    assert texts(model, 2) == ["3", "14"]
    assert texts(model, 4)[0] == "Failed, showing previous balances: MEXC did not answer."
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert texts(model, 4)[1] == "OK"


def test_a_refresh_of_one_exchange_keeps_the_other_exchanges_errors() -> None:
    model = WalletsModel(Formatter())
    failures = FailedRefreshes()
    failures.record(None, {"MEXC": "down", "DEMO": "odd"})
    failures.record({"DEMO"}, {})
    model.set_wallets(wallets(), failures, T0)
    assert texts(model, 4) == ["Failed, showing previous balances: down", "OK"]
    model.set_wallets([replace(w, asset_count=1) for w in wallets()], failures, T0)
    assert texts(model, 4)[0].endswith("down")


def test_wallet_ages_follow_the_clock_without_a_reset() -> None:
    model = WalletsModel(Formatter())
    model.set_wallets(wallets(), FailedRefreshes(), T0 + timedelta(seconds=10))
    assert texts(model, 3)[0].endswith("(just now)")
    model.show_time(T0 + timedelta(hours=3))
    assert texts(model, 3)[0].endswith("(3 h ago)")
