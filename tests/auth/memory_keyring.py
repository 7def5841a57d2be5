"""An in-memory keyring backend for tests (installed with keyring.set_keyring)."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """A keychain that lives in a dict: inspectable, and gone at the end of the test."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring has no annotations here
        self.items: dict[tuple[str, str], str] = {}
        self.failure: Exception | None = None  # raised by every call when set

    def get_password(self, service: str, username: str) -> str | None:
        if self.failure:
            raise self.failure
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.failure:
            raise self.failure
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.failure:
            raise self.failure
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")
