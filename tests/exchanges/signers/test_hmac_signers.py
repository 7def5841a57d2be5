"""HMAC signers: Kraken against its published worked example; the others, which publish
none, against answers computed independently with ``openssl dgst -hmac`` over the message
layout each exchange documents."""

from __future__ import annotations

import pytest

from walletdesk.exchanges.signers import bitget, bybit, gate, kraken, kucoin, okx

# docs.kraken.com/api/docs/guides/spot-rest-auth, "Examples", verbatim.
KRAKEN_SECRET = (
    "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg=="
)
KRAKEN_NONCE = "1616492376594"
KRAKEN_BODY = "nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25"
KRAKEN_SIGN = (
    "4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ=="
)


def test_kraken_signature_is_krakens_worked_example() -> None:
    secret = kraken.decode_secret(KRAKEN_SECRET)
    assert kraken.api_sign("/0/private/AddOrder", KRAKEN_NONCE, KRAKEN_BODY, secret) == KRAKEN_SIGN


def test_kraken_signature_covers_path_nonce_and_body() -> None:
    secret = kraken.decode_secret(KRAKEN_SECRET)
    assert kraken.api_sign("/0/private/Balance", KRAKEN_NONCE, KRAKEN_BODY, secret) != KRAKEN_SIGN
    assert kraken.api_sign("/0/private/AddOrder", "1", KRAKEN_BODY, secret) != KRAKEN_SIGN
    tampered = KRAKEN_BODY.replace("1.25", "1.26")
    assert kraken.api_sign("/0/private/AddOrder", KRAKEN_NONCE, tampered, secret) != KRAKEN_SIGN


@pytest.mark.parametrize("text", ["not base64!", "c2VjcmV0", KRAKEN_SECRET[:-8]])
def test_kraken_secret_must_be_64_bytes_of_base64(text: str) -> None:
    with pytest.raises(kraken.KrakenSecretError):
        kraken.decode_secret(text)


def test_okx_timestamp_is_iso_8601_with_milliseconds() -> None:
    assert okx.iso_timestamp(1607418537715) == "2020-12-08T09:08:57.715Z"
    assert okx.iso_timestamp(1607418537005) == "2020-12-08T09:08:57.005Z"


def test_okx_signs_timestamp_method_path_with_query_and_body() -> None:
    # The docs' own example inputs (timestamp, path, the sample SecretKey).
    message = okx.prehash("2020-12-08T09:08:57.715Z", "get", "/api/v5/account/balance?ccy=BTC")
    assert message == "2020-12-08T09:08:57.715ZGET/api/v5/account/balance?ccy=BTC"
    signature = okx.access_sign(
        "22582BD0CFF14C41EDBF1AB98506286D",
        "2020-12-08T09:08:57.715Z",
        "GET",
        "/api/v5/account/balance?ccy=BTC",
    )
    assert signature == "HiZhvSfMtWJA3uUIVXV3a/bSXNPCWvYFXoGCVS8V4zY="


def test_bybit_signs_timestamp_key_window_and_exact_query_in_hex() -> None:
    query = "category=option&symbol=BTC-29JUL22-25000-C"
    assert bybit.prehash(1658384314791, "XXXXXXXXXX", 5000, query) == (
        "1658384314791XXXXXXXXXX5000" + query
    )
    signature = bybit.bapi_sign("X" * 36, 1658384314791, "XXXXXXXXXX", 5000, query)
    assert signature == "c4b59ee6add568ccee37372eb5cf6a54d02349863cc43102522c0e9d2654ce78"


KUCOIN_SECRET = "fc9ta6sk-78dg-5zb6-u46c-erg84xk4p8bd"


def test_kucoin_signs_timestamp_method_and_path_with_query() -> None:
    signature = kucoin.api_sign(KUCOIN_SECRET, 1547015186532, "GET", "/api/v1/accounts?type=main")
    assert signature == "v5bSqa+GSxVIkRLokiqmW4vMYPjmgzxsztqA5Shfp4g="


@pytest.mark.parametrize("version", ["2", "3"])
def test_kucoin_v2_and_v3_keys_send_the_passphrase_signed_with_the_secret(version: str) -> None:
    signed = kucoin.api_passphrase(KUCOIN_SECRET, "my passphrase", version)
    assert signed == "q0VQ5qpshwUE2nXBAQHkDAdoCLNz8xVE6IGaMa9L/D4="


def test_kucoin_v1_keys_send_the_passphrase_plain() -> None:
    assert kucoin.api_passphrase(KUCOIN_SECRET, "my passphrase", "1") == "my passphrase"


def test_bitget_signs_the_query_string_after_a_question_mark() -> None:
    assert bitget.prehash(1, "GET", "/api/v2/spot/account/assets") == (
        "1GET/api/v2/spot/account/assets"
    )
    signature = bitget.access_sign(
        "secretkey123", 1695806875837, "GET", "/api/v2/spot/account/assets", query="coin=USDT"
    )
    assert signature == "TRdGTRQ2R+JXa66P66hv6kL80OeeqF0IfL95fM+WQsk="


# Gate's docs print SHA512 of the empty body, which every GET signs.
GATE_EMPTY_BODY = (
    "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
    "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
)


def test_gate_signs_five_lines_with_the_hash_of_the_empty_body() -> None:
    message = gate.prehash("get", "/api/v4/spot/accounts", "currency=BTC", b"", 1541993715)
    assert message == f"GET\n/api/v4/spot/accounts\ncurrency=BTC\n{GATE_EMPTY_BODY}\n1541993715"
    signature = gate.sign(
        "secret", "GET", "/api/v4/spot/accounts", "currency=BTC", body=b"", timestamp_s=1541993715
    )
    assert signature == (
        "c3b91524b0ce90d03bb1d0bff65d4857b9136716833efeda15c5d29029411fbd"
        "42747462c330cd2f695fe8095cd1b1c3d3571799eba40130f9118eb833389936"
    )
