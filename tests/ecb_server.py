"""A stand-in for the European Central Bank's daily reference rates on 127.0.0.1.

Serves ``/stats/eurofxref/eurofxref-daily.xml`` in the ECB's shape (a ``gesmes:Envelope``
whose ``Cube time=`` holds ``Cube currency= rate=`` entries, per euro); anything else 404.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self

from walletdesk.exchange_rates import ECB_PATH

RATES = {"USD": "1.0800", "JPY": "162.50", "GBP": "0.8530", "CHF": "0.9400", "CAD": "1.5100",
         "AUD": "1.6500"}


def ecb_xml(day: str, rates: dict[str, str]) -> bytes:
    cubes = "".join(f"<Cube currency='{code}' rate='{rate}'/>" for code, rate in rates.items())
    return (
        "<?xml version='1.0' encoding='UTF-8'?>"
        "<gesmes:Envelope xmlns:gesmes='http://www.gesmes.org/xml/2002-08-01' "
        "xmlns='http://www.ecb.int/vocabulary/2002-08-01/eurofxref'>"
        "<gesmes:subject>Reference rates</gesmes:subject>"
        f"<Cube><Cube time='{day}'>{cubes}</Cube></Cube></gesmes:Envelope>"
    ).encode()


class EcbServer:
    def __init__(self, day: str = "2026-11-30", rates: dict[str, str] | None = None) -> None:
        self.body = ecb_xml(day, RATES if rates is None else rates)
        self.status = 200
        self.requests = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            disable_nagle_algorithm = True

            def do_GET(self) -> None:
                server.requests += 1
                ok = self.path == ECB_PATH and server.status == 200
                body = server.body if ok else b"not here"
                self.send_response(server.status if self.path == ECB_PATH else 404)
                self.send_header("Content-Type", "text/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
