"""``artconv convert`` failure paths: every one a clean message and exit 2, never a traceback.

Also the worker path (``--jobs 2``) and the policy over converter findings, which only show up
end to end.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from convert.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples/000_007fd1d52a2fa7d2.txt"
OTHER = ROOT / "examples/002_ef0a5ca32cdf259f.txt"


def _invoke(args: list[str], stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, args, input=stdin, catch_exceptions=False)


def test_a_missing_parent_folder_of_a_file_output_is_created(tmp_path: Path) -> None:
    out = tmp_path / "public" / "feeds" / "feed.xml"
    result = _invoke(["convert", str(SEED), "--to", "rss", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(b"<?xml")


def test_an_existing_file_as_the_folder_of_per_record_outputs_is_a_usage_error(
    tmp_path: Path,
) -> None:
    out = tmp_path / "existing.json"
    out.write_bytes(b"keep me")
    result = _invoke(["convert", str(SEED), str(OTHER), "--to", "json", "-o", str(out)])
    assert result.exit_code == 2
    assert str(out) in result.stderr and "Traceback" not in result.stderr
    assert out.read_bytes() == b"keep me"


def test_an_unwritable_output_is_a_clean_error(tmp_path: Path) -> None:
    """A path through a regular file: no user, root included, can create that folder."""
    blocker = tmp_path / "file.txt"
    blocker.write_bytes(b"")
    for fmt, out in (("rss", blocker / "feed.xml"), ("json", blocker / "json")):
        result = _invoke(["convert", str(SEED), str(OTHER), "--to", fmt, "-o", str(out)])
        assert result.exit_code == 2, (fmt, result.stderr)
        assert "cannot write" in result.stderr and str(blocker) in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["file.txt"]


def test_a_bad_schema_with_workers_fails_fast(tmp_path: Path) -> None:
    config = tmp_path / "artconv.toml"
    config.write_text('schema = "missing.schema.json"\n')
    result = _invoke(
        [
            "convert",
            str(SEED),
            str(OTHER),
            "--to",
            "jsonl",
            "--validate",
            "--jobs",
            "2",
            "--config",
            str(config),
        ]
    )
    assert result.exit_code == 2
    assert "missing.schema.json" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_standard_input_reaches_the_workers() -> None:
    result = _invoke(["convert", "-", "--to", "json", "--jobs", "2"], stdin=SEED.read_bytes())
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["meta"]["title"] == "Facebook will now pay you for your voice recordings"


def test_converter_findings_follow_the_configured_levels(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: Relative\nwebUrl: https://e.x/posts/relative\n"
        "publishedDateTime: 2020-02-20T20:00:00Z\nimages: [{url: /a.jpg}]\n---\nBody.\n"
    )
    args = ["convert", str(post), "--to", "rss"]
    assert "convert/relative-url" in _invoke(args).stderr
    config = tmp_path / "artconv.toml"
    config.write_text('[rules]\n"convert/relative-url" = "off"\n')
    quiet = _invoke([*args, "--config", str(config)])
    assert quiet.exit_code == 0 and "convert/relative-url" not in quiet.stderr
    config.write_text('[rules]\n"convert/relative-url" = "error"\n')
    loud = _invoke([*args, "--config", str(config)])
    assert loud.exit_code == 1 and "convert/relative-url" in loud.stderr


def test_loader_findings_follow_the_configured_levels_without_validate(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: Twice\ntitle: Twice again\nwebUrl: https://example.com/a\n"
        "publishedDateTime: 2020-02-20T20:00:00Z\n---\nBody.\n"
    )
    args = ["convert", str(post), "--to", "json"]
    plain = _invoke(args)
    assert plain.exit_code == 1 and "yaml/duplicate-key" in plain.stderr
    config = tmp_path / "artconv.toml"
    config.write_text('[rules]\n"yaml/duplicate-key" = "off"\n')
    quiet = _invoke([*args, "--config", str(config)])
    assert quiet.exit_code == 0 and "yaml/duplicate-key" not in quiet.stderr
    assert json.loads(quiet.stdout)["meta"]["title"] == "Twice again"


def test_an_indent_past_the_limit_is_a_usage_error_in_every_spelling(tmp_path: Path) -> None:
    config = tmp_path / "artconv.toml"
    config.write_text("[converters.json]\nindent = 99999999999999999999\n")
    for extra in (
        ["--indent", "65"],
        ["-O", "indent=99999999999999999999"],
        ["--config", str(config)],
    ):
        result = _invoke(["convert", str(SEED), "--to", "json", *extra])
        assert result.exit_code == 2 and "64" in result.stderr, (extra, result.stderr)
        assert "indent" in result.stderr and "Traceback" not in result.stderr


def test_a_file_where_an_output_folder_goes_is_named_as_such(tmp_path: Path) -> None:
    # "cannot write out/x: File exists": the file is in the way of a folder to be made.
    source = tmp_path / "in"
    (source / "x").mkdir(parents=True)
    (source / "x" / "a.md").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    (out / "x").write_bytes(b"keep me")
    blocker = tmp_path / "file.txt"
    blocker.write_bytes(b"")
    runs = [
        (["convert", str(source), "--to", "json", "-o", str(out)], out / "x"),
        (["convert", str(source), "--to", "json", "-o", str(out), "--jobs", "2"], out / "x"),
        (["validate", str(SEED), "-o", str(blocker / "report.txt")], blocker),
    ]
    for args, named in runs:
        result = _invoke(args)
        assert result.exit_code == 2, (args, result.stderr)
        assert result.stderr == f"Error: cannot write into {named}: it is a file, not a folder\n"
    assert (out / "x").read_bytes() == b"keep me"


def test_an_empty_output_name_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # -o "" (an unset shell variable) had been the working folder: json wrote its files
    # there, rss said ". is a folder", validate "cannot write : Is a directory".
    runs = [
        ["convert", str(SEED), "--to", "json", "-o", ""],
        ["convert", str(SEED), "--to", "rss", "-o", ""],
        ["validate", str(SEED), "-o", ""],
        ["import", str(SEED), "-o", ""],
    ]
    monkeypatch.chdir(tmp_path)
    for args in runs:
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert (
            "Invalid value for '-o' / '--output': an empty name names no file or folder"
            in result.stderr
        )
    assert list(tmp_path.iterdir()) == []


def test_dask_options_without_the_dask_engine_are_a_usage_error() -> None:
    # They had been passed over without a word: a run meant for a cluster ran here.
    runs = [
        (["validate", str(SEED), "--scheduler", "tcp://127.0.0.1:1"], "--scheduler"),
        (
            ["convert", str(SEED), "--to", "jsonl", "--engine", "local", "--scheduler", "x"],
            "--scheduler",
        ),
    ]
    for args, flag in runs:
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert f"{flag} applies only with --engine dask" in result.stderr
