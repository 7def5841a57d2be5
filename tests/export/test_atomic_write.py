from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import IO

import pytest

from walletdesk.core.errors import ExportError, ExportTargetExistsError, ValidationError
from walletdesk.core.models import Balance
from walletdesk.export import csv_writer, export_balances
from walletdesk.export.atomic import write_atomically

from ..other_user import OsUser

OLD = b"the previous export\r\n"


def existing(tmp_path: Path) -> Path:
    path = tmp_path / "balances.csv"
    path.write_bytes(OLD)
    return path


def test_a_failure_mid_way_leaves_the_existing_file_untouched_and_no_leftovers(
    tmp_path: Path, sample_balances: list[Balance], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = existing(tmp_path)
    written: list[Balance] = []

    def failing_row(balance: Balance, *_columns: object) -> list[str]:
        if len(written) == 3:
            raise RuntimeError("writer broke mid-way")
        written.append(balance)
        return [balance.asset]

    monkeypatch.setattr(csv_writer, "csv_row", failing_row)
    with pytest.raises(RuntimeError):
        export_balances(sample_balances, "csv", path, replace=True)
    assert len(written) == 3
    assert path.read_bytes() == OLD
    assert os.listdir(tmp_path) == ["balances.csv"]


def test_a_full_disk_while_writing_is_reported_and_the_old_file_kept(tmp_path: Path) -> None:
    path = existing(tmp_path)

    def fill_disk(stream: IO[bytes]) -> None:
        stream.write(b"half a file")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(ExportError, match="disk is full") as caught:
        write_atomically(path, fill_disk)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == OLD
    assert os.listdir(tmp_path) == ["balances.csv"]


def test_a_missing_folder_is_reported_with_the_path_and_what_to_do(
    tmp_path: Path, sample_balances: list[Balance]
) -> None:
    path = tmp_path / "no-such-folder" / "balances.csv"
    with pytest.raises(ExportError) as caught:
        export_balances(sample_balances, "csv", path, replace=True)
    message = str(caught.value)
    assert str(path) in message
    assert "does not exist" in message and "Choose an existing folder" in message


def test_a_folder_as_target_is_reported_and_left_alone(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        export_balances([], "json", tmp_path, replace=True)
    assert os.listdir(tmp_path) == []


def test_permission_denied_is_reported_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = existing(tmp_path)

    def deny(*_: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", deny)
    with pytest.raises(ExportError, match=r"permission denied\. Choose a folder you can write to"):
        export_balances([], "csv", path, replace=True)
    assert path.read_bytes() == OLD
    assert os.listdir(tmp_path) == ["balances.csv"]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply to the test user")
def test_a_read_only_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    with pytest.raises(ExportError, match="permission denied"):
        export_balances([], "csv", folder / "b.csv", replace=True)


POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@POSIX
def test_a_new_export_is_private_and_a_replaced_one_is_never_widened(
    tmp_path: Path, sample_balances: list[Balance]
) -> None:
    new = export_balances(sample_balances, "csv", tmp_path / "new.csv", replace=True)
    assert mode_of(new) == 0o600
    shared = existing(tmp_path)
    shared.chmod(0o666)
    export_balances(sample_balances, "csv", shared, replace=True)
    assert mode_of(shared) == 0o600
    assert shared.read_bytes() != OLD
    owner_read_only = existing(tmp_path)
    owner_read_only.chmod(0o400)
    export_balances(sample_balances, "csv", owner_read_only, replace=True)
    assert mode_of(owner_read_only) == 0o400


@POSIX
def test_a_umask_stricter_than_private_is_honoured(
    tmp_path: Path, sample_balances: list[Balance]
) -> None:
    previous = os.umask(0o277)
    try:
        path = export_balances(sample_balances, "csv", tmp_path / "b.csv", replace=True)
    finally:
        os.umask(previous)
    assert mode_of(path) == 0o400


def test_a_symlink_at_the_target_is_refused_and_the_file_it_points_to_untouched(
    tmp_path: Path, sample_balances: list[Balance]
) -> None:
    target = existing(tmp_path)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    with pytest.raises(ExportError, match="symbolic link"):
        export_balances(sample_balances, "csv", link, replace=True)
    assert link.is_symlink() and target.read_bytes() == OLD
    assert sorted(os.listdir(tmp_path)) == ["balances.csv", "link.csv"]


def test_a_linked_folder_is_followed_and_the_returned_path_names_the_real_file(
    tmp_path: Path, sample_balances: list[Balance]
) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    written = export_balances(sample_balances, "csv", tmp_path / "alias" / "b.csv", replace=True)
    assert written == (tmp_path / "real" / "b.csv").resolve()
    assert written.read_bytes().startswith(b"exchange,asset")


@POSIX
def test_another_users_link_in_a_shared_folder_cannot_redirect_an_export(
    other_os_user: OsUser, shared_folder: Path, tmp_path: Path, sample_balances: list[Balance]
) -> None:
    important = existing(tmp_path)
    planted = shared_folder / "report.csv"
    other_os_user.run("ln", "-s", str(important), str(planted))
    with pytest.raises(ExportError, match="symbolic link"):
        export_balances(sample_balances, "csv", planted, replace=True)
    assert important.read_bytes() == OLD and mode_of(important) == 0o644


@POSIX
def test_another_users_file_in_a_shared_folder_is_never_written_through(
    other_os_user: OsUser, shared_folder: Path, sample_balances: list[Balance]
) -> None:
    planted = shared_folder / "report.csv"
    other_os_user.run("sh", "-c", f"umask 0; printf bait > '{planted}'")
    assert mode_of(planted) == 0o666
    with pytest.raises(ExportError, match="belongs to another user"):
        export_balances(sample_balances, "csv", planted, replace=True)
    assert planted.read_bytes() == b"bait" and planted.stat().st_uid == other_os_user.uid
    assert os.listdir(shared_folder) == ["report.csv"]


def test_an_unknown_format_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="choose one of csv, xlsx, json") as caught:
        export_balances([], "pdf", tmp_path / "b.pdf", replace=True)
    assert caught.value.field == "format"
    assert os.listdir(tmp_path) == []


def test_without_replace_an_existing_file_or_link_is_left_alone(
        sample_balances: list[Balance], tmp_path: Path) -> None:
    kept = tmp_path / "kept.csv"
    kept.write_text("mine\n")
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "elsewhere.csv")
    for target in (kept, link):
        with pytest.raises(ExportTargetExistsError, match="already exists"):
            export_balances(sample_balances, "csv", target)
    assert kept.read_text() == "mine\n" and not (tmp_path / "elsewhere.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.csv", "link.csv"]


def test_a_file_that_appears_while_writing_is_not_replaced(
        sample_balances: list[Balance], tmp_path: Path) -> None:
    """The check before writing is not enough: the file is placed with a hard link, which
    fails if another program created the name meanwhile."""
    target = tmp_path / "race.csv"

    def write_then_lose_the_race(stream: IO[bytes]) -> None:
        stream.write(b"ours")
        target.write_text("theirs")

    with pytest.raises(ExportTargetExistsError):
        write_atomically(target, write_then_lose_the_race, replace=False)
    assert target.read_text() == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["race.csv"]
