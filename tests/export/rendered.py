"""The CSV and JSON text of balances, exactly as the writers put it in a file."""

from __future__ import annotations

import io
from collections.abc import Iterable

from walletdesk.core.models import Balance
from walletdesk.export import write_csv, write_json


def render_csv(balances: Iterable[Balance]) -> str:
    out = io.StringIO(newline="")
    write_csv(balances, out)
    return out.getvalue()


def render_json(balances: Iterable[Balance]) -> str:
    out = io.StringIO()
    write_json(balances, out)
    return out.getvalue()
