from walletdesk.app import entry_point

entry_point()
