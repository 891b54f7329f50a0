"""``artconv validate`` from the outside: arguments, output and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from convert.cli import main

GOOD = (
    "---\ntitle: T\npublishedDateTime: 2020-02-20T20:00:00Z\n"
    'webUrl: "https://news.example.com/a"\n'
    "excerpt: E\nprovider: {name: P}\ntopics: [X]\nimages: [{url: /a.jpg}]\n---\nBody\n"
)
WARN = GOOD.replace("excerpt: E\n", "")
BAD = GOOD.replace("title: T\n", "")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "posts" / "2024").mkdir(parents=True)
    (tmp_path / "posts" / "good.md").write_text(GOOD)
    (tmp_path / "posts" / "2024" / "warn.markdown").write_text(WARN)
    (tmp_path / "posts" / "notes.rst").write_text(BAD)  # not a record extension
    (tmp_path / "posts" / ".hidden").mkdir()
    (tmp_path / "posts" / ".hidden" / "bad.md").write_text(BAD)
    (tmp_path / "bad.md").write_text(BAD)
    return tmp_path


def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), input=input, env=env)


def test_clean_file_exits_0(tree: Path) -> None:
    result = invoke("validate", "posts/good.md")
    assert (result.exit_code, result.stdout) == (0, "")


def test_errors_exit_1_with_one_line_per_finding(tree: Path) -> None:
    result = invoke("validate", "-f", "text", "bad.md")
    assert result.exit_code == 1
    assert result.stdout == 'bad.md:1:1: error schema/required missing required field "title"\n'
    assert "1 error, 0 warnings in 1 file" in result.stderr


def test_warnings_pass_unless_strict(tree: Path) -> None:
    assert invoke("validate", "posts/2024/warn.markdown").exit_code == 0
    assert invoke("validate", "--strict", "posts/2024/warn.markdown").exit_code == 1


def test_directories_are_searched_recursively_by_extension(tree: Path) -> None:
    result = invoke("validate", "-f", "json", "posts")
    paths = {d["path"] for d in json.loads(result.stdout)["diagnostics"]}
    assert paths == {"posts/2024/warn.markdown"}
    assert json.loads(result.stdout)["summary"]["files"] == 2


def test_extensions_from_config(tree: Path) -> None:
    (tree / "artconv.toml").write_text('extensions = [".rst"]\n')
    result = invoke("validate", "-f", "json", "posts")
    assert {d["path"] for d in json.loads(result.stdout)["diagnostics"]} == {"posts/notes.rst"}


def test_config_levels_and_strict(tree: Path) -> None:
    (tree / "pyproject.toml").write_text(
        '[tool.artconv]\nstrict = true\n[tool.artconv.rules]\n"schema/recommended" = "off"\n'
    )
    assert invoke("validate", "posts/2024/warn.markdown").exit_code == 0
    (tree / "pyproject.toml").write_text("[tool.artconv]\nstrict = true\n")
    assert invoke("validate", "posts/2024/warn.markdown").exit_code == 1


def test_bad_config_exits_2_naming_the_file_and_key(tree: Path) -> None:
    (tree / "artconv.toml").write_text("extentions = ['.md']\n")
    result = invoke("validate", "posts")
    assert result.exit_code == 2
    assert "artconv.toml" in result.stderr and 'did you mean "extensions"' in result.stderr


def test_bad_schema_exits_2(tree: Path) -> None:
    result = invoke("validate", "--schema", "missing.json", "posts")
    assert result.exit_code == 2 and "missing.json" in result.stderr


def test_usage_error_exits_2(tree: Path) -> None:
    assert invoke("validate").exit_code == 2
    assert invoke("validate", "--format", "xml", "bad.md").exit_code == 2


@pytest.mark.parametrize("jobs", ["1025", "99999999999999999999"])
def test_more_worker_processes_than_the_limit_is_a_usage_error(tree: Path, jobs: str) -> None:
    result = invoke("validate", "--jobs", jobs, "posts")
    assert result.exit_code == 2 and "--jobs" in result.stderr and "1024" in result.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="needs file names of any bytes")
def test_a_file_name_that_is_no_utf8_is_reported_in_json_and_sarif(tree: Path) -> None:
    name = os.fsdecode(b"caf\xe9.md")  # latin-1 bytes: "caf\udce9.md", a lone surrogate
    (tree / "odd").mkdir()
    (tree / "odd" / name).write_text(BAD)
    for jobs in ("1", "2"):
        result = invoke("validate", "-f", "json", "--jobs", jobs, "odd")
        assert result.exit_code == 1, result.output
        # UTF-8 that any reader takes; the name shown with U+FFFD, and given exactly.
        found = json.loads(result.stdout_bytes.decode("utf-8"))["diagnostics"]
        assert {d["path"] for d in found} == {"odd/caf\ufffd.md"}
        assert {d["rawPath"] for d in found} == {"odd/caf%E9.md"}
    result = invoke("validate", "-f", "sarif", "odd")
    assert result.exit_code == 1, result.output
    (run,) = json.loads(result.stdout)["runs"]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == {"odd/caf%E9.md"}


@pytest.mark.skipif(sys.platform != "linux", reason="needs file names of any bytes")
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_file_name_that_is_no_utf8_is_written_as_its_bytes(tree: Path, fmt: str) -> None:
    (tree / "odd").mkdir()
    (tree / "odd" / os.fsdecode(b"caf\xe9.md")).write_text(BAD)
    result = invoke("validate", "-f", fmt, "-o", "report.txt", "odd")
    assert result.exit_code == 1, result.output
    assert b"caf\xe9.md" in (tree / "report.txt").read_bytes()
    # On standard output too, under a locale whose stdout is strict UTF-8 (en_US.UTF-8).
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    code = "from convert.cli import run; run()"
    ran = subprocess.run(
        [sys.executable, "-c", code, "validate", "-f", fmt, "odd"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert ran.returncode == 1 and b"Traceback" not in ran.stderr, ran.stderr
    assert b"caf\xe9.md" in ran.stdout


def test_stdin(tree: Path) -> None:
    result = invoke("validate", "-f", "text", "-", input=BAD)
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:1:1: error schema/required")


def test_missing_path_is_a_finding_and_the_batch_goes_on(tree: Path) -> None:
    result = invoke("validate", "-f", "json", "nope.md", "bad.md")
    rules = [(d["path"], d["rule"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert rules == [("bad.md", "schema/required"), ("nope.md", "file/unreadable")]
    assert result.exit_code == 1


def test_select_and_ignore(tree: Path) -> None:
    assert invoke("validate", "--ignore", "schema/required", "bad.md").exit_code == 0
    result = invoke("validate", "-f", "json", "--select", "frontmatter,consistency", "bad.md")
    assert json.loads(result.stdout)["diagnostics"] == []


def test_jobs_give_the_same_report(tree: Path) -> None:
    for i in range(6):
        (tree / "posts" / f"bad{i}.md").write_text(BAD)
    one = invoke("validate", "-f", "json", "--jobs", "1", "posts", "bad.md")
    two = invoke("validate", "-f", "json", "--jobs", "2", "posts", "bad.md")
    assert one.stdout == two.stdout and one.exit_code == two.exit_code == 1


def test_output_is_sorted_and_stable(tree: Path) -> None:
    first = invoke("validate", "-f", "text", "bad.md", "posts").stdout
    second = invoke("validate", "-f", "text", "posts", "bad.md").stdout
    assert first == second


def test_rules_and_schema_commands() -> None:
    listed = invoke("rules", "--json")
    ids = {r["id"] for r in json.loads(listed.stdout)}
    assert {
        "yaml/duplicate-key",
        "frontmatter/unknown-key",
        "schema/recommended",
        "consistency/amp-url",
        "file/encoding",
    } <= ids
    schema = invoke("schema")
    assert json.loads(schema.stdout)["title"] == "Article record"
    assert invoke("schema", "nope").exit_code == 2


def test_rules_json_lists_each_fix_under_the_row_that_stands_for_its_rule() -> None:
    """The schema's keyword rules share one row: their fixes are listed there, each by rule."""
    rows = {r["id"]: r for r in json.loads(invoke("rules", "--json").stdout)}
    schema = rows["schema/<keyword>"]
    assert schema["fix"] is None
    assert {(f["rule"], f["fix"]) for f in schema["fixes"]} == {
        ("schema/type", "safe"),
        ("schema/format", "safe"),
    }
    assert [f["rule"] for f in rows["yaml/duplicate-key"]["fixes"]] == ["yaml/duplicate-key"]
    assert rows["yaml/duplicate-key"]["fix"] == rows["yaml/duplicate-key"]["fixes"][0]["fix"]
    assert rows["consistency/amp-url"]["fixes"] == []


