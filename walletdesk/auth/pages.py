"""The small pages the loopback listener shows in the browser after a sign-in attempt."""

from __future__ import annotations

import html

SIGNED_IN = "You are signed in to WalletDesk; you can close this tab and return to the app."
NOT_AN_ANSWER = "This address only receives WalletDesk's sign-in answer."
FINISHED = "This sign-in has already finished; return to WalletDesk."

_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;
color:#222}}h1{{font-size:1.4em}}</style></head>
<body><h1>{title}</h1><p>{text}</p></body></html>
"""


def page(title: str, text: str) -> bytes:
    return _TEMPLATE.format(title=html.escape(title), text=html.escape(text)).encode("utf-8")


def success_page() -> bytes:
    return page("Signed in to WalletDesk", SIGNED_IN)


def failure_page(message: str) -> bytes:
    return page("Sign-in did not complete", f"{message} Return to WalletDesk to try again.")
