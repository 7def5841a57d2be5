"""WalletDesk: a private, exact portfolio desk for crypto exchange balances."""

__version__ = "0.1.0"
