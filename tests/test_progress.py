"""The progress bar: shown on a terminal for long runs, never in pipes or CI."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from convert.cli import common


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(monkeypatch: pytest.MonkeyPatch, stream: io.StringIO, count: int) -> str:
    monkeypatch.setattr(sys, "stderr", stream)
    items = list(common.progress(iter(range(count)), "Validating", count))
    assert items == list(range(count))
    return stream.getvalue()


def test_bar_on_a_terminal_for_long_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert "Validating" in run(monkeypatch, FakeTerminal(), 200)


def test_quiet_for_short_runs_pipes_and_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert run(monkeypatch, FakeTerminal(), 3) == ""
    assert run(monkeypatch, io.StringIO(), 200) == ""
    monkeypatch.setenv("CI", "true")
    assert run(monkeypatch, FakeTerminal(), 200) == ""


# On a real terminal: findings and the bar share it.


def screen(output: bytes) -> list[str]:
    """The lines a terminal shows after ``output``: a carriage return goes back to the start
    of the line, later characters overwrite earlier ones, escape sequences show nothing."""
    import re

    text = re.sub(r"\x1b\[[;?0-9]*[a-zA-Z]", "", output.decode("utf-8", "replace"))
    lines: list[str] = []
    for row in text.replace("\r\n", "\n").split("\n"):
        shown: list[str] = []
        for part in row.split("\r"):
            shown[: len(part)] = part
        lines.append("".join(shown).rstrip())
    return lines


def run_in_terminal(args: list[str], interrupt_at: bytes | None = None) -> tuple[int, bytes]:
    """``artconv ARGS`` with a pseudo-terminal as standard output and error, as typed; with
    ``interrupt_at``, Ctrl-C once the terminal has shown it."""
    import os
    import pty
    import signal
    import subprocess

    leader, follower = pty.openpty()
    env = {key: value for key, value in os.environ.items() if key not in ("CI", "GITHUB_ACTIONS")}
    with subprocess.Popen(
        [sys.executable, "-m", "convert", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env=env,
        start_new_session=True,
    ) as process:
        os.close(follower)
        output = bytearray()
        try:
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # EIO: every writer has gone
                    break
                if not chunk:
                    break
                output += chunk
                if interrupt_at is not None and interrupt_at in output:
                    os.killpg(process.pid, signal.SIGINT)
                    interrupt_at = None
        finally:
            os.close(leader)
            if process.poll() is None and interrupt_at is not None:
                process.kill()
        return process.wait(timeout=60), bytes(output)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize("jobs", [[], ["--jobs", "2"]], ids=["in-process", "workers"])
def test_findings_never_share_a_line_with_the_bar(tmp_path: Path, jobs: list[str]) -> None:
    from tests.conftest import SEED_VALID

    data = SEED_VALID.read_bytes()
    folders = []
    for folder in range(6):
        for n in range(80):  # more than a pool's workers take ahead (8 chunks of 32)
            body = data.replace(b"title:", b"titel:", 1) if n % 16 == 0 else data
            path = tmp_path / f"d{folder:02d}" / f"r{n:04d}.md"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(body)
        folders.append(str(tmp_path / f"d{folder:02d}"))
    code, output = run_in_terminal(["validate", *jobs, *folders])
    assert code == 1
    lines = screen(output)
    findings = [line for line in lines if " error " in line]
    assert len(findings) == 6 * 5  # each bad record lacks "title"
    assert all(line.startswith(str(tmp_path)) for line in findings), findings
    bars = [line for line in lines if "Validating" in line]
    assert bars and bars[-1].startswith("Validating") and "100%" in bars[-1], bars
    if not jobs:  # (workers are sent every file before the last findings come back)
        assert lines.index(bars[-1]) > lines.index(findings[-1])  # drawn again below them


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_an_interrupt_ends_the_bar_and_says_so_on_a_line_of_its_own(tmp_path: Path) -> None:
    import os

    from tests.conftest import SEED_VALID

    for n in range(60):
        (tmp_path / f"r{n:04d}.md").write_bytes(SEED_VALID.read_bytes())
    os.mkfifo(tmp_path / "zz-blocked.md")  # the run waits here, its bar shown
    code, output = run_in_terminal(["validate", str(tmp_path)], interrupt_at=b"%")
    assert code == 130
    lines = [line for line in screen(output) if line]
    assert lines[-1] == "artconv: interrupted by SIGINT", lines
    assert lines[-2].startswith("Validating  ["), lines
