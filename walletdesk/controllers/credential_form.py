"""The credential form's rules, without Qt: which messages to show, what Save and Test do.

Validation uses the same functions as the controller (``core.validation``), so the form
warns about exactly what the controller would refuse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from walletdesk.core.errors import ValidationError
from walletdesk.core.models import Credential
from walletdesk.core.secret_parts import PASSPHRASE
from walletdesk.core.validation import clean_api_key, clean_label
from walletdesk.exchanges.catalog import DEMO, profile
from walletdesk.exchanges.profile import SecretField

if TYPE_CHECKING:
    from walletdesk.controllers.credentials import CredentialsController
    from walletdesk.core.keys import KeyCheck

LABEL, API_KEY, SECRET = "label", "api_key", "secret"
__all__ = ["API_KEY", "DEMO_NOTE", "LABEL", "PASSPHRASE", "SECRET", "FormRules", "FormValues"]
DEMO_NOTE = "The demo needs no key: it shows a fixed sample portfolio and never goes online."


@dataclass(frozen=True, slots=True)
class FormValues:
    exchange: str  # canonical
    label: str
    api_key: str
    secret: str
    replace_secret: bool = True  # always True when adding
    passphrase: str = ""  # for exchanges whose keys have one (OKX, KuCoin, Bitget)

    @property
    def secret_fields(self) -> dict[str, SecretField]:
        """The secret parts this exchange's keys have, by part name."""
        return {field.part: field for field in profile(self.exchange).secret_fields}

    @property
    def passphrase_or_none(self) -> str | None:
        return self.passphrase if PASSPHRASE in self.secret_fields else None


@dataclass(frozen=True, slots=True)
class FormRules:
    """Add a new credential (``editing`` is None) or change an existing one."""

    editing: Credential | None = None

    def needs_keys(self, values: FormValues) -> bool:
        return values.exchange != DEMO

    def errors(self, values: FormValues) -> dict[str, str]:
        """Every field's problem, by field name (empty when the form can be saved)."""
        checks: list[tuple[str, Callable[[], object]]] = [
            (LABEL, lambda: clean_label(values.label))]
        if self.needs_keys(values):
            checks.append((API_KEY, lambda: clean_api_key(values.api_key)))
            if self.editing is None or values.replace_secret:
                fields = values.secret_fields
                checks.append((SECRET, lambda: fields[SECRET].clean(values.secret)))
                if PASSPHRASE in fields:
                    checks.append((PASSPHRASE, lambda: fields[PASSPHRASE].clean(values.passphrase)))
        found: dict[str, str] = {}
        for field, check in checks:
            try:
                check()
            except ValidationError as error:
                found[field] = str(error)
        return found

    def save(self, values: FormValues) -> Callable[[CredentialsController], Credential]:
        """The controller call that stores the form (run it off the GUI thread)."""
        label = values.label
        editing = self.editing
        if editing is None:
            if not self.needs_keys(values):
                return lambda controller: _add_demo(controller, label)
            return lambda controller: controller.add(
                exchange=values.exchange,
                api_key=values.api_key,
                secret=values.secret,
                passphrase=values.passphrase_or_none,
                label=label,
            )
        key = values.api_key if self.needs_keys(values) else None
        replace = self.needs_keys(values) and values.replace_secret
        secret = values.secret if replace else None
        passphrase = values.passphrase_or_none if replace else None
        return lambda controller: controller.update(
            editing.id, api_key=key, label=label, secret=secret, passphrase=passphrase
        )

    def test(self, values: FormValues) -> Callable[[CredentialsController], KeyCheck]:
        """The controller call that checks the key pair in the form against the exchange."""
        editing = self.editing
        if not self.needs_keys(values):
            return _test_demo
        if editing is not None and not values.replace_secret:
            if values.api_key.strip() != editing.api_key:
                raise ValidationError(
                    SECRET, "To test a changed API key, tick “Replace secret” and enter its secret."
                )
            return lambda controller: controller.test_stored(editing.id)
        return lambda controller: controller.test_connection(
            exchange=values.exchange,
            api_key=values.api_key,
            secret=values.secret,
            passphrase=values.passphrase_or_none,
        )


def _add_demo(controller: CredentialsController, label: str) -> Credential:
    from walletdesk.controllers.credentials import DEMO_API_KEY, DEMO_SECRET

    return controller.add(exchange=DEMO, api_key=DEMO_API_KEY, secret=DEMO_SECRET,
                          label=label or "Demo")


def _test_demo(controller: CredentialsController) -> KeyCheck:
    from walletdesk.controllers.credentials import DEMO_API_KEY, DEMO_SECRET

    return controller.test_connection(exchange=DEMO, api_key=DEMO_API_KEY, secret=DEMO_SECRET)
