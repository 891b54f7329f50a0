"""``artconv fix`` on a compressed record (``post.md.gz``): checked as the text inside, never
written, and a warning when fixes would apply."""

from __future__ import annotations

import bz2
import gzip
from pathlib import Path

from click.testing import CliRunner

from convert.cli import main
from tests.fixes.test_fix_cli import FIXABLE, GOOD


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_fix_leaves_a_compressed_record_as_it_is_and_says_so(tmp_path: Path) -> None:
    before = gzip.compress(FIXABLE.encode())
    (tmp_path / "post.md.gz").write_bytes(before)
    code, out, err = run("fix", str(tmp_path))
    assert code == 1, err
    assert (tmp_path / "post.md.gz").read_bytes() == before
    assert f"{tmp_path.as_posix()}/post.md.gz: warning fix/compressed" in out.replace(":1:1", "")
    assert "not fixed in place: the file is gzip-compressed (2 fixes apply" in out
    assert "must be string, not false" in out  # the findings it still has, in the text inside
    assert "fixed 0 findings in 0 files" in err


def test_fix_diff_shows_no_diff_of_a_compressed_record(tmp_path: Path) -> None:
    (tmp_path / "post.md.gz").write_bytes(gzip.compress(FIXABLE.encode()))
    _, out, err = run("fix", "--diff", str(tmp_path / "post.md.gz"))
    assert out == ""
    assert err == "would fix 0 findings in 0 files; left: 2 errors, 1 warning in 1 file\n"


def test_fix_says_nothing_of_a_compressed_record_with_nothing_to_fix(tmp_path: Path) -> None:
    (tmp_path / "post.md.bz2").write_bytes(bz2.compress(GOOD.encode()))
    left = "fixed 0 findings in 0 files; left: 0 errors, 0 warnings in 1 file\n"
    assert run("fix", str(tmp_path)) == (0, "", left)


def test_validate_fix_checks_a_compressed_record_and_leaves_it(tmp_path: Path) -> None:
    before = gzip.compress(FIXABLE.encode())
    (tmp_path / "post.md.gz").write_bytes(before)
    code, out, _ = run("validate", "--fix", str(tmp_path))
    assert code == 1 and "schema/type" in out
    assert (tmp_path / "post.md.gz").read_bytes() == before


def test_validate_fix_gives_the_warning_fix_gives(tmp_path: Path) -> None:
    (tmp_path / "post.md.gz").write_bytes(gzip.compress(FIXABLE.encode()))
    (tmp_path / "good.md.bz2").write_bytes(bz2.compress(GOOD.encode()))
    _, fixed, _ = run("fix", str(tmp_path))
    code, validated, _ = run("validate", "--fix", "--format", "text", str(tmp_path))
    assert code == 1
    notice = [line for line in fixed.splitlines() if "fix/compressed" in line]
    assert len(notice) == 1
    assert [line for line in validated.splitlines() if "fix/compressed" in line] == notice
    assert validated == fixed  # the same findings, in the same order
    _, plain, _ = run("validate", "--format", "text", str(tmp_path))
    assert "fix/compressed" not in plain  # only where fixes were asked for
