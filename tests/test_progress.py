"""The progress bar: shown on a terminal for long runs, never in pipes or CI."""

from __future__ import annotations

import io
import sys

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
