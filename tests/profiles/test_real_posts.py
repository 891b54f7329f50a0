"""Real published sites (``/work/shared/real/posts/``, when present): with the right profile
and each site's own configuration, every post becomes a feed item with a title, a link and
the date the site shows.

The files are third-party and are read in place, never copied into the repository.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from convert.converters.writing import convert
from convert.loading import load
from convert.profiles import MappedRecord, ProfileOptions
from convert.profiles.mapping import Mapper
from convert.profiles.site import read_site_config

REAL = Path("/work/shared/real/posts")
FALLBACK_URL = "https://site.example"
"""For sites whose kept configuration names no address (``url: ""``) or is not kept."""

POST_SUFFIXES = (".md", ".markdown", ".html")
CONFIG_NAMES = ("_config.yml", "hugo.toml", "config.toml")

NOT_ITEMS = {
    # Zola's test site: no date in the front matter, the file name or a path.
    "simple.md": "profile/missing",
    # Stack's example site configures no Japanese: its index.ja.md is no translation but a
    # resource of the bundle beside it (index.md), and Hugo publishes no page for it.
    "index.ja.md": "profile/missing",
    # Minimal Mistakes' post dated 9999-12-31 "should appear" only with --future: jekyll
    # 4.3.1 skips it ("has a future date"), so it is scheduled, with no page yet.
    "2010-10-25-post-future-date.md": "profile/scheduled",
}

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="real posts are not on this machine")


def sites() -> list[Path]:
    if not REAL.is_dir():
        return []
    return sorted(
        p
        for generator in REAL.iterdir()
        if generator.is_dir()
        for p in generator.iterdir()
        if p.is_dir()
    )


def site_options(generator: str, site: Path) -> ProfileOptions:
    found: dict[str, object] = {}
    hugo_dir = next(site.rglob("config/_default"), None)
    configs = [p for p in site.rglob("*") if p.name in CONFIG_NAMES and "_default" not in str(p)]
    if hugo_dir is not None:
        found = read_site_config(hugo_dir)
    elif configs:
        found = read_site_config(configs[0])
    found.setdefault("base_url", FALLBACK_URL)
    found["build_time"] = "2026-12-05T00:00:00Z"  # the day of the jekyll and hugo probes
    return ProfileOptions(generator, **found)  # type: ignore[arg-type]


def posts(site: Path, generator: str) -> list[Path]:
    folder = "_posts" if generator == "jekyll" else "content"
    return sorted(
        p
        for p in site.rglob("*")
        if p.suffix in POST_SUFFIXES and folder in p.parts and not p.name.startswith("_index")
    )


@pytest.mark.parametrize("site", sites(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_post_becomes_a_feed_item(site: Path) -> None:
    generator = site.parent.name
    mapper = Mapper(site_options(generator, site))
    records = {path: mapper.apply(load(path)) for path in posts(site, generator)}
    assert records
    expected = []
    for path, record in records.items():
        reason = NOT_ITEMS.get(path.name)
        if reason is None:
            assert isinstance(record, MappedRecord)
            assert record.missing == frozenset(), (path, record.problems)
            expected.append(record)
        else:
            assert reason in {p.rule for p in record.problems}, (path, record.problems)
    out = io.BytesIO()
    convert(
        [r for r in records.values() if r.intact],
        "jsonfeed",
        out,
        feed_title="Real",
        feed_link=FALLBACK_URL,
        include_unpublished=True,
    )
    items = json.loads(out.getvalue())["items"]
    by_url = {item["url"]: item for item in items}
    for record in expected:
        item = by_url[record.meta["webUrl"]]
        assert item["title"] and item["date_published"]
        assert item["url"].startswith(("https://", "http://"))
        # The date the site shows: the front matter's as written, else the file name's.
        written = record.original.get("date")
        shown = item["date_published"]
        assert shown[:10] == (
            str(written)[:10] if written else record.meta["publishedDateTime"][:10]
        )


@pytest.mark.parametrize("fmt", ["rss", "atom"])
@pytest.mark.parametrize("site", sites(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_xml_feeds_of_each_site_parse_cleanly(site: Path, fmt: str) -> None:
    import feedparser

    generator = site.parent.name
    mapper = Mapper(site_options(generator, site))
    records = [mapper.apply(load(path)) for path in posts(site, generator)]
    dated = [r for r in records if isinstance(r, MappedRecord) and not r.missing]
    out = io.BytesIO()
    convert(
        dated,
        fmt,
        out,
        feed_title="Real",
        feed_link=FALLBACK_URL,
        feed_url=FALLBACK_URL + "/feed.xml",
        include_unpublished=True,
    )
    feed = feedparser.parse(out.getvalue())
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == len(dated)
    assert all(e.get("link") and e.get("title") and e.get("published_parsed") for e in feed.entries)


KNOWN_LINKS = [
    # Hugo: the section's permalink from config/_default/permalinks.toml, /ar/ for Arabic.
    (
        "hugo/CaiJimmy__hugo-theme-stack/exampleSite/content/post/placeholder-text/index.ar.md",
        "https://demo.stack.jimmycai.com/ar/p/%D9%85%D8%AB%D8%A7%D9%84-%D9%86%D8%B5/",
    ),
    # The basic example configures no French: hugoisforlovers.fr.md is a page of the default
    # language, at its slug (as hugo builds it), not below /fr/.
    (
        "hugo/gohugoio__hugoBasicExample/content/post/hugoisforlovers.fr.md",
        "https://gohugo.io/post/debuter-avec-hugo/",
    ),
    # Jekyll: the site's permalink pattern with its categories.
    (
        "jekyll/RalfRalf__ralfralf.github.com/_posts/2014-06-26-Jekyll-post-format.md",
        "http://ralfralf.github.io/tutorial/2014/06/26/Jekyll-post-format",
    ),
    (
        "jekyll/mmistakes__minimal-mistakes/docs/_posts/2010-01-07-post-modified.md",
        "https://cde3frv4.github.io/minimal-mistakes/post%20formats/post-modified/",
    ),
    # Zola: a date in the file name, taken out of the slug.
    (
        "zola/getzola__zola/test_site/content/posts/2016-10-08_a-post-with-dates.md",
        "https://replace-this-with-your-url.com/posts/a-post-with-dates/",
    ),
]


def test_minimal_mistakes_pages_take_the_sites_locale() -> None:
    # Its _config.yml says locale: "en-US" and no lang.
    path = REAL / "jekyll/mmistakes__minimal-mistakes/docs/_posts/2010-01-07-post-modified.md"
    site = next(p for p in sites() if p in path.parents)
    record = Mapper(site_options(site.parent.name, site)).apply(load(path))
    assert record.meta["locale"] == "en-US"


@pytest.mark.parametrize(("relative", "url"), KNOWN_LINKS)
def test_links_follow_each_sites_configuration(relative: str, url: str) -> None:
    path = REAL / relative
    site = next(p for p in sites() if p in path.parents)
    record = Mapper(site_options(site.parent.name, site)).apply(load(path))
    assert record.meta["webUrl"] == url
