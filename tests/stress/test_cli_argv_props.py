"""Random command lines for every subcommand: exit status 0, 1 or 2, never a traceback, and
stderr of a few lines (usage errors) or one line per failed item, each "walletdesk: ..."."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.exchange_server import ExchangeServer
from tests.stress.processes import Finished
from tests.stress.rows import query
from tests.stress.shell import Shell
from tests.stress.tally import count

EXAMPLES = 60
USAGE_LINES = 6

# What argv can hold: any text but NUL; undecodable bytes arrive as lone surrogates.
argv_text = st.text(
    st.characters(codec=None, exclude_characters="\x00")  # (no surrogates by default)
    | st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF),
    max_size=40,
)
# A file or folder name under the working folder (never an absolute path or "..").
local_name = argv_text.filter(lambda t: "/" not in t and "\\" not in t and ".." not in t)
exchange_values = st.sampled_from(["mexc", "BINANCE", "demo", "Demo", "kraken", ""]) | argv_text
number_values = st.sampled_from(["0", "10", "-1", "1e999", "nan", "abc", "", "1_000", "٣"]) \
    | argv_text
path_values = st.sampled_from([".", "", "missing/folder/out.csv", "existing-file", "out.xlsx",
                               "out.csv", "a\nb.json"]) | local_name
secret_values = st.sampled_from(["", "\n", "secret with spaces", "x" * 600]) | argv_text


def choices(*good: str) -> st.SearchStrategy[str]:
    return st.sampled_from(list(good)) | argv_text


FLAG = None
COMMANDS: dict[tuple[str, ...], dict[str, st.SearchStrategy[str] | None]] = {
    ("login",): {},
    ("logout",): {},
    ("whoami",): {},
    ("credentials", "add"): {"--exchange": exchange_values, "--api-key": argv_text,
                             "--label": argv_text, "--secret-stdin": FLAG},
    ("credentials", "list"): {"--format": choices("table", "json")},
    ("credentials", "update"): {"": argv_text, "--api-key": argv_text, "--label": argv_text,
                                "--replace-secret": FLAG, "--secret-stdin": FLAG},
    ("credentials", "remove"): {"": argv_text},
    ("refresh",): {"--exchange": exchange_values},
    ("balances",): {"--format": choices("table", "csv", "json"), "--exchange": exchange_values,
                    "--min-usd": number_values},
    ("export",): {"--format": choices("csv", "xlsx", "json"), "--output": path_values,
                  "--exchange": exchange_values, "--min-usd": number_values},
}
GLOBAL: dict[str, st.SearchStrategy[str] | None] = {
    "--data-dir": st.sampled_from(["data", "existing-file", "fresh"]) | local_name,
    "-h": FLAG, "--version": FLAG, "--smoke": FLAG,
}


@st.composite
def command_lines(draw: st.DrawFn, command: tuple[str, ...]) -> list[str]:
    options = {**COMMANDS[command], **GLOBAL}
    pieces: list[list[str]] = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.integers(0, 9))
        if kind == 9:  # something that is not an option of this command at all
            pieces.append([draw(argv_text | st.sampled_from(["--bogus", "-x", "--"]))])
            continue
        name = draw(st.sampled_from(sorted(options)))
        value = options[name]
        if value is None:
            pieces.append([name])
        elif name == "" or draw(st.integers(0, 7)) > 0:
            pieces.append([v for v in (name, draw(value)) if v])
        else:
            pieces.append([name])  # an option missing its value
    return [*command, *(part for piece in pieces for part in piece)]


def check_result(result: Finished, workplace: Path) -> None:
    lines = result.err.splitlines()
    assert result.code in (0, 1, 2), result
    assert "Traceback" not in result.err and "\x1b" not in result.err, result.err
    if result.code == 2:
        assert len(lines) <= USAGE_LINES, result.err
        return
    assert all(line.startswith("walletdesk: ") for line in lines), result.err
    keys = query(workplace / "data" / "walletdesk.db", "SELECT count(*) FROM api_credentials")
    assert len(lines) <= max(1, int(keys[0][0])), result.err  # type: ignore[call-overload]


@pytest.fixture
def workplace(tmp_path: Path, data_dir: Path, master_key: bytes, shell: Shell,
              monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """cwd is a scratch folder (relative paths land there); the data dir holds a demo key,
    a MEXC key on the test exchange and balances; sign-in is not set up."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "existing-file").write_text("not a folder")
    monkeypatch.chdir(work)
    monkeypatch.setenv("WALLETDESK_DATA_DIR", str(work / "data"))
    with ExchangeServer("mexc") as mexc:
        monkeypatch.setenv("WALLETDESK_MEXC_BASE_URL", mexc.url)
        mexc.set_prices({"BTCUSDT": "65000"})
        account = mexc.add_account(balances={"BTC": "1.5"})
        assert shell("credentials", "add", "--exchange", "demo", "--api-key", "demo").code == 0
        assert shell("credentials", "add", "--exchange", "mexc", "--api-key", account.api_key,
                     "--secret-stdin", stdin=account.secret).code == 0
        assert shell("refresh").code == 0
        yield work


@pytest.mark.parametrize("command", list(COMMANDS), ids=" ".join)
def test_any_command_line_gets_an_exit_status_and_a_few_clear_lines(
        command: tuple[str, ...], workplace: Path, shell: Shell) -> None:
    @settings(max_examples=EXAMPLES, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow])
    @given(argv=command_lines(command), stdin=secret_values)
    def check(argv: list[str], stdin: str) -> None:
        count("inputs")
        check_result(shell(*argv, stdin=stdin), workplace)

    check()


HARD_CASES = [
    ["export", "--format", "csv", "--output", "\udcff.csv"],  # an undecodable file name
    ["export", "--format", "json", "--output", "caf\udce9/x.json"],
    ["refresh", "a\nb\nc\nd\ne\nf\ng"],  # an argument of many lines
    ["balances", "\x1b[2J\x1b[H", "--exchange"],  # a terminal escape sequence
    ["refresh", "\x1b]0;title\x07\x1b[2J"],
    ["credentials", "add", "--exchange", "demo", "--api-key", "demo", "--label", "\udcff"],
    ["credentials", "remove", "\x1b]0;pwned\x07"],
    ["--data-dir", "\udcff", "credentials", "list"],
]


@pytest.mark.parametrize("argv", HARD_CASES, ids=repr)
def test_hard_command_lines_too(argv: list[str], workplace: Path, shell: Shell) -> None:
    count("inputs")
    check_result(shell(*argv), workplace)


def test_a_secret_piped_in_that_is_not_text_is_one_clear_line(
        workplace: Path, shell: Shell, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the locale decodes stdin strictly (UTF-8 without surrogateescape)."""
    count("inputs")
    monkeypatch.setattr(shell, "stdin_stream", lambda _text: io.TextIOWrapper(
        io.BytesIO(b"\xff\xfesecret"), encoding="utf-8", errors="strict"))
    result = shell("credentials", "add", "--exchange", "mexc", "--api-key", "mx-key-12345",
                   "--secret-stdin")
    assert (result.code, result.err) == (
        1, "walletdesk: The secret on standard input is not text: copy it again from the "
           "exchange.\n")
    check_result(result, workplace)
