"""The atomic writer: all or nothing, and the previous output survives a failure."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from convert.atomic import atomic_output, write_atomic


def test_writes_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    write_atomic(target, b"one")
    assert target.read_bytes() == b"one"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


def test_failure_keeps_the_previous_output(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    target.write_bytes(b"previous")
    with pytest.raises(RuntimeError), atomic_output(target) as stream:
        stream.write(b"half a fee")
        raise RuntimeError("converter crashed")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


def test_keeps_the_mode_of_a_replaced_file(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    target.write_bytes(b"x")
    target.chmod(0o640)
    write_atomic(target, b"y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.json", b"{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644
