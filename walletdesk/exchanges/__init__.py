"""Exchange adapters behind one small protocol (see ``base.ExchangeAdapter``).

This package imports nothing heavy: ``registry`` creates adapters, and so imports httpx,
only when an exchange is first used.
"""
