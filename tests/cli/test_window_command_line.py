"""The command line that opens the window is read without the command modules, as the
whole parser reads it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from walletdesk.cli.parser import build_parser, parse_arguments

REPO = Path(__file__).resolve().parents[2]

LINES = [
    [],
    ["--smoke"],
    ["--data-dir", "/tmp/w"],
    ["--data-dir=/tmp/w", "--smoke"],
    ["--smoke", "--data-dir", "--"],
    ["--data-dir", "-x"],
    ["--smo"],
    ["balances"],
    ["whoami", "--data-dir=/tmp/w"],
    ["--data-dir", "/tmp/w", "balances", "--min-usd", "5"],
    ["balances", "--data-dir", "/tmp/w"],
    ["--help"],
    ["--version"],
]


@pytest.mark.parametrize("line", LINES, ids=" ".join)
def test_every_line_reads_as_the_whole_parser_reads_it(
    line: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        expected = vars(build_parser().parse_args(line))
    except SystemExit as refused:
        printed = capsys.readouterr()
        with pytest.raises(SystemExit) as exited:
            parse_arguments(line)
        assert exited.value.code == refused.code
        assert capsys.readouterr() == printed  # the same help, version or error
    else:
        assert vars(parse_arguments(line)) == expected


def test_opening_the_window_imports_no_command_module() -> None:
    script = (
        "import sys\n"
        "from walletdesk.cli.parser import parse_arguments\n"
        "args = parse_arguments(['--data-dir', '/tmp/w', '--smoke'])\n"
        "assert args.handler is None and args.smoke, args\n"
        "loaded = [m for m in sys.modules if m.endswith('_commands')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=REPO, check=True, timeout=60)
