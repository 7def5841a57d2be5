"""Signing matches the exchanges' own published worked examples."""

from __future__ import annotations

from walletdesk.exchanges.signing import sign, signed_query

MEXC_SECRET = "45d0b3c26f2644f19bfb98b07741b2f5"
MEXC_MESSAGE = (
    "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11&recvWindow=5000&timestamp=1644489390087"
)
BINANCE_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
BINANCE_MESSAGE = (
    "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
    "&recvWindow=5000&timestamp=1499827319559"
)


def test_signature_matches_mexc_documented_example() -> None:
    assert sign(MEXC_SECRET, MEXC_MESSAGE) == (
        "fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a"
    )


def test_signature_matches_binance_documented_example() -> None:
    assert sign(BINANCE_SECRET, BINANCE_MESSAGE) == (
        "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
    )


def test_signed_query_signs_exactly_the_text_it_sends_and_appends_the_signature_last() -> None:
    params = [tuple(part.split("=", 1)) for part in BINANCE_MESSAGE.split("&")]
    query = signed_query(params, BINANCE_SECRET)  # type: ignore[arg-type]
    assert query == f"{BINANCE_MESSAGE}&signature={sign(BINANCE_SECRET, BINANCE_MESSAGE)}"


def test_signature_is_lowercase_hex() -> None:
    signature = sign("secret", "a=1")
    assert len(signature) == 64
    assert signature == signature.lower()
    int(signature, 16)
