"""The Decimal rules the refresh's integer fast path stands for, kept as the reference the
property tests compare it with (``tests/controllers/test_fold_in_units.py``) and as the way
tests write a wallet's content given in ``Decimal``s. Not used by the app."""