def test_every_command_has_help() -> None:
    for command in ("validate", "rules", "schema"):
        result = invoke(command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.stdout


def test_python_dash_m_and_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "convert", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("artconv, version ")


def test_records_of_every_front_matter_kind_cross_process_boundaries() -> None:
    import pickle

    from convert import loads

    for text in (
        "---\ntitle: a\n---\n",
        '+++\ntitle = "a"\n+++\n',
        '{\n"title": "a"\n}\n',
        "no front matter\n",
        "---\n- list\n---\n",
    ):
        record = loads(text, path="r.md")
        copy = pickle.loads(pickle.dumps(record))
        assert copy.meta == record.meta
        assert copy.source.locate("/title") == record.source.locate("/title")


def test_current_directory_paths_have_no_dot_prefix(tree: Path) -> None:
    result = invoke("validate", "-f", "json", ".")
    paths = {d["path"] for d in json.loads(result.stdout)["diagnostics"]}
    assert paths == {"bad.md", "posts/2024/warn.markdown"}


def test_validate_never_overwrites_an_input(tree: Path) -> None:
    before = (tree / "bad.md").read_text()
    result = invoke("validate", "bad.md", "-o", "bad.md")
    assert result.exit_code == 2 and "never overwritten" in result.stderr
    assert (tree / "bad.md").read_text() == before


def test_stdin_is_read_once_and_reaches_workers(tree: Path) -> None:
    result = invoke("validate", "-f", "json", "--jobs", "2", "-", "-", input=BAD)
    diagnostics = json.loads(result.stdout)["diagnostics"]
    assert [(d["path"], d["rule"]) for d in diagnostics] == [("<stdin>", "schema/required")]


def test_a_crash_inside_one_file_is_a_finding_and_the_batch_goes_on(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from convert import loading

    real = loading.loads

    def flaky(data: object, **kwargs: object) -> object:
        if b"title" not in data:  # type: ignore[operator]
            raise RuntimeError("boom")
        return real(data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loading, "loads", flaky)
    result = invoke("validate", "-f", "json", "bad.md", "posts/good.md")
    rules = {(d["path"], d["rule"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert ("bad.md", "internal/error") in rules and result.exit_code == 1


def test_a_folder_link_loop_is_walked_once(tree: Path) -> None:
    (tree / "posts" / "2024" / "loop").symlink_to(tree / "posts")
    result = invoke("validate", "-f", "json", "posts")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["files"] == 2


def test_an_empty_run_says_so(tree: Path) -> None:
    (tree / "empty").mkdir()
    result = invoke("validate", "empty")
    assert result.exit_code == 0 and "no record files" in result.stderr


def test_report_file_in_a_new_folder_and_unwritable_paths(tree: Path) -> None:
    result = invoke("validate", "-f", "json", "bad.md", "-o", "reports/new/out.json")
    assert result.exit_code == 1
    assert json.loads((tree / "reports" / "new" / "out.json").read_text())["status"] == "fail"
    blocked = invoke("validate", "bad.md", "-o", "bad.md/inside/out.txt")  # a file as folder
    assert blocked.exit_code == 2 and "cannot write" in blocked.stderr
