from __future__ import annotations

from walletdesk.core.models import Balance
from walletdesk.export import balances_table, render_table
from walletdesk.export.table_text import display_width


def test_columns_are_aligned_under_a_dashed_rule() -> None:
    text = render_table(["ID", "EXCHANGE"], [["1", "MEXC"], ["22", "BINANCE"]])
    assert text.splitlines() == [
        "ID  EXCHANGE",
        "--  --------",
        "1   MEXC",
        "22  BINANCE",
    ]


def test_right_aligned_columns_line_up_their_last_digits() -> None:
    text = render_table(["asset", "total"], [["BTC", "0.50000000"], ["BIG", "12345.00000000"]],
                        right_aligned={1})
    assert text.splitlines()[2:] == ["BTC        0.50000000", "BIG    12345.00000000"]


def test_wide_characters_count_as_two_columns() -> None:
    lines = render_table(["asset", "x"], [["币币", "1"], ["AB", "2"]]).splitlines()
    assert display_width(lines[2]) == display_width(lines[3]) == len("asset  x")


def test_control_characters_cannot_reach_the_terminal() -> None:
    text = render_table(["asset"], [["EVIL\x1b[2J\u202e"]])
    assert "\x1b" not in text and "\u202e" not in text
    assert "EVIL?[2J?" in text


def test_balances_table_is_for_people_with_numbers_right_aligned_and_a_total(
    sample_balances: list[Balance],
) -> None:
    lines = balances_table(sample_balances).splitlines()
    assert lines[0].split()[:2] == ["EXCHANGE", "ASSET"]
    assert "USD VALUE" in lines[0] and "priced" not in lines[0]
    assert len(lines) >= len(sample_balances) + 4  # header, 2 rules, the total
    total_line = next(line for line in lines if line.startswith("Total"))
    usd_end = lines[0].index("USD VALUE") + len("USD VALUE")
    assert total_line.endswith("$") is False and total_line.rstrip()[-1].isdigit()
    assert len(total_line.rstrip()) == usd_end
    assert not any(line.endswith(" ") for line in lines)


def test_an_empty_balances_table_has_its_header_only() -> None:
    assert len(balances_table([]).splitlines()) == 2
