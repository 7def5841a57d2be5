"""Qt-free types shared by every layer: money, domain records and user-facing errors."""
