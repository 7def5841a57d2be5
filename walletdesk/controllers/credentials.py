"""Adding, listing, changing, removing and testing exchange API keys for the current user."""

from __future__ import annotations

import uuid
from typing import Any

from walletdesk.controllers.user_scope import UserController
from walletdesk.core.errors import ValidationError
from walletdesk.core.keys import ApiCredentials, KeyCheck
from walletdesk.core.models import Credential, User
from walletdesk.core.secret_parts import (
    PASSPHRASE,
    SecretParts,
    decode_secret_parts,
    encode_secret_parts,
)
from walletdesk.core.validation import clean_api_key, clean_label
from walletdesk.exchanges.catalog import DEMO, canonical_exchange, display_name, profile
from walletdesk.logging_setup import SECRETS
from walletdesk.store.credentials import CredentialRepository

DEMO_API_KEY = "demo-key"
DEMO_SECRET = "demo-secret"  # noqa: S105 - the offline demo checks nothing


class CredentialsController(UserController):
    def _repository(self) -> tuple[CredentialRepository, User]:
        user = self._scope.user()
        return CredentialRepository(self._scope.database, user.id,
                                    display_name=display_name), user

    def list(self) -> list[Credential]:
        repository, _ = self._repository()
        return repository.list()

    def get(self, credential_id: str) -> Credential:
        repository, _ = self._repository()
        return repository.get(credential_id)

    def add(
        self,
        *,
        exchange: str,
        api_key: str,
        secret: str,
        label: str | None,
        passphrase: str | None = None,
    ) -> Credential:
        canonical = canonical_exchange(exchange)
        key, clean = clean_api_key(api_key), clean_label(label)
        parts = secret_parts(canonical, secret, passphrase)
        repository, user = self._repository()
        credential_id = str(uuid.uuid4())
        blob = self._vault.encrypt(
            encode_secret_parts(parts), credential_id=credential_id, user_id=user.id
        )
        return repository.add(
            credential_id=credential_id,
            exchange=canonical,
            api_key=key,
            label=clean,
            api_secret=blob,
        )

    def add_demo(self) -> Credential:
        """The offline Demo exchange: a sample portfolio, no account anywhere."""
        return self.add(exchange=DEMO, api_key=DEMO_API_KEY, secret=DEMO_SECRET, label="Demo")

    def update(
        self,
        credential_id: str,
        *,
        api_key: str | None = None,
        label: str | None = None,
        secret: str | None = None,
        passphrase: str | None = None,
    ) -> Credential:
        """Change what is given: ``None`` keeps a field, a blank ``label`` removes the label.
        ``secret`` replaces every secret part at once (with ``passphrase`` where the
        exchange's keys have one): parts of two different keys never mix."""
        repository, user = self._repository()
        existing = repository.get(credential_id)  # not-found before any work
        changes: dict[str, Any] = {}
        if api_key is not None:
            changes["api_key"] = clean_api_key(api_key)
        if label is not None:
            changes["label"] = clean_label(label)
        if secret is not None:
            parts = secret_parts(existing.exchange, secret, passphrase)
            changes["api_secret"] = self._vault.encrypt(
                encode_secret_parts(parts), credential_id=credential_id, user_id=user.id
            )
        return repository.update(credential_id, **changes)

    def remove(self, credential_id: str) -> None:
        repository, _ = self._repository()
        repository.remove(credential_id)

    def test_connection(
        self, *, exchange: str, api_key: str, secret: str, passphrase: str | None = None
    ) -> KeyCheck:
        """Check a key against the exchange before it is saved."""
        canonical = canonical_exchange(exchange)
        parts = secret_parts(canonical, secret, passphrase)
        return self._check(canonical, ApiCredentials.from_parts(clean_api_key(api_key), parts))

    def test_stored(self, credential_id: str) -> KeyCheck:
        repository, user = self._repository()
        credential = repository.get(credential_id)
        plain = self._vault.decrypt(
            repository.secret(credential_id), credential_id=credential_id, user_id=user.id
        )
        creds = ApiCredentials.from_parts(credential.api_key, decode_secret_parts(plain))
        return self._check(credential.exchange, creds)

    def _check(self, exchange: str, creds: ApiCredentials) -> KeyCheck:
        with SECRETS.in_use(*creds.secret_values()):
            return self._exchanges.get(exchange).check_credentials(creds)


def secret_parts(exchange: str, secret: str, passphrase: str | None) -> SecretParts:
    """The parts the exchange's keys have, each validated by its field's rule."""
    fields = {f.part: f for f in profile(exchange).secret_fields}
    wants_passphrase = PASSPHRASE in fields
    if passphrase is not None and not wants_passphrase:
        name = profile(exchange).display_name
        raise ValidationError("passphrase", f"{name} keys have no passphrase.")
    if wants_passphrase and passphrase is None:
        fields[PASSPHRASE].clean("")  # raises: the passphrase is missing
    return SecretParts(
        secret=fields["secret"].clean(secret),
        passphrase=fields[PASSPHRASE].clean(passphrase) if passphrase is not None else None,
    )

