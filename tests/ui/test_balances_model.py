"""The balances table model: its rows, sorting and filtering."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from tests.ui.samples import balance, mixed_balances
from walletdesk.core.balance_table import BalanceTable
from walletdesk.ui.formatting import Formatter
from walletdesk.ui.models.asset_groups import group_by_asset
from walletdesk.ui.models.balance_columns import (
    ASSET,
    EXCHANGE,
    FREE,
    PRICE,
    SHARE,
    TOTAL,
    USD,
)
from walletdesk.ui.models.balances_filter import BalanceFilter
from walletdesk.ui.models.balances_model import BalancesModel
from walletdesk.ui.models.roles import EXACT_ROLE, RECORD_ROLE

DESC = Qt.SortOrder.DescendingOrder
ASC = Qt.SortOrder.AscendingOrder


def build() -> BalancesModel:
    model = BalancesModel(Formatter())
    balances = mixed_balances()
    model.set_balances(BalanceTable.of(balances), sum((b.usd_value for b in balances), Decimal(0)))
    return model


def column(model: BalancesModel, col: int,
           role: int = Qt.ItemDataRole.DisplayRole) -> list[object]:
    return [model.data(model.index(row, col), role) for row in range(model.rowCount())]


def test_models_pass_qtmodeltester_while_sorting_and_filtering(qtmodeltester: ModelTester) -> None:
    model = build()
    qtmodeltester.check(model)
    model.sort(ASSET, ASC)
    model.set_filter(BalanceFilter(search="t"))
    model.sort(TOTAL, DESC)
    model.set_balances(BalanceTable.of(mixed_balances()[:3]), Decimal(100))
    model.set_filter(BalanceFilter())


def test_rows_start_in_value_descending_order() -> None:
    model = build()
    assert column(model, ASSET) == ["BTC", "ETH", "SOL", "USDT", "DOGE", "ATOM", "VEN"]


def test_sorting_by_each_column_orders_rows_by_its_exact_value() -> None:
    model = build()
    model.sort(ASSET, ASC)
    assert column(model, ASSET) == ["ATOM", "BTC", "DOGE", "ETH", "SOL", "USDT", "VEN"]
    model.sort(FREE, DESC)
    assert column(model, ASSET)[:3] == ["USDT", "VEN", "DOGE"]
    model.sort(EXCHANGE, ASC)
    assert column(model, EXCHANGE)[:3] == ["Binance"] * 3
    model.sort(USD, ASC)
    assert column(model, ASSET)[:2] == ["VEN", "ATOM"]
    model.sort(PRICE, DESC)  # USD value / total; the unpriced last
    assert column(model, ASSET) == ["BTC", "ETH", "SOL", "ATOM", "USDT", "DOGE", "VEN"]
    assert column(model, PRICE)[-1] == "no price"


def test_selection_follows_its_row_when_the_table_is_sorted() -> None:
    model = build()
    eth = QPersistentModelIndex(model.index(1, ASSET))
    model.sort(ASSET, ASC)
    assert eth.data() == "ETH"
    assert eth.row() == 3


def test_numbers_are_right_aligned_locale_formatted_with_full_precision_in_tooltip() -> None:
    model = build()
    btc = model.index(0, TOTAL)
    # padded with figure spaces so that its point lines up with ATOM's 8 decimals
    assert btc.data() == "0.75" + "\u2007" * 6
    assert btc.data(Qt.ItemDataRole.ToolTipRole) == "0.75000000"
    assert btc.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    usd = model.index(0, USD)
    assert usd.data() == "$48,000.12"
    assert usd.data(Qt.ItemDataRole.ToolTipRole) == "48000.12345678"


def test_unpriced_and_dust_values_say_so_instead_of_showing_zero() -> None:
    model = build()
    assert model.index(5, USD).data() == "< $0.01"
    assert model.index(6, USD).data() == "no price"
    assert "No USD price" in model.index(6, USD).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(6, SHARE).data() == "—"


def test_a_row_grouped_by_asset_is_priced_only_when_each_of_its_rows_is() -> None:
    model = BalancesModel(Formatter())
    grouped = group_by_asset(BalanceTable.of([
        balance("MEXC", "BTC", "1", usd="65000"), balance("BINANCE", "BTC", "1"),
        balance("MEXC", "DUST", "0.00000001", priced=True),
        balance("BINANCE", "DUST", "0.00000002", priced=True)]))
    model.set_balances(grouped, grouped.usd_value())
    assert dict(zip(column(model, ASSET), column(model, USD), strict=True)) == {
        "BTC": "no price", "DUST": "$0.00"}


def test_share_is_of_the_whole_portfolio() -> None:
    model = BalancesModel(Formatter())
    model.set_balances(BalanceTable.of([balance("MEXC", "A", "1", usd="25"),
                                        balance("MEXC", "B", "1", usd="75")]), Decimal(100))
    assert column(model, SHARE) == ["75.0 %", "25.0 %"]


def test_demo_balances_name_the_demo_exchange() -> None:
    model = build()
    assert model.index(2, EXCHANGE).data() == "Demo (offline sample)"


def test_search_matches_asset_and_exchange_name_case_insensitively() -> None:
    model = build()
    model.set_filter(BalanceFilter(search="bt"))
    assert column(model, ASSET) == ["BTC"]
    model.set_filter(BalanceFilter(search="  BINANCE "))
    assert column(model, ASSET) == ["ETH", "DOGE", "VEN"]
    model.set_filter(BalanceFilter(search="offline"))
    assert column(model, ASSET) == ["SOL"]


def test_exchange_filter_and_dust_threshold_combine() -> None:
    model = build()
    model.set_filter(BalanceFilter(exchange="MEXC", min_usd=Decimal(1)))
    assert column(model, ASSET) == ["BTC", "USDT"]
    totals = model.totals()
    assert (totals.count, totals.of) == (2, 7)
    assert totals.usd_value == Decimal("49234.62345678")


def test_filter_survives_new_data_and_sorting() -> None:
    model = build()
    model.set_filter(BalanceFilter(exchange="BINANCE"))
    model.sort(ASSET, ASC)
    assert column(model, ASSET) == ["DOGE", "ETH", "VEN"]
    more = [*mixed_balances(), balance("BINANCE", "ADA", "1", usd="1")]
    model.set_balances(BalanceTable.of(more), Decimal(1))
    assert column(model, ASSET) == ["ADA", "DOGE", "ETH", "VEN"]


def test_shown_balances_are_the_filtered_rows_in_table_order() -> None:
    model = build()
    model.set_filter(BalanceFilter(exchange="MEXC"))
    model.sort(ASSET, ASC)
    assert [b.asset for b in model.shown_balances()] == ["ATOM", "BTC", "USDT"]
    assert model.index(0, 0).data(RECORD_ROLE).asset == "ATOM"


def test_exact_role_is_plain_text_for_copying() -> None:
    model = build()
    assert model.index(0, USD).data(EXACT_ROLE) == "48000.12345678"
    assert model.index(0, FREE).data(EXACT_ROLE) == "0.50000000"
    assert model.index(0, ASSET).data(EXACT_ROLE) == "BTC"


def test_children_and_invalid_indexes_have_no_data() -> None:
    model = build()
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


def test_tooltips_show_the_price_route_and_where_the_amount_sits() -> None:
    from walletdesk.core.models import BalanceSource

    eth = balance("BINANCE", "ETH", "1", "2", "9000")._replace(
        route="ETHBTC x BTCUSDT",
        sources=(BalanceSource("k1", "ETH", "spot", Decimal("1"), Decimal("0.5")),
                 BalanceSource("k1", "ETH", "earn", Decimal("0"), Decimal("1.5"))))
    model = BalancesModel(Formatter())
    model.set_balances(BalanceTable.of([eth]), eth.usd_value)
    usd_tip = column(model, USD, Qt.ItemDataRole.ToolTipRole)[0]
    total_tip = column(model, TOTAL, Qt.ItemDataRole.ToolTipRole)[0]
    assert isinstance(usd_tip, str) and usd_tip.endswith("\nvia ETHBTC x BTCUSDT")
    assert isinstance(total_tip, str) and total_tip.splitlines()[1:] == [
        "spot: 1.50000000", "earn: 1.50000000"]


def test_a_selected_row_stays_selected_through_a_filter_that_keeps_it() -> None:
    model = build()
    eth = QPersistentModelIndex(model.index(1, ASSET))
    doge = QPersistentModelIndex(model.index(4, ASSET))
    assert (eth.data(), doge.data()) == ("ETH", "DOGE")
    model.set_filter(BalanceFilter(search="eth"))
    assert eth.isValid() and eth.data() == "ETH" and eth.row() == 0
    assert not doge.isValid()  # filtered out: no longer a row of the table
    model.set_filter(BalanceFilter())
    assert eth.data() == "ETH" and eth.row() == 1
    assert model.rowCount() == 7
