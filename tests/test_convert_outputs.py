"""``artconv convert`` and its ``-o`` target from the outside: what a run that misses its
inputs leaves in place, a name ending in ``/``, the rule options shared with ``validate`` and
options that need another one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from convert.cli import main
from convert.cli.convert_cmd import convert
from convert.cli.validate_cmd import validate
from tests.conftest import EXAMPLES

LOOKED_FOR = "no record files found (looked for .md, .markdown, .txt, .html, .htm, .xhtml)\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding ``posts/`` (the three valid examples) and ``empty/``."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES / "valid", tmp_path / "posts")
    (tmp_path / "empty").mkdir()
    return tmp_path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def items(feed: Path) -> int:
    return feed.read_bytes().count(b"<item>")


# --- an input that is missing, or no record file at all ---------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", ["rss", "jsonl"])
def test_a_missing_named_input_leaves_the_output_as_it_was(site: Path, fmt: str, jobs: str) -> None:
    first = invoke("convert", "posts", "--to", fmt, "-o", "pub.out")
    assert first.exit_code == 0, first.stderr
    published = (site / "pub.out").read_bytes()
    assert (items(site / "pub.out") if fmt == "rss" else published.count(b"\n")) == 3
    for named in (["psots"], ["psots", "posts"], ["posts", "posts/gone.md"]):
        result = invoke("convert", *named, "--to", fmt, "-o", "pub.out", "--jobs", jobs)
        assert result.exit_code == 1, (named, result.stderr)
        assert "error file/unreadable cannot read the file: No such file" in result.stderr
        missing = named[0] if named[0] != "posts" else named[1]
        assert result.stderr.endswith(
            f"pub.out is left as it was: {missing}, named on the command line, does not exist\n"
        )
        assert (site / "pub.out").read_bytes() == published
    assert sorted(p.name for p in site.iterdir()) == ["empty", "posts", "pub.out"]  # no temp


def test_a_missing_named_input_makes_no_new_file_and_one_record_keeps_its_file(
    site: Path,
) -> None:
    result = invoke("convert", "psots", "posts", "--to", "atom", "-o", "new.xml")
    assert result.exit_code == 1 and not (site / "new.xml").exists()
    story = site / "story.json"
    assert (
        invoke("convert", "posts/markdown-body.md", "--to", "json", "-o", "story.json").exit_code
        == 0
    )
    kept = story.read_bytes()
    result = invoke("convert", "posts/markdown-bdoy.md", "--to", "json", "-o", "story.json")
    assert result.exit_code == 1 and story.read_bytes() == kept
    assert "story.json is left as it was" in result.stderr


def test_per_record_files_of_the_inputs_there_are_still_written(site: Path) -> None:
    result = invoke("convert", "psots", "posts", "--to", "json", "-o", "out")
    assert result.exit_code == 1
    assert sorted(p.name for p in (site / "out").iterdir()) == [
        "markdown-body.json",
        "toml-front-matter.json",
        "video-record.json",
    ]
    assert "left as it was" not in result.stderr


def test_standard_output_still_gets_the_document(site: Path) -> None:
    result = invoke("convert", "psots", "posts", "--to", "rss")
    assert result.exit_code == 1 and result.stdout.count("<item>") == 3


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", ["rss", "jsonl"])
def test_no_record_files_say_so_as_validate_does_and_replace_nothing(
    site: Path, fmt: str, jobs: str
) -> None:
    assert invoke("convert", "posts", "--to", fmt, "-o", "pub.out").exit_code == 0
    published = (site / "pub.out").read_bytes()
    checked = invoke("validate", "empty")
    result = invoke("convert", "empty", "--to", fmt, "-o", "pub.out", "--jobs", jobs)
    assert (result.exit_code, checked.exit_code) == (0, 0)
    assert LOOKED_FOR in checked.stderr
    assert (
        result.stderr == LOOKED_FOR + "pub.out is left as it was: the run found no record files\n"
    )
    assert (site / "pub.out").read_bytes() == published


def test_extensions_that_match_nothing_replace_nothing(site: Path) -> None:
    assert invoke("convert", "posts", "--to", "rss", "-o", "feed.xml").exit_code == 0
    published = (site / "feed.xml").read_bytes()
    (site / "artconv.toml").write_text('extensions = [".mdx"]\n')
    result = invoke("convert", "posts", "--to", "rss", "-o", "feed.xml")
    assert result.exit_code == 0
    assert result.stderr.startswith("no record files found (looked for .mdx)\n")
    assert (site / "feed.xml").read_bytes() == published


def test_no_record_files_make_a_new_empty_feed_only_where_none_is(site: Path) -> None:
    result = invoke("convert", "empty", "--to", "rss", "-o", "public/feed.xml")
    assert result.exit_code == 0 and LOOKED_FOR in result.stderr
    assert b"<channel>" in (site / "public" / "feed.xml").read_bytes()
    assert items(site / "public" / "feed.xml") == 0
    shown = invoke("convert", "empty", "--to", "rss")
    assert shown.exit_code == 0 and "<channel>" in shown.stdout and LOOKED_FOR in shown.stderr


def test_no_record_files_for_per_record_output_write_nothing(site: Path) -> None:
    for out in ("out", "story.json"):
        result = invoke("convert", "empty", "--to", "json", "-o", out)
        assert result.exit_code == 0 and result.stderr.startswith(LOOKED_FOR)
        assert not (site / out).exists()
    (site / "story.json").write_text("{}")
    result = invoke("convert", "empty", "--to", "json", "-o", "story.json")
    assert result.exit_code == 0 and (site / "story.json").read_text() == "{}"


def test_one_record_found_with_a_named_input_missing_is_the_one_file_withheld(
    site: Path,
) -> None:
    """A missing input is no record: the one record found goes to the named file, as it
    would alone, and the file is withheld, not made a folder (nor refused when there)."""
    args = ["posts/markdown-body.md", "posts/gone.md", "--to", "json"]
    new = invoke("convert", *args, "-o", "one.json")
    assert new.exit_code == 1, new.stderr
    assert not (site / "one.json").exists()
    assert new.stderr.endswith(
        "one.json was not written: posts/gone.md, named on the command line, does not exist\n"
    )
    (site / "kept.json").write_text("{}")
    there = invoke("convert", *args, "-o", "kept.json")
    assert there.exit_code == 1, there.stderr
    assert (site / "kept.json").read_text() == "{}"
    assert there.stderr.endswith(
        "kept.json is left as it was: posts/gone.md, named on the command line, does not exist\n"
    )


def test_an_output_that_was_not_there_is_not_written_rather_than_left(site: Path) -> None:
    missing = invoke("convert", "posts/gone.md", "--to", "json", "-o", "one.json")
    assert missing.stderr.endswith(
        "one.json was not written: posts/gone.md, named on the command line, does not exist\n"
    )
    for out in ("x/", "feeds/"):
        empty = invoke("convert", "empty", "--to", "json", "-o", out)
        assert empty.stderr.endswith(f"{out} was not written: the run found no record files\n")
        assert not (site / out).exists()
    (site / "x").mkdir()
    there = invoke("convert", "empty", "--to", "json", "-o", "x/")
    assert there.stderr.endswith("x/ is left as it was: the run found no record files\n")


# --- inputs and outputs named by URL ---------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_missing_url_input_leaves_the_output_as_it_was(site: Path, jobs: str) -> None:
    pytest.importorskip("fsspec")
    assert invoke("convert", "posts", "--to", "rss", "-o", "feed.xml").exit_code == 0
    published = (site / "feed.xml").read_bytes()
    for url in (f"{site.as_uri()}/posts/gone.md", f"{site.as_uri()}/nosuchdir/"):
        args = [url, "posts/markdown-body.md", "--to", "rss", "--jobs", jobs]
        result = invoke("convert", *args, "-o", "feed.xml")
        assert result.exit_code == 1, result.stderr
        assert result.stderr.endswith(
            f"feed.xml is left as it was: {url}, named on the command line, does not exist\n"
        )
        assert (site / "feed.xml").read_bytes() == published
    there = invoke("convert", f"{site.as_uri()}/posts/", "--to", "rss", "-o", "feed.xml")
    assert there.exit_code == 0 and items(site / "feed.xml") == 3, there.stderr


@pytest.mark.parametrize("fmt", ["rss", "jsonl"])
def test_an_output_url_is_left_as_it_was_by_a_missing_input_or_no_records(
    site: Path, fmt: str
) -> None:
    pytest.importorskip("fsspec")
    url = f"{site.as_uri()}/public/pub.out"
    assert invoke("convert", "posts", "--to", fmt, "-o", url).exit_code == 0
    published = (site / "public" / "pub.out").read_bytes()
    assert published.count(b"<item>" if fmt == "rss" else b"\n") == 3
    missing = invoke("convert", "posts/gone.md", "posts", "--to", fmt, "-o", url)
    assert missing.exit_code == 1
    assert missing.stderr.endswith(
        f"{url} is left as it was: posts/gone.md, named on the command line, does not exist\n"
    )
    empty = invoke("convert", "empty", "--to", fmt, "-o", url)
    assert empty.exit_code == 0
    assert empty.stderr == LOOKED_FOR + f"{url} is left as it was: the run found no record files\n"
    assert (site / "public" / "pub.out").read_bytes() == published
    new = f"{site.as_uri()}/public/new.out"
    unwritten = invoke("convert", "posts/gone.md", "--to", fmt, "-o", new)
    assert unwritten.stderr.endswith(
        f"{new} was not written: posts/gone.md, named on the command line, does not exist\n"
    )
    first = invoke("convert", "empty", "--to", fmt, "-o", new)  # a new site's first feed
    assert first.exit_code == 0 and "was not written" not in first.stderr
    assert (site / "public" / "new.out").exists()


def test_an_output_url_in_memory_is_withheld_too(site: Path) -> None:
    fsspec = pytest.importorskip("fsspec")
    store = fsspec.filesystem("memory")
    store.pipe("/published/feed.xml", b"<rss>published</rss>")
    try:
        result = invoke("convert", "psots", "--to", "rss", "-o", "memory://published/feed.xml")
        assert result.exit_code == 1
        assert "memory://published/feed.xml is left as it was: psots" in result.stderr
        assert store.cat("/published/feed.xml") == b"<rss>published</rss>"
    finally:
        store.rm("/published", recursive=True)


# --- a name ending in / ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["rss", "jsonl", "atom"])
def test_a_name_ending_in_a_slash_is_a_folder_where_one_file_goes(site: Path, fmt: str) -> None:
    result = invoke("convert", "posts", "--to", fmt, "-o", "newdir/")
    assert result.exit_code == 2
    assert f"Error: newdir/ is a folder; {fmt} writes one file" in result.stderr
    assert not (site / "newdir").exists()
    (site / "there").mkdir()
    existing = invoke("convert", "posts", "--to", fmt, "-o", "there")
    assert f"Error: there is a folder; {fmt} writes one file" in existing.stderr


def test_a_report_name_ending_in_a_slash_is_refused(site: Path) -> None:
    result = invoke("validate", "posts", "-o", "reports/")
    assert result.exit_code == 2
    assert "Invalid value for '-o' / '--output': File 'reports/' is a directory." in result.stderr
    assert not (site / "reports").exists()
    (site / "there").mkdir()
    existing = invoke("validate", "posts", "-o", "there")
    assert "Invalid value for '-o' / '--output': File 'there' is a directory." in existing.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_record_into_a_name_ending_in_a_slash_goes_into_that_folder(
    site: Path, jobs: str
) -> None:
    args = ["posts/markdown-body.md", "--to", "json", "--jobs", jobs]
    result = invoke("convert", *args, "-o", "story.json/")
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in (site / "story.json").iterdir()] == ["markdown-body.json"]
    (site / "flat.json").write_text("{}")
    refused = invoke("convert", *args, "-o", "flat.json/")
    assert refused.exit_code == 2 and "flat.json is not a folder" in refused.stderr


# --- the rule options of validate ------------------------------------------------------------


def test_convert_has_validates_rule_options_with_the_same_help() -> None:
    def helps(command: object) -> dict[str, str | None]:
        params = command.params  # type: ignore[attr-defined]
        return {
            p.name: p.help for p in params if p.name in {"schema", "strict", "select", "ignore"}
        }

    assert helps(convert) == helps(validate)
    assert len(helps(convert)) == 4


def test_convert_validate_takes_a_schema(site: Path) -> None:
    schema = site / "strict.schema.json"
    schema.write_text(json.dumps({"type": "object", "required": ["slug"]}))
    args = ["posts", "--to", "jsonl", "--validate"]
    plain = invoke("convert", *args)
    assert plain.exit_code == 0 and plain.stdout.count("\n") == 3
    result = invoke("convert", *args, "--schema", str(schema))
    assert result.exit_code == 1 and result.stdout == ""  # every record is left out
    assert result.stderr.count('schema/required missing required field "slug"') == 3


def test_schema_without_validate_is_a_usage_error(site: Path) -> None:
    result = invoke("convert", "posts", "--to", "rss", "--schema", "article")
    assert result.exit_code == 2
    assert "Error: --schema applies only with --validate" in result.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_select_and_ignore_filter_converts_findings(site: Path, jobs: str) -> None:
    args = ["posts", "--to", "rss", "-o", "feed.xml", "--jobs", jobs]
    rules = ("convert/relative-url", "convert/feed-link", "convert/feed-url")
    everything = invoke("convert", *args)
    assert all(rule in everything.stderr for rule in rules)
    ignored = invoke("convert", *args, "--ignore", "convert/feed-url,convert/relative-url")
    assert [rule in ignored.stderr for rule in rules] == [False, True, False]
    selected = invoke("convert", *args, "--select", "convert/relative-url")
    assert [rule in selected.stderr for rule in rules] == [True, False, False]
    validated = invoke("convert", *args, "--validate", "--ignore", "convert/feed-url")
    assert "convert/feed-url" not in validated.stderr and "convert/feed-link" in validated.stderr
    unknown = invoke("convert", *args, "--ignore", "convert/feed-ulr")
    assert unknown.exit_code == 2 and 'did you mean "convert/feed-url"' in unknown.stderr


def test_strict_fails_on_converts_warnings(site: Path) -> None:
    args = ["posts", "--to", "rss", "-o", "feed.xml"]
    assert invoke("convert", *args).exit_code == 0
    assert invoke("convert", *args, "--strict").exit_code == 1


# --- options that need another one ---------------------------------------------------------


def test_partition_without_the_dask_engine_is_a_usage_error(site: Path) -> None:
    for args in (
        ["validate", "--partition", "5", "posts"],
        ["convert", "posts", "--to", "rss", "--partition", "5"],
        ["convert", "posts", "--to", "rss", "--engine", "local", "--partition", "5"],
    ):
        result = invoke(*args)
        assert result.exit_code == 2, args
        assert "Error: --partition applies only with --engine dask" in result.stderr


@pytest.mark.parametrize("flag", ["--permalink", "--site-config"])
def test_profile_options_without_a_profile_are_a_usage_error(site: Path, flag: str) -> None:
    (site / "_config.yml").write_text("url: https://blog.example.org\n")
    value = "pretty" if flag == "--permalink" else "_config.yml"
    for args in (["convert", "posts", "--to", "rss"], ["validate", "posts"]):
        result = invoke(*args, flag, value)
        assert result.exit_code == 2, (args, result.stderr)
        assert f"Error: {flag} applies only with a site profile" in result.stderr
    with_profile = invoke("convert", "posts", "--to", "rss", "--profile", "jekyll", flag, value)
    assert with_profile.exit_code != 2, with_profile.stderr


def test_a_profile_in_the_configuration_takes_the_command_lines_permalink(site: Path) -> None:
    (site / "artconv.toml").write_text('profile = "jekyll"\n')
    result = invoke("convert", "posts", "--to", "rss", "--permalink", "pretty")
    assert result.exit_code != 2, result.stderr


def test_the_configurations_permalink_alone_is_no_error(site: Path) -> None:
    (site / "artconv.toml").write_text('permalink = "pretty"\n')
    result = invoke("convert", "posts", "--to", "rss", "-o", "feed.xml")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("command", [["convert", "--to", "jsonl"], ["validate"]])
def test_a_site_option_with_the_article_profile_names_the_site_profiles(
    site: Path, command: list[str]
) -> None:
    """``--profile article`` is a profile, but one that takes records as written: the
    message names those that take a permalink, from the registry."""
    from convert.profiles import profile_specs

    result = invoke(*command, "posts", "--profile", "article", "--permalink", "pretty")
    assert result.exit_code == 2, result.stderr
    assert (
        "Error: --permalink applies only with a site profile (--profile jekyll, hugo or zola); "
        "article takes records as written\n"
    ) in result.stderr
    assert {"jekyll", "hugo", "zola"} <= set(profile_specs())
