"""The feed options have one definition, and every place they show up is read from it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from convert.cli.convert_cmd import convert as convert_command
from convert.config import load_settings
from convert.converters import get_converter
from convert.converters.feeds.settings import CONFIG_FEED_KEYS, OPTIONS, FeedSettings
from convert.converters.writing import feed_options
from convert.errors import ConfigError, ConverterError
from tests.scaling import FACTOR, assert_linear

FEED_FORMATS = ("rss", "atom", "jsonfeed")


def _params() -> dict[str, click.Parameter]:
    return {p.name: p for p in convert_command.params if p.name}


def test_every_field_is_one_option_of_every_feed_format() -> None:
    names = [f.name for f in dataclasses.fields(FeedSettings)]
    assert [o.name for o in OPTIONS] == names
    for fmt in FEED_FORMATS:
        declared = get_converter(fmt).options
        assert list(declared) == names
        assert dict(declared) == {o.name: o.kind for o in OPTIONS}
    kinds = dict(get_converter("rss").options)
    assert (kinds["feed_link"], kinds["limit"], kinds["include_unpublished"]) == (str, int, bool)


def test_every_option_has_its_flag_with_its_help() -> None:
    params = _params()
    for option in OPTIONS:
        param = params[option.name]
        assert isinstance(param, click.Option)
        assert param.opts == [option.flag]
        assert param.help == option.spelling.help
    assert params["include_unpublished"].is_flag  # type: ignore[attr-defined]
    assert isinstance(params["content"].type, click.Choice)
    assert list(params["content"].type.choices) == ["full", "summary", "none"]


def test_every_feed_flag_states_its_default() -> None:
    """A user reading --help learns what leaving a flag out does (the title "Articles")."""
    for option in OPTIONS:
        assert "default" in option.spelling.help, option.name
    title = _params()["feed_title"]
    assert isinstance(title, click.Option) and "(default: Articles)" in (title.help or "")


def test_the_flags_read_in_help_as_they_always_have() -> None:
    """The help text is user-facing: generating the flags must give exactly this."""
    context = click.Context(convert_command, info_name="convert", terminal_width=80)
    text = convert_command.get_help(context)
    expected = """\
  --feed-title TEXT              Feed title (default: Articles).
  --feed-link URL                The site the feed belongs to (default: the base
                                 URL, else the site profile's site, else the one
                                 site all its items are on, else the root of
                                 --feed-url).
  --feed-url URL                 Where the feed itself is published (default:
                                 none, and no self link).
  --feed-description TEXT        Feed description (default: the title).
  --language TAG                 Feed language, e.g. en or en-GB (default:
                                 none).
  --base-url URL                 Make relative URLs absolute against this
                                 (default: none; relative URLs are left out).
  --limit INTEGER RANGE          At most this many feed items (default: no
                                 limit).  [x>=0]
  --include-unpublished          Keep records with published: false in feeds
                                 (default: they are left out).
  --content [full|summary|none]  Feed items carry the whole article (full, the
                                 default), the excerpt only, or neither.
