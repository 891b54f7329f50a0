"""The library API: usable without the command line, never printing or exiting."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import convert

SEED = Path(__file__).resolve().parent.parent / "examples" / "000_007fd1d52a2fa7d2.txt"


def test_public_api(capsys: pytest.CaptureFixture[str]) -> None:
    record = convert.load(SEED)
    assert record.meta["publishedDateTime"] == "2020-02-20T20:00:00Z"
    assert convert.validate(record) == []
    assert convert.validate(SEED) == []
    bad = convert.loads("---\ntitle: [\n---\n", path="bad.md")
    (finding,) = convert.validate(bad)
    assert isinstance(finding, convert.Diagnostic) and finding.severity is convert.Severity.ERROR
    assert capsys.readouterr() == ("", "")


def test_all_names_resolve() -> None:
    for name in convert.__all__:
        assert getattr(convert, name) is not None
    with pytest.raises(AttributeError):
        convert.no_such_name  # noqa: B018


def test_import_is_light() -> None:
    code = (
        "import sys, convert; heavy = {'yaml', 'jsonschema', 'jsonschema_rs', 'lxml'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("jobs", [-1, 100_000])
def test_a_worker_count_no_run_should_start_is_refused_before_any_work(
    jobs: int, tmp_path: Path
) -> None:
    # The command line and the configuration refuse it (exit 2); the library took it.
    from convert.run import convert_paths, validate_paths

    with pytest.raises(ValueError, match="jobs must be 0"):
        validate_paths([str(tmp_path)], jobs=jobs)
    with pytest.raises(ValueError, match="jobs must be 0"):
        convert_paths([str(tmp_path)], "json", str(tmp_path / "out"), jobs=jobs)
    assert not (tmp_path / "out").exists()


def test_runs_take_one_path_alone_and_path_objects(tmp_path: Path) -> None:
    """``validate_paths("content")`` had walked the letters c, o, n, ... as paths, and a
    ``Path`` among the paths ended the run in a TypeError deep inside it."""
    root = Path(__file__).resolve().parent.parent / "examples"
    expected = convert.validate_paths([str(root)])
    with expected:
        wanted = [(f.path, f.rule) for f in expected.findings]
    for given in (str(root), root, [root]):
        report = convert.validate_paths(given)
        with report:
            assert [(f.path, f.rule) for f in report.findings] == wanted
        assert report.files == expected.files
    record = root / "000_007fd1d52a2fa7d2.txt"
    for given in (record, str(record), [record]):
        out = tmp_path / "out.jsonl"
        convert.convert_paths(given, "jsonl", out).close()
        assert out.read_text("utf-8").count("\n") == 1
    with pytest.raises(TypeError, match=r"str or os\.PathLike"):
        convert.validate_paths([b"examples"])  # type: ignore[list-item]
