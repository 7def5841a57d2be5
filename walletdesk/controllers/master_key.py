"""Which master key a data folder expects, where it comes from, and replacing it.

The database keeps a check value of its key (``store.key_record``). A key from any source
(WALLETDESK_MASTER_KEY, the OS keychain, a password) is used only when it matches; a new
key is made only when the folder has no key yet and no secret at all, so a second key can
never appear silently. A data folder without an OS keychain gets its key sealed with a
password, asked once per start through the front end's ``PasswordPrompt``.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from walletdesk.core.errors import KeychainUnavailableError, MasterKeyError, ValidationError
from walletdesk.security import password_key, vault
from walletdesk.security.master_key import (
    ENV_VAR,
    SERVICE,
    USERNAME,
    Keychain,
    decode_key,
    key_check,
    key_id,
    new_key,
)
from walletdesk.store.database import Database
from walletdesk.store.key_record import KeyRecord, KeyRecords, SealedSecret

KEYCHAIN, PASSWORD, VARIABLE = "keychain", "password", "variable"
PLACES = (KEYCHAIN, PASSWORD, VARIABLE)
PASSWORD_ATTEMPTS = 3
_KEPT_IN_WORDS = {
    KEYCHAIN: "kept in the OS keychain",
    PASSWORD: "protected by a password",
    VARIABLE: f"given in {ENV_VAR}",
}


@dataclass(frozen=True, slots=True)
class PasswordRequest:
    new: bool  # choose a new password (the front end asks twice)
    again: bool  # the previous answer was wrong
    key: str  # the key's short id, for the prompt


class PasswordPrompt(Protocol):
    """Asks the user for the master key's password; raises CancelledError if they decline."""

    def __call__(self, request: PasswordRequest) -> str: ...


class MasterKeyProvider:
    """The vault's key provider: ``provider(create=...)`` returns the folder's master key."""

    def __init__(
        self,
        database: Callable[[], Database],
        environment_key: str | None,
        prompt: Callable[[], PasswordPrompt | None],
        keychain: Keychain | None = None,
    ) -> None:
        self._database = database
        self._environment_key = environment_key
        self._prompt = prompt
        self._keychain = keychain or Keychain()

    def __call__(self, *, create: bool) -> bytes:
        records = KeyRecords(self._database())
        record = records.get()
        if self._environment_key is not None:
            key = decode_key(self._environment_key)
            self._expect(records, record, key, f"{ENV_VAR}")
            if create and record is None:
                records.put(KeyRecord(key_check(key), VARIABLE))
            return key
        if record is not None and record.kept_in == PASSWORD:
            return self._ask_and_unseal(record)
        if record is not None and record.kept_in == VARIABLE:
            raise MasterKeyError(
                f"The API secrets in this data folder are sealed with master key "
                f"{key_id(record.key_check)}, which was given in {ENV_VAR}; that variable is "
                "not set now. Set it to the same key and try again."
            )
        entry = record.keychain_entry if record and record.keychain_entry else USERNAME
        try:
            stored = self._keychain.read(entry)
        except KeychainUnavailableError:
            if self._may_create(records, record, create) and self._prompt() is not None:
                return self._create_with_password(records)
            raise
        if stored is not None:
            self._expect(records, record, stored, "the OS keychain")
            if create and record is None:
                records.put(KeyRecord(key_check(stored), KEYCHAIN, entry))
            return stored
        if record is not None or records.any_secret() is not None:
            raise MasterKeyError(_missing(record))
        if not create:
            raise MasterKeyError(_missing(None))
        key = new_key()
        try:
            self._keychain.write(key, entry)
        except KeychainUnavailableError:
            if self._prompt() is None:
                raise
            return self._create_with_password(records)
        records.put(KeyRecord(key_check(key), KEYCHAIN, entry))
        return key

    def describe(self) -> str:
        """One line for the user: which key the folder expects and where it is kept."""
        record = KeyRecords(self._database()).get()
        if record is None:
            return "No master key yet: one is made when the first API secret is saved."
        return f"Master key {key_id(record.key_check)}, {_KEPT_IN_WORDS[record.kept_in]}."

    # --- rekey ---------------------------------------------------------------------------

    def rekey(self, destination: str | None, *, new_key_text: str | None = None,
              old_key_lost: bool = False) -> tuple[str, int]:
        """Seal every secret under a new master key in one transaction; (its id, secrets).

        ``destination``: KEYCHAIN, PASSWORD or VARIABLE (``new_key_text`` is then the new key);
        None keeps the current place. ``old_key_lost``: the old key is gone; the new key
        replaces it and secrets sealed with the old one stay unreadable until replaced.
        """
        records = KeyRecords(self._database())
        record = records.get()
        old = None if old_key_lost or _empty(records, record) else self(create=False)
        place = destination or self._current_place(record)
        key = decode_key(new_key_text, "The new key") if new_key_text else new_key()
        if place == VARIABLE and new_key_text is None:
            raise ValidationError(
                "new_key", f"A key {_KEPT_IN_WORDS[VARIABLE]} must be given: pass "
                "--new-key-stdin with the base64 of 32 random bytes on standard input.")
        check = key_check(key)
        new_record = self._new_record(key, place)
        if place == KEYCHAIN:  # a fresh entry, so a crash before the commit loses nothing
            self._keychain.write(key, new_record.keychain_entry or USERNAME)

        def reseal(secret: SealedSecret) -> bytes:
            plain = None if old is None else vault.unseal(
                old, secret.blob, secret.credential_id, secret.user_id)
            if plain is None:
                return secret.blob  # unreadable already; replacing its secret fixes it
            return vault.seal(key, plain, secret.credential_id, secret.user_id)

        count = records.reseal_all(reseal, new_record)
        return key_id(check), count

    def _current_place(self, record: KeyRecord | None) -> str:
        if self._environment_key is not None:
            return VARIABLE
        return record.kept_in if record is not None else KEYCHAIN

    def _new_record(self, key: bytes, place: str) -> KeyRecord:
        check = key_check(key)
        if place == KEYCHAIN:
            return KeyRecord(check, KEYCHAIN, f"{USERNAME}-{key_id(check)}")
        if place == PASSWORD:
            return _password_record(key, self._ask_new_password(key_id(check)))
        return KeyRecord(check, VARIABLE)

    # --- helpers -------------------------------------------------------------------------

    def _expect(self, records: KeyRecords, record: KeyRecord | None, key: bytes,
                supplied: str) -> None:
        if record is not None:
            if not hmac.compare_digest(record.key_check, key_check(key)):
                raise MasterKeyError(_mismatch(record, key, supplied))
            return
        sample = records.any_secret()
        if sample is not None and vault.unseal(
                key, sample.blob, sample.credential_id, sample.user_id) is None:
            raise MasterKeyError(
                f"The API secrets in this data folder were sealed with another master key than "
                f"the one {supplied} holds (key {key_id(key_check(key))}). Supply the key you "
                f"used when you saved them ({ENV_VAR}, or the OS keychain). Nothing was changed."
            )

    def _may_create(self, records: KeyRecords, record: KeyRecord | None, create: bool) -> bool:
        return create and _empty(records, record)

    def _ask_and_unseal(self, record: KeyRecord) -> bytes:
        prompt = self._require_prompt()
        assert record.kdf_params and record.kdf_salt and record.wrapped_key
        sealed = password_key.SealedKey(record.kdf_params, record.kdf_salt, record.wrapped_key)
        failure: MasterKeyError | None = None
        for attempt in range(PASSWORD_ATTEMPTS):
            password = prompt(PasswordRequest(new=False, again=attempt > 0,
                                              key=key_id(record.key_check)))
            try:
                key = password_key.unseal(password, sealed)
            except password_key.WrongPasswordError as error:
                failure = error
                continue
            if not hmac.compare_digest(record.key_check, key_check(key)):
                raise MasterKeyError("The stored master key is damaged: restore a backup.")
            return key
        assert failure is not None
        raise failure

    def _ask_new_password(self, key: str) -> str:
        password = self._require_prompt()(PasswordRequest(new=True, again=False, key=key))
        password_key.check_new_password(password)
        return password

    def _create_with_password(self, records: KeyRecords) -> bytes:
        key = new_key()
        records.put(_password_record(key, self._ask_new_password(key_id(key_check(key)))))
        return key

    def _require_prompt(self) -> PasswordPrompt:
        prompt = self._prompt()
        if prompt is None:
            raise MasterKeyError(
                "WalletDesk's master key is protected by a password and there is no way to ask "
                f"for it here: run the command in a terminal, or set {ENV_VAR}."
            )
        return prompt


