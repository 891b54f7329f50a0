"""Shapes of front matter that published sites write and their generator accepts.

Each test writes its own minimal front matter in the shape found on a real site; the value
must map as the generator reads it, with no finding that blames it.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from urllib.parse import quote

import pytest

from convert.converters.writing import convert
from convert.diagnostics import Severity
from convert.loading import load
from convert.profiles import MappedRecord, ProfileOptions
from convert.profiles.mapping import Mapper
from convert.profiles.site import read_site_config

BASE = "https://example.org"


def mapped(tmp_path: Path, profile: str, relative: str, text: str) -> MappedRecord:
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    record = Mapper(ProfileOptions(profile, base_url=BASE)).apply(load(path))
    assert isinstance(record, MappedRecord)
    return record


def rules(record: MappedRecord) -> list[str]:
    return [problem.rule for problem in record.problems]


CAPITALISED = """---
Title: Capital keys
Date: 2010-06-12 23:10:00
Description: Hugo lower-cases every key.
Tags: [one]
Categories: [life]
Draft: true
Slug: capitals
---
Body.
"""


def test_hugo_reads_keys_whatever_their_letter_case(tmp_path: Path) -> None:
    record = mapped(tmp_path, "hugo", "content/posts/x.md", CAPITALISED)
    assert rules(record) == []
    assert record.meta["title"] == "Capital keys"
    assert record.meta["publishedDateTime"] == "2010-06-12T23:10:00Z"
    assert record.meta["excerpt"] == "Hugo lower-cases every key."
    assert record.meta["topics"] == ["one"] and record.meta["categories"] == ["life"]
    assert record.meta["published"] is False
    assert record.meta["webUrl"] == BASE + "/posts/capitals/"
    # Findings about a mapped value still point at the key as the user wrote it.
    assert record.origins["/title"].pointer == "/Title"
    assert record.source.locate("/publishedDateTime") == (3, 7)


def test_an_exact_key_wins_over_one_in_another_case(tmp_path: Path) -> None:
    text = "+++\nTITLE = 'loud'\ntitle = 'quiet'\ndate = 2024-01-02\n+++\n"
    record = mapped(tmp_path, "hugo", "content/posts/y.md", text)
    assert record.meta["title"] == "quiet"


def test_jekyll_and_zola_keys_keep_their_case(tmp_path: Path) -> None:
    # Liquid's page.title and Zola's serde fields are case-sensitive: Title is another key.
    jekyll = mapped(tmp_path, "jekyll", "_posts/2024-01-02-named.md", CAPITALISED)
    assert jekyll.meta["title"] == "Named"
    zola = mapped(
        tmp_path, "zola", "content/posts/z.md", "+++\nTitle = 'x'\ndate = 2024-01-02\n+++\n"
    )
    assert "profile/missing" in rules(zola)


def test_a_one_digit_offset_hour_is_a_date(tmp_path: Path) -> None:
    text = "---\ntitle: Offset\ndate: 2001-12-14 21:59:43.10 -5\n---\n"
    record = mapped(tmp_path, "zola", "content/posts/offset.md", text)
    assert rules(record) == []
    assert record.meta["publishedDateTime"] == "2001-12-14T21:59:43.10-05:00"


def test_zola_reads_a_date_in_a_file_name_only_with_two_digit_month_and_day(tmp_path: Path) -> None:
    # Zola's file-name rule wants 2020-04-01; 2020-04-1-... is part of the slug.
    text = "+++\ntitle = 'Announcing'\ndate = 2020-04-01\n+++\n"
    record = mapped(tmp_path, "zola", "content/news/2020-04-1-announcing/index.md", text)
    assert rules(record) == []
    assert record.meta["webUrl"] == BASE + "/news/2020-04-1-announcing/"
    timed = "+++\ntitle = 'Launch'\n+++\n"
    record = mapped(tmp_path, "zola", "content/news/2024-01-31T10:30:00+02:00_launch.md", timed)
    assert record.meta["publishedDateTime"] == "2024-01-31T10:30:00+02:00"
    assert record.meta["webUrl"] == BASE + "/news/launch/"


def test_zola_slugs_keep_only_letters_and_digits_and_folders_as_written(
    tmp_path: Path,
) -> None:
    text = "+++\ntitle = 'Release'\n+++\n"
    record = mapped(tmp_path, "zola", "content/news/2020-09-19-release-0.2/index.md", text)
    assert record.meta["webUrl"] == BASE + "/news/release-0-2/"
    record = mapped(tmp_path, "zola", "content/before_after/one_more.md", text)
    assert record.meta["webUrl"] == BASE + "/before_after/one-more/"


@pytest.mark.parametrize(
    ("relative", "link"),
    [
        # zola 0.22 published these pages at these folders (slugify.paths = "on")
        ("content/blog/café-crème.md", "/blog/cafe-creme/"),
        ("content/blog/привет.md", "/blog/privet/"),
        ("content/blog/2024-05-01_Ελληνικά κείμενα.md", "/blog/ellenika-keimena/"),
        ("content/Café Noir/page.md", "/Caf%C3%A9%20Noir/page/"),  # folders as written
        ("content/blog/Ñandú-Bundle/index.md", "/blog/nandu-bundle/"),
    ],
)
def test_zola_spells_a_pages_slug_in_ascii_letters(
    tmp_path: Path, relative: str, link: str
) -> None:
    text = "+++\ntitle = 'Page'\ndate = 2024-05-01\n+++\n"
    record = mapped(tmp_path, "zola", relative, text)
    assert (record.meta["webUrl"], rules(record)) == (BASE + link, [])


def test_a_zola_slug_spelled_to_nothing_is_its_folders_path(tmp_path: Path) -> None:
    """zola 0.22 gives a page whose slug has no letter or digit its folder's path (not
    /blog//), and stops the build where that folder is a section (an _index page, or the
    content root): "Found path collisions"."""
    text = "+++\ntitle = 'Page'\ndate = 2024-05-01\nslug = '!!!'\n+++\n"
    record = mapped(tmp_path, "zola", "content/blog/x.md", text)
    assert record.meta["webUrl"] == BASE + "/blog/"
    (tmp_path / "content/blog/_index.md").write_text("+++\ntitle = 'Blog'\n+++\n")
    for relative in ("content/blog/x.md", "content/y.md"):
        record = mapped(tmp_path, "zola", relative, text)
        assert "webUrl" not in record.meta
        (problem,) = record.problems
        assert (problem.rule, problem.pointer) == ("profile/missing", "/slug")
        assert "stops the build" in problem.message


def test_zola_says_once_that_it_cannot_spell_a_chinese_slug(tmp_path: Path) -> None:
    # zola 0.22 published 北京的天气很好.md at /blog/bei-jing-de-tian-qi-hen-hao/: its
    # spelling of Chinese characters comes from a dictionary the profile does not have.
    text = "+++\ntitle = 'Weather'\ndate = 2024-05-01\n+++\n"
    record = mapped(tmp_path, "zola", "content/blog/北京的天气很好.md", text)
    assert record.meta["webUrl"] == BASE + "/blog/" + quote("北京的天气很好") + "/"
    (problem,) = record.problems
    assert (problem.rule, problem.severity, problem.pointer) == (
        "profile/untransliterated-slug",
        Severity.WARNING,
        "",
    )
    assert "北京的天气很好" in problem.message and "slug" in problem.hint
    own = "+++\ntitle = 'Weather'\ndate = 2024-05-01\nslug = '天气 😀 x'\n+++\n"
    record = mapped(tmp_path, "zola", "content/blog/weather.md", own)
    assert rules(record) == ["profile/untransliterated-slug"]
    assert record.problems[0].pointer == "/slug"
    assert "天气😀" in record.problems[0].message
    assert record.meta["webUrl"] == BASE + "/blog/" + quote("天气-x") + "/"


def test_zola_needs_no_spelling_of_a_slug_its_path_replaces(tmp_path: Path) -> None:
    text = "+++\ntitle = 'Weather'\ndate = 2024-05-01\npath = 'weather'\n+++\n"
    record = mapped(tmp_path, "zola", "content/blog/北京.md", text)
    assert (record.meta["webUrl"], rules(record)) == (BASE + "/weather/", [])


def test_zola_path_is_taken_as_written_in_every_language(tmp_path: Path) -> None:
    text = "+++\ntitle = 'Page'\ndate = 2024-01-02\npath = 'ailleurs/page'\n+++\n"
    record = mapped(tmp_path, "zola", "content/blog/page.fr.md", text)
    assert record.meta["webUrl"] == BASE + "/ailleurs/page/"


def test_hugo_keeps_underscores_and_drops_punctuation_in_paths(tmp_path: Path) -> None:
    text = "---\ntitle: 'Template: Excerpt (Defined)'\ndate: 2012-03-15\n---\n"
    record = mapped(tmp_path, "hugo", "content/blog/summit_notes_2018.md", text)
    assert record.meta["webUrl"] == BASE + "/blog/summit_notes_2018/"
    titled = Mapper(ProfileOptions("hugo", base_url=BASE, permalink="/:title/")).apply(
        load(tmp_path / "content/blog/summit_notes_2018.md")
    )
    assert titled.meta["webUrl"] == BASE + "/template-excerpt-defined/"


def test_hugo_lower_cases_a_turkish_dotted_capital_i_as_go_does(tmp_path: Path) -> None:
    # A Turkish travel post's file name: Go lower-cases İ to a plain i (hugo 0.168 publishes
    # /posts/istanbul-gezisi/), where Python's full case mapping adds a combining dot.
    text = "---\ntitle: İstanbul Gezisi\ndate: 2023-05-01\n---\n"
    record = mapped(tmp_path, "hugo", "content/posts/İstanbul-Gezisi.md", text)
    assert record.meta["webUrl"] == BASE + "/posts/istanbul-gezisi/"


def test_a_jekyll_file_named_for_the_year_0_says_why_it_has_no_date(tmp_path: Path) -> None:
    # Jekyll reads 0000-01-01-Main.md as the year 0, and sites use it to pin a post; a feed
    # date cannot say that year, and the finding says so instead of "not a real day".
    record = mapped(tmp_path, "jekyll", "_posts/0000-01-01-Main.md", "---\ntitle: Pinned\n---\n")
    (problem,) = [p for p in record.problems if p.rule == "profile/bad-date"]
    assert "year 0" in problem.message
    later = mapped(tmp_path, "jekyll", "_posts/0010-01-01-engine.md", "---\ntitle: Ten\n---\n")
    assert later.meta["publishedDateTime"] == "0010-01-01T00:00:00Z"
    assert later.meta["webUrl"] == BASE + "/0010/01/01/engine.html"


def test_hugo_images_in_the_shapes_themes_write(tmp_path: Path) -> None:
    listed = "---\ntitle: L\ndate: 2017-07-24\nimages:\n- images/card.png\n- /abs.png\n---\n"
    record = mapped(tmp_path, "hugo", "content/news/listed.md", listed)
    # The site's paths are joined to its address, as Hugo's absURL joins them.
    assert record.meta["images"] == [{"url": BASE + "/images/card.png"}, {"url": BASE + "/abs.png"}]
    assert record.origins["/images/1/url"].pointer == "/images/1"
    # A bundle's own file is below the page; a cover mapping brings its alt text.
    cover = "---\ntitle: C\ndate: 2021-10-09\ncover:\n  image: square.jpg\n  alt: A face\n---\n"
    record = mapped(tmp_path, "hugo", "content/posts/square/index.md", cover)
    assert record.meta["images"] == [{"url": BASE + "/posts/square/square.jpg", "title": "A face"}]
    assert record.origins["/images/0/url"].pointer == "/cover/image"
    out = io.BytesIO()
    convert([record], "jsonfeed", out, feed_title="T", feed_link=BASE)
    (item,) = json.loads(out.getvalue())["items"]
    assert item["image"] == BASE + "/posts/square/square.jpg"


def test_jekyll_and_zola_images(tmp_path: Path) -> None:
    jekyll = "---\ntitle: J\nimage:\n  path: /img/a.png\n  alt: An A\n  width: 1200\n---\n"
    record = mapped(tmp_path, "jekyll", "_posts/2024-01-02-j.md", jekyll)
    assert record.meta["images"] == [{"url": BASE + "/img/a.png", "title": "An A", "width": 1200}]
    header = "---\ntitle: H\nheader:\n  teaser: /t.png\n---\n"
    record = mapped(tmp_path, "jekyll", "_posts/2024-01-03-h.md", header)
    assert record.meta["images"] == [{"url": BASE + "/t.png"}]
    zola = "+++\ntitle = 'Z'\ndate = 2020-04-02\n[extra]\nimage = 'mountains.png'\n+++\n"
    record = mapped(tmp_path, "zola", "content/news/2020-04-02-second/index.md", zola)
    assert record.meta["images"] == [{"url": BASE + "/news/second/mountains.png"}]
    empty = "+++\ntitle = 'E'\ndate = 2020-04-02\nimage = ''\n+++\n"
    assert "images" not in mapped(tmp_path, "hugo", "content/e.md", empty).meta


IMAGED = "---\ntitle: I\ndate: 2024-01-05\nimage: /assets/a.jpg\nimages: [/assets/a.jpg]\n---\n"
ZOLA_IMAGED = "+++\ntitle = 'I'\ndate = 2024-01-05\n[extra]\nimage = '/assets/a.jpg'\n+++\n"


@pytest.mark.parametrize(
    ("profile", "relative", "text", "path", "below_host"),
    [
        # jekyll 4.3.1, url https://blog.example.org and baseurl /sub: jekyll-feed 0.17's
        # media:content and jekyll-seo-tag 2.8's og:image were /sub/assets/a.jpg for both
        # "/assets/a.jpg" and "assets/a.jpg" (absolute_url puts baseurl before either).
        ("jekyll", "_posts/2024-01-05-i.md", IMAGED, "/assets/a.jpg", "/sub/assets/a.jpg"),
        ("jekyll", "_posts/2024-01-05-i.md", IMAGED, "assets/a.jpg", "/sub/assets/a.jpg"),
        # hugo 0.168, baseURL https://blog.example.org/sub/: the og:image of absURL was
        # /assets/a.jpg for "/assets/a.jpg" (the host's) and /sub/rel/b.jpg for "rel/b.jpg".
        ("hugo", "content/posts/i.md", IMAGED, "/assets/a.jpg", "/assets/a.jpg"),
        ("hugo", "content/posts/i.md", IMAGED, "rel/b.jpg", "/sub/rel/b.jpg"),
        # zola 0.22, base_url https://blog.example.org/sub: get_url(path="/assets/a.jpg") was
        # /sub/assets/a.jpg.
        ("zola", "content/posts/i.md", ZOLA_IMAGED, "/assets/a.jpg", "/sub/assets/a.jpg"),
        ("zola", "content/posts/i.md", ZOLA_IMAGED, "rel/b.jpg", "/sub/rel/b.jpg"),
    ],
)
def test_a_sites_image_path_is_joined_to_its_address_as_the_generator_joins_it(
    tmp_path: Path, profile: str, relative: str, text: str, path: str, below_host: str
) -> None:
    page = tmp_path / relative
    page.parent.mkdir(parents=True)
    page.write_text(text.replace("/assets/a.jpg", path), encoding="utf-8")
    options = ProfileOptions(profile, base_url="https://blog.example.org/sub")
    record = Mapper(options).apply(load(page))
    assert isinstance(record, MappedRecord)
    assert record.meta["images"][0]["url"] == "https://blog.example.org" + below_host


@pytest.mark.parametrize(
    ("written", "joined"),
    [
        # An address of its own stays as written; a query and fragment stay unescaped.
        ("https://cdn.example.net/a.jpg", "https://cdn.example.net/a.jpg"),
        ("//cdn.example.net/a.jpg", "//cdn.example.net/a.jpg"),
        ("data:image/png;base64,AAAA", "data:image/png;base64,AAAA"),
        ("/img/a b.jpg?w=300#top", BASE + "/img/a%20b.jpg?w=300#top"),
        ("/img/a%20b.jpg", BASE + "/img/a%20b.jpg"),
        ("/img/café.jpg", BASE + "/img/caf%C3%A9.jpg"),
    ],
)
def test_an_images_address_is_joined_only_where_it_is_the_sites_path(
    tmp_path: Path, written: str, joined: str
) -> None:
    text = f"---\ntitle: I\nimage: '{written}'\n---\n"
    record = mapped(tmp_path, "jekyll", "_posts/2024-01-05-i.md", text)
    assert record.meta["images"] == [{"url": joined}]


def test_without_the_sites_address_an_images_path_is_left_for_the_feed(tmp_path: Path) -> None:
    page = tmp_path / "_posts" / "2024-01-05-i.md"
    page.parent.mkdir()
    page.write_text(IMAGED, encoding="utf-8")
    record = Mapper(ProfileOptions("jekyll")).apply(load(page))
    assert record.meta["images"] == [{"url": "/assets/a.jpg"}]


def test_a_doubled_extension_is_no_language(tmp_path: Path) -> None:
    # "x.md.md" is the page "x.md" to Zola on a one-language site, not a page in language "md".
    text = "+++\ntitle = 'Link'\n+++\n"
    record = mapped(tmp_path, "zola", "content/links/2024-08-19-sync-postgres.md.md", text)
    assert "locale" not in record.meta
    assert record.meta["webUrl"] == BASE + "/links/sync-postgres-md/"
    assert record.meta["publishedDateTime"] == "2024-08-19T00:00:00Z"


def test_hugo_reads_a_quoted_draft_flag_as_hugo_does(tmp_path: Path) -> None:
    # draft = "true" keeps a page out of Hugo's build; it must stay out of the feed too.
    text = "+++\ntitle = 'Quoted'\ndate = '2020-04-18T13:00:00+02:00'\ndraft = \"true\"\n+++\n"
    assert mapped(tmp_path, "hugo", "content/posts/q.md", text).meta["published"] is False
    text = "---\ntitle: Quoted\ndate: '2016-10-06'\ndraft: \"false\"\n---\n"
    assert mapped(tmp_path, "hugo", "content/posts/r.md", text).meta["published"] is True
    # Go's casts: a number is a flag, and a string only as strconv.ParseBool writes it.
    text = "+++\ntitle = 'Float'\ndate = 2020-04-18\ndraft = 1.0\n+++\n"
    assert mapped(tmp_path, "hugo", "content/posts/f.md", text).meta["published"] is False
    text = "---\ntitle: Spaced\ndate: 2020-04-18\ndraft: ' true'\n---\n"
    assert "published" not in mapped(tmp_path, "hugo", "content/posts/s.md", text).meta
    # Jekyll reads published: "false" as a present, so true, value; no flag is made of it.
    text = '---\ntitle: J\npublished: "false"\n---\n'
    assert "published" not in mapped(tmp_path, "jekyll", "_posts/2024-01-02-j.md", text).meta


def test_hugo_reads_published_as_the_inverse_of_draft(tmp_path: Path) -> None:
    # published: false keeps a page out of Hugo's build, as draft: true does.
    text = "---\ntitle: P\ndate: 2020-04-18\npublished: false\n---\n"
    record = mapped(tmp_path, "hugo", "content/posts/p.md", text)
    assert record.meta["published"] is False and record.origins["/published"].pointer == (
        "/published"
    )
    text = "+++\ntitle = 'Q'\ndate = 2020-04-18\npublished = \"true\"\n+++\n"
    assert mapped(tmp_path, "hugo", "content/posts/q.md", text).meta["published"] is True
    # With both, draft wins, whatever order they are written in.
    text = "---\ntitle: R\ndate: 2020-04-18\npublished: false\ndraft: false\n---\n"
    assert mapped(tmp_path, "hugo", "content/posts/r.md", text).meta["published"] is True
    text = "---\ntitle: S\ndate: 2020-04-18\ndraft: true\npublished: true\n---\n"
    assert mapped(tmp_path, "hugo", "content/posts/s.md", text).meta["published"] is False


def test_a_hugo_published_flag_is_no_date_and_a_published_date_is_one(tmp_path: Path) -> None:
    # Hugo's date keys include published, for the publish date; a flag there is passed over.
    text = "---\ntitle: T\nlastmod: 2021-02-03\npublished: false\n---\n"
    record = mapped(tmp_path, "hugo", "content/posts/t.md", text)
    assert rules(record) == []
    assert record.meta["publishedDateTime"] == "2021-02-03T00:00:00Z"
    text = "---\ntitle: U\npublished: 2019-05-06\n---\n"
    record = mapped(tmp_path, "hugo", "content/posts/u.md", text)
    assert record.meta["publishedDateTime"] == "2019-05-06T00:00:00Z"
    assert "published" not in record.meta


def test_a_zola_post_in_toml_11_maps(tmp_path: Path) -> None:
    # Zola reads TOML 1.1: an [extra] inline table written over several lines.
    pytest.importorskip("tomli", minversion="2.5")
    text = (
        "+++\ntitle = 'Covered'\ndate = 2024-02-03\n[extra]\ncover = {\n"
        "  image = 'cover.png',\n  alt = 'A cover',\n}\n+++\nBody.\n"
    )
    record = mapped(tmp_path, "zola", "content/blog/covered/index.md", text)
    assert rules(record) == []
    assert record.meta["title"] == "Covered"
    assert record.meta["images"][0]["url"] == BASE + "/blog/covered/cover.png"


def test_an_author_written_as_html_is_a_name(tmp_path: Path) -> None:
    # Themes print author as HTML; a feed's author is text.
    author = "'<a href=\"https://x.example\">Ann &amp; Bo</a>'"
    text = f"---\ntitle: A\ndate: 2018-03-08\nauthor: {author}\n---\n"
    record = mapped(tmp_path, "hugo", "content/post/a.md", text)
    assert record.meta["provider"] == {"name": "Ann & Bo", "authors": ["Ann & Bo"]}
    text = "---\ntitle: B\ndate: 2018-03-08\nauthor: 'Q < R > S'\n---\n"
    assert (
        mapped(tmp_path, "hugo", "content/post/b.md", text).meta["provider"]["name"] == "Q < R > S"
    )


def test_hugo_dates_a_page_by_lastmod_when_it_has_no_date(tmp_path: Path) -> None:
    # Hugo's default [frontmatter] date = [date, publishdate, pubdate, published, lastmod, modified]
    text = "---\ntitle: Only modified\nlastmod: 2023-10-19T00:40:04-07:00\n---\n"
    record = mapped(tmp_path, "hugo", "content/news/m.md", text)
    assert rules(record) == []
    assert record.meta["publishedDateTime"] == "2023-10-19T00:40:04-07:00"
    assert record.origins["/publishedDateTime"].pointer == "/lastmod"


def test_hugo_and_zola_find_front_matter_after_blank_lines(tmp_path: Path) -> None:
    # Zola's own theme pages open with a blank line, and close with "+++" and spaces.
    text = (
        "\n+++\ntitle = 'Ergo'\ndate = 2024-01-25T10:41:35+02:00\nupdated = 'soon'\n+++   \nBody.\n"
    )
    record = mapped(tmp_path, "zola", "content/themes/ergo/index.md", text)
    assert record.meta["title"] == "Ergo"
    assert record.meta["publishedDateTime"] == "2024-01-25T10:41:35+02:00"
    # Findings keep the file's own line numbers.
    (bad,) = record.problems
    assert (bad.rule, bad.line) == ("profile/bad-date", 5)
    hugo = mapped(tmp_path, "hugo", "content/p.md", "\n\n---\ntitle: H\ndate: 2024-01-02\n---\n")
    assert hugo.meta["title"] == "H" and hugo.source.locate("/title") == (4, 8)
    # Jekyll reads front matter only when the file's first line opens it.
    jekyll = mapped(tmp_path, "jekyll", "_posts/2024-01-03-j.md", "\n---\ntitle: J\n---\n")
    assert jekyll.meta["title"] == "J"  # the file name's title: the YAML is body text
    assert jekyll.original == {}


def test_jekyll_keeps_a_singular_category_or_tag_whole(tmp_path: Path) -> None:
    # Jekyll splits "categories: jekyll update" into two, but "category: Web Development"
    # is one category; a post's tags are its "tag" when it has one, else its "tags".
    text = """---
