"""The demo exchange: an offline, fixed, realistic portfolio that exercises every price route."""

from __future__ import annotations

from decimal import Decimal

from tests.refresh_values import refreshed
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.demo import DemoAdapter
from walletdesk.pricing import USD_STABLECOINS

ANY_KEY = ApiCredentials(api_key="demo", secret="demo")


def test_demo_is_marked_as_demo_and_accepts_any_key() -> None:
    demo = DemoAdapter()
    assert (demo.name, demo.is_demo) == ("DEMO", True)
    assert demo.check_credentials(ANY_KEY).can_withdraw is False


def test_demo_portfolio_is_deterministic() -> None:
    assert DemoAdapter().fetch_balances(ANY_KEY) == DemoAdapter().fetch_balances(ANY_KEY)
    assert DemoAdapter().fetch_prices() == DemoAdapter().fetch_prices()


def test_demo_has_a_dozen_assets_with_majors_a_stablecoin_dust_and_an_unpriced_one() -> None:
    demo = DemoAdapter()
    valued = refreshed(demo.fetch_balances(ANY_KEY), demo.fetch_prices())
    assert len(valued) >= 12
    assert {"BTC", "ETH", "SOL"} <= set(valued)
    assert set(valued) & USD_STABLECOINS
    assert any(Decimal(0) < v.free + v.locked < Decimal("0.0001") for v in valued.values())
    unpriced = [asset for asset, v in valued.items() if not v.priced]
    assert unpriced == ["VEN"]
    assert valued["BTC"].usd_value == Decimal("30313.19718000")  # 0.4718 BTC x 64250.10
    assert valued["RVN"].usd_value > 0  # only an RVNBTC pair
    assert valued["ARB"].usd_value > 0  # only an ARBUSDC pair
