"""The loopback listener: 127.0.0.1 only, on the configured port, one answer at a time,
stray requests ignored."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator

import httpx
import pytest

from walletdesk.auth.errors import RedirectPortError, SignInTimeoutError
from walletdesk.auth.loopback import LoopbackListener
from walletdesk.auth.redirect import RedirectTarget
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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


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
    assert responses == []  # the browser waits while WalletDesk finishes...
    listener.reply(ok=True)
    thread.join(5)
    assert responses[0].status_code == 200
    # ...which the page proves: it tells the outcome, known only after the answer was taken.
    assert "You are signed in to WalletDesk; you can close this tab" in responses[0].text
    assert responses[0].headers["referrer-policy"] == "no-referrer"


def test_a_failed_sign_in_shows_its_reason_in_the_browser(listener: LoopbackListener) -> None:
    thread, responses = _get_in_background(listener.redirect_uri + "?code=abc&state=xyz")
    listener.wait_for_answer(timeout=5)
    listener.reply(ok=False, message="Clerk said <no>.")
    thread.join(5)
    assert responses[0].status_code == 400
    assert "Clerk said &lt;no&gt;." in responses[0].text


def test_stray_requests_are_ignored_and_the_real_answer_still_arrives(
    listener: LoopbackListener,
) -> None:
    base = listener.redirect_uri
    strays = [
        httpx.get(base.replace("/callback", "/favicon.ico"), timeout=5),
        httpx.get(base + "?code=a&state=b", headers={"Host": "evil.example:80"}, timeout=5),
        httpx.post(base, data={"code": "a"}, timeout=5),
        httpx.head(base + "?code=a&state=b", timeout=5),
    ]
    assert [response.status_code for response in strays] == [404] * 4
    thread, responses = _get_in_background(base + "?code=real&state=xyz")
    assert listener.wait_for_answer(timeout=5) == {"code": "real", "state": "xyz"}
    assert listener.intrusion is None
    listener.reply(ok=True)
    thread.join(5)
    assert responses[0].status_code == 200


def test_a_fixed_port_is_bound_exactly_and_sent_exactly() -> None:
    port = _free_port()
    with LoopbackListener(RedirectTarget(port, "/oauth/back")) as listener:
        assert listener.address == ("127.0.0.1", port)
        assert listener.redirect_uri == f"http://127.0.0.1:{port}/oauth/back"
        thread, responses = _get_in_background(listener.redirect_uri + "?code=c&state=s")
        assert listener.wait_for_answer(timeout=5) == {"code": "c", "state": "s"}
        listener.reply(ok=True)
        thread.join(5)
        assert responses[0].status_code == 200
    with LoopbackListener(RedirectTarget(port, "/oauth/back")):  # free again at once
        pass


def test_a_taken_port_is_named_at_once_with_the_setting() -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(RedirectPortError) as caught:
            LoopbackListener(RedirectTarget(port, "/callback"))
    message = str(caught.value)
    assert f"Port {port} on 127.0.0.1 is in use" in message
    assert "WALLETDESK_CLERK_REDIRECT_URI" in message and "\n" not in message


def test_the_redirect_uri_to_register_is_hinted_when_no_answer_comes(
    listener: LoopbackListener,
) -> None:
    hints: list[str] = []
    with pytest.raises(SignInTimeoutError) as caught:
        listener.wait_for_answer(timeout=0.6, hint_after=0.1, on_hint=hints.append)
    assert len(hints) == 1 and listener.redirect_uri in hints[0]
    assert "may not accept any port" in hints[0]  # the any-port listener suggests a fixed one
    assert listener.redirect_uri in str(caught.value)


def test_a_redirect_sends_the_browser_on_and_takes_the_next_answer(
    listener: LoopbackListener,
) -> None:
    first, responses = _get_in_background(listener.redirect_uri + "?code=one&state=a")
    assert listener.wait_for_answer(timeout=5)["code"] == "one"
    listener.redirect("http://127.0.0.1:9/auth?prompt=consent")
    first.join(5)
    assert responses[0].status_code == 302
    assert responses[0].headers["location"] == "http://127.0.0.1:9/auth?prompt=consent"
    second, responses = _get_in_background(listener.redirect_uri + "?code=two&state=b")
    assert listener.wait_for_answer(timeout=5)["code"] == "two"
    assert listener.intrusion is None
    listener.reply(ok=True)
    second.join(5)
    assert responses[0].status_code == 200


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
    with pytest.raises(CancelledError):  # not the time-out's error: the cancel ended it
        listener.wait_for_answer(timeout=30, cancel=cancel)


def test_waiting_stops_after_the_timeout(listener: LoopbackListener) -> None:
    with pytest.raises(SignInTimeoutError, match="Then try again"):
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
