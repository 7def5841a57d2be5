"""The Coinbase CDP JWT: claims and header as Coinbase's docs and SDK set them, and an ES256
signature in raw r||s form that verifies with the key's public half."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from walletdesk.exchanges.signers import coinbase

PrivateKey = ec.EllipticCurvePrivateKey

KEY_NAME = (
    "organizations/1f0c7e2a-0000-4000-8000-000000000001"
    "/apiKeys/5b9d1c3e-0000-4000-8000-000000000002"
)


@pytest.fixture(scope="module")
def private_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _sec1_pem(key: ec.EllipticCurvePrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()


def _segment(token: str, index: int) -> bytes:
    part = token.split(".")[index]
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def test_jwt_carries_the_documented_header_and_claims(private_key: PrivateKey) -> None:
    uri = coinbase.jwt_uri("get", "api.coinbase.com", "/api/v3/brokerage/accounts")
    token = coinbase.build_jwt(KEY_NAME, private_key, uri, now=1_700_000_000, nonce="ab12")
    header = json.loads(_segment(token, 0))
    claims = json.loads(_segment(token, 1))
    assert header == {"alg": "ES256", "kid": KEY_NAME, "nonce": "ab12", "typ": "JWT"}
    assert claims == {
        "sub": KEY_NAME,
        "iss": "cdp",
        "nbf": 1_700_000_000,
        "exp": 1_700_000_120,
        "uri": "GET api.coinbase.com/api/v3/brokerage/accounts",
    }


def test_jwt_never_lives_longer_than_120_seconds(private_key: PrivateKey) -> None:
    token = coinbase.build_jwt(KEY_NAME, private_key, "GET h/p", now=10, nonce="n", lifetime=600)
    claims = json.loads(_segment(token, 1))
    assert claims["exp"] - claims["nbf"] == 120


def test_signature_is_raw_r_and_s_that_verifies(private_key: PrivateKey) -> None:
    token = coinbase.build_jwt(KEY_NAME, private_key, "GET h/p", now=10, nonce="n")
    raw = _segment(token, 2)
    assert len(raw) == 64  # DER would be 70-72 bytes
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    signing_input = token.rsplit(".", 1)[0].encode()
    private_key.public_key().verify(der, signing_input, ec.ECDSA(hashes.SHA256()))


def test_pem_with_literal_backslash_n_sequences_loads(private_key: PrivateKey) -> None:
    pasted = _sec1_pem(private_key).replace("\n", "\\n")
    text = coinbase.read_key_text(pasted)
    assert text.key_name is None
    loaded = coinbase.load_private_key(text.pem)
    assert loaded.private_numbers() == private_key.private_numbers()


@pytest.mark.parametrize(
    "mangle", [lambda s: s.replace("\n", " "), lambda s: s.replace("\n", "\r\n")]
)
def test_pem_whose_line_breaks_became_spaces_or_crlf_loads(
    private_key: PrivateKey, mangle: Callable[[str], str]
) -> None:
    text = coinbase.read_key_text(mangle(_sec1_pem(private_key)))
    assert coinbase.load_private_key(text.pem).private_numbers() == private_key.private_numbers()


def test_cdp_key_file_gives_the_key_name_and_the_pem(private_key: PrivateKey) -> None:
    content = json.dumps({"name": KEY_NAME, "privateKey": _sec1_pem(private_key)})
    text = coinbase.read_key_text(content)
    assert text.key_name == KEY_NAME
    assert coinbase.load_private_key(text.pem).private_numbers() == private_key.private_numbers()


def test_newer_cdp_key_file_names_the_key_id() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    text = coinbase.read_key_text(json.dumps({"id": "abc-123", "privateKey": _sec1_pem(key)}))
    assert text.key_name == "abc-123"


def test_ed25519_keys_are_refused_with_what_to_create_instead() -> None:
    pem = (
        ed25519.Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    with pytest.raises(coinbase.CoinbaseKeyError, match="ECDSA"):
        coinbase.load_private_key(coinbase.read_key_text(pem).pem)


@pytest.mark.parametrize(
    "text",
    [
        "MHcCAQEEIB...",  # no PEM armour
        "{not json",
        json.dumps({"name": KEY_NAME}),
        "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----",
    ],
)
def test_unusable_key_text_is_a_key_error(text: str) -> None:
    with pytest.raises(coinbase.CoinbaseKeyError):
        coinbase.load_private_key(coinbase.read_key_text(text).pem)