title: Keys in both numbers
category: Web Development
categories: jekyll update
tag: release notes
tags: [ignored, too]
---
Body.
"""
    record = mapped(tmp_path, "jekyll", "_posts/2024-01-31-both.md", text)
    assert rules(record) == []
    assert record.meta["categories"] == ["jekyll", "update", "Web Development"]
    assert record.origins["/categories/2"].pointer == "/category"
    assert record.meta["topics"] == ["release notes"]
    assert record.origins["/topics/0"].pointer == "/tag"
    assert record.meta["webUrl"] == BASE + "/jekyll/update/web%20development/2024/01/31/both.html"


def test_jekyll_reads_tags_when_the_singular_tag_is_empty(tmp_path: Path) -> None:
    text = "---\ntitle: Tags\ntag:\ntags: jekyll update\n---\nBody.\n"
    record = mapped(tmp_path, "jekyll", "_posts/2024-01-31-tags.md", text)
    assert record.meta["topics"] == ["jekyll", "update"]


def test_hugo_publishes_no_page_for_a_content_file_inside_a_leaf_bundle(tmp_path: Path) -> None:
    # A theme's example post folder with index.md and a second Markdown file beside it (and
    # one further down): Hugo takes those for resources of the bundle's page.
    page = "---\ntitle: Trip\ndate: 2024-01-01\n---\nBody.\n"
    bundle = mapped(tmp_path, "hugo", "content/posts/trip/index.md", page)
    assert rules(bundle) == [] and bundle.meta["webUrl"] == BASE + "/posts/trip/"
    for relative in ("content/posts/trip/notes.md", "content/posts/trip/extra/more.md"):
        record = mapped(tmp_path, "hugo", relative, page)
        assert "webUrl" not in record.meta and record.missing == {"webUrl"}
        (problem,) = record.problems
        assert problem.rule == "profile/missing"
        assert "a resource of the page bundle" in problem.message
        assert str(tmp_path / "content/posts/trip/index.md") in problem.message
    # A page beside a folder that is a leaf bundle, and a branch bundle's page, are pages.
    assert mapped(tmp_path, "hugo", "content/posts/solo.md", page).meta["webUrl"]
    mapped(tmp_path, "hugo", "content/posts/branch/_index.md", page)
    child = mapped(tmp_path, "hugo", "content/posts/branch/child.md", page)
    assert child.meta["webUrl"] == BASE + "/posts/branch/child/"


def test_a_bundle_made_or_undone_between_runs_of_one_process_is_seen(tmp_path: Path) -> None:
    # Each folder's index files are listed once while the folder is unchanged: a library
    # user who adds or removes a bundle's index.md between runs gets the new answer.
    page = "---\ntitle: Trip\ndate: 2024-01-01\n---\nBody.\n"
    notes = "content/posts/trip/notes.md"
    assert mapped(tmp_path, "hugo", notes, page).meta["webUrl"] == BASE + "/posts/trip/notes/"
    index = tmp_path / "content/posts/trip/index.md"
    index.write_text(page, encoding="utf-8")
    assert "webUrl" not in mapped(tmp_path, "hugo", notes, page).meta
    index.unlink()
    assert mapped(tmp_path, "hugo", notes, page).meta["webUrl"] == BASE + "/posts/trip/notes/"


def test_hugo_lists_a_folder_of_many_posts_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each page's look for a bundle's index listed its folder again: quadratic in a folder
    of thousands of posts (5,000 took 13 s to validate instead of 1.4 s)."""
    import convert.profiles.hugo_links as hugo

    listed: list[str] = []
    real = os.scandir

    def counted(folder: str) -> object:
        listed.append(str(folder))
        return real(folder)

    monkeypatch.setattr(hugo.os, "scandir", counted)
    page = "---\ntitle: Post\ndate: 2024-01-01\n---\nBody.\n"
    for n in range(40):
        record = mapped(tmp_path, "hugo", f"content/posts/many/p{n}.md", page)
        assert record.meta["webUrl"] == f"{BASE}/posts/many/p{n}/"
    # The folder changes as each page is written here, so it is listed again then; a run
    # over files that are all there lists each folder once.
    listed.clear()
    for n in range(40):
        mapped_again = Mapper(ProfileOptions("hugo", base_url=BASE)).apply(
            load(tmp_path / f"content/posts/many/p{n}.md")
        )
        assert isinstance(mapped_again, MappedRecord)
    assert sorted(set(listed)) == sorted(listed) and len(listed) <= 3