def _empty(records: KeyRecords, record: KeyRecord | None) -> bool:
    return record is None and records.any_secret() is None


def _password_record(key: bytes, password: str) -> KeyRecord:
    sealed = password_key.seal(key, password)
    return KeyRecord(key_check(key), PASSWORD, kdf=password_key.KDF_NAME,
                     kdf_params=sealed.kdf_params, kdf_salt=sealed.salt,
                     wrapped_key=sealed.sealed)


def _mismatch(record: KeyRecord, key: bytes, supplied: str) -> str:
    expected = key_id(record.key_check)
    how = {
        VARIABLE: f"Set {ENV_VAR} to the key you used then.",
        KEYCHAIN: f"Unset {ENV_VAR} so that the keychain's key is used, or restore the "
                  f"keychain entry '{SERVICE}/{record.keychain_entry or USERNAME}'.",
        PASSWORD: f"Unset {ENV_VAR}: WalletDesk then asks for the key's password.",
    }[record.kept_in]
    return (
        f"The API secrets in this data folder are sealed with master key {expected} "
        f"({_KEPT_IN_WORDS[record.kept_in]}), but {supplied} holds key "
        f"{key_id(key_check(key))}. {how} Nothing was changed."
    )


def _missing(record: KeyRecord | None) -> str:
    which = "WalletDesk's master key" if record is None else (
        f"WalletDesk's master key {key_id(record.key_check)} "
        f"({_KEPT_IN_WORDS[record.kept_in]})")
    return (
        f"{which} is missing from the OS keychain, so stored API secrets cannot be "
        f"decrypted. If you moved or reset the keychain, restore it, or set {ENV_VAR} to "
        "that key. If the key is lost for good, `walletdesk rekey --old-key-lost` starts a "
        "new one; then re-enter each secret (Edit API key → Replace secret, or `walletdesk "
        "credentials update ID --replace-secret`)."
    )
