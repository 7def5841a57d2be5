"""The vault: AES-256-GCM, bound to its row, and never a plaintext fallback."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from walletdesk.core.errors import DecryptionError, MasterKeyError
from walletdesk.security.vault import NONCE_BYTES, VERSION, Vault


def fixed_key(key: bytes):  # type: ignore[no-untyped-def]
    def provider(*, create: bool) -> bytes:
        return key

    return provider


@pytest.fixture
def vault() -> Vault:
    return Vault(fixed_key(os.urandom(32)))


def test_ciphertext_starts_with_version_and_random_nonce(vault: Vault) -> None:
    one = vault.encrypt("s3cret", credential_id="c1", user_id="u1")
    two = vault.encrypt("s3cret", credential_id="c1", user_id="u1")
    assert one[0] == VERSION and two[0] == VERSION
    assert one[1 : 1 + NONCE_BYTES] != two[1 : 1 + NONCE_BYTES]
    assert b"s3cret" not in one
    assert len(one) == 1 + NONCE_BYTES + len("s3cret") + 16


def test_ciphertext_copied_to_another_row_does_not_decrypt(vault: Vault) -> None:
    blob = vault.encrypt("s3cret", credential_id="c1", user_id="u1")
    with pytest.raises(DecryptionError):
        vault.decrypt(blob, credential_id="c2", user_id="u1")
    with pytest.raises(DecryptionError):
        vault.decrypt(blob, credential_id="c1", user_id="u2")


def test_wrong_master_key_gives_a_clear_error_without_the_secret() -> None:
    blob = Vault(fixed_key(os.urandom(32))).encrypt("s3cret", credential_id="c1", user_id="u1")
    with pytest.raises(DecryptionError) as info:
        Vault(fixed_key(os.urandom(32))).decrypt(blob, credential_id="c1", user_id="u1")
    assert "Re-enter the secret" in str(info.value)
    assert "s3cret" not in str(info.value)


def test_decrypt_never_creates_a_key() -> None:
    calls: list[bool] = []

    def provider(*, create: bool) -> bytes:
        calls.append(create)
        raise MasterKeyError("missing")

    with pytest.raises(MasterKeyError):
        Vault(provider).decrypt(b"\x01" + bytes(40), credential_id="c", user_id="u")
    assert calls == [False]


@settings(max_examples=200, deadline=None)
@given(
    secret=st.text(min_size=1, max_size=300),
    credential_id=st.text(min_size=1, max_size=50),
    user_id=st.text(min_size=1, max_size=50),
)
def test_round_trip_for_any_secret_and_row(secret: str, credential_id: str, user_id: str) -> None:
    vault = Vault(fixed_key(b"k" * 32))
    blob = vault.encrypt(secret, credential_id=credential_id, user_id=user_id)
    assert vault.decrypt(blob, credential_id=credential_id, user_id=user_id) == secret


@settings(max_examples=200, deadline=None)
@given(position=st.integers(min_value=0), flip=st.integers(min_value=1, max_value=255))
def test_any_flipped_byte_is_detected(position: int, flip: int) -> None:
    vault = Vault(fixed_key(b"k" * 32))
    blob = bytearray(vault.encrypt("api-secret-value", credential_id="c", user_id="u"))
    blob[position % len(blob)] ^= flip
    with pytest.raises(DecryptionError):
        vault.decrypt(bytes(blob), credential_id="c", user_id="u")
