"""``artconv convert`` and ``artconv formats`` end to end, including third-party plugins."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

import feedparser
import pytest
from click.testing import CliRunner

from convert.cli import main
from convert.diagnostics import Diagnostic, FindingKind, Severity
from convert.errors import PluginError
from convert.record import Record

SEED = "examples/000_007fd1d52a2fa7d2.txt"
ROOT = Path(__file__).resolve().parents[2]


class UpperConverter:
    """Shouting text: every title in capitals, one per line."""

    name: ClassVar[str] = "upper"
    extension: ClassVar[str] = ".up"
    media_type: ClassVar[str] = "text/plain"
    collection: ClassVar[bool] = True
    options: ClassVar[dict[str, type]] = {"feed_title": str}
    findings: ClassVar[tuple[FindingKind, ...]] = (
        FindingKind("upper/shout", Severity.INFO, "A title was written in capitals."),
    )

    def write(
        self, records: Iterable[Record], out: BinaryIO, *, emit: Any = None, **options: Any
    ) -> None:
        for record in records:
            out.write((record.title or "").upper().encode() + b"\n")
            emit(Diagnostic(record.path, None, None, "upper/shout", Severity.INFO, "shouted"))


def _find(*entries: tuple[str, str]):
    def find(group: str) -> list[EntryPoint]:
        if group != "convert.converters":
            return []
        return [EntryPoint(name, value, group) for name, value in entries]

    return find


def _invoke(args: list[str], find=None, cwd: Path = ROOT):
    runner = CliRunner()
    obj = {"find": find} if find else None
    import os

    old = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, args, obj=obj, catch_exceptions=False)
    finally:
        os.chdir(old)


def test_rss_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "feed.xml"
    result = _invoke(
        [
            "convert",
            SEED,
            "--to",
            "rss",
            "--feed-title",
            "News",
            "--feed-url",
            "https://e.x/feed.xml",
            "-o",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.stderr
    parsed = feedparser.parse(out.read_bytes())
    assert not parsed.bozo and parsed.feed.title == "News" and len(parsed.entries) == 1


def test_feed_to_stdout_and_findings_to_stderr() -> None:
    result = _invoke(["convert", SEED, "examples/002_ef0a5ca32cdf259f.txt", "--to", "atom"])
    assert result.exit_code == 1  # the scraped page has no title, link or date: left out
    assert result.stdout.startswith("<?xml") and result.stdout.count("<entry>") == 1
    assert "convert/incomplete" in result.stderr and "convert/incomplete" not in result.stdout


@pytest.mark.parametrize("fmt", ["rss", "atom", "jsonfeed"])
def test_files_without_front_matter_are_left_out_with_errors(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "README.md").write_text("# Posts\n\nThe articles of this site.\n")
    (tmp_path / "empty.md").write_text("")
    result = _invoke(["convert", str(tmp_path), "--to", fmt])
    assert result.exit_code == 1
    assert "Posts" not in result.stdout
    assert "<item>" not in result.stdout and "<entry>" not in result.stdout
    # No entry carries a made-up date; an empty Atom feed still needs its own <updated>.
    assert result.stdout.count("1970") == (1 if fmt == "atom" else 0)
    for name in ("README.md", "empty.md"):
        lines = [line for line in result.stderr.splitlines() if name in line]
        assert any("error convert/incomplete left out of the feed: no title" in x for x in lines)
        assert any("no link" in x for x in lines)
        assert any("no publishedDateTime" in x for x in lines)


def test_per_record_json_mirrors_the_tree(tmp_path: Path) -> None:
    result = _invoke(["convert", "examples/valid", "--to", "json", "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.stderr
    written = sorted(p.relative_to(tmp_path / "o").as_posix() for p in (tmp_path / "o").rglob("*"))
    assert written == ["markdown-body.json", "toml-front-matter.json", "video-record.json"]
    doc = json.loads((tmp_path / "o/video-record.json").read_text())
    assert doc["meta"]["publishedDateTime"] == "2021-03-04T09:30:00+01:00"


@pytest.mark.skipif(sys.platform != "linux", reason="needs file names of any bytes")
@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_source_name_that_is_no_utf8_is_valid_utf8_json(
    tmp_path: Path, fmt: str, jobs: str
) -> None:
    """As ``validate --format json`` writes it: U+FFFD in ``path``, the exact bytes in
    ``rawPath``; strict UTF-8 that ``json.loads`` reads, on standard output and in the
    per-record files the workers write."""
    from urllib.parse import unquote_to_bytes

    posts = tmp_path / "posts"
    posts.mkdir()
    seed = (ROOT / SEED).read_bytes()
    (posts / os.fsdecode(b"caf\xff.md")).write_bytes(seed)
    (posts / "plain.md").write_bytes(seed)
    one_line = ["--indent", "0"] if fmt == "json" else []
    result = _invoke(["convert", str(posts), "--to", fmt, *one_line, "--jobs", jobs])
    assert result.exit_code == 0, result.stderr
    written = result.stdout_bytes.splitlines()
    if fmt == "json":
        out = tmp_path / "out"
        ran = _invoke(["convert", str(posts), "--to", fmt, "--jobs", jobs, "-o", str(out)])
        assert ran.exit_code == 0, ran.stderr
        written += [path.read_bytes() for path in sorted(out.iterdir(), key=os.fsencode)]
    odd, plain = os.fsdecode(posts / "caf\udcff.md"), str(posts / "plain.md")
    shown = odd.replace("\udcff", "\ufffd")
    documents = [json.loads(data.decode("utf-8")) for data in written]  # strict UTF-8
    expected = [(shown, True), (plain, False)] * (2 if fmt == "json" else 1)
    assert [(d["path"], "rawPath" in d) for d in documents] == expected
    for document in documents[::2]:  # the odd name's, on standard output and in a file
        assert document["rawPath"].endswith("/posts/caf%FF.md")
        assert unquote_to_bytes(document["rawPath"]) == os.fsencode(odd)


def test_one_record_to_a_named_file_and_then_two_say_how_to_go_on(tmp_path: Path) -> None:
    """One record and an -o with a suffix make one file; the day a second record comes, the
    same command must say what to do, not only that the name is a file."""
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "a.md").write_bytes((ROOT / SEED).read_bytes())
    target = tmp_path / "one.json"
    args = ["convert", str(posts), "--to", "json", "-o", str(target)]
    assert _invoke(args).exit_code == 0 and json.loads(target.read_text())["path"]
    (posts / "b.md").write_bytes((ROOT / SEED).read_bytes())
    second = _invoke(args)
    assert second.exit_code == 2
    assert "one file per record" in second.stderr and "--to jsonl" in second.stderr
    assert json.loads(target.read_text())["path"]  # left as it was


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_one_record_goes_into_a_device_named_by_o(tmp_path: Path, fmt: str) -> None:
    """``-o /dev/stdout`` and ``-o /dev/null`` are written into, as the README says of a
    device named by -o; the name has no suffix, yet it is no folder to make."""
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        command = [sys.executable, "-m", "convert", "convert", *args, "--to", fmt]
        return subprocess.run(command, capture_output=True, cwd=ROOT, check=False)

    expected = run(SEED)
    assert expected.returncode == 0 and expected.stdout
    into_stdout = run(SEED, "-o", "/dev/stdout")
    assert (into_stdout.returncode, into_stdout.stderr) == (0, b"")
    assert into_stdout.stdout == expected.stdout
    into_null = run(SEED, "-o", "/dev/null")
    assert (into_null.returncode, into_null.stdout, into_null.stderr) == (0, b"", b"")
    # A named file with no suffix, there already, is one file too.
    named = tmp_path / "story"
    named.write_bytes(b"old")
    assert run(SEED, "-o", str(named)).returncode == 0
    assert named.read_bytes() == expected.stdout
    # Two records still need a folder, and the message does not call a device a file.
    two = run(SEED, "examples/valid/markdown-body.md", "-o", "/dev/null")
    assert two.returncode == 2
    assert b"/dev/null is not a folder" in two.stderr and b"one file per record" in two.stderr


def test_validate_skips_invalid_records_and_exits_1() -> None:
    result = _invoke(["convert", "examples", "--validate", "--to", "jsonl"])
    assert result.exit_code == 1
    paths = [json.loads(line)["path"] for line in result.stdout.splitlines()]
    assert "examples/000_007fd1d52a2fa7d2.txt" in paths
    assert "examples/invalid/bad-values.md" not in paths  # schema errors: skipped
    assert "examples/invalid/amp-mismatch.md" in paths  # warnings only: converted
    assert "schema/required" in result.stderr


def test_unreadable_records_are_never_converted() -> None:
    result = _invoke(["convert", "examples/invalid/unclosed.md", "--to", "jsonl"])
    assert result.exit_code == 1 and result.stdout == ""


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert _invoke(["convert", SEED, "--to", "nope"]).exit_code == 2
    bad = _invoke(["convert", SEED, "--to", "rss", "--indent", "2"])
    assert bad.exit_code == 2 and "does not take --indent" in bad.stderr
    target = tmp_path / "in.md"
    target.write_bytes((ROOT / SEED).read_bytes())
    clash = _invoke(["convert", str(target), "--to", "jsonl", "-o", str(target)])
    assert clash.exit_code == 2 and target.read_bytes() == (ROOT / SEED).read_bytes()


def test_a_third_party_plugin_is_a_first_class_format(tmp_path: Path) -> None:
    find = _find(("upper", f"{__name__}:UpperConverter"))
    result = _invoke(
        ["convert", SEED, "--to", "upper", "--feed-title", "x", "-o", str(tmp_path / "a.up")], find
    )
    assert result.exit_code == 0, result.stderr
    assert (
        tmp_path / "a.up"
    ).read_text() == "FACEBOOK WILL NOW PAY YOU FOR YOUR VOICE RECORDINGS\n"
    assert "upper/shout" in result.stderr
    listing = _invoke(["formats"], find)
    line = next(x for x in listing.stdout.splitlines() if x.startswith("upper"))
    assert ".up" in line and "text/plain" in line and "Shouting text" in line


@pytest.mark.parametrize("validate", [["--validate"], []], ids=["validated", "unvalidated"])
def test_a_plugin_converters_declared_findings_obey_the_policy(
    tmp_path: Path, validate: list[str]
) -> None:
    find = _find(("upper", f"{__name__}:UpperConverter"))
    config = tmp_path / "artconv.toml"
    args = ["convert", str(ROOT / SEED), "--to", "upper", *validate, "--config", str(config)]
    args += ["-o", str(tmp_path / "a.up")]
    config.write_text('ignore = ["upper/shout"]\n', encoding="utf-8")
    quiet = _invoke(args, find)
    assert quiet.exit_code == 0, quiet.stderr
    assert "upper/shout" not in quiet.stderr
    assert (tmp_path / "a.up").read_text().startswith("FACEBOOK")
    config.write_text('[rules]\n"upper/shout" = "error"\n', encoding="utf-8")
    raised = _invoke(args, find)
    assert raised.exit_code == 1 and "upper/shout" in raised.stderr
    config.write_text('ignore = ["upper/shot"]\n', encoding="utf-8")
    typo = _invoke(args, find)
    assert typo.exit_code == 2
    assert 'did you mean "upper/shout"?' in typo.stderr


def test_a_plugin_converters_findings_are_catalogued_with_their_origin() -> None:
    from convert.rules.catalogue import every_kind

    def find(group: str) -> list[EntryPoint]:
        return _find(("upper", f"{__name__}:UpperConverter"))(group) or list(
            entry_points(group=group)
        )

    shout = next(kind for kind in every_kind(find) if kind.id == "upper/shout")
    assert shout.severity is Severity.INFO and shout.summary == "A title was written in capitals."
    assert shout.origin != "article-convert"


class BadFindingsConverter(UpperConverter):
    """Declares its findings as bare strings."""

    name: ClassVar[str] = "badfindings"
    findings = ("upper/shout",)  # type: ignore[assignment]


def test_findings_that_are_not_kinds_are_a_plugin_error(tmp_path: Path) -> None:
    from convert.converters import declared_findings, plugin_finding_kinds

    find = _find(("badfindings", f"{__name__}:BadFindingsConverter"))
    with pytest.raises(PluginError, match="findings must hold FindingKind values"):
        declared_findings(BadFindingsConverter(), "tests")
    assert plugin_finding_kinds(find) == []  # the listing goes on without it
    result = _invoke(["convert", SEED, "--to", "badfindings", "-o", str(tmp_path / "a")], find)
    assert result.exit_code == 2 and "FindingKind" in result.stderr


PLUGIN_MODULE = """
from convert.diagnostics import Diagnostic, FindingKind, Severity

