"""The PySide6 desktop front end: the only package of WalletDesk that imports Qt."""
