"""Validation of credential form input, shared by the GUI form (live messages) and the CLI.

Each function returns the cleaned value or raises ``ValidationError`` naming the field.
"""

from __future__ import annotations

import unicodedata

from walletdesk.core.errors import ValidationError

API_KEY_MAX = 100
LABEL_MAX = 50
SECRET_MAX = 512


def clean_api_key(text: str) -> str:
    key = text.strip()
    if not key:
        raise ValidationError("api_key", "Enter the API key (the public part of the key pair).")
    if len(key) > API_KEY_MAX:
        raise ValidationError(
            "api_key", f"The API key is too long: at most {API_KEY_MAX} characters."
        )
    if not all(0x21 <= ord(ch) <= 0x7E for ch in key):
        raise ValidationError(
            "api_key",
            "The API key may only contain printable ASCII characters without spaces: "
            "copy it again from the exchange.",
        )
    return key


def clean_secret(text: str) -> str:
    secret = text.strip()  # pasted secrets often carry a newline or spaces
    if not secret:
        raise ValidationError(
            "secret", "Enter the API secret shown by the exchange when the key was created."
        )
    if len(secret) > SECRET_MAX:
        raise ValidationError(
            "secret", f"The API secret is too long: at most {SECRET_MAX} characters."
        )
    if not all(0x21 <= ord(ch) <= 0x7E for ch in secret):
        raise ValidationError(
            "secret",
            "The API secret may only contain printable ASCII characters without spaces: "
            "copy it again from the exchange.",
        )
    return secret


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
