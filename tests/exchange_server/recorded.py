"""What the test exchange received, kept so tests can assert on it."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: str  # raw, exactly as received
    headers: dict[str, str]
    client_port: int  # one port per connection: tells reused connections apart

    @property
    def params(self) -> dict[str, str]:
        return dict(parse_qsl(self.query, keep_blank_values=True))

    @property
    def text(self) -> str:
        """Everything the client sent, for asserting that a secret was not in it."""
        lines = [f"{self.method} {self.path}?{self.query}"]
        lines += [f"{name}: {value}" for name, value in self.headers.items()]
        return "\n".join(lines)
