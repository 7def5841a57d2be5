"""Neutralising formula injection in spreadsheet text cells (OWASP "CSV injection").

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` (also after a
tab or carriage return) as a formula. An asset symbol comes from an exchange, so it is
not trusted: such text gets a leading single quote and is shown, never evaluated. Only
text cells go through the guard; numbers are written as numbers and stay untouched.
"""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def guard_formula(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text
