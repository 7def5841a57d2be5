"""`walletdesk` run in-process (so it shares the test's in-memory keychain), with every
line it printed kept for searching afterwards."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

import keyring
import pytest

from tests.auth.memory_keyring import MemoryKeyring
from tests.stress.processes import Finished
from tests.stress.tally import count
from walletdesk.app import main


class RecordingKeyring(MemoryKeyring):
    """The in-memory keychain, remembering every value ever stored (rotated tokens too)."""

    def __init__(self) -> None:
        super().__init__()
        self.history: list[str] = []

    def set_password(self, service: str, username: str, password: str) -> None:
        super().set_password(service, username, password)
        self.history.append(password)


@pytest.fixture
def keychain() -> Iterator[RecordingKeyring]:
    previous = keyring.get_keyring()
    backend = RecordingKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@dataclass
class Shell:
    capsys: pytest.CaptureFixture[str]
    monkeypatch: pytest.MonkeyPatch
    transcript: list[str] = field(default_factory=list)

    def stdin_stream(self, text: str) -> io.TextIOBase:
        return io.StringIO(text)

    def __call__(self, *args: str, stdin: str = "") -> Finished:
        count("runs")
        self.monkeypatch.setattr(sys, "stdin", self.stdin_stream(stdin))
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse: usage errors, --help, --version
            code = exit_.code if isinstance(exit_.code, int) else 2
        captured = self.capsys.readouterr()
        self.transcript += [captured.out, captured.err]
        return Finished(code, captured.out, captured.err)


@pytest.fixture
def shell(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Shell:
    return Shell(capsys, monkeypatch)
