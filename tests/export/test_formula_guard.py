from __future__ import annotations

import pytest

from walletdesk.export.formula_guard import guard_formula


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1",
                                  "=cmd|'/C calc'!A0"])
def test_text_that_a_spreadsheet_would_evaluate_gets_a_leading_quote(text: str) -> None:
    assert guard_formula(text) == "'" + text


@pytest.mark.parametrize("text", ["BTC", "", "1INCH", "A=B", "ÆTHER币", "'quoted"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert guard_formula(text) == text
