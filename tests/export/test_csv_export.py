from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from walletdesk.core.models import Balance
from walletdesk.export import COLUMN_NAMES, export_balances

from .rendered import render_csv
from .samples import FORMULA_ASSET, balance


def read_back(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_csv_export_matches_its_golden_file(
    tmp_path: Path, sample_balances: list[Balance], golden: Callable[[str, bytes], None]
) -> None:
    path = export_balances(sample_balances, "csv", tmp_path / "balances.csv")
    golden("balances.csv", path.read_bytes())


def test_csv_is_utf8_without_bom_with_crlf_line_endings(
    tmp_path: Path, sample_balances: list[Balance]
) -> None:
    data = export_balances(sample_balances, "csv", tmp_path / "b.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.startswith(",".join(COLUMN_NAMES).encode() + b"\r\n")
    assert data.count(b"\r\n") == len(sample_balances) + 1
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert "ÆTHER币".encode() in data


def test_csv_reads_back_with_exact_decimals(
    tmp_path: Path, sample_balances: list[Balance]
) -> None:
    rows = read_back(export_balances(sample_balances, "csv", tmp_path / "b.csv"))
    assert len(rows) == len(sample_balances)
    for row, original in zip(rows, sample_balances, strict=True):
        for name in ("free", "locked", "total", "usd_value"):
            assert Decimal(row[name]) == getattr(original, name)
            assert row[name] == f"{getattr(original, name).quantize(Decimal('1E-8')):f}"
        assert row["priced"] == ("true" if original.priced else "false")
    assert rows[0]["total"] == "9999999999.99999999"
    assert rows[3]["free"] == "0.00000001"


def test_csv_guards_formula_like_text_but_leaves_numbers_alone() -> None:
    negative = balance("MEXC", "-DOWN", "-1.5", "0", "-2")
    rows = list(csv.reader(io.StringIO(render_csv([negative,
                                                  balance("DEMO", FORMULA_ASSET, "1", "0", "0")]))))
    assert rows[1][1] == "'-DOWN"
    assert rows[1][2] == "-1.50000000"
    assert rows[1][5] == "-2.00000000"
    assert rows[2][1] == "'" + FORMULA_ASSET


def test_csv_quotes_fields_that_contain_commas_quotes_or_line_breaks() -> None:
    odd = 'A,"B"\nC'
    text = render_csv([balance("MEXC", odd, "1", "0", "0")])
    assert '"A,""B""\nC"' in text
    assert list(csv.reader(io.StringIO(text, newline="")))[1][1] == odd


def test_no_balances_give_a_csv_with_the_header_only() -> None:
    assert render_csv([]) == ",".join(COLUMN_NAMES) + "\r\n"
