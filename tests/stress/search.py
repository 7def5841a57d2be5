"""Search the bytes of folders, files and output for secrets; xlsx files are zip archives,
so their members are searched uncompressed too."""

from __future__ import annotations

import base64
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path


def forms(secret: str | bytes) -> Iterator[bytes]:
    """A secret as it could be written: its bytes (text: UTF-8), and a key also in base64
    (standard and URL-safe) and in hex."""
    if isinstance(secret, str):
        yield secret.encode()
        return
    yield secret
    yield base64.b64encode(secret)
    yield base64.urlsafe_b64encode(secret).rstrip(b"=")
    yield secret.hex().encode()


def blobs(paths: Iterable[Path]) -> Iterator[tuple[str, bytes]]:
    """(where, bytes) for every file under the given files and folders."""
    for root in paths:
        for path in [root] if root.is_file() else sorted(root.rglob("*")):
            if not path.is_file():
                continue
            data = path.read_bytes()
            yield str(path), data
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as archive:
                    for member in archive.namelist():
                        yield f"{path}!{member}", archive.read(member)


def leaks(secrets: Mapping[str, str | bytes], places: Iterable[tuple[str, bytes]]) -> list[str]:
    """Each (secret name, place) where a form of the secret was found."""
    found = []
    for where, data in places:
        for name, secret in secrets.items():
            if any(form in data for form in forms(secret)):
                found.append(f"{name} in {where}")
    return found