def test_hugo_renders_no_page_for_build_render_never_or_headless(tmp_path: Path) -> None:
    # A theme's sample of an article published elsewhere: listed, never rendered.
    external = """---
title: "External Article"
date: 2019-01-24
externalUrl: "https://elsewhere.example/writings/article/"
_build:
  render: "never"
  list: "local"
---
Body.
"""
    record = mapped(tmp_path, "hugo", "content/samples/external/index.md", external)
    assert "webUrl" not in record.meta and record.missing == {"webUrl"}
    (problem,) = record.problems
    assert problem.rule == "profile/missing" and (problem.line, problem.column) == (6, 11)
    assert '_build.render is "never"' in problem.message
    toml = '+++\ntitle = "F"\ndate = 2019-01-24\n[build]\nrender = false\n+++\n'
    record = mapped(tmp_path, "hugo", "content/samples/off.md", toml)
    assert "build.render is false" in record.problems[0].message
    headless = "---\ntitle: Widgets\ndate: 2019-01-24\nheadless: true\n---\n"
    record = mapped(tmp_path, "hugo", "content/home/index.md", headless)
    assert "headless is true" in record.problems[0].message
    # "link" renders nothing either, but the page still has its permalink.
    linked = "---\ntitle: L\ndate: 2019-01-24\nbuild:\n  render: link\n---\n"
    record = mapped(tmp_path, "hugo", "content/samples/linked/index.md", linked)
    assert rules(record) == [] and record.meta["webUrl"] == BASE + "/samples/linked/"


