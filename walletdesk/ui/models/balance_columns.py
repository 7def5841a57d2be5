"""The balances table's columns, each described once: header, alignment, default width,
sort key, shown text and exact text (tooltip, copy).

Sort keys read whole columns of the ``BalanceTable`` (integer units for amounts), so the
model sorts 10,000 rows without building a ``Balance``; texts are asked for one row at a
time, only for rows that are shown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from walletdesk.core.balance_table import AmountField, BalanceTable
from walletdesk.core.currency import AS_STORED, ShownCurrency
from walletdesk.core.currency import USD as US_DOLLAR
from walletdesk.core.models import Balance
from walletdesk.core.money import PLACES, from_units, quantize8
from walletdesk.core.price_change import price_change
from walletdesk.exchanges.catalog import display_name
from walletdesk.ui.formatting import HIDDEN, Formatter

NO_PRICE_TIP = "No USD price was found for this asset on its exchange."
DEMO_APART_TIP = "Demo sample: not part of the portfolio total."
NO_CHANGE_TIP = "Your history does not reach 24 hours back for this asset on this exchange."

PastPrices = Mapping[tuple[str, str], Decimal]
"""(row's exchange cell, asset) -> the USD price 24 h before (``core.price_change``)."""


@dataclass(frozen=True, slots=True)
class Cell:
    """What a column's text is made from: one balance, its share of the portfolio."""

    balance: Balance
    share: Decimal
    fmt: Formatter
    counted: bool = True  # False for demo rows beside real money: not part of the total
    # Decimals per amount field, so the points of a column line up.
    decimals: Mapping[str, int] = dataclasses.field(default_factory=dict)
    past_price: Decimal | None = None  # 24 h before; None where history does not reach
    shown: ShownCurrency = AS_STORED  # what money is shown in (stored values stay USD)
    value: Decimal | None = None  # the balance's value in ``shown``; None: its USD value

    @property
    def shown_value(self) -> Decimal:
        return self.balance.usd_value if self.value is None else self.value


Widest = Callable[[BalanceTable, Formatter, int, ShownCurrency], str]
"""A column's widest text for a table, its amount decimals and the shown currency."""


@dataclass(frozen=True, slots=True)
class BalanceColumn:
    header: str
    width: int  # default width in average characters
    sort_keys: Callable[[BalanceTable, PastPrices], Sequence[Any]]
    text: Callable[[Cell], str]
    exact: Callable[[Cell], str]  # copied with Ctrl+C; the tooltip unless ``tooltip`` says else
    tooltip: Callable[[Cell], str] | None = None
    numeric: bool = False
    needs_price: bool = False  # shown greyed when the asset has no USD price
    field: AmountField | None = None  # the amount shown, for amounts aligned on the point
    # The column's widest text for a table (numbers are sized to it, never cut off).
    widest: Widest | None = None
    # The header when a display currency is chosen ("{}": its code); None: ``header``.
    currency_header: str | None = None

    def header_in(self, currency: str) -> str:
        if self.currency_header is None or currency == US_DOLLAR:
            return self.header
        return self.currency_header.format(currency)


def share_of(balance: Balance, total_usd: Decimal) -> Decimal:
    return balance.usd_value / total_usd if total_usd > 0 else Decimal(0)


def _by_asset(table: BalanceTable, _past: PastPrices) -> list[tuple[str, str]]:
    return list(zip([a.casefold() for a in table.assets()], table.exchanges(), strict=True))


def _by_exchange(table: BalanceTable, _past: PastPrices) -> list[tuple[str, str]]:
    return list(zip(table.exchanges(), [a.casefold() for a in table.assets()], strict=True))


def _amount(field: AmountField, header: str, width: int,
            tooltip: Callable[[Cell], str] | None = None) -> BalanceColumn:
    def exact(cell: Cell) -> str:
        value: Decimal = getattr(cell.balance, field)
        return cell.fmt.exact(value)

    def text(cell: Cell) -> str:
        value: Decimal = getattr(cell.balance, field)
        return aligned(cell.fmt, cell.fmt.amount(value), cell.decimals.get(field, 0))

    def widest(table: BalanceTable, fmt: Formatter, decimals: int, _in: ShownCurrency) -> str:
        largest = max(table.units(field), default=0)
        return aligned(fmt, fmt.amount(from_units(largest)), decimals)

    return BalanceColumn(header, width, lambda t, _p: t.units(field), text, exact, tooltip,
                         numeric=True, field=field, widest=widest)


FIGURE_SPACE, PUNCTUATION_SPACE = "\u2007", "\u2008"  # a digit's and a point's width


def aligned(fmt: Formatter, text: str, decimals: int) -> str:
    """Padded on the right so that, right-aligned, points line up down the column."""
    return fmt.style.align(text, decimals, digit=FIGURE_SPACE, point=PUNCTUATION_SPACE)


def decimals_needed(units: Sequence[int]) -> int:
    """The most decimals any of these amounts needs (trailing zeros dropped).

    Amounts needing at most ``n`` decimals are the multiples of 10**(8 - n) units: one
    integer test per row, which stops at the first row that needs more (10,000 rows of
    one-decimal amounts take one pass instead of 10,000 string conversions)."""
    for needed in range(PLACES):
        step = 10 ** (PLACES - needed)
        if all(value % step == 0 for value in units):
            return needed
    return PLACES


def _value_text(cell: Cell) -> str:
    if not cell.balance.priced:
        return "no price"
    return cell.fmt.money(cell.shown_value, cell.shown.code)


def _value_exact(cell: Cell) -> str:
    return cell.fmt.exact(cell.shown_value)


def _value_tooltip(cell: Cell) -> str:
    """The exact value; in a display currency, the stored USD value beside it."""
    if not cell.balance.priced:
        return NO_PRICE_TIP
    exact = _in_both(cell, cell.shown_value, cell.balance.usd_value)
    return f"{exact}\nvia {cell.balance.route}" if cell.balance.route else exact


def _in_both(cell: Cell, shown: Decimal, usd: Decimal) -> str:
    """``shown`` exactly, and in a display currency the USD it is made from and the rate."""
    fmt, rate = cell.fmt, cell.shown.rate
    if rate is None:
        return fmt.exact(shown)
    return (f"{fmt.exact(shown)} {rate.currency}\n= {fmt.exact(usd)} USD at "
            f"{rate.per_usd:f} {rate.currency} per USD ({rate.source}, {rate.as_of:%Y-%m-%d})")


def _widest_value(table: BalanceTable, fmt: Formatter, _decimals: int,
                  shown: ShownCurrency) -> str:
    """Converting keeps the order (one rate, rounded once), so the largest stays largest."""
    return fmt.money(shown.of(from_units(max(table.units("usd_value"), default=0))), shown.code)


def _total_tooltip(cell: Cell) -> str:
    """The exact total, and where it sits: one line per key and place (spot, earn, ...)."""
    exact = cell.fmt.exact(cell.balance.total)
    lines = [f"{source.place}: {cell.fmt.exact(source.free + source.locked)}"
             for source in cell.balance.sources]
    return "\n".join([exact, *lines]) if len(lines) > 1 else exact


def _share_text(cell: Cell) -> str:
    return cell.fmt.share(cell.share) if cell.balance.priced and cell.counted else "—"


def _share_exact(cell: Cell) -> str:
    if cell.fmt.private:
        return HIDDEN
    return f"{cell.share * 100:.2f}%"  # a spreadsheet reads "12.34%"


def _share_tooltip(cell: Cell) -> str:
    if not cell.counted:
        return DEMO_APART_TIP
    if cell.fmt.private:
        return HIDDEN
    return f"{cell.share * 100:.8f} %"


def _asset(cell: Cell) -> str:
    return cell.balance.asset


def _exchange(cell: Cell) -> str:
    return display_name(cell.balance.exchange)


ASSET_WIDTH_CAP = 20  # characters: longer (spam) names elide, their tooltip shows the whole
ICON_ROOM = "\u2003\u2003"  # the width of the stale marker's icon beside the exchange


def _widest_asset(table: BalanceTable, _fmt: Formatter, _decimals: int,
                  _in: ShownCurrency) -> str:
    return max(table.assets(), key=len, default="")[:ASSET_WIDTH_CAP]


def _widest_exchange(table: BalanceTable, _fmt: Formatter, _decimals: int,
                     _in: ShownCurrency) -> str:
    names = [display_name(name) for name in set(table.exchanges())]
    return max(names, key=len, default="") + ICON_ROOM


def unit_price(balance: Balance) -> Decimal | None:
    """USD per unit, from the stored value and amount (exact quotient; shown rounded)."""
    if not balance.priced or not balance.total:
        return None
    return balance.usd_value / balance.total


def _prices(table: BalanceTable, _past: PastPrices = {}) -> list[Decimal]:  # noqa: B006
    """Sort keys: the exact price (Decimal division), 0 for an unpriced asset."""
    return [Decimal(usd) / Decimal(total) if total and usd else Decimal(0)
            for usd, total in zip(table.units("usd_value"), table.units("total"), strict=True)]


def _widest_price(table: BalanceTable, fmt: Formatter, _decimals: int,
                  shown: ShownCurrency) -> str:
    return fmt.money(shown.of(largest_price(table)), shown.code)


_QUOTIENT_SCALE = 10**12  # integer quotients to 1e-12 USD: ties between rows are rare


def largest_price(table: BalanceTable) -> Decimal:
    """The largest exact price, 0 if none: the rows whose integer quotient is the largest
    are the only candidates, so a 10,000-row table needs a Decimal division or two, not
    10,000 (~4 ms of the first paint)."""
    usd, totals = table.units("usd_value"), table.units("total")
    quotients = [u * _QUOTIENT_SCALE // t if t else 0 for u, t in zip(usd, totals, strict=True)]
    top = max(quotients, default=0)
    return max((Decimal(u) / Decimal(t) for u, t, q in zip(usd, totals, quotients, strict=True)
                if q == top and t and u), default=Decimal(0))


def shown_price(cell: Cell) -> Decimal | None:
    """The unit price in the shown currency: the exact USD quotient converted whole
    (``Rate.convert``), so prices sort as their USD prices do."""
    price = unit_price(cell.balance)
    return None if price is None else cell.shown.of(price)


def _price_text(cell: Cell) -> str:
    price = shown_price(cell)
    return "no price" if price is None else cell.fmt.money(price, cell.shown.code)


def _price_exact(cell: Cell) -> str:
    """A quotient rarely ends: copied to 8 places (the money rule), as amounts are."""
    price = shown_price(cell)
    return "" if price is None else cell.fmt.exact(quantize8(price))


def _price_tooltip(cell: Cell) -> str:
    price, usd = shown_price(cell), unit_price(cell.balance)
    if price is None or usd is None:
        return NO_PRICE_TIP
    return _in_both(cell, quantize8(price), quantize8(usd))


def change_of(cell: Cell) -> Decimal | None:
    return price_change(unit_price(cell.balance), cell.past_price)


def _changes(table: BalanceTable, past: PastPrices) -> list[tuple[bool, Decimal]]:
    """Sort keys: (has a change, the exact fraction); rows without one sort together."""
    keys = []
    for now, exchange, asset in zip(_prices(table), table.exchanges(), table.assets(),
                                    strict=True):
        change = price_change(now or None, past.get((exchange, asset)))
        keys.append((False, Decimal(0)) if change is None else (True, change))
    return keys


def _change_text(cell: Cell) -> str:
    change = change_of(cell)
    return "—" if change is None else cell.fmt.change(change)


def _change_exact(cell: Cell) -> str:
    change = change_of(cell)
    if change is None:
        return ""
    return HIDDEN if cell.fmt.private else f"{quantize8(change * 100)}%"


def _change_tooltip(cell: Cell) -> str:
    change, then = change_of(cell), cell.past_price
    if change is None or then is None:
        return NO_CHANGE_TIP
    if cell.fmt.private:
        return HIDDEN
    now = unit_price(cell.balance)
    assert now is not None  # a change needs a price now
    return (f"{quantize8(change * 100)} % (USD prices): ${cell.fmt.exact(quantize8(then))} "
            f"24 h before, ${cell.fmt.exact(quantize8(now))} now")


COLUMNS: tuple[BalanceColumn, ...] = (
    BalanceColumn("Asset", 10, _by_asset, _asset, _asset, widest=_widest_asset),
    BalanceColumn("Exchange", 22, _by_exchange, _exchange, _exchange, widest=_widest_exchange),
    _amount("free", "Free", 16),
    _amount("locked", "Locked", 14),
    _amount("total", "Total", 16, tooltip=_total_tooltip),
    # Sorted by the stored USD value in every currency: one rate keeps the order.
    BalanceColumn("USD value", 16, lambda t, _p: t.units("usd_value"), _value_text,
                  _value_exact, _value_tooltip, numeric=True, needs_price=True,
                  widest=_widest_value, currency_header="{} value"),
    BalanceColumn("Share", 10, lambda t, _p: t.units("usd_value"), _share_text, _share_exact,
                  _share_tooltip, numeric=True, needs_price=True,
                  widest=lambda _t, fmt, _d, _in: fmt.share(Decimal(1))),
    # Last, so that column positions a user's saved layout refers to stay where they were.
    BalanceColumn("Price", 14, _prices, _price_text, _price_exact, _price_tooltip,
                  numeric=True, needs_price=True, widest=_widest_price,
                  currency_header="Price ({})"),
    BalanceColumn("24h change", 11, _changes, _change_text, _change_exact, _change_tooltip,
                  numeric=True, needs_price=True,
                  widest=lambda _t, fmt, _d, _in: fmt.change(Decimal("-0.9999"))),
)

ASSET, EXCHANGE, FREE, LOCKED, TOTAL, USD, SHARE, PRICE, CHANGE = range(len(COLUMNS))
"""Column positions, named for code that picks one (default sort, stretched column)."""

WIDTHS: tuple[int, ...] = tuple(column.width for column in COLUMNS)
