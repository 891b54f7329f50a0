"""``artconv fix`` on a compressed record (``post.md.gz``): checked as the text inside, never
written, and a warning when fixes would apply."""

from __future__ import annotations

import bz2
import gzip
from pathlib import Path

from click.testing import CliRunner

from convert.cli import main
from tests.fixes.test_fix_cli import FIXABLE, GOOD


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
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
    assert "post.md.gz:1:1: warning fix/compressed not fixed in place" in err  # why no diff
    assert err.endswith("would fix 0 findings in 0 files; left: 2 errors, 1 warning in 1 file\n")


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


def passed_through(stdin: bytes, *args: str) -> tuple[int, bytes]:
    result = CliRunner().invoke(main, ["fix", *args, "-"], input=stdin)
    return result.exit_code, result.stdout_bytes


def test_fix_of_compressed_standard_input_writes_no_text_and_says_why() -> None:
    """The fixed text would be plain text where a compressed stream came in: a pipe that
    writes it to ``post.md.gz`` would break the file, so the stream goes through as it came,
    as a file is left as it is."""
    compressed = gzip.compress(FIXABLE.encode())
    assert passed_through(compressed) == (1, compressed)  # errors are left: nothing fixed
    code, _, err = run("fix", "-", stdin=compressed)
    notice = [line for line in err.splitlines() if "fix/compressed" in line]
    assert notice == [
        "<stdin>:1:1: warning fix/compressed not fixed: standard input is gzip-compressed "
        "(2 fixes apply to the text inside) (hint: decompress it first: gzip -dc FILE | "
        "artconv fix -)"
    ]
    assert "<stdin>:2:8: error schema/type" in err  # the findings of the text inside
    assert err.endswith("fixed 0 findings in 0 files; left: 2 errors, 1 warning in 1 file\n")
    code, out, err = run("fix", "--diff", "-", stdin=bz2.compress(FIXABLE.encode()))
    assert (code, out) == (1, "")


def test_fix_of_compressed_standard_input_with_nothing_to_fix_is_quiet() -> None:
    left = "fixed 0 findings in 0 files; left: 0 errors, 0 warnings in 1 file\n"
    compressed = bz2.compress(GOOD.encode())
    assert passed_through(compressed) == (0, compressed)
    assert run("fix", "-", stdin=compressed)[::2] == (0, left)


def test_fix_of_standard_input_past_the_limit_says_so_as_validate_does(tmp_path: Path) -> None:
    big = gzip.compress(bytes(range(256)) * 8192, compresslevel=0)  # 2 MiB, not text
    (tmp_path / "artconv.toml").write_text("max-size = 1000000\n", encoding="utf-8")
    config = str(tmp_path / "artconv.toml")
    _, _, err = run("fix", "--config", config, "-", stdin=big)
    _, out, _ = run("validate", "--config", config, "-", stdin=big)
    assert "<stdin>:1:1: error file/too-large file is larger than the limit of 1,000,000" in out
    assert out.splitlines()[0] == err.splitlines()[0]
