"""A bad value in artconv.toml, through the command line: the run stops with status 2 and one
line, ``FILE:LINE: key: what is wrong; the fix``, however late the value is checked (a rule id
against the installed rules, a feed link against the run's base, a profile name when the run
takes it). The same value given as a flag keeps naming the flag."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner, Result

from convert.cli import main

RECORD = (
    "---\ntitle: T\npublishedDateTime: 2020-02-20T20:00:00Z\n"
    'webUrl: "https://news.example.com/a"\nexcerpt: E\n---\nBody\n'
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(RECORD)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def error_line(result: Result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    (line,) = [text for text in result.stderr.splitlines() if text.startswith("Error: ")]
    return line.removeprefix("Error: ")


CASES = {
    "ignore": (
        ["validate", "a.md"],
        '# checks\nignore = ["consistency/datez"]\n',
        ":2: ignore: unknown rule 'consistency/datez'; did you mean \"consistency/dates\"?",
    ),
    "rules": (
        ["validate", "a.md"],
        'strict = false\n\n[rules]\n"schema/recomended" = "off"\n',
        ":4: rules.\"schema/recomended\": unknown rule 'schema/recomended'; did you mean"
        ' "schema/recommended"?',
    ),
    "select": (
        ["validate", "a.md"],
        'select = [""]\n',
        ":1: select: unknown rule ''; artconv rules lists them",
    ),
    "rules in a convert run": (
        ["convert", "a.md", "--to", "json"],
        "[rules]\n'consistency/amp' = 'error'\n",
        ":2: rules.\"consistency/amp\": unknown rule 'consistency/amp'; did you mean",
    ),
    "language": (
        ["convert", "a.md", "--to", "rss"],
        '[feed]\nlanguage = "english please"\n',
        ":2: feed.language: 'english please' is not a language tag; give one such as en,"
        " en-GB or zh-Hant (BCP 47)",
    ),
    "link": (
        ["convert", "a.md", "--to", "rss"],
        '[feed]\ntitle = "News"\nlink = "notaurl"\n',
        ":3: feed.link: 'notaurl' is relative and there is no base URL to join it to; give an"
        " absolute http(s) address, or set base-url (or pass --base-url)",
    ),
    "script link": (
        ["convert", "a.md", "--to", "atom"],
        "feed.url = 'javascript:alert(1)'\n",
        ":1: feed.url: not a web address: ",
    ),
    "content": (
        ["convert", "a.md", "--to", "jsonfeed"],
        'feed = { title = "News", content = "partial" }\n',
        ":1: feed.content: 'partial' is not a value it takes; use one of full, summary, none",
    ),
    "extractor": (
        ["convert", "a.md", "--to", "text"],
        '[converters.text]\n\nextractor = "magic"\n',
        ":3: converters.text.extractor: 'magic' is not an extractor; use one of auto, builtin,"
        " trafilatura",
    ),
    "a feed option in a format's table": (
        ["convert", "a.md", "--to", "rss"],
        "[converters.rss]\nlanguage = 'english please'\n",
        ":2: converters.rss.language: 'english please' is not a language tag; give one",
    ),
    "an unknown option in a format's table": (
        ["convert", "a.md", "--to", "json"],
        "[converters.json]\nindent = 2\nindnt = 2\n",
        ":3: converters.json.indnt: format 'json' does not take option 'indnt'",
    ),
    "an option of the wrong kind": (
        ["convert", "a.md", "--to", "json"],
        '[converters.json]\nindent = "2"\n',
        ":2: converters.json.indent: '2' is a string, not a whole number; write it without"
        " quotes: indent = 2",
    ),
    "a switch written as a string": (
        ["convert", "a.md", "--to", "rss"],
        '[converters.rss]\ninclude-unpublished = "yes"\n',
        ":2: converters.rss.include-unpublished: 'yes' is a string, not true or false; write"
        " include-unpublished = true or include-unpublished = false",
    ),
    "profile": (
        ["validate", "a.md"],
        'profile = "jeckyll"\n',
        ":1: profile: unknown profile 'jeckyll'; did you mean \"jekyll\"? (artconv profiles"
        " lists them)",
    ),
    "title of the wrong kind": (
        ["convert", "a.md", "--to", "rss"],
        "[feed]\ntitle = 5\n",
        ':2: feed.title: 5 is a whole number, not a string; write it in quotes: title = "5"',
    ),
    "misspelt format table": (
        ["convert", "a.md", "--to", "json"],
        "[converters.jsn]\nindent = 2\n",
        ":1: converters.jsn: no format is named 'jsn'; did you mean \"json\"? (artconv formats"
        " lists them)",
    ),
    "misspelt format table, dotted": (
        ["validate", "a.md"],
        "converters.jsn.indent = 2\n",
        ":1: converters.jsn: no format is named 'jsn'; did you mean \"json\"?",
    ),
    "unknown key": (
        ["validate", "a.md"],
        "\nforce_exclude = true\n",
        ':2: force_exclude: unknown setting; did you mean "force-exclude"?',
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_value_names_the_file_the_line_and_the_key(folder: Path, case: str) -> None:
    args, text, message = CASES[case]
    (folder / "artconv.toml").write_text(text)
    line = error_line(run(*args))
    assert line.startswith(f"{folder.resolve() / 'artconv.toml'}{message}"), line


def test_a_pyproject_names_the_key_as_it_is_written_there(folder: Path) -> None:
    (folder / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.artconv.feed]\nlanguage = "english please"\n'
    )
    line = error_line(run("convert", "a.md", "--to", "rss"))
    assert line.startswith(f"{folder.resolve() / 'pyproject.toml'}:5: tool.artconv.feed.language:")


def test_config_option_names_the_file_it_reads(folder: Path) -> None:
    (folder / "other.toml").write_text('ignore = ["yaml/boolean-wrod"]\n')
    line = error_line(run("validate", "a.md", "--config", "other.toml"))
    assert line.startswith("other.toml:1: ignore: unknown rule 'yaml/boolean-wrod'")


def test_a_key_whose_line_is_not_sure_is_named_without_one(folder: Path) -> None:
    # The same key path twice (an array of tables) has no one line: none is given, not a guess.
    (folder / "artconv.toml").write_text("[[feed]]\ntitle = 'a'\n[[feed]]\ntitle = 'b'\n")
    line = error_line(run("validate", "a.md"))
    assert line.startswith(f"{folder.resolve() / 'artconv.toml'}: feed: [{{")


def test_the_same_mistakes_as_flags_name_the_flags(folder: Path) -> None:
    language = error_line(run("convert", "a.md", "--to", "rss", "--language", "english please"))
    assert language.startswith("--language (language= in the library) must be a language tag")
    link = error_line(run("convert", "a.md", "--to", "rss", "--feed-link", "notaurl"))
    assert link.startswith("--feed-link (feed_link= in the library) must be a web address")
    rule = error_line(run("validate", "a.md", "--ignore", "consistency/datez"))
    assert rule.startswith("unknown rule 'consistency/datez'")


def test_a_relative_link_in_the_file_is_joined_to_the_base_given_as_a_flag(folder: Path) -> None:
    (folder / "artconv.toml").write_text('[feed]\nlink = "news/"\n')
    result = run("convert", "a.md", "--to", "rss", "--base-url", "https://site.example/")
    assert result.exit_code == 0, result.stderr
    assert "<link>https://site.example/news/</link>" in result.stdout


def test_a_good_file_still_sets_every_checked_value(folder: Path) -> None:
    (folder / "artconv.toml").write_text(
        'ignore = ["consistency/dates"]\nprofile = "article"\n[rules]\n"schema" = "warning"\n'
        '[feed]\nlanguage = "en-GB"\nlink = "/"\nbase-url = "https://site.example/blog/"\n'
        'content = "summary"\n[converters.text]\nextractor = "builtin"\n'
    )
    feed = run("convert", "a.md", "--to", "rss")
    assert feed.exit_code == 0, feed.stderr
    assert "<language>en-GB</language>" in feed.stdout
    assert "<link>https://site.example/</link>" in feed.stdout
    assert run("convert", "a.md", "--to", "text").exit_code == 0
    assert run("validate", "a.md").exit_code == 0


def test_a_schema_the_file_names_that_cannot_be_read_names_the_file_and_the_key(
    folder: Path,
) -> None:
    (folder / "artconv.toml").write_text('strict = true\nschema = "schemas/blog.json"\n')
    line = error_line(run("validate", "a.md"))
    config, schema = folder.resolve() / "artconv.toml", folder.resolve() / "schemas/blog.json"
    assert line == f"{config}:2: schema: cannot read schema {schema}: No such file or directory"


DEEP = 399  # as deep as tomllib reads arrays here; each level had cost the key reader a call


def test_deeply_nested_valid_settings_name_the_line_without_a_traceback(folder: Path) -> None:
    (folder / "artconv.toml").write_text(f"jobs = 1\nexclude = {'[' * DEEP}{']' * DEEP}\n")
    line = error_line(run("validate", "a.md"))
    assert line.startswith(f"{folder.resolve() / 'artconv.toml'}:2: exclude: [[[["), line
    assert line.endswith('is a list, not a string; write each item in quotes: ["..."]')


def test_another_tools_deep_table_leaves_the_artconv_table_read_and_placed(
    folder: Path,
) -> None:
    other = f"[tool.other]\nmatrix = {'[' * DEEP}{']' * DEEP}\n"
    tables = "x = " + "{y = " * 200 + "1" + "}" * 200 + "\n"
    (folder / "pyproject.toml").write_text(f'{other}{tables}[tool.artconv]\nignore = ["x/y"]\n')
    line = error_line(run("validate", "a.md"))
    assert line.startswith(f"{folder.resolve() / 'pyproject.toml'}:5: tool.artconv.ignore:"), line
    (folder / "pyproject.toml").write_text(f"{other}[tool.artconv]\njobs = 1\n")
    assert run("validate", "a.md").exit_code == 0


def test_settings_leave_for_the_converters_as_plain_strings(folder: Path) -> None:
    # Where a value was written rides on a str subclass up to its check; the feed's head
    # fields and a plugin's options are plain str, which any writer takes.
    from convert.config import load_settings
    from convert.converters import get_converter
    from convert.converters.feeds.settings import FeedSettings
    from convert.converters.writing import configured_options, feed_options, options_for

    (folder / "artconv.toml").write_text(
        '[feed]\ntitle = "News"\ndescription = "All of it"\nlanguage = "en"\nlink = "/"\n'
        'base-url = "https://site.example/"\n[converters.rss]\nfeed-url = "/feed.xml"\n'
        "[converters.text]\nextractor = 'builtin'\n"
    )
    settings = load_settings()
    rss = get_converter("rss")
    configured = feed_options(settings.feed)
    configured.update(configured_options(rss, settings.converters["rss"], settings.source))
    head = FeedSettings.from_options(options_for(rss, configured, {}))
    texts = [head.feed_title, head.feed_description, head.language, head.feed_link]
    assert texts == ["News", "All of it", "en", "https://site.example/"]
    assert head.feed_url == "https://site.example/feed.xml"
    assert all(type(text) is str for text in [*texts, head.feed_url, head.base_url])

    class Plugin:  # any converter not of this package
        name = "plugin"
        options: ClassVar[dict[str, type]] = {"feed_title": str, "extractor": str}

    table = configured_options(Plugin(), settings.converters["text"], settings.source)
    given = options_for(Plugin(), {**feed_options(settings.feed), **table}, {})  # type: ignore[arg-type]
    assert given == {"feed_title": "News", "extractor": "builtin"}
    assert all(type(value) is str for value in given.values())
