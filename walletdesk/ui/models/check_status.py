"""The last known result of checking or refreshing one credential (this session only)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class CheckLevel(Enum):
    RUNNING = "running"
    OK = "ok"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class CheckStatus:
    level: CheckLevel
    message: str
