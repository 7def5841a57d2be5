"""Each exchange's request signing as pure functions: text in, header values out.

No I/O, no clock: callers pass the timestamp or nonce, so every rule here is tested
against the exchanges' own worked examples where they publish one, and byte for byte
against the stand-in exchanges in ``tests/exchange_server`` where they do not.
"""
