from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import IO

import pytest

from walletdesk.core.errors import ExportError, ValidationError
from walletdesk.core.models import Balance
from walletdesk.export import csv_writer, export_balances
from walletdesk.export.atomic import write_atomically

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

    def failing_row(balance: Balance) -> list[str]:
        if len(written) == 3:
            raise RuntimeError("writer broke mid-way")
        written.append(balance)
        return [balance.asset]

    monkeypatch.setattr(csv_writer, "csv_row", failing_row)
    with pytest.raises(RuntimeError):
        export_balances(sample_balances, "csv", path)
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
        export_balances(sample_balances, "csv", path)
    message = str(caught.value)
    assert str(path) in message
    assert "does not exist" in message and "Choose an existing folder" in message


def test_a_folder_as_target_is_reported_and_left_alone(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        export_balances([], "json", tmp_path)
    assert os.listdir(tmp_path) == []


def test_permission_denied_is_reported_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = existing(tmp_path)

    def deny(*_: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", deny)
    with pytest.raises(ExportError, match=r"permission denied\. Choose a folder you can write to"):
        export_balances([], "csv", path)
    assert path.read_bytes() == OLD
    assert os.listdir(tmp_path) == ["balances.csv"]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply to the test user")
def test_a_read_only_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    with pytest.raises(ExportError, match="permission denied"):
        export_balances([], "csv", folder / "b.csv")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_new_export_is_private_and_a_replaced_one_keeps_its_permissions(
    tmp_path: Path, sample_balances: list[Balance]
) -> None:
    new = export_balances(sample_balances, "csv", tmp_path / "new.csv")
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    shared = existing(tmp_path)
    shared.chmod(0o644)
    export_balances(sample_balances, "csv", shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644
    assert shared.read_bytes() != OLD


def test_exporting_through_a_symlink_replaces_the_file_it_points_to(
    tmp_path: Path, sample_balances: list[Balance]
) -> None:
    target = existing(tmp_path)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert export_balances(sample_balances, "csv", link) == target
    assert link.is_symlink()
    assert target.read_bytes().startswith(b"exchange,asset")


def test_an_unknown_format_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="choose one of csv, xlsx, json") as caught:
        export_balances([], "pdf", tmp_path / "b.pdf")
    assert caught.value.field == "format"
    assert os.listdir(tmp_path) == []
