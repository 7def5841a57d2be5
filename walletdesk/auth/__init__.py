"""Clerk sign-in: OpenID Connect through the system browser, and the stored session.

This package's ``__init__`` imports nothing, so ``walletdesk.auth.profile_file``,
``walletdesk.auth.config`` and ``walletdesk.auth.first_paint`` stay standard-library-only
for the GUI's first paint. Modules that talk to the network or the keychain import
httpx, authlib and keyring inside their functions.
"""