WORDPRESS_EXPORT = """---
title: 'Metered licensing support in Product 16.12.1'
date: Mon, 16 Jan 2017 08:53:01 +0000
draft: false
url: /2017/01/16/metered-licensing-support-16.12.1/
author: Jane Doe
summary: ''
tags: []
categories: ['Product Family']
---
We are pleased to announce the release.
"""


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("Mon, 16 Jan 2017 08:53:01 +0000", "2017-01-16T08:53:01+00:00"),  # RFC 1123
        ("Wed, 23 Oct 2013 19:24:38 GMT", "2013-10-23T19:24:38Z"),
        ("02 Jan 06 15:04 -0700", "2006-01-02T15:04:00-07:00"),  # RFC 822
        ("Mon Jan  2 15:04:05 2006", "2006-01-02T15:04:05Z"),  # ANSIC
        ("2006-01-02 15:04:05.5 -0700 MST", "2006-01-02T15:04:05.5-07:00"),  # Go's own
        ("02 Jan 2006", "2006-01-02T00:00:00Z"),
    ],
)
def test_hugo_reads_the_dates_of_sites_exported_from_wordpress(
    tmp_path: Path, written: str, date: str
) -> None:
    text = WORDPRESS_EXPORT.replace("Mon, 16 Jan 2017 08:53:01 +0000", written)
    record = mapped(tmp_path, "hugo", "content/post/metered.md", text)
    assert rules(record) == []
    assert record.meta["publishedDateTime"] == date


