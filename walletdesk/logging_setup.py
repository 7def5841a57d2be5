"""A rotating log file that never holds a secret.

Secrets are kept out in two ways: code never logs them, and a filter masks anything that
looks like one that slipped into a message anyway (signatures, api keys in query strings,
bearer tokens, registered secret values).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE = "walletdesk.log"
_MASK = "***"

_PATTERNS = (
    re.compile(r"(signature=)[0-9a-fA-F]+"),
    re.compile(
        r"((?:api[_-]?key|apikey|secret|token|password)[\"']?\s*[=:]\s*[\"']?)[^\s&\"',}]+", re.I
    ),
    re.compile(r"(Bearer\s+)[A-Za-z0-9._~+/=-]+", re.I),
    re.compile(r"(X-(?:MEXC|MBX)-APIKEY[\"']?\s*[:=]\s*[\"']?)[^\s\"',}]+", re.I),
)


class SecretRegistry:
    """Exact secret values that the log filter must mask wherever they appear, for as long
    as some request is using them (counted: two refreshes may share one secret)."""

    def __init__(self) -> None:
        self._uses: Counter[str] = Counter()
        self._lock = threading.Lock()

    def add(self, value: str) -> None:
        """Mask ``value`` for the rest of the process (a session token, say)."""
        with self._lock:
            self._uses[value] += 1

    @contextmanager
    def in_use(self, *values: str) -> Iterator[None]:
        """Mask ``values`` while the block runs (a key's secret parts while it is used)."""
        for value in values:
            self.add(value)
        try:
            yield
        finally:
            with self._lock:
                for value in values:
                    self._uses[value] -= 1
                    if self._uses[value] <= 0:
                        del self._uses[value]

    def mask(self, text: str) -> str:
        with self._lock:
            values = sorted((v for v in self._uses if len(v) >= 4), key=len, reverse=True)
        for value in values:
            text = text.replace(value, _MASK)
        return text


SECRETS = SecretRegistry()


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + _MASK, text)
    return SECRETS.mask(text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def configure_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Send the ``walletdesk`` loggers (and httpx's) to a rotating file; return its path."""
    from walletdesk.process_guard import make_private

    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    make_private(log_dir)
    path = log_dir / LOG_FILE
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))  # private from birth
    for existing in log_dir.glob(f"{LOG_FILE}*"):  # and the rotated ones, from older versions
        make_private(existing)
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8",
                                  errors="backslashreplace")  # undecodable file names
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    for name in ("walletdesk", "httpx", "httpcore"):
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if isinstance(h, RotatingFileHandler)]:
            logger.removeHandler(old)
            old.close()
        logger.addHandler(handler)
        logger.setLevel(level if name == "walletdesk" else logging.WARNING)
        logger.propagate = False
    return path
