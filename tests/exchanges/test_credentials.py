"""Key pairs never show their secret; key checks speak plainly about permissions."""

from __future__ import annotations

from walletdesk.exchanges.base import ApiCredentials, describe_permissions

SECRET = "s3cr3t-value-that-must-not-leak"
KEY = "mx0vglKEYVALUE1234567890"


def test_repr_and_str_of_credentials_hide_the_secret_and_most_of_the_key() -> None:
    creds = ApiCredentials(api_key=KEY, secret=SECRET)
    for text in (repr(creds), str(creds), f"{creds}", repr([creds])):
        assert SECRET not in text
        assert KEY not in text
        assert "***" in text


def test_read_only_key_is_reported_as_such() -> None:
    check = describe_permissions("MEXC", can_trade=False, can_withdraw=False)
    assert check.message == "Key works and is read-only."


def test_key_that_can_trade_and_withdraw_is_told_to_use_a_read_only_key() -> None:
    check = describe_permissions("Binance", can_trade=True, can_withdraw=True)
    assert "trade and withdraw" in check.message
    assert "read-only key on Binance" in check.message


def test_unknown_permissions_ask_the_user_to_make_sure() -> None:
    check = describe_permissions("MEXC", can_trade=None, can_withdraw=False)
    assert check.can_trade is None
    assert "make sure it is a read-only key" in check.message
