from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from walletdesk.core.models import Balance
from walletdesk.export import default_file_name, export_balances


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "CSV"])
def test_each_format_is_written_and_the_file_returned(
    tmp_path: Path, sample_balances: list[Balance], fmt: str
) -> None:
    path = tmp_path / f"out.{fmt.lower()}"
    assert export_balances(sample_balances, fmt, path) == path
    assert path.stat().st_size > 0


def test_default_file_name_has_the_format_and_the_minute() -> None:
    now = datetime(2026, 11, 25, 17, 4, 59)
    assert default_file_name("csv", now) == "walletdesk-balances-20261125-1704.csv"
    assert default_file_name("XLSX", now) == "walletdesk-balances-20261125-1704.xlsx"


def test_importing_the_exporter_does_not_import_openpyxl_or_qt() -> None:
    code = (
        "import sys, walletdesk.export\n"
        "heavy = {'openpyxl', 'PySide6', 'sqlalchemy', 'httpx', 'keyring'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


def test_building_the_command_line_parser_loads_no_export_writer() -> None:
    """The parser reads the format names at every start, the GUI's too."""
    code = (
        "import sys\n"
        "from walletdesk.cli.parser import build_parser\n"
        "build_parser()\n"
        "writers = {'csv_writer', 'json_writer', 'xlsx_writer', 'atomic', 'files'}\n"
        "loaded = {m.rsplit('.', 1)[1] for m in sys.modules\n"
        "          if m.startswith('walletdesk.export.')}\n"
        "assert not writers & loaded, writers & loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
