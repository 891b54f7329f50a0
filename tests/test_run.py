"""The run layer: files met in report order, findings streamed in exactly the bytes the
whole-report renderers write, whatever the number of workers; and the library API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from convert.cli import main
from convert.diagnostics import Report, Severity
from convert.reporters import render
from convert.run import RunReport, sorted_inputs, validate_paths, worker
from convert.run.discovery import named_inputs
from convert.run.worker import CheckSettings
from tests.conftest import EXAMPLES, SEED_VALID

RECORD = SEED_VALID.read_text(encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Names whose text order differs from a plain walk's (a.md before a/, x-y/ before x/),
    valid, invalid and broken records, and the examples."""
    root = tmp_path / "t"
    files = {
        "a.md": RECORD,
        "a/b.md": RECORD.replace("webUrl", "webUrI"),
        "a/a.md": "---\ntitle: [unclosed\n---\n",
        "x/z.md": RECORD.replace("title:", "tittle:"),
        "x-y/q.md": "no front matter at all\n",
        "x-y/r.txt": RECORD,
        "b.markdown": "",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def whole_report(paths: list[str]) -> Report:
    """What a run found, gathered the old way: every input, then one global sort."""
    settings = CheckSettings(True)
    worker.setup(settings)
    report = Report()
    for item in named_inputs(paths, [".md", ".markdown", ".txt", ".html"]):
        report.files += item.is_file
        report.extend(worker.findings(item))
    return report


def whole_fixes(report: Report) -> dict[Any, Any]:
    """The fixes the JSON and SARIF reports suggest, planned over the whole report at once."""
    from convert.fixes.run import suggested_fixes

    paths = {d.path: d.path for d in report.diagnostics}
    return suggested_fixes(paths, report.diagnostics, CheckSettings(True))


def test_inputs_come_in_text_order_of_their_paths(tree: Path) -> None:
    paths = [str(tree / "x"), str(tree), str(tree / "a.md")]
    shown = [i.display for i in sorted_inputs(paths, [".md", ".markdown", ".txt"])]
    assert shown == sorted(shown)
    named = [i.display for i in named_inputs(paths, [".md", ".markdown", ".txt"])]
    assert sorted(named) == shown
    assert named[:3] == [f"{tree}/x/z.md", f"{tree}/a.md", f"{tree}/a/a.md"]  # as named, walked


def test_the_output_folder_is_not_walked_into_but_is_read_when_named(tree: Path) -> None:
    (tree / "x" / "out").mkdir()
    (tree / "x" / "out" / "old.txt").write_text(RECORD, encoding="utf-8")
    walked = [i.display for i in named_inputs([str(tree)], [".md", ".txt"], output=tree / "x/out")]
    assert f"{tree}/x/z.md" in walked and not any("/out/" in name for name in walked)
    spelt = str(tree / "a" / ".." / "x" / "out")  # another spelling of the same folder
    assert [i.display for i in sorted_inputs([str(tree)], [".txt"], output=spelt)] == [
        f"{tree}/x-y/r.txt"
    ]
    named = [str(tree / "x" / "out")]
    assert len(list(named_inputs(named, [".txt"], output=tree / "x/out"))) == 1


def test_the_output_folder_is_not_walked_into_through_a_link(tree: Path) -> None:
    """A link is another name for the folder: ``-o`` may be a link inside the tree to a
    folder elsewhere, or the tree may hold a link to the ``-o`` folder."""
    build = tree.parent / "build"
    (build / "old").mkdir(parents=True)
    (build / "old" / "a.txt").write_text(RECORD, encoding="utf-8")
    (tree / "out").symlink_to(build, target_is_directory=True)
    (tree / "x" / "link").symlink_to(build, target_is_directory=True)
    for output in (tree / "out", build):
        walked = [i.display for i in named_inputs([str(tree)], [".txt"], output=output)]
        assert walked == [f"{tree}/x-y/r.txt"], output


def test_the_progress_count_passes_over_the_output_folder_as_the_run_does(tree: Path) -> None:
    from convert.cli.run_options import count_inputs
    from convert.config import Settings

    (tree / "out" / "posts").mkdir(parents=True)
    (tree / "out" / "posts" / "old.txt").write_text(RECORD, encoding="utf-8")
    settings = Settings()
    walked = list(named_inputs([str(tree)], settings.extensions, output=tree / "out"))
    assert count_inputs([str(tree)], settings, str(tree / "out")) == len(walked)
    assert count_inputs([str(tree)], settings) == len(walked) + 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_converting_a_tree_into_a_folder_inside_it_twice_writes_the_same_files(
    tree: Path, jobs: str
) -> None:
    """Text outputs are .txt, an input suffix: a second run read the first run's files as
    inputs, wrote out/out/, and refused to replace out/*.txt, now inputs, with errors."""
    out = tree / "out"
    first = CliRunner().invoke(main, ["convert", str(tree), "--to", "text", "-o", str(out)])
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    again = CliRunner().invoke(
        main, ["convert", str(tree), "--to", "text", "-o", str(out), "--jobs", jobs]
    )
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == written
    assert "x-y/r.txt" in written and not any(name.startswith("out") for name in written)
    assert (again.exit_code, again.stderr) == (first.exit_code, first.stderr)


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_streamed_reports_are_the_whole_report_bytes(
    tree: Path, fmt: str, jobs: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree.parent)
    paths = ["t/x", "t", str(EXAMPLES / "invalid"), "t/a.md", "missing.md"]
    # The rule across records has no whole-report counterpart: it is tested on its own.
    result = CliRunner().invoke(
        main, ["validate", "-f", fmt, "--jobs", jobs, "--ignore", "corpus", *paths]
    )
    options: dict[str, object] = {}
    if fmt == "sarif":
        from convert import __version__
        from convert.run.streaming import rule_docs

        options = {"rule_docs": rule_docs(), "version": __version__}
    report = whole_report(paths)
    if fmt in ("json", "sarif"):
        options["fixes"] = whole_fixes(report)
    assert result.stdout == render(fmt, report, **options)
    assert result.exit_code == 1


def test_the_sarif_cap_keeps_the_same_results_streamed(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from convert import reporters

    monkeypatch.setattr(reporters.sarif, "SARIF_MAX_RESULTS", 5)
    paths = [str(tree), str(EXAMPLES / "invalid")]
    result = CliRunner().invoke(main, ["validate", "-f", "sarif", "--ignore", "corpus", *paths])
    from convert import __version__
    from convert.run.streaming import rule_docs

    report = whole_report(paths)
    expected = render(
        "sarif", report, rule_docs=rule_docs(), version=__version__, fixes=whole_fixes(report)
    )
    assert result.stdout == expected
    assert len(json.loads(expected)["runs"][0]["results"]) == 5


def test_an_empty_run_streams_empty_documents(tmp_path: Path) -> None:
    for fmt in ("json", "sarif"):
        result = CliRunner().invoke(main, ["validate", "-f", fmt, str(tmp_path)])
        assert result.stdout == render(
            fmt,
            Report(),
            **(
                {
                    "rule_docs": __import__("convert.run.streaming", fromlist=["x"]).rule_docs(),
                    "version": __import__("convert").__version__,
                }
                if fmt == "sarif"
                else {}
            ),
        )


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_write_report_writes_what_the_cli_prints(
    tree: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library's report is the command's, byte for byte: JSON and SARIF with each
    finding's fix, SARIF with the rules' summaries and this version (they had neither)."""
    import io

    from convert.run import write_report

    monkeypatch.chdir(tree.parent)
    paths = ["t", str(EXAMPLES / "invalid")]
    cli = CliRunner().invoke(main, ["validate", "-f", fmt, "--ignore", "corpus", *paths])
    out = io.StringIO()
    with validate_paths(paths, ignore=["corpus"]) as report:
        write_report(fmt, report, out)
    assert out.getvalue() == cli.stdout
    if fmt == "json":
        assert '"fix": {' in out.getvalue()
    if fmt == "sarif":
        assert '"version": "0"' not in out.getvalue()


def test_validate_paths_is_what_the_cli_prints(tree: Path) -> None:
    report = validate_paths([str(tree)], schema="article")
    assert isinstance(report, RunReport)
    lines = [
        f"{d.path}:{d.line or 1}:{d.column or 1}: {d.severity.label} {d.rule}"
        for d in report.findings
    ]
    cli = CliRunner().invoke(main, ["validate", str(tree)]).stdout.splitlines()
    assert lines == [" ".join(line.split(" ")[:3]) for line in cli]
    assert report.files == 7
    assert report.exit_code() == 1
    with pytest.raises(RuntimeError):
        next(iter(report.findings))  # a stream is read once


def test_counts_asked_first_leave_the_findings_to_read(tree: Path) -> None:
    """The natural order for a script (the exit code, then the findings) gives both: the
    counts run the run, and its findings wait in a temporary file (they were gone)."""
    first = validate_paths([str(tree)], schema="article")
    expected = list(first.findings)
    with validate_paths([str(tree)], schema="article") as report:
        assert report.exit_code() == first.exit_code() == 1
        assert report.files == 7 and report.counts == first.counts
        assert list(report.findings) == expected and expected
        with pytest.raises(RuntimeError):
            next(iter(report.findings))  # still read once

    # Findings read after the report itself is dropped are all there.
    def findings_when_failed(paths: list[str]) -> list[Any]:
        report = validate_paths(paths, schema="article")
        return [] if report.exit_code() == 0 else report.findings  # type: ignore[return-value]

    assert list(findings_when_failed([str(tree)])) == expected
    # Closed before they are read, the waiting findings go with the report.
    unread = validate_paths([str(tree)], schema="article")
    assert unread.count(Severity.ERROR) > 0
    spool = unread._spool
    assert spool is not None
    unread.close()
    assert spool.closed


def test_a_file_named_twice_is_reported_once(tree: Path) -> None:
    once = CliRunner().invoke(main, ["validate", str(tree / "a")])
    twice = CliRunner().invoke(main, ["validate", str(tree / "a"), str(tree / "a" / "b.md")])
    assert once.stdout == twice.stdout


def test_the_report_file_is_written_whole(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports" / "r.json"
    result = CliRunner().invoke(
        main, ["validate", "-f", "json", "-o", str(out), "--ignore", "corpus", str(tree)]
    )
    assert result.exit_code == 1
    report = whole_report([str(tree)])
    assert out.read_text(encoding="utf-8") == render("json", report, fixes=whole_fixes(report))


def test_the_report_file_may_not_be_an_input(tree: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "-o", str(tree / "a.md"), str(tree)])
    assert result.exit_code == 2
    assert (tree / "a.md").read_text(encoding="utf-8") == RECORD


def test_the_readme_library_example_runs(tmp_path: Path) -> None:
    """The README's run-layer example, as a user would paste it."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("```python\nfrom convert import Severity, validate_paths")
    code = readme[start + len("```python\n") : readme.index("```", start + 10)]
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "post.md").write_text(RECORD, encoding="utf-8")
    (tmp_path / "content" / "bad.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "2 files: 2 errors, 4 warnings; exit 1"
    assert lines[0] == (
        'content/bad.md:1: schema/recommended recommended field "excerpt" is missing or empty'
    )


DUPLICATE = "corpus/duplicate-url"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_same_web_url_twice_is_reported_at_the_later_file(tree: Path, jobs: str) -> None:
    result = CliRunner().invoke(
        main, ["validate", "--jobs", jobs, "--select", "corpus", str(tree / "x"), str(tree)]
    )
    first = f"{tree.as_posix()}/a.md"
    assert result.stdout.splitlines() == [
        f'{tree.as_posix()}/{name}:6:9: warning {DUPLICATE} "webUrl" is also the link of '
        f"{first}:6 (hint: the same article twice? remove one, or give each its own URL)"
        for name in ("x-y/r.txt", "x/z.md")
    ]  # a/b.md misspells the field: no webUrl
    assert result.exit_code == 0


def test_the_rule_obeys_the_policy_and_is_listed(tree: Path) -> None:
    ignored = CliRunner().invoke(main, ["validate", "--ignore", DUPLICATE, str(tree)])
    assert DUPLICATE not in ignored.stdout
    listed = CliRunner().invoke(main, ["rules"])
    assert DUPLICATE in listed.stdout


def test_first_seen_moves_to_disk_and_still_finds_repeats(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from convert.diagnostics import Severity
    from convert.rules.corpus import FirstSeen, stable_hash

    monkeypatch.setattr(FirstSeen, "IN_MEMORY", 10)
    seen = FirstSeen(DUPLICATE, Severity.WARNING)
    for n in range(100):
        assert seen.add(f"f{n:03d}.md", (stable_hash(f"https://x/{n}"), 6, 9)) == []
    assert seen._first is None  # on disk now
    again = seen.add("g.md", (stable_hash("https://x/3"), 7, 9))
    assert [d.message for d in again] == ['"webUrl" is also the link of f003.md:6']
    assert seen.add("f003.md", (stable_hash("https://x/3"), 6, 9)) == []  # named twice


def test_the_rule_is_off_unless_named(tree: Path) -> None:
    assert DUPLICATE not in CliRunner().invoke(main, ["validate", str(tree)]).stdout
    (tree / "artconv.toml").write_text('[rules]\n"corpus/duplicate-url" = "error"\n')
    on = CliRunner().invoke(main, ["validate", "--config", str(tree / "artconv.toml"), str(tree)])
    assert f"error {DUPLICATE}" in on.stdout


@pytest.mark.parametrize("fmt", ["rss", "atom", "jsonfeed", "jsonl"])
def test_convert_paths_writes_what_the_cli_writes(tree: Path, tmp_path: Path, fmt: str) -> None:
    from convert import convert_paths

    feed = ["--feed-title", "News", "--feed-link", "https://example.com/"]
    options: dict[str, Any] = {"feed_title": "News", "feed_link": "https://example.com/"}
    cli_out, api_out = tmp_path / f"cli.{fmt}", tmp_path / f"api.{fmt}"
    args = ["convert", "--to", fmt, "-o", str(cli_out), str(tree), str(EXAMPLES / "valid")]
    cli = CliRunner().invoke(main, args + (feed if fmt != "jsonl" else []))
    report = convert_paths(
        [str(tree), str(EXAMPLES / "valid")],
        fmt,
        api_out,
        jobs=2,
        **(options if fmt != "jsonl" else {}),
    )
    assert api_out.read_bytes() == cli_out.read_bytes()
    assert report.exit_code() == cli.exit_code
    assert report.files == 10


def test_convert_paths_refuses_to_overwrite_an_input(tree: Path) -> None:
    from convert.run import OutputConflictError, convert_paths

    with pytest.raises(OutputConflictError):
        convert_paths([str(tree)], "jsonl", tree / "a.md")
    assert (tree / "a.md").read_text(encoding="utf-8") == RECORD


def test_map_ordered_keeps_input_order_across_many_chunks() -> None:
    from convert.batch import map_ordered

    items = list(range(-1000, 0))
    assert list(map_ordered(abs, iter(items), jobs=2, chunk=7)) == [abs(n) for n in items]
    assert list(map_ordered(abs, iter([]), jobs=2)) == []
