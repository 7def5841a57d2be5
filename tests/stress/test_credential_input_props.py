"""Whatever is typed into the credential form (or passed to CredentialsController.add):
either exactly the cleaned values are stored, or one clear ValidationError and nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.stress.bench import user
from tests.stress.tally import count
from walletdesk.controllers.credentials import CredentialsController
from walletdesk.core.errors import ValidationError
from walletdesk.core.secret_parts import SecretParts, decode_secret_parts
from walletdesk.core.validation import (
    API_KEY_MAX,
    LABEL_MAX,
    SECRET_MAX,
    clean_api_key,
    clean_label,
    clean_secret,
)
from walletdesk.exchanges.registry import default_registry
from walletdesk.security.vault import Vault
from walletdesk.store.credentials import CredentialRepository
from walletdesk.store.database import Database, open_database
from walletdesk.store.users import UserRepository

EXAMPLES = 400
ANY = settings(max_examples=EXAMPLES, deadline=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture])

# Pasted keys: mostly plausible, with all of Unicode (controls, formats, surrogates) mixed in.
weird = st.characters(codec=None, categories=None)
keyish = st.text(st.sampled_from("ABCdef0123456789-_+/=") | weird, max_size=140)
texts = st.one_of(
    keyish,
    st.text(weird, max_size=600),
    st.sampled_from(["", " ", "\n", "\t key \n", "a" * 101, "a" * 512, "x" * 513, "\x00",
                     "ключ", "键", "a\u200bb", "\ufeffabc", "abc\r\n", "e\u0301"]),
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=120),
)
# (printable ASCII: the one alphabet keys and secrets may use)
labels = st.none() | texts
printable = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1,
                    max_size=120)
pasted = st.builds(lambda pad, text, end: pad + text + end, st.sampled_from(["", " ", "\t"]),
                   printable, st.sampled_from(["", "\n", "\r\n", " "]))
valid_exchanges = st.sampled_from(["mexc", " MEXC ", "Binance", "demo", "DEMO\n", "bınance"])
bad_exchanges = st.sampled_from(["kraken", "", "ＭＥＸＣ"]) | st.text(max_size=12)
exchanges = st.integers(0, 9).flatmap(lambda i: valid_exchanges if i < 8 else bad_exchanges)


def single_line(error: ValidationError) -> bool:
    return "\n" not in str(error) and str(error).endswith(".")


def assert_clean(function: object, text: str, field: str, limit: int) -> None:
    try:
        value = function(text)  # type: ignore[operator]
    except ValidationError as error:
        assert error.field == field and single_line(error)
        return
    if value is None:
        assert field == "label" and not text.split(), "a label that is not blank was dropped"
        return
    assert value == function(value), "cleaning is not idempotent"  # type: ignore[operator]
    assert 0 < len(value) <= limit and value == value.strip()
    if field != "label":
        assert all(0x21 <= ord(ch) <= 0x7E for ch in value)
    else:
        assert value.isprintable() and "  " not in value


@ANY
@given(texts)
def test_validators_return_clean_values_or_name_the_field(text: str) -> None:
    count("inputs")
    assert_clean(clean_api_key, text, "api_key", API_KEY_MAX)
    assert_clean(clean_secret, text, "secret", SECRET_MAX)
    assert_clean(clean_label, text, "label", LABEL_MAX)


@pytest.fixture
def controller(tmp_path: Path) -> Iterator[tuple[CredentialsController, Database, Vault]]:
    database = open_database(tmp_path / "walletdesk.db")
    key = bytes(32)
    vault = Vault(lambda *, create: key)
    who = user(0)
    UserRepository(database).ensure(who)
    yield CredentialsController(database, vault, default_registry({}), lambda: who), \
        database, vault
    database.close()


@ANY
@given(exchange=exchanges, api_key=pasted | texts, secret=pasted | texts, label=labels)
def test_add_stores_exactly_the_cleaned_input_or_nothing(
        controller: tuple[CredentialsController, Database, Vault],
        exchange: str, api_key: str, secret: str, label: str | None) -> None:
    count("inputs")
    credentials, database, vault = controller
    before = credentials.list()
    try:
        stored = credentials.add(exchange=exchange, api_key=api_key, secret=secret, label=label)
    except ValidationError as error:
        event(f"refused: {error.field}")
        assert single_line(error)
        assert credentials.list() == before
        return
    event("stored")
    assert stored.exchange == exchange.strip().upper() or stored.exchange in ("MEXC", "BINANCE")
    assert (stored.api_key, stored.label) == (clean_api_key(api_key), clean_label(label))
    assert credentials.list() == sorted([*before, stored], key=lambda c: (
        c.exchange, c.label is not None, c.label or "", c.created_at, c.id))
    blob = CredentialRepository(database, user(0).id).secret(stored.id)
    plain = vault.decrypt(blob, credential_id=stored.id, user_id=user(0).id)
    assert decode_secret_parts(plain) == SecretParts(secret=clean_secret(secret))
    credentials.remove(stored.id)  # keep the table small and labels free
