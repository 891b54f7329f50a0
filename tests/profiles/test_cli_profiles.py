"""Profiles from the command line: validate, convert, configuration and the listings."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from convert.cli import main

Site = Callable[[str], Path]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def findings(result: Result) -> list[dict[str, object]]:
    diagnostics = json.loads(result.stdout)["diagnostics"]
    assert isinstance(diagnostics, list)
    return diagnostics


def test_validate_reports_a_bad_date_at_the_users_key_and_line(site: Site) -> None:
    site("jekyll")
    result = invoke(
        "validate",
        "-f",
        "json",
        "--profile",
        "jekyll",
        "--base-url",
        "https://blog.example.org",
        "_posts/2024-09-01-bad-date.md",
    )
    assert result.exit_code == 1
    found = findings(result)
    bad = next(f for f in found if f["rule"] == "profile/bad-date")
    assert (bad["line"], bad["column"], bad["pointer"]) == (3, 7, "/date")
    # The profile said the date (and so the link) is missing: schema/required says nothing more.
    assert not [f for f in found if f["rule"] == "schema/required"]


def test_schema_findings_move_back_to_the_users_keys(site: Site) -> None:
    root = site("jekyll")
    (root / "_posts" / "2024-01-01-lang.md").write_text(
        "---\ntitle: T\nlang: not a language\n---\nBody\n"
    )
    result = invoke(
        "validate",
        "-f",
        "json",
        "--profile",
        "jekyll",
        "--base-url",
        "https://blog.example.org",
        "--select",
        "schema/pattern",
        "_posts/2024-01-01-lang.md",
    )
    (found,) = findings(result)
    assert (found["pointer"], found["line"], found["column"]) == ("/lang", 3, 7)
    assert str(found["message"]).startswith('"lang"')


def test_a_derived_value_that_fails_says_what_it_was_made_from(site: Site) -> None:
    site("jekyll")
    result = invoke(
        "validate",
        "-f",
        "json",
        "--profile",
        "jekyll",
        "--base-url",
        "blog.example",
        "--select",
        "schema/format",
        "_posts/2024-03-05-first-post.md",
    )
    (found,) = findings(result)
    assert found["pointer"] == "/webUrl"
    assert "made from --base-url and the permalink" in str(found["message"])


def test_a_clean_site_validates_with_its_configuration(site: Site) -> None:
    root = site("zola")
    (root / "artconv.toml").write_text(
        'profile = "zola"\nsite-config = "config.toml"\n[rules]\n"schema/recommended" = "off"\n'
    )
    result = invoke("validate", "content/blog/more.md", "content/blog/release.md")
    assert result.exit_code == 0, result.output


def test_validate_with_jobs_gives_the_same_findings(site: Site) -> None:
    site("jekyll")
    args = (
        "validate",
        "-f",
        "json",
        "--profile",
        "jekyll",
        "--base-url",
        "https://b.example",
        "_posts/",
        "_drafts/",
    )
    assert invoke(*args).stdout == invoke(*args, "--jobs", "2").stdout


def test_json_output_keeps_the_original_front_matter(site: Site) -> None:
    site("hugo")
    result = invoke(
        "convert",
        "--profile",
        "hugo",
        "--base-url",
        "https://hugo.example.net",
        "--to",
        "json",
        "content/posts/first.md",
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["profile"] == "hugo"
    assert document["front_matter"]["date"] == "2024-05-01T08:00:00-04:00"
    assert document["front_matter"]["draft"] is False
    # The site's hugo.toml, found from the named file's folder, gives its permalinks.
    assert document["meta"]["webUrl"] == "https://hugo.example.net/2024/05/first-hugo-post/"
    assert "draft" not in document["meta"]


def test_rss_from_a_site_gives_items_with_links_and_dates(site: Site) -> None:
    import feedparser

    root = site("hugo")
    (root / "artconv.toml").write_text('profile = "hugo"\nsite-config = "hugo.toml"\n')
    result = invoke(
        "convert",
        "--to",
        "rss",
        "--feed-title",
        "Hugo",
        "--feed-link",
        "https://hugo.example.net/",
        "content/posts/first.md",
        "content/posts/summary.md",
        "content/posts/entwurf.de.md",
    )
    assert result.exit_code == 0, result.stderr
    feed = feedparser.parse(result.stdout_bytes)
    assert not feed.bozo
    assert [(e.title, e.link) for e in feed.entries] == [
        ("First Hugo post", "https://hugo.example.net/2024/05/first-hugo-post/"),
        ("With a summary separator", "https://hugo.example.net/2024/04/with-a-summary-separator/"),
    ]  # newest first; the draft is left out
    assert all(e.published_parsed for e in feed.entries)


def test_permalink_option_of_convert(site: Site) -> None:
    site("jekyll")
    result = invoke(
        "convert",
        "--profile",
        "jekyll",
        "--base-url",
        "https://b.example",
        "--permalink",
        "/:year/:title.html",
        "--to",
        "json",
        "_posts/2024-03-05-first-post.md",
    )
    assert json.loads(result.stdout)["meta"]["webUrl"] == "https://b.example/2024/first-post.html"


def test_user_fields_map_own_keys_without_a_plugin(site: Site) -> None:
    root = site("hugo")
    (root / "artconv.toml").write_text(
        '[fields]\npublishedDateTime = ["pubDate", "date"]\nwebUrl = "link"\n'
    )
    (root / "post.md").write_text(
        "---\ntitle: Own keys\npubDate: 2024-02-02 10:00:00 +0100\n"
        "link: https://own.example/post\n---\nBody\n"
    )
    (root / "bad.md").write_text(
        "---\ntitle: Own keys\npubDate: soon\nlink: https://own.example/bad\n---\nBody\n"
    )
    good = invoke("convert", "--to", "json", "post.md")
    meta = json.loads(good.stdout)["meta"]
    assert meta["publishedDateTime"] == "2024-02-02T10:00:00+01:00"
    assert meta["webUrl"] == "https://own.example/post" and "pubDate" not in meta
    bad = invoke("validate", "-f", "json", "--select", "profile", "bad.md")
    (found,) = findings(bad)
    assert (found["pointer"], found["line"]) == ("/pubDate", 3)
    show = invoke("profile", "show", "article")
    assert "publishedDateTime  <- pubDate, date" in show.stdout


def test_a_field_pointer_whose_index_is_no_number_finds_nothing(site: Site) -> None:
    root = site("hugo")
    (root / "artconv.toml").write_text('[fields]\nwebUrl = "/links/²"\n')  # "²".isdigit()
    (root / "post.md").write_text(
        "---\ntitle: T\ndate: 2024-02-02\nlinks: [https://own.example/a]\n---\nBody\n"
    )
    result = invoke("validate", "-f", "json", "--profile", "hugo", "--select", "profile", "post.md")
    assert result.exit_code == 0 and findings(result) == [], result.output
    # The link is made as if no field had been named: the page's own, at the site's address.
    converted = invoke("convert", "--to", "json", "--profile", "hugo", "post.md")
    assert json.loads(converted.stdout)["meta"]["webUrl"] == "https://hugo.example.net/post/"


def test_profiles_are_listed_and_shown() -> None:
    listed = invoke("profiles")
    assert listed.exit_code == 0
    names = [line.split()[0] for line in listed.stdout.splitlines()]
    assert names == ["article", "hugo", "jekyll", "zola"]
    shown = invoke("profile", "show", "hugo")
    assert shown.exit_code == 0
    assert "publishedDateTime  <- date, publishDate" in shown.stdout
    assert "draft (true: unpublished)" in shown.stdout


@pytest.mark.parametrize("name", ["hugo", "jekyll"])
def test_profile_show_says_the_schedule_applies_also_to_a_page_its_keys_publish(
    site: Site, name: str
) -> None:
    # A page that is no draft (draft: false, published: true) is still left out when its
    # date is after the build: the schedule is not a fallback of the keys, it comes on top.
    site("hugo")
    shown = invoke("profile", "show", name)
    (line,) = [row for row in shown.stdout.splitlines() if row.strip().startswith("published ")]
    assert "; also false for " in line and "; else " not in line


def test_unknown_profile_is_a_usage_failure(site: Site) -> None:
    site("jekyll")
    result = invoke("validate", "--profile", "jekyl", "_posts/")
    assert result.exit_code == 2
    assert 'did you mean "jekyll"' in result.output
    assert invoke("profile", "show", "hug").exit_code == 2


def test_bad_fields_setting_is_a_configuration_failure(site: Site) -> None:
    root = site("jekyll")
    (root / "artconv.toml").write_text("[fields]\ntitle = 3\n")
    result = invoke("validate", "_posts/")
    assert result.exit_code == 2 and "fields.title" in result.output


def test_site_config_option_reads_the_generators_configuration(site: Site) -> None:
    site("zola")
    result = invoke(
        "convert",
        "--profile",
        "zola",
        "--site-config",
        "config.toml",
        "--to",
        "json",
        "content/blog/eleves.fr.md",
    )
    assert json.loads(result.stdout)["meta"]["webUrl"] == "https://zola.example.com/fr/blog/eleves/"


def test_a_post_may_set_its_own_excerpt_separator(site: Site) -> None:
    root = site("jekyll")
    (root / "_posts" / "2024-01-01-sep.md").write_text(
        "---\ntitle: T\nexcerpt_separator: <!-- cut -->\n---\nOne.\n\nTwo.<!-- cut -->Three.\n"
    )
    result = invoke("convert", "--profile", "jekyll", "--to", "json", "_posts/2024-01-01-sep.md")
    assert json.loads(result.stdout)["meta"]["excerpt"] == "One. Two."


def test_readme_profile_configuration_example_is_valid(tmp_path: Path) -> None:
    import re

    from convert.config import load_settings_file

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    block = re.search(r"```toml\n(\[tool\.artconv\]\nprofile = .*?)```", readme, re.S)
    assert block is not None
    (tmp_path / "pyproject.toml").write_text(block.group(1))
    settings = load_settings_file(tmp_path / "pyproject.toml")
    assert settings.profile == "jekyll" and settings.site_config == str(tmp_path / "_config.yml")
    assert settings.fields["publishedDateTime"] == ("pubDate", "date")
    assert settings.fields["webUrl"] == ("link",)


def test_yaml_hints_follow_the_value_to_the_users_key(site: Site) -> None:
    root = site("jekyll")
    (root / "_posts" / "2024-01-01-no.md").write_text("---\ntitle: T\nlang: NO\n---\nBody\n")
    result = invoke(
        "validate",
        "-f",
        "json",
        "--profile",
        "jekyll",
        "--select",
        "schema/type",
        "_posts/2024-01-01-no.md",
    )
    (found,) = findings(result)
    assert (found["pointer"], found["line"]) == ("/lang", 3)
    assert 'quote it: "NO"' in str(found["hint"])


def test_an_unreadable_site_configuration_is_a_configuration_failure(site: Site) -> None:
    root = site("hugo")
    (root / "broken.toml").write_text("baseURL = [unclosed\n")
    result = invoke("validate", "--profile", "hugo", "--site-config", "broken.toml", "content/")
    assert result.exit_code == 2 and "broken.toml" in result.output


def test_convert_with_jobs_sends_mapped_records_between_processes(site: Site) -> None:
    site("jekyll")
    args = (
        "convert",
        "--profile",
        "jekyll",
        "--site-config",
        "_config.yml",
        "--to",
        "jsonl",
        "_posts/",
        "_drafts/",
    )
    one, two = invoke(*args), invoke(*args, "--jobs", "2")
    assert one.stdout == two.stdout and one.stderr == two.stderr
    documents = [json.loads(line) for line in one.stdout.splitlines()]
    assert len(documents) == 7 and all("front_matter" in d for d in documents)


def test_jekyll_closes_front_matter_at_yamls_document_end(site: Site) -> None:
    root = site("jekyll")
    post = root / "_posts" / "2024-03-03-dots.md"
    post.write_text("---\ntitle: Dots\ntags: [a]\nfoo: [\n...\n\nBody text.\n")
    args = ["-f", "json", "--base-url", "https://blog.example.org", str(post)]
    jekyll = findings(invoke("validate", "--profile", "jekyll", *args))
    # Read as Jekyll reads it: the YAML ends at "...", so the broken line inside is found.
    assert [(f["rule"], f["line"]) for f in jekyll if f["severity"] == "error"] == [
        ("yaml/syntax", 5)
    ]
    post.write_text("---\ntitle: Dots\ntags: [a]\n...\n\nBody text.\n")
    assert not [
        f
        for f in findings(invoke("validate", "--profile", "jekyll", *args))
        if f["severity"] == "error"
    ]
    converted = json.loads(
        invoke("convert", "--to", "json", "--profile", "jekyll", *args[2:]).stdout
    )
    assert converted["meta"]["title"] == "Dots"
    assert converted["body"] == "\nBody text.\n"
    # Hugo does not: there the file is unclosed, as without a profile.
    hugo = findings(invoke("validate", "--profile", "hugo", *args))
    assert "frontmatter/unclosed" in {f["rule"] for f in hugo}
    # Records as written: --base-url would change nothing there, so it is left out (it is a
    # usage error without a profile, below).
    plain = findings(invoke("validate", "-f", "json", str(post)))
    assert "frontmatter/unclosed" in {f["rule"] for f in plain}


def test_base_url_without_a_profile_is_a_usage_error_where_it_changes_nothing(
    site: Site,
) -> None:
    """validate and fix check records as written: no link is made, so --base-url without a
    profile would be passed over in silence, as --permalink would. A feed joins relative
    links to it, so convert takes it without a profile."""
    root = site("jekyll")
    post = str(root / "_posts" / "2024-03-03-rel.md")
    Path(post).write_text(
        "---\ntitle: Rel\nwebUrl: /rel/\npublishedDateTime: 2024-03-03T00:00:00Z\n---\nx\n"
    )
    for command in ("validate", "fix"):
        result = invoke(command, "--base-url", "https://blog.example.org", post)
        assert result.exit_code == 2, (command, result.output)
        expected = "Error: --base-url applies only with a site profile (--profile jekyll"
        assert expected in result.stderr
        with_profile = invoke(command, "--profile", "jekyll", "--base-url", "https://b.org", post)
        assert with_profile.exit_code in (0, 1), (command, with_profile.output)
    feed = invoke(
        "convert",
        "--to",
        "rss",
        "--feed-title",
        "T",
        "--base-url",
        "https://blog.example.org",
        post,
    )
    assert feed.exit_code == 0, feed.output
    assert "<link>https://blog.example.org/rel/</link>" in feed.stdout


def test_a_run_takes_one_build_time_and_a_scheduled_page_is_a_note(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # hugo 0.168 wrote no public/post/x/ for a publishDate after its build, and wrote it once
    # the build came after that date.
    root = site("hugo")
    page = root / "content/posts/soon.md"
    page.write_text(
        "---\ntitle: Soon\ndate: 2026-01-01\npublishDate: 2026-06-01T00:00:00Z\n---\nx\n"
    )
    args = ("validate", "-f", "json", "--profile", "hugo", "--site-config", "hugo.toml", str(page))
    monkeypatch.setattr("convert.profiles.settings._now", lambda: "2026-05-31T23:59:59Z")
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    scheduled = [d for d in findings(result) if d["rule"] == "profile/scheduled"]
    assert len(scheduled) == 1 and scheduled[0]["severity"] == "info"
    assert scheduled[0]["line"] == 4
    monkeypatch.setattr("convert.profiles.settings._now", lambda: "2026-06-01T00:00:00Z")
    later = findings(invoke(*args))
    assert [d for d in later if str(d["rule"]).startswith("profile/")] == []


def test_a_jekyll_post_without_front_matter_is_a_post_and_a_documents_is_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # jekyll 4.3.1 (/tmp/probe-sched/jek1, jek2): _posts/2020-01-02-nofm.md with no front
    # matter -> _site/2020/01/02/nofm.html, a post; _news/nofm.md (output: true) ->
    # _site/news/nofm.md copied as it is, no page.
    monkeypatch.chdir(tmp_path)
    Path("_config.yml").write_text(
        "url: https://example.org\ncollections:\n  news:\n    output: true\n"
    )
    Path("_posts").mkdir()
    Path("_posts/2020-01-02-nofm.md").write_text("no front matter\n")
    Path("_news").mkdir()
    Path("_news/nofm.md").write_text("plain news\n")
    common = ("--profile", "jekyll", "--site-config", "_config.yml")
    post = invoke("validate", "-f", "json", *common, "_posts/2020-01-02-nofm.md")
    assert [d["rule"] for d in findings(post) if d["severity"] == "error"] == []
    feed = invoke("convert", "--to", "jsonl", *common, "_posts/2020-01-02-nofm.md")
    meta = json.loads(feed.stdout)["meta"]
    assert meta["webUrl"] == "https://example.org/2020/01/02/nofm.html"
    assert meta["title"] == "Nofm"
    document = findings(invoke("validate", "-f", "json", *common, "_news/nofm.md"))
    missing = [d for d in document if d["rule"] == "profile/missing"]
    assert len(missing) == 1 and "static file" in str(missing[0]["message"])


def test_a_hugo_page_without_front_matter_is_a_page_with_no_title_or_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # hugo 0.168: content/posts/nofm.md holding text alone was published at /posts/nofm/,
    # its feed item with an empty title and the date 0001-01-01.
    monkeypatch.chdir(tmp_path)
    Path("hugo.toml").write_text('baseURL = "https://example.org/"\n')
    Path("content/posts").mkdir(parents=True)
    Path("content/posts/nofm.md").write_text("Just text, no front matter.\n")
    common = ("--profile", "hugo", "--site-config", "hugo.toml")
    found = findings(invoke("validate", "-f", "json", *common, "content/posts/nofm.md"))
    errors = sorted(str(d["message"]).split(":")[0] for d in found if d["severity"] == "error")
    assert errors == ['cannot make "publishedDateTime"', 'cannot make "title"']
    assert all(d["rule"] != "frontmatter/missing" for d in found)
    page = invoke("convert", "--to", "jsonl", *common, "content/posts/nofm.md")
    assert json.loads(page.stdout)["meta"]["webUrl"] == "https://example.org/posts/nofm/"


def test_a_jekyll_post_with_empty_front_matter_is_named_and_dated_by_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # jekyll 4.3.1: _posts/2024-01-31-my-post.md holding "---\n---\n" was built at
    # /2024/01/31/my-post.html, page.title "My Post", page.date 2024-01-31 00:00:00 +0000;
    # _news/2024-02-01-empty.md (output: true) the same way was a page at
    # /news/2024-02-01-empty.html, where one without front matter is copied as a file.
    monkeypatch.chdir(tmp_path)
    Path("_config.yml").write_text("url: https://e.com\ncollections:\n  news:\n    output: true\n")
    Path("_posts").mkdir()
    Path("_posts/2024-01-31-my-post.md").write_text("---\n---\nHello there.\n")
    Path("_news").mkdir()
    Path("_news/2024-02-01-empty.md").write_text("---\n---\nNews.\n")
    common = ("--profile", "jekyll", "--site-config", "_config.yml")
    result = invoke("convert", "--to", "jsonl", *common, "_posts", "_news")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    by_url = {r["meta"]["webUrl"]: r["meta"] for r in records}
    post = by_url["https://e.com/2024/01/31/my-post.html"]
    assert post["title"] == "My Post"
    assert post["publishedDateTime"].startswith("2024-01-31")
    assert by_url["https://e.com/news/2024-02-01-empty.html"]["title"] == "Empty"


@pytest.mark.parametrize("null", ["null", "~", "Null"])
def test_null_front_matter_is_a_jekyll_post_with_no_fields_and_an_error_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, null: str
) -> None:
    # jekyll 4.3.1 built _posts/2024-01-03-null.md holding "---\nnull\n---\n" at
    # /2024/01/03/null.html, as one with empty front matter (it merges front matter only when
    # YAML gives more than nil); hugo 0.168 stops the build on such a page.
    monkeypatch.chdir(tmp_path)
    Path("_config.yml").write_text("url: https://e.com\n")
    Path("_posts").mkdir()
    Path("_posts/2024-01-03-null.md").write_text(f"---\n{null}\n---\nHello there.\n")
    common = ("--profile", "jekyll", "--site-config", "_config.yml")
    result = invoke("convert", "--to", "jsonl", *common, "_posts")
    assert result.exit_code == 0, result.output
    meta = json.loads(result.stdout)["meta"]
    assert (meta["title"], meta["webUrl"]) == ("Null", "https://e.com/2024/01/03/null.html")
    found = findings(invoke("validate", "-f", "json", "_posts/2024-01-03-null.md"))
    assert "frontmatter/not-a-mapping" in {d["rule"] for d in found}


def test_a_jekyll_post_whose_front_matter_is_a_list_stays_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only ``null`` is read as no fields: jekyll stops on a list or a string."""
    monkeypatch.chdir(tmp_path)
    Path("_config.yml").write_text("url: https://e.com\n")
    Path("_posts").mkdir()
    Path("_posts/2024-01-03-list.md").write_text("---\n- a\n---\nHello there.\n")
    common = ("--profile", "jekyll", "--site-config", "_config.yml")
    found = findings(invoke("validate", "-f", "json", *common, "_posts"))
    assert "frontmatter/not-a-mapping" in {d["rule"] for d in found}


