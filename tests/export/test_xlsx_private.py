"""The XLSX export keeps the balance table out of shared temporary folders and ends cleanly
on a full disk."""

from __future__ import annotations

import errno
import gc
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from walletdesk.core.models import Balance
from walletdesk.export import export_balances
from walletdesk.export.xlsx_writer import write_xlsx


class FullDisk:
    """A binary stream whose every write fails as a full disk does."""

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(name)


def test_no_part_of_an_xlsx_export_passes_through_the_temporary_folder(
    tmp_path: Path, sample_balances: list[Balance], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill mid-export must not leave the table in /tmp, so it is never written there."""
    shared_tmp = tmp_path / "tmp"
    shared_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared_tmp))
    seen_while_writing: list[list[str]] = []

    def spy(balances: list[Balance], out: Any, *columns: Any) -> None:
        class Watching:
            def write(self, data: bytes) -> int:
                seen_while_writing.append(os.listdir(shared_tmp))
                return int(out.write(data))

            def __getattr__(self, name: str) -> Any:
                return getattr(out, name)

        write_xlsx(balances, Watching(), *columns)  # type: ignore[arg-type]

    monkeypatch.setattr("walletdesk.export.xlsx_writer.write_xlsx", spy)
    export_balances(sample_balances, "xlsx", tmp_path / "b.xlsx")
    assert seen_while_writing and all(listing == [] for listing in seen_while_writing)
    assert os.listdir(shared_tmp) == []


def test_a_full_disk_ends_the_xlsx_export_with_one_message_and_nothing_ignored(
    sample_balances: list[Balance], monkeypatch: pytest.MonkeyPatch
) -> None:
    ignored: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    with pytest.raises(OSError, match="No space left"):
        write_xlsx(sample_balances, FullDisk())  # type: ignore[arg-type]
    gc.collect()
    assert ignored == []