def test_dates_hugo_refuses_are_still_findings(tmp_path: Path) -> None:
    # Hugo stops on each of these ("not a parsable date"): no such day, no layout of its date
    # cast, a time without seconds, a one-digit month or offset hour, a named zone after a
    # time in the ISO form.
    for written in (
        "Wed, 31 Feb 2013 19:24:38 +0000",
        "January 2, 2006",
        "2020/01/02",
        "2021-10-23 10:00",
        "2024-01-05T10:00",
        "2024-1-5",
        "2024-01-05 10:00:00 -5",
        "2024-01-05 10:00:00 UTC",
    ):
        text = WORDPRESS_EXPORT.replace("Mon, 16 Jan 2017 08:53:01 +0000", f"'{written}'")
        record = mapped(tmp_path, "hugo", "content/post/metered.md", text)
        assert rules(record) == ["profile/bad-date"], written


def test_zola_renders_no_page_for_render_false(tmp_path: Path) -> None:
    text = '+++\ntitle = "Footer"\ndate = 2024-01-01\nrender = false\n+++\nBody.\n'
    record = mapped(tmp_path, "zola", "content/_common/footer.md", text)
    assert "webUrl" not in record.meta and record.missing == {"webUrl"}
    (problem,) = record.problems
    assert problem.rule == "profile/missing" and problem.line == 4
    text = '+++\ntitle = "Page"\ndate = 2024-01-01\nrender = true\n+++\nBody.\n'
    assert mapped(tmp_path, "zola", "content/blog/page.md", text).meta["webUrl"] == (
        BASE + "/blog/page/"
    )


