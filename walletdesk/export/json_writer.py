"""Balances as JSON, the shape of ``balances --format json``: an array of objects with
decimal strings (exact), a boolean ``priced`` and ``wallet_updated`` in ISO 8601 UTC.

UTF-8, indented by 2, non-ASCII kept as is, a final newline. JSON is data for programs,
so text is not formula-guarded: an asset is exactly what the exchange reported.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from walletdesk.core.models import Balance
from walletdesk.export.rows import COLUMNS, Columns, json_record


def write_json(balances: Iterable[Balance], out: TextIO, columns: Columns = COLUMNS) -> None:
    json.dump([json_record(balance, columns) for balance in balances], out, indent=2,
              ensure_ascii=False)
    out.write("\n")
