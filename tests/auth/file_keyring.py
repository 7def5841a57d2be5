"""A keychain in a JSON file, shared by the test and the WalletDesk processes it starts
(``PYTHON_KEYRING_BACKEND=tests.auth.file_keyring.FileKeyring``, file named by
``WALLETDESK_TEST_KEYRING``), as the OS keychain is shared by every process of a user.
Each call holds an exclusive lock on the file, so the keychain itself never tears."""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV_FILE = "WALLETDESK_TEST_KEYRING"
BACKEND = f"{__name__}.FileKeyring"
T = TypeVar("T")


class FileKeyring(KeyringBackend):
    priority = 1

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring has no annotations here
        self.path = path  # None: the file named in the environment (keyring's discovery
        # builds one of every backend class, also where that variable is not set)

    def _with_items(self, change: Callable[[dict[str, str]], T]) -> T:
        path = self.path or Path(os.environ[ENV_FILE])
        with open(path, "a+", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            handle.seek(0)
            text = handle.read()
            items: dict[str, str] = json.loads(text) if text else {}
            before = dict(items)
            result = change(items)
            if items != before:
                handle.seek(0)
                handle.truncate()
                handle.write(json.dumps(items))
            return result

    def get_password(self, service: str, username: str) -> str | None:
        return self._with_items(lambda items: items.get(f"{service}/{username}"))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._with_items(lambda items: items.__setitem__(f"{service}/{username}", password))

    def delete_password(self, service: str, username: str) -> None:
        if self._with_items(lambda items: items.pop(f"{service}/{username}", None)) is None:
            raise PasswordDeleteError("not found")

    def values(self) -> list[str]:
        return self._with_items(lambda items: list(items.values()))
