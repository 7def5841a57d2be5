"""Adding, listing, changing, removing and testing exchange API keys for the current user."""

from __future__ import annotations

import uuid
from typing import Any

from walletdesk.controllers.user_scope import UserController
from walletdesk.core.exchange_names import DEMO, canonical_exchange
from walletdesk.core.models import Credential, User
from walletdesk.core.validation import clean_api_key, clean_label, clean_secret
from walletdesk.exchanges.base import ApiCredentials, KeyCheck
from walletdesk.logging_setup import SECRETS
from walletdesk.store.credentials import UNSET, CredentialRepository

DEMO_API_KEY = "demo-key"
DEMO_SECRET = "demo-secret"  # noqa: S105 - the offline demo checks nothing


class CredentialsController(UserController):
    def _repository(self) -> tuple[CredentialRepository, User]:
        user = self._scope.user()
        return CredentialRepository(self._scope.database, user.id), user

    def list(self) -> list[Credential]:
        repository, _ = self._repository()
        return repository.list()

    def get(self, credential_id: str) -> Credential:
        repository, _ = self._repository()
        return repository.get(credential_id)

    def add(self, *, exchange: str, api_key: str, secret: str, label: str | None) -> Credential:
        canonical = canonical_exchange(exchange)
        key, plain, clean = clean_api_key(api_key), clean_secret(secret), clean_label(label)
        repository, user = self._repository()
        credential_id = str(uuid.uuid4())
        blob = self._vault.encrypt(plain, credential_id=credential_id, user_id=user.id)
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
        label: Any = UNSET,
        secret: str | None = None,
    ) -> Credential:
        repository, user = self._repository()
        repository.get(credential_id)  # not-found before any work
        changes: dict[str, Any] = {}
        if api_key is not None:
            changes["api_key"] = clean_api_key(api_key)
        if label is not UNSET:
            changes["label"] = clean_label(label)
        if secret is not None:
            changes["api_secret"] = self._vault.encrypt(
                clean_secret(secret), credential_id=credential_id, user_id=user.id
            )
        return repository.update(credential_id, **changes)

    def remove(self, credential_id: str) -> None:
        repository, _ = self._repository()
        repository.remove(credential_id)

    def test_connection(self, *, exchange: str, api_key: str, secret: str) -> KeyCheck:
        """Check a key pair against the exchange before it is saved."""
        canonical = canonical_exchange(exchange)
        creds = ApiCredentials(api_key=clean_api_key(api_key), secret=clean_secret(secret))
        return self._check(canonical, creds)

    def test_stored(self, credential_id: str) -> KeyCheck:
        repository, user = self._repository()
        credential = repository.get(credential_id)
        plain = self._vault.decrypt(
            repository.secret(credential_id), credential_id=credential_id, user_id=user.id
        )
        return self._check(credential.exchange, ApiCredentials(credential.api_key, plain))

    def _check(self, exchange: str, creds: ApiCredentials) -> KeyCheck:
        with SECRETS.in_use(creds.secret):
            return self._exchanges.get(exchange).check_credentials(creds)
