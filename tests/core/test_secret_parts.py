"""Every secret part of a key travels in the one encrypted blob, as a versioned payload."""

from __future__ import annotations

import pytest

from walletdesk.core.errors import DecryptionError
from walletdesk.core.secret_parts import SecretParts, decode_secret_parts, encode_secret_parts
from walletdesk.security.vault import Vault

KEY = bytes(range(32))


def _vault() -> Vault:
    return Vault(lambda *, create: KEY)


@pytest.mark.parametrize(
    "parts",
    [
        SecretParts(secret="s3cr3t"),
        SecretParts(secret="s3cr3t", passphrase="my pass phrase"),
        SecretParts(secret="-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----\n"),
        SecretParts(secret='quote " and \\ backslash', passphrase="é"),
    ],
)
def test_parts_survive_encryption_exactly(parts: SecretParts) -> None:
    vault = _vault()
    blob = vault.encrypt(encode_secret_parts(parts), credential_id="c1", user_id="u1")
    assert decode_secret_parts(vault.decrypt(blob, credential_id="c1", user_id="u1")) == parts


def test_a_blob_written_before_parts_existed_reads_as_the_secret() -> None:
    vault = _vault()
    old = vault.encrypt("0123abcdEF", credential_id="c1", user_id="u1")  # the v1 plaintext
    parts = decode_secret_parts(vault.decrypt(old, credential_id="c1", user_id="u1"))
    assert parts == SecretParts(secret="0123abcdEF")


def test_the_payload_is_versioned_and_bound_to_its_row_as_before() -> None:
    vault = _vault()
    text = encode_secret_parts(SecretParts(secret="abc", passphrase="pp"))
    assert text.startswith("\x00v2\x00")
    blob = vault.encrypt(text, credential_id="c1", user_id="u1")
    with pytest.raises(DecryptionError):
        vault.decrypt(blob, credential_id="c2", user_id="u1")


@pytest.mark.parametrize(
    "plaintext",
    ["\x00v3\x00{}", "\x00v2\x00not json", '\x00v2\x00{"passphrase": "x"}',
     '\x00v2\x00{"secret": "x", "pin": "1"}', '\x00v2\x00{"secret": 5}'],
)
def test_an_unknown_or_damaged_payload_is_refused_without_showing_it(plaintext: str) -> None:
    with pytest.raises(DecryptionError) as raised:
        decode_secret_parts(plaintext)
    assert plaintext[5:] not in str(raised.value)


def test_parts_never_show_in_a_repr() -> None:
    parts = SecretParts(secret="topsecret", passphrase="alsosecret")
    assert "topsecret" not in repr(parts) and "alsosecret" not in str(parts)