def test_hugo_sections_token_names_only_folders_that_are_sections(tmp_path: Path) -> None:
    # A docs site's permalinks write docs-v4 = "/:sections/:slug/": a folder without an
    # _index.md is no section to Hugo, so its pages take the section above it.
    config = tmp_path / "hugo.toml"
    config.write_text(
        'baseURL = "https://example.org/"\n[permalinks]\ndocs = "/:sections/:slug/"\n'
    )
    options = ProfileOptions("hugo", **read_site_config(config, "hugo"))
    page = "---\ntitle: A page\ndate: 2024-01-01\n---\n"

    def link(relative: str) -> str:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
        record = Mapper(options).apply(load(path))
        return str(record.meta["webUrl"])

    assert link("content/docs/guide/setup.md") == "https://example.org/docs/a-page/"
    (tmp_path / "content/docs/api").mkdir(parents=True)
    (tmp_path / "content/docs/api/_index.md").write_text("---\ntitle: API\n---\n")
    assert link("content/docs/api/calls.md") == "https://example.org/docs/api/a-page/"
    # Without a pattern of the site's, Hugo's own path keeps every folder.
    plain = Mapper(ProfileOptions("hugo", base_url=BASE)).apply(
        load(tmp_path / "content/docs/guide/setup.md")
    )
    assert plain.meta["webUrl"] == BASE + "/docs/guide/setup/"


