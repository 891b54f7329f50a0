"""``convert`` streams its findings: each file's go to a temporary file as the next begins,
and those that come late or out of turn (a feed's repeated ids, its own findings, files named
out of text order) are merged in, so standard error is byte for byte the report of every
finding sorted at once, whatever the number of workers and however small the sorted runs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from convert.cli import main
from convert.converters import writing
from convert.diagnostics import Diagnostic, Report, Severity
from convert.reporters import render, summary_line
from convert.run import convert_paths, ordered, worker
from convert.run.discovery import named_inputs
from convert.run.ordered import OrderedFindings
from convert.run.worker import CheckSettings
from tests.conftest import SEED_VALID

RECORD = SEED_VALID.read_text(encoding="utf-8")
EXTENSIONS = [".md", ".markdown", ".txt", ".html"]
NAMED = ["t/x", "t", "0.md", "t/a.md", "t/x-y/q.md"]  # out of text order, some twice (read once)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Invalid and broken records, two with the same article URL (a repeated feed id), and a
    name (``0.md``) that sorts before the feed's own findings (``<feed>``)."""
    monkeypatch.chdir(tmp_path)
    files = {
        "0.md": RECORD.replace("title:", "tittle:"),
        "t/a.md": RECORD,
        "t/a/b.md": RECORD.replace("webUrl", "webUrI"),
        "t/a/a.md": "---\ntitle: [unclosed\n---\n",
        "t/x/z.md": RECORD,  # the same URL as t/a.md: the same feed id
        "t/x-y/q.md": "no front matter at all\n",
        "t/x-y/r.txt": RECORD.replace("publishedDateTime: ", "publishedDateTime: 1"),
        "t/b.markdown": "",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def whole(fmt: str) -> tuple[str, Report]:
    """Every finding of the conversion gathered first and sorted at once, as before."""
    worker.setup(CheckSettings(False))
    report = Report()
    records = []
    for item in named_inputs(NAMED, EXTENSIONS):
        record, found = worker.check(item)
        report.files += item.is_file
        report.extend(found)
        if writing.fit_to_convert(record, found, validated=False):
            records.append(record)
    report.extend(writing.convert(records, fmt, io.BytesIO()))
    return render("text", report) + summary_line(report) + "\n", report


@pytest.mark.parametrize("fmt", ["rss", "jsonl"])
@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("run_size", [1, 20_000])
def test_convert_writes_the_whole_sorted_report(
    corpus: Path, fmt: str, jobs: str, run_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ordered, "RUN_SIZE", run_size)
    result = CliRunner().invoke(main, ["convert", "--to", fmt, "--jobs", jobs, *NAMED])
    expected, report = whole(fmt)
    assert result.stderr == expected
    assert result.exit_code == report.exit_code() == 1
    rules = {d.rule for d in report.diagnostics}
    assert "file/no-front-matter" in rules or "yaml/syntax" in rules
    if fmt == "rss":  # findings that come only once every record has been read
        assert {"convert/duplicate-id", "convert/feed-url"} <= rules
        assert result.stderr.index("0.md:") < result.stderr.index("<feed>:")


def test_jsonl_keeps_the_order_the_files_are_named_in(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["convert", "--to", "jsonl", *NAMED])
    paths = [json.loads(line)["path"] for line in result.stdout.splitlines()]
    assert paths == [
        "t/x/z.md",  # t/x, named first
        "t/a.md",  # then t, walked in text order of its paths: a.md before a/
        "t/a/b.md",
        "t/b.markdown",
        "t/x-y/q.md",  # x-y/ before x/, which t/x gave already
        "t/x-y/r.txt",
        "0.md",  # t/a.md and t/x-y/q.md, named again, are not read again
    ]


def test_the_library_report_counts_the_findings_it_has_not_been_read_for(corpus: Path) -> None:
    report = convert_paths(NAMED, "jsonl", Path("out.jsonl"))
    assert report.exit_code() == 1  # counted by reading the findings
    _, whole_report = whole("jsonl")
    assert report.files == whole_report.files == 8  # a file named twice counts once
    for severity in Severity:
        assert report.count(severity) == whole_report.count(severity)


def test_findings_out_of_turn_merge_into_report_order() -> None:
    def finding(path: str, line: int, rule: str = "r/x") -> Diagnostic:
        return Diagnostic(path, line, 1, rule, Severity.WARNING, f"{path} {line}")

    found = OrderedFindings(run_size=2)
    found.begin("b")
    found.extend([finding("b", 3), finding("b", 1), finding("b", 1)])
    found.begin("d")
    found.add(finding("d", 1))
    found.add(finding("a", 9))  # about a file already gone by
    found.begin("c")  # named out of order
    found.add(finding("c", 2))
    found.begin("b")  # named twice
    found.add(finding("b", 2))
    found.add(finding("<feed>", 0, "convert/feed-link"))
    groups = [(path, [d.line for d in group]) for path, _, group, _ in found.results()]
    assert groups == [("<feed>", [0]), ("a", [9]), ("b", [1, 1, 2, 3]), ("c", [2]), ("d", [1])]


@pytest.mark.skipif(__import__("sys").platform != "linux", reason="needs file names of any bytes")
@pytest.mark.parametrize("command", [["convert", "--to", "jsonl"], ["fix", "--diff"]])
def test_findings_on_standard_error_name_a_file_that_is_no_utf8_by_its_bytes(
    tmp_path: Path, command: list[str]
) -> None:
    # As validate writes them on standard output: they had been "caf\udce9.md" here, a name
    # no shell can open.
    import os
    import subprocess
    import sys

    (tmp_path / os.fsdecode(b"caf\xe9.md")).write_text("---\ntitle: [unclosed\n---\n")
    ran = subprocess.run(
        [sys.executable, "-m", "convert", *command, "."],
        capture_output=True,
        cwd=tmp_path,
        check=False,
        timeout=60,
    )
    assert ran.returncode == 1 and b"Traceback" not in ran.stderr, ran.stderr
    assert b"caf\xe9.md:3:1: error yaml/syntax" in ran.stderr


def test_a_stream_writing_names_as_bytes_escapes_what_is_no_name() -> None:
    from convert.cli.console import names_as_bytes

    for errors in ("strict", "backslashreplace", "surrogateescape"):
        stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors=errors)
        names_as_bytes(stream)
        stream.write("caf\udce9.md \ud800\n")  # a lone surrogate no file name decodes to
        stream.flush()
        assert stream.buffer.getvalue() == b"caf\xe9.md \\ud800\n"  # type: ignore[attr-defined]