"""
    assert expected in text


def test_each_config_key_sets_its_option(tmp_path: Path) -> None:
    keys = {option.spelling.config_key: option.name for option in OPTIONS}
    keys.pop(None)
    assert dict(CONFIG_FEED_KEYS) == keys
    good = {"language": "en-GB", "content": "summary"}  # values each key's check takes
    table = {
        key: good.get(key, f"https://site.example/{n}") for n, key in enumerate(CONFIG_FEED_KEYS)
    }
    lines = "".join(f'"{key}" = "{value}"\n' for key, value in table.items())
    (tmp_path / "artconv.toml").write_text(f"[feed]\n{lines}")
    options = feed_options(load_settings(tmp_path).feed)
    assert options == {keys[key]: value for key, value in table.items()}


def test_an_unknown_config_key_lists_the_known_ones(tmp_path: Path) -> None:
    (tmp_path / "artconv.toml").write_text("[feed]\nlimit = '3'\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path)
    assert str(caught.value).endswith(
        "artconv.toml:2: feed.limit: unknown feed setting; the feed settings are title, link, "
        "url, description, language, base-url, content"
    )


def test_defaults_and_choices_come_from_the_fields() -> None:
    assert FeedSettings.from_options({}) == FeedSettings()
    assert FeedSettings().feed_title == "Articles" and FeedSettings().content == "full"
    assert FeedSettings.from_options({"content": "none", "limit": 2}).limit == 2
    with pytest.raises(ConverterError) as caught:
        FeedSettings.from_options({"content": "everything"})
    assert str(caught.value) == (
        "--content (content= in the library) must be one of full, summary, none, not 'everything'"
    )


@pytest.mark.parametrize(
    ("link", "why"),
    [
        ("javascript:alert(1)", "uses the javascript: scheme"),
        ("https://exa mple.com/", "has a host or port no browser reads"),
        (
            "news/",
            "relative URL and there is no base URL to join it to"
            " (pass --base-url URL (base_url= in the library))",
        ),
    ],
)
@pytest.mark.parametrize("name", ["feed_link", "feed_url"])
def test_a_feed_link_that_is_no_web_address_is_refused(name: str, link: str, why: str) -> None:
    """A reader opens the feed's own links from its head, so they are held to the items'
    rule, and refused before any record is read rather than printed as given."""
    with pytest.raises(ConverterError) as caught:
        FeedSettings.from_options({name: link})
    flag = name.replace("_", "-")
    assert str(caught.value).startswith(
        f"--{flag} ({name}= in the library) must be a web address: "
    )
    assert why in str(caught.value)


def test_feed_links_are_written_as_item_links_are() -> None:
    settings = FeedSettings.from_options(
        {"feed_link": "/", "feed_url": "feed.xml", "base_url": "https://site.example/blog/"}
    )
    assert (settings.feed_link, settings.feed_url) == (
        "https://site.example/",
        "https://site.example/blog/feed.xml",
    )
    assert FeedSettings.from_options({"feed_link": "https://a.example/a b"}).feed_link == (
        "https://a.example/a%20b"
    )
    assert FeedSettings.from_options({"feed_link": "  "}) == FeedSettings()  # blank: left out


@pytest.mark.parametrize("blank", ["", "  ", "\t\n"])
def test_a_blank_title_or_description_is_left_out(blank: str, tmp_path: Path) -> None:
    """As a blank link or language is: the feed keeps its default title ("Articles"), and the
    description follows the title, rather than a channel no reader can name."""
    options = {"feed_title": blank, "feed_description": blank}
    assert FeedSettings.from_options(options) == FeedSettings()
    record = tmp_path / "a.md"
    record.write_text("---\ntitle: A\nwebUrl: https://site.example/a\n---\nBody.\n")
    result = CliRunner().invoke(
        convert_command,
        [str(record), "--to", "rss", "--feed-title", blank, "-O", "feed_description="],
    )
    channel = result.stdout.split("<item>")[0]
    assert "<title>Articles</title>" in channel and "<description>Articles</description>" in channel


def test_the_command_line_refuses_a_script_as_the_feed_link(tmp_path: Path) -> None:
    record = tmp_path / "a.md"
    record.write_text("---\ntitle: A\nwebUrl: https://site.example/a\n---\nBody.\n")
    result = CliRunner().invoke(
        convert_command, [str(record), "--to", "rss", "--feed-link", "javascript:alert(1)"]
    )
    assert result.exit_code == 2 and result.stdout == ""
    assert "--feed-link (feed_link= in the library) must be a web address" in result.stderr


@pytest.mark.parametrize(
    ("base", "why"),
    [
        ("javascript:alert(1)//", "uses the javascript: scheme"),
        ("https://exa mple.com/", "has a host or port no browser reads"),
        ("http://[", "has a host or port no browser reads"),
        ("/blog/", "'/blog/' is relative: the base itself must be absolute"),
    ],
)
def test_a_base_url_that_is_no_web_address_is_refused(base: str, why: str) -> None:
    """The base is the feed's site link when no feed_link is given, and every relative link
    takes its host: held to the same rule, rather than printed as given."""
    with pytest.raises(ConverterError) as caught:
        FeedSettings.from_options({"base_url": base})
    message = str(caught.value)
    assert message.startswith("--base-url (base_url= in the library) must be a web address: ")
    assert why in message
    settings = FeedSettings.from_options({"base_url": "https://site.example/my blog/"})
    assert settings.base_url == "https://site.example/my%20blog/"
    joined = FeedSettings.from_options(
        {"base_url": "https://site.example/my blog/", "feed_url": "f"}
    )
    assert joined.feed_url == "https://site.example/my%20blog/f"


@pytest.mark.parametrize(
    "tag",
    [
        "en",
        "en-GB",
        "EN-gb",  # BCP 47 tags are read in any case
        "tlh",
        "zh-Hant",
        "zh-Hant-TW",
        "sr-Latn-RS",
        "de-CH-1901",
        "de-CH-1996",
        "es-419",
        "zh-yue-HK",  # an extended language subtag
        "sl-rozaj-biske",  # two variants
        "hy-Latn-IT-arevela",
        "en-US-u-ca-gregory",  # an extension
        "en-a-bbb-x-a-ccc",
        "art-lojban",  # grandfathered, but of the regular shape
        "x-klingon",  # private use alone is a tag of its own
        "de-x-private",
    ],
)
def test_a_language_tag_is_taken(tag: str) -> None:
    assert FeedSettings.from_options({"language": tag}).language == tag


@pytest.mark.parametrize(
    "tag",
    [
        "en\n<x>",
        "e\x01n",
        "en_GB",
        "english language",
        "en-",
        "-en",
        "é",
        "e",  # a primary language subtag has 2 letters or more
        "abcdefghi",  # and 8 at most
        "en1",
        "fr-FR-x",  # private use with no subtag after the x
        "en-US-u",  # an extension with no subtag after its singleton
        "en-a-b",
        "en-GB-GB",  # a second region
        "en-Latn-Latn",  # a second script
        "en-GB-oed",  # irregular grandfathered tags are left out
        "i-klingon",
        "en-1996-1996",  # a variant twice
        "en-a-bb-a-cc",  # an extension's singleton twice
        "en-١٢٣",  # digits, but not ASCII ones
        "en-x-abcdefghi",
    ],
)
def test_a_language_that_is_no_tag_is_refused(tag: str) -> None:
    """Printed as given, it would be the feed's language for every reader (a newline in
    RSS's <language>, a space in Atom's xml:lang, ``e`` for no language at all): refused,
    as the other options are."""
    with pytest.raises(ConverterError) as caught:
        FeedSettings.from_options({"language": tag})
    assert "--language" in str(caught.value) and "BCP 47" in str(caught.value)


@pytest.mark.parametrize(("tag", "code"), [("e", 2), ("fr-FR-x", 2), ("fr-FR", 0)])
def test_the_command_line_refuses_a_language_that_is_no_tag(
    tmp_path: Path, tag: str, code: int
) -> None:
    record = tmp_path / "a.md"
    record.write_text(
        "---\ntitle: A\nwebUrl: https://site.example/a\n"
        "publishedDateTime: 2020-02-20T20:00:00Z\n---\nBody.\n"
    )
    result = CliRunner().invoke(convert_command, [str(record), "--to", "rss", "--language", tag])
    assert result.exit_code == code, result.stderr
    assert (f"<language>{tag}</language>" in result.stdout) == (code == 0)


@pytest.mark.parametrize(
    "tag", [lambda n: "a-" * n + "!", lambda n: "en-" + "1996-" * n + "x"], ids=["a", "1996"]
)
def test_a_long_language_is_judged_in_linear_time(tag: Callable[[int], str]) -> None:
    """Refused subtag by subtag: 8 times the subtags (200,000) cost about 8 times, not 64."""

    def judged(language: str) -> None:
        with pytest.raises(ConverterError):
            FeedSettings.from_options({"language": language})

    assert_linear(judged, tag, 200_000 // FACTOR)
