"""Each exchange as the catalog and the window know it, one module per exchange.

A profile module holds what first paint needs (names, secret fields, addresses, help link,
pace) and imports its adapter module (``walletdesk/exchanges/<name>.py``) only inside its
``_adapter`` factory, when a refresh or a key check first needs it. Their imports stay light:
``tests/exchanges/test_catalog.py`` fails if the catalog pulls in an adapter or httpx.
"""
