"""Gate as the catalog knows it; the adapter is ``exchanges/gate.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from walletdesk.exchanges.pacing import Pace, RateLimit
from walletdesk.exchanges.profile import AdapterSettings, ExchangeProfile

if TYPE_CHECKING:
    from walletdesk.exchanges.base import ExchangeAdapter


def _adapter(settings: AdapterSettings) -> ExchangeAdapter:
    from walletdesk.exchanges.gate import GateAdapter

    return GateAdapter.create(settings)


PROFILE = ExchangeProfile(
    name="GATE",
    display_name="Gate",
    adapter=_adapter,
    default_base_url="https://api.gateio.ws",
    help_url="https://www.gate.com/help/guide/common/10085/how-to-create-an-api-key",
    reports_permissions=False,
    # Since 2024-01-22: spot public endpoints 200 requests per 10 s each, per IP; private
    # ones 200 per 10 s each, per UID (one budget per key here, shared by its endpoints:
    # spot/accounts and earn/uni/lends weigh 1 each, so a refresh spends 2 and a page more
    # for every 100 Simple Earn lendings; gate_earn.py).
    # [Gate announcement "Latest Announcement on API Rate Limit Adjustments", 2024-01-14]
    pace=Pace(host=RateLimit(weight=200, seconds=10), account=RateLimit(weight=200, seconds=10)),
)
