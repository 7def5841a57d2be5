"""The offline demo exchange as the catalog knows it; the adapter is ``exchanges/demo.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from walletdesk.core.sample import SAMPLE_EXCHANGE
from walletdesk.exchanges.profile import AdapterSettings, ExchangeProfile

if TYPE_CHECKING:
    from walletdesk.exchanges.base import ExchangeAdapter


def _adapter(settings: AdapterSettings) -> ExchangeAdapter:
    from walletdesk.exchanges.demo import DemoAdapter

    return DemoAdapter.create(settings)


PROFILE = ExchangeProfile(
    name=SAMPLE_EXCHANGE,
    display_name="Demo (offline sample)",
    adapter=_adapter,
    is_demo=True,
)
