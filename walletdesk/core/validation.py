"""Validation of credential form input, shared by the GUI form (live messages) and the CLI.

Each function returns the cleaned value or raises ``ValidationError`` naming the field.
"""

from __future__ import annotations

import unicodedata

from walletdesk.core.errors import ValidationError

API_KEY_MAX = 100
LABEL_MAX = 50
SECRET_MAX = 512
PASSPHRASE_MAX = 128


def _key_material(text: str, *, field: str, name: str, maximum: int, missing: str) -> str:
    """A key or secret as exchanges issue them: printable ASCII, no spaces. Surrounding
    whitespace (a pasted newline) is dropped."""
    value = text.strip()
    if not value:
        raise ValidationError(field, missing)
    if len(value) > maximum:
        raise ValidationError(field, f"The {name} is too long: at most {maximum} characters.")
    if not all(0x21 <= ord(ch) <= 0x7E for ch in value):
        raise ValidationError(
            field,
            f"The {name} may only contain printable ASCII characters without spaces: "
            "copy it again from the exchange.",
        )
    return value


def clean_api_key(text: str) -> str:
    return _key_material(
        text,
        field="api_key",
        name="API key",
        maximum=API_KEY_MAX,
        missing="Enter the API key (the public part of the key pair).",
    )


def clean_secret(text: str) -> str:
    return _key_material(
        text,
        field="secret",
        name="API secret",
        maximum=SECRET_MAX,
        missing="Enter the API secret shown by the exchange when the key was created.",
    )


def clean_passphrase(text: str) -> str:
    """The passphrase chosen when the key was created (OKX, KuCoin, Bitget): kept exactly,
    spaces included, since the exchange compares it byte for byte; only a pasted line end
    is dropped."""
    value = text.rstrip("\r\n")
    if not value:
        raise ValidationError(
            "passphrase", "Enter the passphrase you chose when you created this API key."
        )
    if len(value) > PASSPHRASE_MAX:
        raise ValidationError(
            "passphrase", f"The passphrase is too long: at most {PASSPHRASE_MAX} characters."
        )
    if not all(0x20 <= ord(ch) <= 0x7E for ch in value):
        raise ValidationError(
            "passphrase",
            "The passphrase may only contain printable ASCII characters: type it again.",
        )
    return value


def clean_label(text: str | None) -> str | None:
    """A label is optional; blank means none. Spaces inside are kept, control characters not."""
    if text is None:
        return None
    label = " ".join(text.split())
    if not label:
        return None
    if len(label) > LABEL_MAX:
        raise ValidationError("label", f"The label is too long: at most {LABEL_MAX} characters.")
    if any(unicodedata.category(ch).startswith("C") for ch in label):
        raise ValidationError("label", "The label cannot contain control characters.")
    return label
