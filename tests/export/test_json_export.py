from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from walletdesk.core.models import Balance
from walletdesk.export import export_balances
from walletdesk.export.rows import format_timestamp

from .rendered import render_json
from .samples import FORMULA_ASSET


def test_json_export_matches_its_golden_file(
    tmp_path: Path, sample_balances: list[Balance], golden: Callable[[str, bytes], None]
) -> None:
    path = export_balances(sample_balances, "json", tmp_path / "balances.json")
    golden("balances.json", path.read_bytes())


def test_json_is_an_array_of_exact_records_in_the_documented_shape(
    tmp_path: Path, sample_balances: list[Balance]
) -> None:
    path = export_balances(sample_balances, "json", tmp_path / "b.json")
    records = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(records, list)
    for record, original in zip(records, sample_balances, strict=True):
        assert list(record) == ["exchange", "asset", "free", "locked", "total", "usd_value",
                                "priced", "wallet_updated", "sources"]
        assert record["exchange"] == original.exchange
        assert record["asset"] == original.asset
        for name in ("free", "locked", "total", "usd_value"):
            assert isinstance(record[name], str)
            assert Decimal(record[name]) == getattr(original, name)
        assert record["priced"] is original.priced
        assert record["wallet_updated"] == format_timestamp(original.wallet_updated)
    assert records[0]["total"] == "9999999999.99999999"


def test_json_keeps_text_exactly_as_the_exchange_reported_it(
    sample_balances: list[Balance],
) -> None:
    text = render_json(sample_balances)
    assert "ÆTHER币" in text  # UTF-8, not \\u escapes
    assert [r["asset"] for r in json.loads(text)][-1] == FORMULA_ASSET


def test_json_is_indented_by_two_and_ends_with_a_newline() -> None:
    assert render_json([]) == "[]\n"
    assert render_json([]).endswith("\n")