@pytest.mark.parametrize(
    "name",
    [
        "2023-09-25 seed.md",  # a space after the date
        "(TODO)2022-04-13-model.md",
        "-2020-02-26-flake.md",
        "07-01-2024-standardization.md",  # the day first
        "20016-07-26-update.md",  # a five-digit year
        "2021-01-03_underscore.md",
        "notes.md",
    ],
)
def test_a_file_in_posts_jekyll_reads_no_post_from_says_so_once(tmp_path: Path, name: str) -> None:
    # jekyll 4.3 lists none of these in site.posts and writes no page for them: a post's name
    # is its date, a hyphen and a slug. One finding says why, not a missing date and link.
    text = "---\ntitle: Aside\ndate: 2023-09-25\ncategories: [blog]\n---\nBody.\n"
    record = mapped(tmp_path, "jekyll", f"_posts/{name}", text)
    assert "webUrl" not in record.meta
    (problem,) = record.problems
    assert problem.rule == "profile/missing"
    assert "Jekyll reads no post from" in problem.message and "YYYY-MM-DD-" in problem.message
    undated = mapped(tmp_path, "jekyll", f"_posts/sub/{name}", "---\ntitle: Aside\n---\n")
    assert rules(undated) == ["profile/missing"]
    # A draft's name needs no date, and a dated name may have no slug.
    assert rules(mapped(tmp_path, "jekyll", f"_drafts/{name}", text)) == []
    assert rules(mapped(tmp_path, "jekyll", "_posts/2019-05-05.md", text)) == []


@pytest.mark.parametrize(
    "relative",
    [
        "_posts/_old/2021-01-01-kept-aside.md",
        "_posts/#2020-01-02-credit-score.md",
        "_drafts/_template.md",
        "_drafts/#idea.md",
        "_drafts/~scratch.md",
    ],
)
def test_jekyll_skips_what_is_below_a_name_starting_with_a_special_character(
    tmp_path: Path, relative: str
) -> None:
    # jekyll 4.3 passes over the files and folders of _posts and _drafts whose names start
    # with _, #, ~ or . (as it does across the site): a _template.md draft is no draft.
    text = "---\ntitle: Aside\ndate: 2021-01-05\n---\nBody.\n"
    record = mapped(tmp_path, "jekyll", relative, text)
    assert "webUrl" not in record.meta
    (problem,) = record.problems
    assert problem.rule == "profile/missing" and "Jekyll reads no" in problem.message
    assert "starts with" in problem.message
    assert rules(mapped(tmp_path, "jekyll", "_posts/in/2021-01-05-kept.md", text)) == []


