"""The progress bar: shown on a terminal for long runs, never in pipes or CI."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
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


def test_a_bar_closed_early_stops_what_it_counts_and_shows_what_was_done(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A run stopped early (Ctrl-C, a closed report) closes the bar's wrapper: the bar ends
    on what was taken, and the run's results are closed with it, which stops its workers."""
    monkeypatch.delenv("CI", raising=False)
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    stopped = []

    def results() -> Iterator[int]:
        try:
            yield from range(100)
        finally:
            stopped.append(True)

    made = results()
    counted = common.progress(made, "Validating", 100)
    assert [next(counted) for _ in range(26)] == list(range(26))
    counted.close()
    assert stopped == [True]
    assert terminal.getvalue().rstrip("\n").rsplit("\r", 1)[-1].endswith(" 25%")


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("command", ["validate", "convert"])
def test_the_bar_counts_files_finished_not_files_handed_to_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, jobs: str
) -> None:
    """Each step of the bar is a file whose output is out: workers are handed 256 files
    (8 chunks of 32) before the first result is back, and a bar counting those reached 100%
    while most of the work remained, and showed it done on an interrupt."""
    from types import SimpleNamespace

    from click.testing import CliRunner

    from convert.cli import main, run_options
    from convert.cli.console import ProgressBar
    from tests.conftest import SEED_VALID

    data = SEED_VALID.read_bytes().replace(b"title:", b"titel:", 1)  # one file, one error
    for n in range(300):
        (tmp_path / f"r{n:04d}.md").write_bytes(data)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(run_options, "sys", SimpleNamespace(stderr=FakeTerminal()))
    steps: list[tuple[int, int]] = []  # (files the bar counts, files whose output is out)
    step = ProgressBar.step

    def counted(bar: ProgressBar) -> None:
        step(bar)
        sys.stdout.flush()
        out = sys.stdout.buffer.getvalue()  # type: ignore[attr-defined]  # CliRunner's
        if command == "validate":  # a file's findings are written once the next one is in
            steps.append((bar.done, len(set(re.findall(rb"r\d{4}\.md", out))) + 1))
        else:
            steps.append((bar.done, out.count(b"\n")))

    monkeypatch.setattr(ProgressBar, "step", counted)
    args = ["-f", "text"] if command == "validate" else ["--to", "jsonl"]
    result = CliRunner().invoke(main, [command, *args, "--jobs", jobs, str(tmp_path)])
    assert result.exit_code == (1 if command == "validate" else 0), result.output
    assert [done for done, _ in steps] == list(range(1, 301))
    ahead = [(done, out) for done, out in steps if done > out]
    assert not ahead, ahead[:3]


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
    # Drawn again below them, with workers too: the bar ends with the last result, not
    # with the last file handed out (workers have every file before the last findings).
    assert lines.index(bars[-1]) > lines.index(findings[-1])


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


@pytest.mark.parametrize("command", ["validate", "convert"])
def test_the_bar_of_a_site_root_counts_its_content_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """A Hugo root's walk reads ``content/`` and passes over the theme's pages: the bar's
    count takes the same walk, so it ends at 100%, not at the content's share of all files
    (60 of 90 had left ``convert`` at 66%)."""
    from types import SimpleNamespace

    from click.testing import CliRunner

    from convert.cli import main, run_options

    (tmp_path / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    for n in range(60):
        page = tmp_path / "content" / "posts" / f"p{n:02d}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"---\ntitle: Post {n}\ndate: 2024-01-02\n---\nHello\n")
    for n in range(30):
        passed = tmp_path / "themes" / "plain" / f"x{n:02d}.md"
        passed.parent.mkdir(parents=True, exist_ok=True)
        passed.write_text("Not a page of the site\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    terminal = FakeTerminal()
    monkeypatch.setattr(run_options, "sys", SimpleNamespace(stderr=terminal))
    more = ["--to", "jsonl", "-o", "all.jsonl"] if command == "convert" else []
    result = CliRunner().invoke(main, [command, ".", "--profile", "hugo", *more])
    assert result.exit_code == 0, result.output
    assert "passed over 30 files" in result.output
    label = "Validating" if command == "validate" else "Converting"
    drawn = re.findall(rf"{label}  \[[#-]*\]\s+(\d+)%", terminal.getvalue())
    assert drawn and drawn[-1] == "100", drawn