@pytest.mark.parametrize("empty", ["---\n---\n", "+++\n+++\n"])
def test_a_hugo_page_with_empty_front_matter_is_a_page_with_no_title_or_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, empty: str
) -> None:
    # hugo 0.168: content/posts/a.md holding "---\n---\n" (or "+++\n+++\n") was published at
    # /posts/a/ with an empty .Title and the date 0001-01-01, as one without front matter.
    monkeypatch.chdir(tmp_path)
    Path("hugo.toml").write_text('baseURL = "https://example.org/"\n')
    Path("content/posts").mkdir(parents=True)
    Path("content/posts/a.md").write_text(empty + "Hello there.\n")
    common = ("--profile", "hugo", "--site-config", "hugo.toml")
    found = findings(invoke("validate", "-f", "json", *common, "content/posts/a.md"))
    errors = sorted(str(d["message"]).split(":")[0] for d in found if d["severity"] == "error")
    assert errors == ['cannot make "publishedDateTime"', 'cannot make "title"']
    page = invoke("convert", "--to", "jsonl", *common, "content/posts/a.md")
    assert json.loads(page.stdout)["meta"]["webUrl"] == "https://example.org/posts/a/"


def test_profile_show_of_a_plugin_profile_without_docstring_or_fields(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A third party's profile may have neither: the listing is short, never a traceback."""

    class Bare:
        name = "bare"

        def describe(self, options: object) -> Iterator[object]:
            return iter(())

    monkeypatch.setattr("convert.profiles.get_profile", lambda name, *args, **kwargs: Bare())
    shown = invoke("profile", "show", "bare")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout == "bare: (no description)\n"


def test_a_site_pages_md_body_is_markdown_whatever_tag_it_opens_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jekyll (kramdown), Hugo and Zola render a .md page as Markdown, its raw HTML included:
    a post that opens with a <div> is no HTML page (jekyll 4.3.1 made "Second *para*." an
    emphasis in a paragraph after the div)."""
    monkeypatch.chdir(tmp_path)
    Path("_config.yml").write_text("url: https://e.com\n")
    Path("_posts").mkdir()
    body = '<div class="note">Hi</div>\n\nSecond *para*.\n'
    Path("_posts/2024-01-03-div.md").write_text(f"---\ntitle: Div\n---\n{body}")
    common = ("--profile", "jekyll", "--site-config", "_config.yml")
    record = json.loads(invoke("convert", "--to", "jsonl", *common, "_posts").stdout)
    assert record["body_format"] == "markdown"
    feed = invoke("convert", "--to", "jsonfeed", "--feed-title", "S", *common, "_posts")
    (item,) = json.loads(feed.stdout)["items"]
    assert "<p>Second <em>para</em>.</p>" in item["content_html"]
    plain = json.loads(invoke("convert", "--to", "jsonl", "_posts").stdout)
    assert plain["body_format"] == "html"  # without the profile, as sniffed
