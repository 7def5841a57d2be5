"""Stands in for the system browser: keeps cookies, follows redirects, logs an account in.

``authorize(url)`` walks from the authorization URL through the provider's interaction
pages to the redirect back to WalletDesk and returns that callback URL without visiting
it; ``deliver(url)`` then visits it (the loopback listener answers with its page). Calling
the browser like ``webbrowser.open`` does both on a thread of its own, as a real browser
is a process of its own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx

MAX_REDIRECTS = 20


class FakeBrowser:
    def __init__(
        self,
        login: str,
        *,
        deny: bool = False,
        tamper: Callable[[str], str] | None = None,
    ) -> None:
        headers = {"X-Test-Login": login}
        if deny:
            headers["X-Test-Deny"] = "1"
        self.client = httpx.Client(headers=headers, timeout=30.0, follow_redirects=False)
        self.tamper = tamper
        self.opened: list[str] = []
        self.followed: list[str] = []  # authorization URLs WalletDesk redirected to
        self.page: httpx.Response | None = None
        self.error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def __call__(self, url: str) -> bool:
        self.opened.append(url)
        self._thread = threading.Thread(target=self._visit, args=(url,), daemon=True)
        self._thread.start()
        return True

    def wait(self, timeout: float = 30.0) -> httpx.Response:
        assert self._thread is not None, "the browser was never opened"
        self._thread.join(timeout)
        if self.error is not None:
            raise self.error
        assert self.page is not None
        return self.page

    def authorize(self, url: str) -> str:
        redirect_uri = parse_qs(urlsplit(url).query)["redirect_uri"][0]
        for _ in range(MAX_REDIRECTS):
            response = self.client.get(url)
            if not response.is_redirect:
                raise AssertionError(
                    f"the provider showed a page instead of redirecting: {response.status_code} "
                    f"{response.text[:300]}"
                )
            url = urljoin(url, response.headers["location"])
            if url.startswith(redirect_uri):
                return url
        raise AssertionError("too many redirects")

    def deliver(self, callback_url: str) -> httpx.Response:
        """Visit the callback; when WalletDesk sends the browser on to another authorization
        request (to ask for consent), follow it there and back, as a browser does."""
        for _ in range(MAX_REDIRECTS):
            response = self.client.get(callback_url)
            location = response.headers.get("location")
            if not response.is_redirect or location is None:
                return response
            self.followed.append(location)
            callback_url = self.authorize(location)
        raise AssertionError("too many redirects")

    def _visit(self, url: str) -> None:
        try:
            callback = self.authorize(url)
            if self.tamper is not None:
                callback = self.tamper(callback)
            self.page = self.deliver(callback)
        except BaseException as exc:  # reported by wait()
            self.error = exc
