from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

from walletdesk.core.models import Balance
from walletdesk.export.rows import COLUMN_NAMES, COLUMNS, format_timestamp, json_record

from .samples import balance


def text_row(balance: Balance) -> list[str]:
    return [column.text(balance) for column in COLUMNS]


def test_columns_are_the_documented_ones_in_order() -> None:
    assert COLUMN_NAMES == ("exchange", "asset", "free", "locked", "total", "usd_value",
                            "priced", "wallet_updated")


def test_amounts_are_fixed_point_text_with_exactly_eight_decimals() -> None:
    row = text_row(balance("MEXC", "BTC", "0.00000001", "0E-8", "1E+3"))
    assert row[2:6] == ["0.00000001", "0.00000000", "0.00000001", "1000.00000000"]


def test_timestamps_are_utc_iso_8601_with_z_to_the_second() -> None:
    berlin = timezone(timedelta(hours=1))
    assert format_timestamp(datetime(2026, 11, 25, 18, 4, 5, 999_999, tzinfo=berlin)) == (
        "2026-11-25T17:04:05Z"
    )


def test_a_naive_timestamp_is_taken_as_utc() -> None:
    assert format_timestamp(datetime(2026, 1, 2, 3, 4, 5)) == "2026-01-02T03:04:05Z"


def test_exchange_is_exported_by_its_canonical_name_not_its_display_name() -> None:
    assert text_row(balance("BINANCE", "BTC", "1", "0", "1"))[0] == "BINANCE"


def test_json_record_has_decimal_strings_a_boolean_and_a_utc_time() -> None:
    record = json_record(balance("MEXC", "XYZ", "2.5", "0", "0", priced=False,
                                 updated=datetime(2026, 11, 25, 17, 4, 5, tzinfo=UTC)))
    assert record == {
        "exchange": "MEXC", "asset": "XYZ", "free": "2.50000000", "locked": "0.00000000",
        "total": "2.50000000", "usd_value": "0.00000000", "priced": False,
        "wallet_updated": "2026-11-25T17:04:05Z", "sources": [],
    }
    assert Decimal(str(record["free"])) == Decimal("2.5")
