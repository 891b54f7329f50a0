"""Dates, file-name dates, permalink patterns, excerpts and the profile registry."""

from __future__ import annotations

from typing import Any

import pytest

from convert.errors import PluginError
from convert.profiles import get_profile, profile_specs
from convert.profiles.dates import file_name_date, normalise_date, zola_file_name_date
from convert.profiles.excerpts import excerpt_of
from convert.profiles.urls import (
    JEKYLL_STYLES,
    date_tokens,
    expand,
    jekyll_slug,
    join_url,
)
from convert.profiles.zola_slug import zola_slug, zola_unspelled
from tests.scaling import FACTOR, assert_linear


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-07-16 05:08:11 +0000", "2026-07-16T05:08:11+00:00"),
        ("2018-07-24 15:28:50 +0800", "2018-07-24T15:28:50+08:00"),
        ("2010-01-10 13:07:09 +00:00", "2010-01-10T13:07:09+00:00"),
        ("2018-04-23 00:00:00 -0800", "2018-04-23T00:00:00-08:00"),
        ("2016-03-09T16:20:02-05:00", "2016-03-09T16:20:02-05:00"),
        ("2024-06-11T12:06:50.25+08:00", "2024-06-11T12:06:50.25+08:00"),
        ("2020-02-20T20:00:00Z", "2020-02-20T20:00:00Z"),
        ("2019-03-09", "2019-03-09T00:00:00Z"),
        ("2017-2-5", "2017-02-05T00:00:00Z"),
        ("2024-05-01 10:30", "2024-05-01T10:30:00Z"),
        # YAML 1.1's timestamp, Zola's and Ruby's parsers take a one-digit offset hour.
        ("2001-12-14 21:59:43.10 -5", "2001-12-14T21:59:43.10-05:00"),
        ("2024-05-01 10:30 +0530", "2024-05-01T10:30:00+05:30"),
        ("2024-05-01T10:30:00+05:99", None),
        ("2024-02-30", None),
        ("2024-01-01 25:00:00", None),
        ("yesterday", None),
        (20240101, None),
    ],
)
def test_dates_become_rfc3339_keeping_the_written_offset(written: Any, expected: str) -> None:
    assert normalise_date(written) == expected


def test_dates_without_an_offset_take_the_sites_time_zone() -> None:
    assert normalise_date("2024-01-15 12:00:00", "Europe/Berlin") == "2024-01-15T12:00:00+01:00"
    assert normalise_date("2024-07-15", "Europe/Berlin") == "2024-07-15T00:00:00+02:00"
    assert normalise_date("2024-07-15 +0000", "Europe/Berlin") == "2024-07-15T00:00:00+00:00"


