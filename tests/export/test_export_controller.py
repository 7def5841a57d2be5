from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from walletdesk.controllers.export import ExportController, default_export_name
from walletdesk.core.models import Balance


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "CSV"])
def test_controller_writes_each_format_and_returns_the_file(
    tmp_path: Path, sample_balances: list[Balance], fmt: str
) -> None:
    path = tmp_path / f"out.{fmt.lower()}"
    assert ExportController().export(sample_balances, fmt, path) == path
    assert path.stat().st_size > 0


def test_default_export_name_has_the_format_and_the_minute() -> None:
    now = datetime(2026, 11, 25, 17, 4, 59)
    assert default_export_name("csv", now) == "walletdesk-balances-20261125-1704.csv"
    assert default_export_name("XLSX", now) == "walletdesk-balances-20261125-1704.xlsx"


def test_export_never_contains_anything_but_the_balance_columns(
    tmp_path: Path, sample_balances: list[Balance]
) -> None:
    text = ExportController().export(sample_balances, "json", tmp_path / "b.json").read_text()
    assert "key" not in text.lower() and "secret" not in text.lower()


def test_importing_the_exporter_does_not_import_openpyxl_or_qt() -> None:
    code = (
        "import sys, walletdesk.export, walletdesk.controllers.export\n"
        "heavy = {'openpyxl', 'PySide6', 'sqlalchemy', 'httpx', 'keyring'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
