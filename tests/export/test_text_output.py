from __future__ import annotations

import io

import pytest

from walletdesk.core.errors import ValidationError
from walletdesk.core.models import Balance
from walletdesk.export import balances_table, write_balances_text

from .rendered import render_csv, render_json


@pytest.mark.parametrize(("fmt", "render"), [
    ("csv", render_csv), ("json", render_json), ("table", lambda b: balances_table(b) + "\n"),
])
def test_cli_output_is_the_same_text_as_the_export(
    sample_balances: list[Balance], fmt: str, render: object
) -> None:
    out = io.StringIO(newline="")
    write_balances_text(sample_balances, fmt, out)
    assert callable(render)
    assert out.getvalue() == render(sample_balances)


def test_cli_output_refuses_an_unknown_format() -> None:
    with pytest.raises(ValidationError):
        write_balances_text([], "xml", io.StringIO())
