"""The one-shot loopback listener: 127.0.0.1 only, one answer, anything else ends the attempt."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from walletdesk.auth.errors import SignInTimeoutError
from walletdesk.auth.loopback import LoopbackListener
from walletdesk.core.errors import AuthError, CancelledError


@pytest.fixture
def listener() -> Iterator[LoopbackListener]:
    with LoopbackListener(answer_timeout=5) as running:
        yield running


def _get_in_background(url: str, **kwargs: object) -> tuple[threading.Thread, list[httpx.Response]]:
    responses: list[httpx.Response] = []
    thread = threading.Thread(
        target=lambda: responses.append(httpx.get(url, timeout=10, **kwargs)),  # type: ignore[arg-type]
        daemon=True,
    )
    thread.start()
    return thread, responses


def _non_loopback_addresses() -> list[str]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    addresses = {str(info[4][0]) for info in infos}
    return sorted(a for a in addresses if not a.startswith("127."))


def test_listener_binds_127_0_0_1_on_a_free_port(listener: LoopbackListener) -> None:
    host, port = listener.address
    assert host == "127.0.0.1" and port > 0
    assert listener.redirect_uri == f"http://127.0.0.1:{port}/callback"


def test_listener_cannot_be_reached_on_any_other_address(listener: LoopbackListener) -> None:
    port = listener.address[1]
    for family, address in [(socket.AF_INET6, "::1")] + [
        (socket.AF_INET, a) for a in _non_loopback_addresses()
    ]:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.settimeout(2)
            assert probe.connect_ex((address, port)) != 0, address


def test_answer_is_held_until_the_outcome_and_the_page_tells_it(
    listener: LoopbackListener,
) -> None:
    thread, responses = _get_in_background(listener.redirect_uri + "?code=abc&state=xyz")
    assert listener.wait_for_answer(timeout=5) == {"code": "abc", "state": "xyz"}
    time.sleep(0.1)
    assert responses == []  # the browser waits while WalletDesk finishes
    listener.reply(ok=True)
    thread.join(5)
    assert responses[0].status_code == 200
    assert "You are signed in to WalletDesk; you can close this tab" in responses[0].text
    assert responses[0].headers["referrer-policy"] == "no-referrer"


def test_a_failed_sign_in_shows_its_reason_in_the_browser(listener: LoopbackListener) -> None:
    thread, responses = _get_in_background(listener.redirect_uri + "?code=abc&state=xyz")
    listener.wait_for_answer(timeout=5)
    listener.reply(ok=False, message="Clerk said <no>.")
    thread.join(5)
    assert responses[0].status_code == 400
    assert "Clerk said &lt;no&gt;." in responses[0].text


def test_a_request_for_another_path_ends_the_attempt(listener: LoopbackListener) -> None:
    thread, responses = _get_in_background(
        listener.redirect_uri.replace("/callback", "/favicon.ico")
    )
    with pytest.raises(AuthError, match="stopped for safety"):
        listener.wait_for_answer(timeout=5)
    thread.join(5)
    assert responses[0].status_code == 404


def test_a_request_for_another_host_name_ends_the_attempt(listener: LoopbackListener) -> None:
    _get_in_background(listener.redirect_uri + "?code=a&state=b",
                       headers={"Host": "evil.example:80"})
    with pytest.raises(AuthError, match="another host name"):
        listener.wait_for_answer(timeout=5)


def test_a_post_to_the_callback_ends_the_attempt(listener: LoopbackListener) -> None:
    threading.Thread(target=lambda: httpx.post(listener.redirect_uri, data={"code": "a"}),
                     daemon=True).start()
    with pytest.raises(AuthError, match="POST"):
        listener.wait_for_answer(timeout=5)


def test_a_repeated_parameter_ends_the_attempt(listener: LoopbackListener) -> None:
    _get_in_background(listener.redirect_uri + "?code=a&state=b&state=c")
    with pytest.raises(AuthError, match="repeated"):
        listener.wait_for_answer(timeout=5)


def test_a_second_request_while_finishing_marks_an_intrusion(listener: LoopbackListener) -> None:
    first, _ = _get_in_background(listener.redirect_uri + "?code=abc&state=xyz")
    listener.wait_for_answer(timeout=5)
    second = httpx.get(listener.redirect_uri + "?code=other&state=xyz", timeout=5)
    assert second.status_code == 409
    assert listener.intrusion is not None and "second request" in listener.intrusion
    listener.reply(ok=False, message=listener.intrusion)
    first.join(5)


def test_after_the_attempt_the_port_is_closed() -> None:
    with LoopbackListener() as listener:
        port = listener.address[1]
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/callback?code=a&state=b", timeout=2)


def test_waiting_stops_when_cancelled(listener: LoopbackListener) -> None:
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(CancelledError):
        listener.wait_for_answer(timeout=30, cancel=cancel)
    assert time.monotonic() - started < 2


def test_waiting_stops_after_the_timeout(listener: LoopbackListener) -> None:
    with pytest.raises(SignInTimeoutError, match="Try again"):
        listener.wait_for_answer(timeout=0.3)


def test_requests_are_never_logged(
    listener: LoopbackListener, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    thread, _ = _get_in_background(listener.redirect_uri + "?code=SECRET-CODE&state=xyz")
    listener.wait_for_answer(timeout=5)
    listener.reply(ok=True)
    thread.join(5)
    ours = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    # the stand-in browser's own httpx log lines do not count
    assert not any("SECRET-CODE" in record.getMessage() for record in ours)
    assert "SECRET-CODE" not in capfd.readouterr().err