def test_a_long_run_of_white_space_in_a_date_is_no_hang() -> None:
    # A hang guard, not a speed figure: the quadratic match took over a minute here, where the
    # fixed one takes milliseconds. 8 times the run of spaces must cost about 8 times, not 64.
    def dates(spaces: str) -> None:
        assert normalise_date(" 2024-01-01" + spaces + "x") is None
        assert normalise_date(" 2024-01-01 10:00 +0100" + spaces) == "2024-01-01T10:00:00+01:00"

    assert_linear(dates, lambda n: " " * n, 20_000 // FACTOR)


@pytest.mark.parametrize("zone", ["America", "Europe/" + "x" * 300, "No/Such_Zone"])
def test_a_time_zone_that_names_no_zone_reads_as_utc(zone: str) -> None:
    # "America" is a folder of zones in the tz database, and a long name is too long for a
    # file name: both fail as files, not as unknown names, and must fall back all the same.
    assert normalise_date("2024-07-15 12:00:00", zone) == "2024-07-15T12:00:00Z"


def test_file_name_dates() -> None:
    assert file_name_date("2025-03-04-rustup-1.28.1") == (
        "2025-03-04T00:00:00Z",
        "2025-03-04",
        "rustup-1.28.1",
    )
    assert file_name_date("2016-10-08_a-post") == ("2016-10-08T00:00:00Z", "2016-10-08", "a-post")
    assert file_name_date("2019-05-05") == ("2019-05-05T00:00:00Z", "2019-05-05", "")
    assert file_name_date("2025-02-30-nope") == (None, "2025-02-30", "nope")
    assert file_name_date("about") == (None, None, "about")
    # Only a two-digit year is completed, the way Ruby (and so Jekyll) reads it.
    assert file_name_date("0010-01-01-engine")[0] == "0010-01-01T00:00:00Z"
    assert file_name_date("99-01-01-old")[0] == "1999-01-01T00:00:00Z"
    assert file_name_date("11-06-16-new")[0] == "2011-06-16T00:00:00Z"
    assert file_name_date("0000-01-01-Main") == (None, "0000-01-01", "Main")


@pytest.mark.parametrize(
    ("stem", "jekyll", "zola"),
    [
        # Both read a plain date and the slug after it.
        ("2024-01-31-title", "2024-01-31T00:00:00Z", "2024-01-31T00:00:00Z"),
        # Zola wants two-digit months and days and a four-digit year; Jekyll (Ruby) does not.
        ("2020-04-1-x", "2020-04-01T00:00:00Z", None),
        ("99-01-01-old", "1999-01-01T00:00:00Z", None),
        # Both date a name that is only a date (zola 0.22 too: its rule needs no slug).
        ("2019-05-05", "2019-05-05T00:00:00Z", "2019-05-05T00:00:00Z"),
        # Zola takes an RFC 3339 time in the name; Jekyll's rule stops at the day.
        ("2024-01-31T10:00:00Z_title", None, "2024-01-31T10:00:00Z"),
    ],
)
def test_zolas_file_name_date_rule_is_stricter_than_jekylls(
    stem: str, jekyll: str | None, zola: str | None
) -> None:
    assert file_name_date(stem)[0] == jekyll
    assert zola_file_name_date(stem, None)[0] == zola


def test_permalink_patterns() -> None:
    values = {"categories": "a/b", "title": "Post", "output_ext": ".html"}
    values.update(date_tokens("2024-03-06T09:15:00+05:30"))
    assert expand(JEKYLL_STYLES["date"], values) == "/a/b/2024/03/06/Post.html"
    assert expand(JEKYLL_STYLES["ordinal"], values) == "/a/b/2024/066/Post.html"
    assert expand(JEKYLL_STYLES["weekdate"], values) == "/a/b/2024/W10/Wed/Post.html"
    assert expand(JEKYLL_STYLES["none"], {**values, "categories": ""}) == "/Post.html"
    assert expand("/:year/:unknown/", values) == "/2024/:unknown/"


def test_links_and_slugs() -> None:
    assert (
        join_url("https://e.org/blog/", "/a b/日本/")
        == "https://e.org/blog/a%20b/%E6%97%A5%E6%9C%AC/"
    )
    assert join_url("https://e.org", "https://other.org/x") == "https://other.org/x"


# (content file name or ``slug``, the folder zola 0.22 published the page in), observed by
# building a site with slugify.paths = "on" (Zola's default).
ZOLA_PUBLISHED = [
    ("café-crème", "cafe-creme"),
    ("cafe\u0301 noir", "cafe-noir"),  # decomposed, as macOS writes file names
    ("naïve-façade", "naive-facade"),
    ("crème brûlée 100%", "creme-brulee-100"),
    ("Ça va? Très bien!", "ca-va-tres-bien"),
    ("Straße über alles", "strasse-uber-alles"),
    ("Ærø & Œuvre — 2024", "aero-oeuvre-2024"),
    ("łódź_żółć", "lodz-zolc"),
    ("Đorđe Þór ıi", "dorde-thor-ii"),
    ("İstanbul", "istanbul"),
    ("Ħal Ŧ", "hal-t"),
    ("ĳsje Ŀl", "ijsje-ll"),
    ("Ŋŋ ĸ ſ", "ngng-k-s"),
    ("ŉ test", "n-test"),
    ("ȘȚ șț", "st-st"),
    ("Ǆemal ǈubljana ǋ", "dzemal-ljubljana-nj"),
    ("Ǝ ǝ Ə ə", "3"),  # the turned e and the schwa are no letters to Zola
    ("Ñandú-Bundle", "nandu-bundle"),
    ("Ελληνικά κείμενα", "ellenika-keimena"),
    ("Ξένος ξένος", "ksenos-xenos"),  # the capital xi is spelled apart from the small
    ("Θεσσαλονίκη", "thessalonike"),
    ("Ψυχή και Ωκεανός", "psukhe-kai-okeanos"),
    ("Ἀθῆναι", "athenai"),
    ("ᾼθ ῳ", "ath-o"),
    ("привет", "privet"),
    ("Объявление №5", "ob-iavlenie-no5"),  # the hard sign is a gap
    ("Щука, Юля и Яна", "shchuka-iulia-i-iana"),
    ("Їжак ґанок Єва є", "yizhak-g-anok-eva-ie"),  # ґ ends in a gap; Є and є differ
    ("Ђорђе Љубљана Њиво Ћ Џ", "djordje-ljubljana-njivo-tsh-dzh"),
    ("Ўзбек Ёлка ё", "uzbek-iolka-io"),
    ("what’s new… (2024)", "what-s-new-2024"),
    ("«quoted» ‹x›", "quoted-x"),
    ("soft\u00adhyphen", "softhyphen"),
    ("zero\u200bwidth", "zero-width"),
    ("non\u200cjoiner", "nonjoiner"),
    ("©2024 ACME®", "c-2024-acme-r"),
    ("½ cup", "1-2-cup"),
    ("50° north", "50deg-north"),
    ("µs and ¼", "us-and-1-4"),
    ("§ 3 ¶ 2", "ss-3-p-2"),
    ("ª º", "a-o"),
    ("x×y÷z", "xxy-z"),
    ("‰ ‱", "0-00"),
    ("prix 5€", "prix-5eur"),
    ("Foo™", "footm"),
    ("№ 7", "no-7"),
    ("v1.2.3_beta", "v1-2-3-beta"),
    ("  spaced  out  ", "spaced-out"),
]


@pytest.mark.parametrize(("written", "published"), ZOLA_PUBLISHED)
def test_zola_slug_spells_the_page_as_zola_publishes_it(written: str, published: str) -> None:
    assert (zola_slug(written), zola_unspelled(written)) == (published, "")


@pytest.mark.parametrize(
    ("written", "unspelled", "kept"),
    [
        # zola 0.22 published these at bei-jing-de-tian-qi-hen-hao, hangugeo-geul, mrhb,
        # shlvm, emoji-grinning-post and cafebei-jing-bei: spellings from dictionaries.
        ("北京的天气很好", "北京的天气很好", "北京的天气很好"),
        ("한국어 글", "한국어글", "한국어-글"),
        ("مرحبا", "مرحبا", "مرحبا"),
        ("שלום", "שלום", "שלום"),
        ("emoji 😀 post", "😀", "emoji-post"),
        ("Café北京 北", "北京", "café北京-北"),
    ],
)
def test_zola_slug_keeps_the_letters_it_cannot_spell_and_names_them(
    written: str, unspelled: str, kept: str
) -> None:
    assert (zola_slug(written), zola_unspelled(written)) == (kept, unspelled)


def test_zola_slug_takes_linear_time() -> None:
    """8 times the characters cost about 8 times, not 64: a name is no hang however long."""

    def slugs(count: int) -> None:
        assert zola_slug("é—" * count + "北") == "é" + "-é" * (count - 1) + "-北"
        assert zola_slug("Ж " * count) == "zh" + "-zh" * (count - 1)

    assert_linear(slugs, int, 40_000 // FACTOR)


def test_excerpts_stop_at_the_separator_and_drop_template_tags() -> None:
    body = "Intro {{< figure src=x >}} with *stress*.\n<!--more-->\nRest."
    assert excerpt_of(body, "<!--more-->", "markdown") == "Intro with stress."
    assert excerpt_of(body, "<!-- more -->", "markdown") == "Intro with stress."
    assert excerpt_of("No separator here.", "<!--more-->", "markdown") is None
    assert excerpt_of("\nFirst {% raw %}one.\n\nSecond.", "\n\n", "markdown") == "First one."
    assert (
        excerpt_of("<p>Some <b>html</b></p><!--more--><p>x</p>", "<!--more-->", "html")
        == "Some html"
    )


def test_unclosed_template_tags_and_comments_in_an_excerpt_are_no_hang() -> None:
    # A hang guard, not a speed figure: each unclosed opener had the lazy regexes search to
    # the end of the body again, over a minute here; the scan takes time linear in the body.
    def excerpt(body: str) -> None:
        excerpt = excerpt_of(body, "\n\n", "markdown")
        assert excerpt is not None and excerpt.startswith("Intro") and "tag" not in excerpt

    intro = "Intro {{ tag }}<!-- note -->"
    for opener in ("{%", "{{", "<!--"):
        assert_linear(excerpt, lambda n, opener=opener: intro + opener * n, 8_000 // FACTOR)


class FakeDist:
    name = "house-profiles"


class FakeEntryPoint:
    def __init__(self, name: str, value: str) -> None:
        self.name, self.value, self.dist = name, value, FakeDist()


class HouseProfile:
    """A house style."""

    name = "house"

    def describe(self, options: Any) -> Any:
        return iter(())

    def map(self, record: Any, options: Any) -> Any:
        raise NotImplementedError


def test_third_party_profiles_come_from_the_entry_point_group() -> None:
    def find(group: str) -> list[FakeEntryPoint]:
        assert group == "convert.profiles"
        return [
            FakeEntryPoint("house", f"{__name__}:HouseProfile"),
            FakeEntryPoint("jekyll", f"{__name__}:HouseProfile"),
            FakeEntryPoint("broken", "no_such_module_here:Thing"),
            FakeEntryPoint("wrong", f"{__name__}:FakeDist"),
        ]

    specs = profile_specs(find)  # type: ignore[arg-type]
    assert {"article", "jekyll", "hugo", "zola", "house", "house-profiles:jekyll"} <= set(specs)
    assert specs["jekyll"].distribution == "article-convert"  # a built-in name is never taken
    assert isinstance(get_profile("house", find), HouseProfile)  # type: ignore[arg-type]
    with pytest.raises(PluginError, match="broken"):
        get_profile("broken", find)  # type: ignore[arg-type]
    with pytest.raises(PluginError, match="not a profile"):
        get_profile("wrong", find)  # type: ignore[arg-type]


def test_jekyll_slug_keeps_letters_marks_and_digits_of_any_script() -> None:
    assert jekyll_slug("Release-0.5_notes~x!") == "release-0-5-notes-x"
    assert jekyll_slug("Ünï code²") == "ünï-code"  # ² is a digit, but no decimal one
    assert jekyll_slug("हिन्दी पोस्ट") == "हिन्दी-पोस्ट"  # vowel signs are marks, kept
    assert jekyll_slug("__") == ""