class UpperConverter:
    \"\"\"Shouting text.\"\"\"

    name = "upper"
    extension = ".up"
    media_type = "text/plain"
    collection = True
    options = {}
    findings = (FindingKind("upper/shout", Severity.WARNING, "A title was shouted."),)

    def write(self, records, out, *, emit, **options):
        for record in records:
            out.write((record.title or "").upper().encode() + b"\\n")
            emit(Diagnostic(record.path, None, None, "upper/shout", Severity.WARNING, "shouted"))
"""


def test_one_configuration_may_name_an_installed_plugins_findings_for_every_command(
    tmp_path: Path,
) -> None:
    """The configuration is shared by validate and every format: a plugin's ids in it must
    not stop the commands that do not use the plugin."""
    import os
    import subprocess
    import sys

    site = tmp_path / "site"
    meta = site / "upper_plugin-1.0.dist-info"
    meta.mkdir(parents=True)
    (meta / "METADATA").write_text("Metadata-Version: 2.1\nName: upper-plugin\nVersion: 1.0\n\n")
    (meta / "entry_points.txt").write_text(
        "[convert.converters]\nupper = upper_plugin:UpperConverter\n"
    )
    (site / "upper_plugin.py").write_text(PLUGIN_MODULE)
    config = tmp_path / "artconv.toml"
    config.write_text('ignore = ["upper/shout"]\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site)}
    for args in (["validate"], ["convert", "--to", "json"], ["convert", "--to", "upper"]):
        done = subprocess.run(
            [sys.executable, "-m", "convert", *args, "--config", str(config), str(ROOT / SEED)],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            check=False,
        )
        assert done.returncode == 0, (args, done.stderr)
        assert "upper/shout" not in done.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "convert", "rules"], capture_output=True, text=True, env=env
    )
    assert "upper/shout" in listed.stdout


def test_a_broken_plugin_is_a_clean_error(tmp_path: Path) -> None:
    find = _find(("broken", "no_such_module_xyz:Converter"))
    result = _invoke(["convert", SEED, "--to", "broken"], find)
    assert result.exit_code == 2
    assert "failed to load" in result.stderr and "Traceback" not in result.stderr
    listing = _invoke(["formats"], find)
    assert listing.exit_code == 0
    assert "broken: " in next(x for x in listing.stdout.splitlines() if x.startswith("broken"))
    from convert.converters import plugin_finding_kinds

    assert plugin_finding_kinds(find) == []  # it can report nothing, and catalogues nothing


def test_formats_lists_builtins_without_importing_them() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from click.testing import CliRunner; from convert.cli import main;"
        "r = CliRunner().invoke(main, ['formats']); print(r.stdout);"
        "print('lxml' in sys.modules, 'convert.converters.feeds.rss' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert "rss       .xml    application/rss+xml" in out
    assert out.strip().endswith("False False")


def test_failed_conversion_keeps_the_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "feed.xml"
    out.write_bytes(b"previous feed")
    find = _find(("crash", f"{__name__}:CrashConverter"))
    runner = CliRunner()
    result = runner.invoke(
        main, ["convert", str(ROOT / SEED), "--to", "crash", "-o", str(out)], obj={"find": find}
    )
    assert result.exit_code != 0
    assert out.read_bytes() == b"previous feed"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


class CrashConverter(UpperConverter):
    """Writes a little, then fails."""

    name: ClassVar[str] = "crash"

    def write(self, records: Iterable[Record], out: BinaryIO, **options: Any) -> None:
        out.write(b"partial")
        raise RuntimeError("disk on fire")


def test_per_record_outputs_never_overwrite_an_input(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "artconv.toml").write_text('extensions = [".md", ".json"]\n')
    (tmp_path / "a.md").write_text("---\ntitle: A\npublishedDateTime: 2020-02-20T20:00:00Z\n---\n")
    (tmp_path / "a.json").write_text("an input that happens to end in .json\n")
    (tmp_path / "link.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "b.json").write_text("another input, reached through a link too\n")
    result = CliRunner().invoke(
        main, ["convert", "a.md", "a.json", "link.json", "--to", "json", "-o", "."]
    )
    assert result.exit_code == 1
    assert "convert/output-clash" in result.stderr and "is one of the inputs" in result.stderr
    assert (tmp_path / "a.json").read_text() == "an input that happens to end in .json\n"
    assert (tmp_path / "b.json").read_text() == "another input, reached through a link too\n"


def test_content_flag_and_setting(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: T\nwebUrl: https://e.x/a\npublishedDateTime: 2020-02-20T20:00:00Z\n"
        "excerpt: Short.\n---\nThe *whole* article.\n"
    )
    full = _invoke(["convert", str(post), "--to", "rss"])
    assert full.exit_code == 0 and "<em>whole</em>" in full.stdout  # in a CDATA section
    short = _invoke(["convert", str(post), "--to", "rss", "--content", "summary"])
    assert short.exit_code == 0 and "whole" not in short.stdout and "Short." in short.stdout
    config = tmp_path / "artconv.toml"
    config.write_text('[feed]\ncontent = "none"\n')
    bare = _invoke(["convert", str(post), "--to", "atom", "--config", str(config)])
    assert bare.exit_code == 0 and "whole" not in bare.stdout and "Short." not in bare.stdout
    config.write_text('[feed]\ncontent = "everything"\n')
    bad = _invoke(["convert", str(post), "--to", "atom", "--config", str(config)])
    assert bad.exit_code == 2 and "full, summary, none" in bad.stderr
    wrong = _invoke(["convert", str(post), "--to", "rss", "--content", "all"])
    assert wrong.exit_code == 2


def test_a_folder_is_walked_for_saved_pages_named_htm_or_xhtml_as_for_html(tmp_path: Path) -> None:
    """``.htm`` and ``.xhtml`` are the other names of a saved web page: found in a folder, read
    in the charset it declares, sniffed as HTML by its name (it opens with neither a doctype
    nor a block tag) and written under the same kind of output name as ``.html``."""
    page = (
        '<meta charset="windows-1252"><title>Caf\u00e9 reopens</title>\n'
        "<p>The caf\u00e9 on the corner reopened this morning after a long winter of repairs, "
        "and its regulars were back at their tables before the doors were fully open.</p>\n"
    ).encode("cp1252")
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a.html", "b.htm", "C.HTM", "d.xhtml", "E.XHTML"):
        (pages / name).write_bytes(page)
    out = tmp_path / "out"
    result = _invoke(
        ["convert", str(pages), "--to", "text", "--extractor", "builtin", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["C.txt", "E.txt", "a.txt", "b.txt", "d.txt"]
    text = (out / "a.txt").read_text(encoding="utf-8")
    assert "Caf\u00e9 reopens" in text and "<p>" not in text
    for name in ("b.txt", "C.txt", "d.txt", "E.txt"):
        assert (out / name).read_text(encoding="utf-8") == text, name


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_feed_of_several_sites_asks_for_its_site_link(tmp_path: Path, jobs: str) -> None:
    """Items rendered in worker processes are counted by site as those rendered here are;
    ``link`` in ``[tool.artconv.feed]`` answers the finding as ``--feed-link`` does."""
    seed = (ROOT / SEED).read_text(encoding="utf-8")
    posts = tmp_path / "posts"
    posts.mkdir()
    for n, site in enumerate(["one.example", "two.example"]):
        text = re.sub(r"(?m)^webUrl: .*$", f'webUrl: "https://{site}/story"', seed)
        (posts / f"{n}.md").write_text(text, encoding="utf-8")
    args = ["convert", "posts", "--to", "rss", "--jobs", jobs]
    result = _invoke(args, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (
        "<feed>:1:1: warning convert/feed-link the feed's items come from several sites "
        "(https://one.example/, https://two.example/)"
    ) in result.stderr
    assert (
        "(hint: pass --feed-link URL (feed_link= in the library),"
        " or set link in [tool.artconv.feed])"
    ) in result.stderr
    assert "<link></link>" in result.stdout
    (tmp_path / "artconv.toml").write_text('[feed]\nlink = "https://agg.example/"\n')
    result = _invoke(args, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "convert/feed-link" not in result.stderr
    assert "<link>https://agg.example/</link>" in result.stdout
