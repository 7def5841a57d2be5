"""Running `walletdesk` on a real pseudo-terminal, answering its prompts like a user."""

from __future__ import annotations

import os
import pty
import select
import sys
from dataclasses import dataclass


@dataclass
class TerminalRun:
    code: int
    screen: str


def run_in_terminal(args: list[str], env: dict[str, str],
                    answers: dict[str, str], patience: float = 60.0) -> TerminalRun:
    """Run ``python -m walletdesk ARGS`` with a pty as its controlling terminal; whenever
    the screen ends with a prompt from ``answers`` (prompt text -> answer), type the answer.
    ``patience`` only guards against a hang; nothing waits for it when all goes well."""
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.execve(sys.executable, [sys.executable, "-m", "walletdesk", *args], env)
    screen = ""
    answered = dict.fromkeys(answers, 0)
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], patience)
            if not ready:
                raise TimeoutError(f"walletdesk {args} stopped answering:\n{screen}")
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            screen += chunk.decode("utf-8", "replace")
            for prompt, answer in answers.items():
                waiting = screen.endswith(prompt) and screen.count(prompt) > answered[prompt]
                if waiting:
                    os.write(fd, answer.encode() + b"\r")
                    answered[prompt] += 1
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    return TerminalRun(os.waitstatus_to_exitcode(status), screen)

