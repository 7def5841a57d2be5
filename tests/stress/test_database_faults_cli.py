"""Bad database files through the command line: whatever the command, one readable line,
exit 1, and the file is left exactly as it was (never overwritten, never truncated)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

import pytest

from tests.store.sandbox import read_only
from tests.stress import damage
from tests.stress.shell import Shell

COMMANDS = [
    ["credentials", "list"],
    ["balances", "--format", "json"],
    ["refresh"],
    ["export", "--format", "csv", "--output", "out.csv"],
    ["credentials", "add", "--exchange", "demo", "--api-key", "demo", "--label", "more"],
]
READS = COMMANDS[:2]
WRITES = [COMMANDS[2], COMMANDS[4]]
DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "damaged pages": (damage.damage_all_but_the_first_page, "is damaged"),
    "cut in half": (damage.cut_in_half, "is damaged"),
    "newer schema": (damage.from_a_newer_app, "newer version of WalletDesk"),
    "another program's": (damage.another_programs, "WalletDesk did not create"),
}


@pytest.fixture
def database(data_dir: Path, master_key: bytes, shell: Shell, tmp_path: Path,
             monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A database with a demo key and its balances; cwd is a scratch folder."""
    monkeypatch.chdir(tmp_path)
    assert shell("credentials", "add", "--exchange", "demo", "--api-key", "demo").code == 0
    assert shell("refresh").code == 0
    yield data_dir / "walletdesk.db"


def assert_one_line(shell: Shell, database: Path, words: str,
                    around: Callable[[], AbstractContextManager[object]] = nullcontext,
                    commands: list[list[str]] = COMMANDS) -> None:
    folder = database.parent
    before = damage.fingerprint(folder)
    for command in commands:
        with around():
            result = shell(*command)
        assert result.code == 1, (command, result)
        (line,) = result.err.splitlines()
        assert line.startswith("walletdesk: ") and words in line and str(database) in line, line
        assert damage.fingerprint(folder) == before, f"{command} changed the files"


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_bad_database_file_is_one_line_for_every_command_and_left_alone(
        case: str, database: Path, shell: Shell) -> None:
    spoil, words = DAMAGE[case]
    spoil(database)
    assert_one_line(shell, database, words)


@pytest.mark.parametrize("which", ["file", "folder"])
def test_a_read_only_database_is_read_and_one_line_for_every_write_and_left_alone(
        which: str, database: Path, shell: Shell) -> None:
    targets = (database,) if which == "file" else (database.parent, database)
    before = damage.fingerprint(database.parent)
    with read_only(*targets):
        for command in READS:
            result = shell(*command)
            assert result.code == 0, (command, result)
    assert damage.fingerprint(database.parent) == before
    assert_one_line(shell, database, "read-only", lambda: read_only(*targets), WRITES)


def test_damage_inside_the_balances_is_reported_by_what_reads_them_and_never_papered_over(
        database: Path, shell: Shell) -> None:
    """Keys still list; reading or refreshing balances says the file is damaged; the
    damaged pages stay as they are and the file never shrinks."""
    pages = damage.pages_of(database, "balances")
    damage.scribble(database, pages)
    size = damage.page_size(database)
    damaged = {page: damage.read_page(database, page, size) for page in pages}
    length = database.stat().st_size

    assert shell("credentials", "list").code == 0
    for command in (["balances"], ["refresh"], ["export", "--format", "json", "--output", "x"]):
        result = shell(*command)
        assert result.code == 1, (command, result)
        assert all(line.startswith("walletdesk: ") and "is damaged" in line
                   for line in result.err.splitlines()), result.err
        assert len(result.err.splitlines()) == 1, result.err
    assert {page: damage.read_page(database, page, size) for page in pages} == damaged
    assert database.stat().st_size >= length
