"""``artconv fix``, ``validate --fix`` and the fixes in json/sarif output and ``rules -v``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import weakref
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from convert.cli import main
from convert.fixes import files

GOOD = """\
---
title: "Hello"
excerpt: "A short summary."
webUrl: "https://example.com/a"
publishedDateTime: "2020-02-20T20:00:00Z"
provider:
  name: Example News
topics: [AI]
images:
  - url: "https://example.com/a.jpg"
---
Body text.
"""
FIXABLE = GOOD.replace('title: "Hello"', "title: NO").replace(
    '"2020-02-20T20:00:00Z"', "2020-02-20 20:00:00 +0100"
)
FIXED = GOOD.replace('title: "Hello"', 'title: "NO"').replace(
    '"2020-02-20T20:00:00Z"', '"2020-02-20T20:00:00+01:00"'
)


def invoke(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    (tmp_path / "fixable.md").write_bytes(FIXABLE.encode())
    (tmp_path / "clean.md").write_bytes(GOOD.encode())
    return tmp_path


def test_fix_writes_in_place_then_has_nothing_left(posts: Path) -> None:
    code, out, err = invoke("fix", str(posts))
    assert code == 1, out + err  # it changed a file
    assert (posts / "fixable.md").read_bytes() == FIXED.encode()
    assert (posts / "clean.md").read_bytes() == GOOD.encode()
    assert "fixed 2 findings in 1 file" in err
    code, out, err = invoke("fix", str(posts))
    assert (code, out) == (0, "")
    assert "fixed 0 findings in 0 files" in err


def test_diff_prints_and_writes_nothing(posts: Path) -> None:
    code, out, _ = invoke("fix", "--diff", str(posts / "fixable.md"))
    assert code == 1
    assert '-title: NO\n+title: "NO"\n' in out
    assert '+publishedDateTime: "2020-02-20T20:00:00+01:00"\n' in out
    assert (posts / "fixable.md").read_bytes() == FIXABLE.encode()
    assert invoke("fix", "--diff", str(posts / "clean.md"))[:2] == (0, "")


def test_remaining_errors_keep_the_exit_status_at_one(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text(GOOD.replace('"https://example.com/a"', '"not a url"'), "utf-8")
    code, out, _ = invoke("fix", str(path))
    assert code == 1 and "schema/format" in out


def test_warnings_left_exit_0_unless_strict(tmp_path: Path) -> None:
    """As ``fix --help`` and the README say: what is left fails only at error level, or
    at warning level with --strict (and --changes-only looks at changes alone)."""
    path = tmp_path / "warn.md"
    path.write_text(GOOD.replace('excerpt: "A short summary."\n', ""), "utf-8")
    code, out, _ = invoke("fix", str(path))
    assert code == 0 and "warning schema/recommended" in out
    assert invoke("fix", "--strict", str(path))[0] == 1
    assert invoke("fix", "--strict", "--changes-only", str(path))[0] == 0


def test_a_file_with_a_parse_error_is_never_edited(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf---\ntitle: [NO\n---\nBody\n"
    path = tmp_path / "broken.md"
    path.write_bytes(data)
    code, out, _ = invoke("fix", str(path))
    assert code == 1 and "yaml/syntax" in out
    assert path.read_bytes() == data


def test_a_file_changed_meanwhile_is_left_alone(
    posts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = files.fix_and_check

    def fix_while_someone_edits(*args: object, **kwargs: object) -> object:
        (posts / "fixable.md").write_text(FIXABLE + "More.\n", "utf-8")
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files, "fix_and_check", fix_while_someone_edits)
    code, out, _ = invoke("fix", str(posts / "fixable.md"))
    assert code == 1 and "fix/input-changed" in out
    assert (posts / "fixable.md").read_text("utf-8") == FIXABLE + "More.\n"


def test_a_file_that_cannot_be_written_says_why_not_that_it_changed(
    posts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only folder fails the write: the finding names the file and the reason, not a
    change on disk that never happened (whose hint, to run fix again, would fail again)."""
    import convert.atomic

    def refused(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(convert.atomic, "write_atomic", refused)
    code, out, _ = invoke("fix", str(posts / "fixable.md"))
    assert code == 1 and "fix/input-changed" not in out
    assert "fixable.md:1:1: error fix/unwritable" in out and "Permission denied" in out
    assert (posts / "fixable.md").read_bytes() == FIXABLE.encode()


def test_a_read_only_file_is_left_alone_with_a_finding(posts: Path) -> None:
    """The rename would replace it even so, as sed -i does; a file no one may write is one
    its owner meant to keep (checked by its mode, since a superuser may write any file)."""
    path = posts / "fixable.md"
    path.chmod(0o444)
    try:
        code, out, _ = invoke("fix", str(path))
        assert code == 1
        assert "fixable.md:1:1: error fix/unwritable" in out and "read-only" in out
        assert path.read_bytes() == FIXABLE.encode()
        path.chmod(0o644)
        assert invoke("fix", str(path))[0] == 1 and path.read_text("utf-8") == FIXED
    finally:
        path.chmod(0o644)


def test_validate_fix_says_when_a_file_could_not_be_fixed(posts: Path) -> None:
    path = posts / "fixable.md"
    path.chmod(0o444)
    try:
        code, out, _ = invoke("validate", "--fix", "--format", "text", str(posts))
    finally:
        path.chmod(0o644)
    assert code == 1
    assert "fixable.md:1:1: error fix/unwritable" in out and "read-only" in out
    assert "fixable.md:2:8: error schema/type" in out  # still there: the file was left alone
    assert out.count("fix/unwritable") == 1


def test_standard_input_is_fixed_to_standard_output() -> None:
    code, out, _ = invoke("fix", "-", stdin=FIXABLE.encode())
    assert (code, out) == (1, FIXED)
    # What is left is shown on standard error, which the fixed text does not go to.
    no_excerpt = 'excerpt: "A short summary."\n'
    code, out, err = invoke("fix", "-", stdin=FIXABLE.replace(no_excerpt, "").encode())
    assert (code, out) == (1, FIXED.replace(no_excerpt, ""))
    assert err == (
        '<stdin>:1:1: warning schema/recommended recommended field "excerpt" is missing or '
        "empty\nfixed 2 findings in 1 file; left: 0 errors, 1 warning in 1 file\n"
    )


def test_unsafe_fixes_need_the_flag(tmp_path: Path) -> None:
    path = tmp_path / "typo.md"
    text = GOOD.replace("publishedDateTime", "publishedDatetime")
    path.write_text(text, "utf-8")
    invoke("fix", str(path))
    assert path.read_text("utf-8") == text
    code, _, _ = invoke("fix", "--unsafe-fixes", str(path))
    assert code == 1 and path.read_text("utf-8") == GOOD


def test_validate_fix_fixes_then_reports_what_is_left(posts: Path) -> None:
    code, out, _ = invoke("validate", "--fix", "--format", "text", str(posts))
    assert code == 0, out
    assert (posts / "fixable.md").read_bytes() == FIXED.encode()


def test_json_and_sarif_carry_the_fix(posts: Path) -> None:
    target = str(posts / "fixable.md")
    _, out, _ = invoke("validate", "--format", "json", target)
    by_rule = {d["rule"]: d for d in json.loads(out)["diagnostics"]}
    assert by_rule["schema/type"]["fix"] == {
        "description": 'quote NO so it stays the string "NO"',
        "safe": True,
        "replacement": '"NO"',
        "start": {"line": 2, "column": 8},
        "end": {"line": 2, "column": 10},
    }
    _, out, _ = invoke("validate", "--format", "sarif", target)
    results = json.loads(out)["runs"][0]["results"]
    fixed = {r["ruleId"]: r["fixes"][0] for r in results if "fixes" in r}
    replacement = fixed["schema/format"]["artifactChanges"][0]["replacements"][0]
    assert replacement == {
        "deletedRegion": {"startLine": 5, "startColumn": 20, "endLine": 5, "endColumn": 45},
        "insertedContent": {"text": '"2020-02-20T20:00:00+01:00"'},
    }
    assert (posts / "fixable.md").read_bytes() == FIXABLE.encode()


def test_rules_say_which_fix_is_safe() -> None:
    _, out, _ = invoke("rules", "-v")
    assert "fix (yaml/duplicate-key): unsafe (--unsafe-fixes)" in out
    assert "fix (schema/type): safe" in out
    _, out, _ = invoke("rules", "--json")
    fixes = {entry["id"]: entry["fix"] for entry in json.loads(out)}
    assert fixes["file/bom"] == "safe" and fixes["consistency/dates"] is None


def test_changes_only_fails_for_changes_not_for_findings_left(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text(GOOD.replace('"https://example.com/a"', '"not a url"'), "utf-8")
    assert invoke("fix", "--changes-only", str(path))[0] == 0
    path.write_text(FIXABLE, "utf-8")
    assert invoke("fix", "--changes-only", str(path))[0] == 1


def test_changes_only_fails_when_a_fix_could_not_be_written(
    posts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fix hook runs --changes-only: a fix that could not be written (a read-only file,
    a full disk, a file changed meanwhile) left the file as it was, and the hook passed."""
    path = posts / "fixable.md"
    path.chmod(0o444)
    try:
        code, out, _ = invoke("fix", "--changes-only", str(posts))
    finally:
        path.chmod(0o644)
    assert code == 1 and "fixable.md:1:1: error fix/unwritable" in out
    assert path.read_bytes() == FIXABLE.encode()

    import convert.atomic

    def full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(convert.atomic, "write_atomic", full)
    code, out, _ = invoke("fix", "--changes-only", str(path))
    assert code == 1 and "No space left on device" in out
    monkeypatch.undo()

    original = files.fix_and_check

    def fix_while_someone_edits(*args: object, **kwargs: object) -> object:
        path.write_text(FIXABLE + "More.\n", "utf-8")
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files, "fix_and_check", fix_while_someone_edits)
    code, out, _ = invoke("fix", "--changes-only", str(path))
    assert code == 1 and "fix/input-changed" in out
    monkeypatch.undo()
    assert invoke("fix", "--changes-only", str(posts / "clean.md"))[0] == 0


ODD_NAMES = (
    "plain.md",
    "sp ace.md",
    "ta\tb.md",
    'q"uote.md',
    '"starts-quoted.md',
    "back\\slash.md",
    "new\nline.md",
    "trailing space.md ",
    " leading.md",
    "ünï côdé.md",
    "bell\x07and\x01.md",
)


@pytest.mark.parametrize("tool", ["patch", "git"])
def test_the_diff_applies_with_patch_and_git_whatever_the_file_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tool: str
) -> None:
    """GNU patch took "--- sp ace.md" for the file "sp", and a tab in a name split it for
    git apply too: a name with a space ends in a tab, one with a tab, a newline, a quote or
    a backslash is quoted as git quotes it, and both tools read both."""
    import shutil

    if shutil.which(tool) is None:
        pytest.skip(f"no {tool} here")
    monkeypatch.chdir(tmp_path)
    for name in ODD_NAMES:
        (tmp_path / name).write_text(FIXABLE, "utf-8")
    code, diff, _ = invoke("fix", "--diff", *ODD_NAMES)
    assert code == 1 and diff.count("\n+++ ") == len(ODD_NAMES)
    command = ["patch", "-p0", "--batch"] if tool == "patch" else ["git", "apply", "-p0"]
    done = subprocess.run(command, input=diff.encode(), capture_output=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ODD_NAMES:
        assert (tmp_path / name).read_text("utf-8") == FIXED, name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(ODD_NAMES)


def test_diff_headers_name_plain_files_as_they_are(
    posts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(posts)
    (posts / "sp ace.md").write_text(FIXABLE, "utf-8")
    (posts / "ta\tb.md").write_text(FIXABLE, "utf-8")
    out = invoke("fix", "--diff", "fixable.md", "sp ace.md", "ta\tb.md")[1]
    heads = [line for line in out.splitlines() if line.startswith(("--- ", "+++ "))]
    assert heads == [
        "--- fixable.md",
        "+++ fixable.md",
        "--- sp ace.md\t",
        "+++ sp ace.md\t",
        '--- "ta\\tb.md"',
        '+++ "ta\\tb.md"',
    ]


def test_a_fixed_file_keeps_its_extended_attributes(posts: Path) -> None:
    path = posts / "fixable.md"
    try:
        os.setxattr(path, "user.note", b"keep")
    except (AttributeError, OSError) as exc:
        pytest.skip(f"no user attributes here: {exc}")
    assert invoke("fix", str(path))[0] == 1
    assert path.read_text("utf-8") == FIXED
    assert os.getxattr(path, "user.note") == b"keep"


def test_readme_fix_tour_is_the_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text("utf-8")
    start = readme.index("$ cd examples/invalid && artconv fix --diff fixable.md\n")
    shown = readme[start:].split("\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(root / "examples" / "invalid")
    code, out, err = invoke("fix", "--diff", "fixable.md")
    assert code == 1 and shown == out + err


def test_the_library_exports_fix_and_the_list_of_fixes() -> None:
    import convert

    new, applied = convert.fix("---\ntitle: NO\n---\n")
    assert new == '---\ntitle: "NO"\n---\n' and isinstance(applied[0], convert.Fix)
    assert {kind.rule for kind in convert.available_fixes()} >= {"file/bom", "schema/type"}


def test_json_leaves_out_a_fix_that_would_bring_a_new_finding(tmp_path: Path) -> None:
    path = tmp_path / "date.md"
    path.write_text(GOOD.replace('"2020-02-20T20:00:00Z"', "NO"), "utf-8")
    _, out, _ = invoke("validate", "--format", "json", str(path))
    (finding,) = [d for d in json.loads(out)["diagnostics"] if d["rule"] == "schema/type"]
    assert "fix" not in finding  # a quoted "NO" is no date either


def test_unreadable_and_oversized_files_are_findings_not_crashes(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_text(FIXABLE + "x" * 200, "utf-8")
    (tmp_path / "artconv.toml").write_text("max-size = 300\n", "utf-8")
    code, out, _ = invoke(
        "fix", "--config", str(tmp_path / "artconv.toml"), str(big), str(tmp_path / "missing.md")
    )
    assert code == 1
    assert "big.md:1:1: error file/too-large" in out
    assert "missing.md:1:1: error file/unreadable" in out
    assert big.read_text("utf-8") == FIXABLE + "x" * 200


def test_a_site_profile_maps_records_and_the_fix_lands_on_the_users_key(tmp_path: Path) -> None:
    post = tmp_path / "_posts" / "2024-03-05-hello.md"
    post.parent.mkdir()
    post.write_text("---\ntitle: NO\nlayout: post\n---\nBody.\n", "utf-8")
    args = ("--profile", "jekyll", "--base-url", "https://example.com/", str(tmp_path))
    code, _, _ = invoke("validate", "--fix", *args)
    assert code == 0
    assert post.read_text("utf-8") == '---\ntitle: "NO"\nlayout: post\n---\nBody.\n'
    assert invoke("fix", *args)[0] == 0


def test_a_fixed_file_is_let_go_before_the_next_but_one_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory does not grow with the corpus: each file's text goes once it has been shown."""
    from convert.fixes import run

    made: list[weakref.ref[files.FileFix]] = []
    earlier_alive: list[bool] = []
    real = run.fix_file

    def fix_file(*args: Any, **kwargs: Any) -> files.FileFix:
        earlier_alive.extend(ref() is not None for ref in made[:-1])
        result = real(*args, **kwargs)
        made.append(weakref.ref(result))
        return result

    monkeypatch.setattr(run, "fix_file", fix_file)
    for index in range(4):
        (tmp_path / f"post-{index}.md").write_text(FIXABLE, encoding="utf-8")
    code, out, _ = invoke("fix", "--diff", str(tmp_path))
    assert code == 1
    assert out.count('+title: "NO"') == 4
    assert len(made) == 4
    assert earlier_alive == [False] * 3  # the first by the third file, the second by the fourth


@pytest.mark.skipif(sys.platform != "linux", reason="needs file names of any bytes")
@pytest.mark.parametrize("diff", [True, False])
def test_a_file_name_that_is_no_utf8_is_printed_as_its_bytes(tmp_path: Path, diff: bool) -> None:
    # Standard output strict UTF-8, as under an en_US.UTF-8 locale: the diff's header and the
    # findings left name the file, which had raised UnicodeEncodeError.
    (tmp_path / os.fsdecode(b"caf\xe9.md")).write_text("---\ntitle: T\nlocale: NO\n---\n")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    ran = subprocess.run(
        [sys.executable, "-c", "from convert.cli import run; run()", "fix"]
        + (["--diff"] if diff else [])
        + ["."],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert ran.returncode == 1 and b"Traceback" not in ran.stderr, ran.stderr
    assert b"caf\xe9.md" in ran.stdout


def test_standard_input_with_nothing_to_fix_goes_through_as_it_came() -> None:
    """``artconv fix - < a.md > b.md`` is a filter: ``b.md`` is never left empty."""
    result = CliRunner().invoke(main, ["fix", "-"], input=GOOD.encode())
    assert (result.exit_code, result.stdout_bytes) == (0, GOOD.encode())
    unreadable = b"---\ntitle: [unclosed\n---\n\xff body\n"  # no fix, not even UTF-8
    result = CliRunner().invoke(main, ["fix", "-"], input=unreadable)
    assert (result.exit_code, result.stdout_bytes) == (1, unreadable)
    # --diff shows what would change: nothing here, and never the text itself
    result = CliRunner().invoke(main, ["fix", "--diff", "-"], input=GOOD.encode())
    assert result.stdout_bytes == b""


def test_standard_input_past_the_size_limit_goes_through_whole(tmp_path: Path) -> None:
    (tmp_path / "artconv.toml").write_text("max-size = 1000\n", encoding="utf-8")
    big = GOOD.encode() + b"Body line.\n" * 500  # 5.5 kB: over the limit, read in part
    args = ["fix", "--config", str(tmp_path / "artconv.toml"), "-"]
    result = CliRunner().invoke(main, args, input=big)
    assert result.exit_code == 1 and "file/too-large" in result.stderr
    assert result.stdout_bytes == big


@pytest.mark.parametrize("diff", [False, True])
def test_a_fifo_in_a_walked_folder_is_a_finding_and_never_opened(
    tmp_path: Path, diff: bool
) -> None:
    # Opening it waits for a writer: fix had hung there forever, as validate never did.
    (tmp_path / "a.md").write_bytes(FIXABLE.encode())
    os.mkfifo(tmp_path / "b.md")
    done = subprocess.run(
        [sys.executable, "-m", "convert", "fix", *(["--diff"] if diff else []), str(tmp_path)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    finding = (
        f"{tmp_path.as_posix()}/b.md:1:1: warning file/not-regular not a regular file (a FIFO): "
        "not read (hint: name it on the command line to read it, as - is read)\n"
    ).encode()
    assert done.returncode == 1  # a.md was (or would be) changed
    assert finding in (done.stderr if diff else done.stdout)
    assert b"in 2 files" in done.stderr
    assert (tmp_path / "a.md").read_bytes() == (FIXABLE if diff else FIXED).encode()


@pytest.mark.parametrize("diff", [False, True])
def test_a_folder_that_cannot_be_listed_is_an_error_as_validate_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, diff: bool
) -> None:
    # fix had passed over it without a word, and exited 0.
    (tmp_path / "a.md").write_bytes(GOOD.encode())
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.md").write_bytes(FIXABLE.encode())
    locked = str(tmp_path / "locked")
    real_scandir = os.scandir

    def scandir(path: str) -> object:  # root reads any folder: refuse as chmod 000 does
        if str(path) == locked:
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = invoke("fix", *(["--diff"] if diff else []), str(tmp_path))
    assert code == 1
    assert (
        f"{tmp_path.as_posix()}/locked:1:1: error file/unreadable cannot read the folder: "
        "Permission denied" in (err if diff else out)
    )
    assert "left: 1 error, 0 warnings in 1 file" in err


def test_a_failure_inside_the_checks_costs_one_file_not_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import convert.loading

    (tmp_path / "a.md").write_bytes(FIXABLE.encode())
    (tmp_path / "b.md").write_bytes(FIXABLE.encode())
    real_loads = convert.loading.loads

    def loads(data: bytes, *, path: str, **options: Any) -> Any:
        if path.endswith("a.md"):
            raise RecursionError("maximum recursion depth exceeded")
        return real_loads(data, path=path, **options)

    monkeypatch.setattr(convert.loading, "loads", loads)
    code, out, _ = invoke("fix", str(tmp_path))
    assert code == 1
    assert (
        f"{tmp_path.as_posix()}/a.md:1:1: error internal/error article-convert failed on this "
        "file (RecursionError: maximum recursion depth exceeded)" in out
    )
    assert (tmp_path / "a.md").read_bytes() == FIXABLE.encode()  # never edited
    assert (tmp_path / "b.md").read_bytes() == FIXED.encode()


def _fed_fifo(path: Path, data: bytes) -> threading.Thread:
    """A FIFO at ``path`` that a thread writes ``data`` into once, as ``cat a.md > path``."""
    os.mkfifo(path)
    writer = threading.Thread(target=path.write_bytes, args=(data,), daemon=True)
    writer.start()
    return writer


def test_a_named_fifo_is_fixed_as_shown_never_written_back(tmp_path: Path) -> None:
    # Its fixed text cannot replace it; reading it again to see whether it had changed had
    # waited for a second writer forever.
    fifo = tmp_path / "fed.md"
    _fed_fifo(fifo, FIXABLE.encode())
    done = subprocess.run(
        [sys.executable, "-m", "convert", "fix", str(fifo)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert (
        f"{fifo.as_posix()}:1:1: error fix/unwritable the fixed file could not be written: it is "
        "a FIFO, not a file; it was left alone"
    ).encode() in done.stdout
    assert fifo.is_fifo()


def test_validate_fix_reads_a_named_fifo_once(tmp_path: Path) -> None:
    fifo = tmp_path / "fed.md"
    _fed_fifo(fifo, GOOD.encode())
    done = subprocess.run(
        [sys.executable, "-m", "convert", "validate", "--fix", str(fifo)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, b""), done.stderr