@pytest.mark.parametrize(
    ("permalink", "path"),
    [
        # :slug and :name are slugged as Jekyll's default mode slugs: every run of characters
        # other than letters, marks and digits is one hyphen (dots and ~ too), lower case;
        # :name is the whole file name, date and all. :title keeps them ("pretty" mode).
        ("/:slug/", "/dgtal-release-0-5-is-available-x/"),
        ("/:name/", "/2012-05-10-dgtal-release-0-5-is-available-x/"),
        ("/:title/", "/Dgtal-release-0.5-is~available_x/"),
    ],
)
def test_jekyll_slugs_a_release_numbers_file_name_in_its_default_mode(
    tmp_path: Path, permalink: str, path: str
) -> None:
    # A release-notes post of a library's site (2012-05-10-dgtal-release-0.5-is-available.md),
    # as jekyll 4.3 publishes it.
    text = f"---\ntitle: T\npermalink: {permalink}\n---\n"
    record = mapped(
        tmp_path, "jekyll", "_posts/2012-05-10-Dgtal release-0.5-is~available_x.md", text
    )
    assert record.meta["webUrl"] == BASE + path
    # A slug of the post's own is slugged alike for :slug.
    own = f"---\ntitle: T\npermalink: {permalink}\nslug: Own.Slug_v1.2\n---\n"
    record = mapped(tmp_path, "jekyll", "_posts/2012-07-01-own.md", own)
    assert permalink != "/:slug/" or record.meta["webUrl"] == BASE + "/own-slug-v1-2/"


@pytest.mark.parametrize("value", ["2019", "3.5", "true", "{a: b}"])
def test_a_number_for_jekylls_categories_says_jekyll_drops_the_front_matter(
    tmp_path: Path, value: str
) -> None:
    # A post of an OpenShift blog writes "categories: 2019": jekyll 4.3 says "could not read
    # file ...: no implicit conversion of Integer into Array" and publishes the post without
    # its front matter, dated the day of the build, at a link no one can know beforehand.
    text = f'---\nlayout: post\ncategories: {value}\ntitle: "Mesh"\ndate: "2019-09-17"\n---\n'
    record = mapped(tmp_path, "jekyll", "_posts/2019-09-17-mesh.md", text)
    assert "webUrl" not in record.meta
    (problem,) = record.problems
    assert problem.rule == "profile/missing" and "categories" in problem.message
    assert problem.pointer == "/categories"
    quoted = text.replace(f"categories: {value}", f'categories: "{value}"')
    assert rules(mapped(tmp_path, "jekyll", "_posts/2019-09-17-mesh.md", quoted)) == []


def test_a_jekyll_draft_without_a_date_is_dated_by_its_file(tmp_path: Path) -> None:
    # Drafts are written without a date; `jekyll build --drafts` (4.3) dates one by its
    # file's modification time instead of stopping on it, and so does the profile.
    path = tmp_path / "_drafts" / "next-idea.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: Next idea\n---\nSoon.\n", encoding="utf-8")
    moment = 1_700_000_000  # 2023-11-14T22:13:20Z
    os.utime(path, (moment, moment))
    record = Mapper(ProfileOptions("jekyll", base_url=BASE)).apply(load(path))
    assert isinstance(record, MappedRecord)
    assert rules(record) == []
    assert record.meta["publishedDateTime"] == "2023-11-14T22:13:20Z"
    assert record.meta["published"] is False
    assert record.meta["webUrl"] == BASE + "/2023/11/14/next-idea.html"
    assert "modification time" in record.origins["/publishedDateTime"].derived


def test_an_empty_published_leaves_a_jekyll_post_unpublished(tmp_path: Path) -> None:
    # Web clippings write "published:" with nothing after it; jekyll 4.3 reads the post's
    # published as nil, which is not true, and publishes no page for it.
    text = "---\ntitle: Clipped\npublished:\ntags:\n  - clippings\n---\nBody.\n"
    record = mapped(tmp_path, "jekyll", "_posts/2023-11-10-clipped.md", text)
    assert record.meta["published"] is False
    assert record.origins["/published"].pointer == "/published"
    written = text.replace("published:\n", "published: true\n")
    assert mapped(tmp_path, "jekyll", "_posts/2023-11-10-c.md", written).meta["published"] is True


def test_a_jekyll_posts_title_from_its_file_name_is_capitalised_as_ruby_does(
    tmp_path: Path,
) -> None:
    # jekyll 4.3's titleize_slug, as for the documents of other collections: each word's
    # first letter up, the rest down (the profile had kept "HELLO WORLD").
    record = mapped(tmp_path, "jekyll", "_posts/2020-01-01-hELLO-wORLD.md", "---\n---\nBody.\n")
    assert record.meta["title"] == "Hello World"
    record = mapped(tmp_path, "jekyll", "_posts/2020-01-01-my-first-post.md", "---\n---\nx\n")
    assert record.meta["title"] == "My First Post"
