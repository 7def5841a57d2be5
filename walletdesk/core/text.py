"""Text from elsewhere (a sign-in service, an exchange) made safe to show in a terminal.

Only printable characters are kept: no ESC (terminal escape sequences that recolour, retitle
or rewrite the screen), no BEL, no C1 controls, no line breaks, no bidi overrides.
"""

from __future__ import annotations


def printable(text: object, limit: int | None = None) -> str:
    """``text`` with its unprintable characters removed, shortened to ``limit`` (with …)."""
    cleaned = "".join(ch for ch in str(text) if ch.isprintable())
    if limit is None or len(cleaned) <= limit:
        return cleaned
    return cleaned[: limit - 1] + "…"
