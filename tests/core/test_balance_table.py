"""The compact balance table: the same records as a list of ``Balance``, built on access."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from tests.ui.samples import T0, balance, mixed_balances
from walletdesk.core.balance_table import EMPTY_TABLE, BalanceTable
from walletdesk.core.models import Balance


def test_a_table_gives_back_exactly_the_balances_it_was_made_of() -> None:
    balances = mixed_balances()
    table = BalanceTable.of(balances)
    assert len(table) == len(balances)
    assert list(table) == balances
    assert [table[i] for i in range(len(table))] == balances
    assert table[-1] == balances[-1]
    assert list(table[2:4]) == balances[2:4]
    assert table == balances and table == tuple(balances)
    assert table != balances[:-1]
    assert all(type(b) is Balance for b in table)


def test_amounts_keep_their_eight_decimals_and_priced_follows_the_stored_values() -> None:
    table = BalanceTable.of([balance("MEXC", "ATOM", "0.00000312", usd="0.00002624"),
                             balance("MEXC", "VEN", "1200"), balance("MEXC", "NIL", "0")])
    atom, ven, nil = table
    assert str(atom.free) == "0.00000312" and str(atom.usd_value) == "0.00002624"
    assert str(ven.locked) == "0E-8"
    assert (atom.priced, ven.priced, nil.priced) == (True, False, True)


def test_a_priced_flag_its_value_alone_would_not_give_back_is_kept() -> None:
    dust = balance("MEXC", "DUST", "0.00000001", priced=True)  # worth under 1e-8 USD
    partly = balance("MEXC", "BTC", "2", usd="65000", priced=False)  # a group, half priced
    assert list(BalanceTable.of([dust, partly])) == [dust, partly]


def test_columns_are_integer_units_in_row_order() -> None:
    table = BalanceTable.of(mixed_balances())
    assert table.units("usd_value")[:2] == (4_800_012_345_678, 950_000_000_000)
    assert table.units("locked")[0] == 25_000_000
    assert table.assets()[:3] == ("BTC", "ETH", "SOL")
    assert table.exchanges()[:3] == ("MEXC", "BINANCE", "DEMO")


def test_the_usd_sum_is_exact_even_beyond_what_sqlite_integers_hold() -> None:
    largest = "9999999999.99999999"
    table = BalanceTable.of([balance("MEXC", f"A{i}", "1", usd=largest) for i in range(10)])
    assert sum(table.units("usd_value")) > 2**63  # SQLite's sum() would overflow here
    assert table.usd_value() == Decimal(largest) * 10


def test_each_row_names_its_own_wallet() -> None:
    later = T0 + timedelta(hours=2)
    old = balance("MEXC", "BTC", "1")
    new = old._replace(exchange="BINANCE", wallet_updated=later)
    table = BalanceTable({7: ("MEXC", T0), 9: ("BINANCE", later)},
                         [(9, "BTC", 100_000_000, 0, 100_000_000, 0),
                          (7, "BTC", 100_000_000, 0, 100_000_000, 0)])
    assert list(table) == [new, old]


def test_the_empty_table() -> None:
    assert len(EMPTY_TABLE) == 0 and not EMPTY_TABLE
    assert EMPTY_TABLE == [] and EMPTY_TABLE.usd_value() == Decimal(0)
    with pytest.raises(IndexError):
        EMPTY_TABLE[0]


def test_each_column_is_read_once_per_table() -> None:
    # The first paint asks for the same columns a dozen times (sort keys, widths, totals,
    # filter, summary): 10,000 values each time, unless the table keeps them.
    table = BalanceTable.of(mixed_balances())
    assert table.units("total") is table.units("total")
    assert table.exchanges() is table.exchanges() and table.assets() is table.assets()
