"""A walk at a site's root under a profile reads the generator's articles and passes over the
rest (layouts, includes, built output, pages, static files) with one note, never an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from convert.cli import main
from convert.profiles import ProfileOptions, get_profile


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def validated(*args: str) -> tuple[int, list[dict[str, object]]]:
    code, found, _ = checked(*args)
    return code, found


def checked(*args: str) -> tuple[int, list[dict[str, object]], int]:
    """Exit code, findings and the number of files read."""
    result = invoke("validate", "-f", "json", *args)
    report = json.loads(result.stdout)
    assert isinstance(report["diagnostics"], list)
    return result.exit_code, report["diagnostics"], report["summary"]["files"]


def note_of(found: list[dict[str, object]]) -> dict[str, object]:
    notes = [f for f in found if f["rule"] == "profile/passed-over"]
    assert len(notes) == 1, found
    assert notes[0]["severity"] == "info"
    return notes[0]


POST = "---\ntitle: A\nauthor: Ann\ntags: [t]\nimage: /a.png\n---\nHello\n"

JEKYLL_SITE = {
    "_config.yml": "url: https://e.com\n",
    "_posts/2024-01-02-a.md": POST,
    "_layouts/default.html": "<html>{{ content }}</html>\n",
    "_includes/nav.html": "<nav>x</nav>\n",
    "_site/index.html": "<p>built</p>\n",
    "about.md": "---\nlayout: page\ntitle: About\n---\nAbout me\n",
    "README.md": "# Readme\n",
}


@pytest.fixture
def jekyll_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path, JEKYLL_SITE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_jekyll_root_gives_its_posts_and_one_note(jekyll_root: Path) -> None:
    code, found, files = checked("--profile", "jekyll", "--site-config", "_config.yml", ".")
    assert (code, files) == (0, 1)
    assert {f["path"] for f in found} == {"."}  # the post is clean
    note = note_of(found)
    message = str(note["message"])
    assert message.startswith("passed over 5 files the jekyll site publishes no post from")
    for why in ("layouts", "includes", "_site", "pages", "static files"):
        assert why in message
    assert message.endswith("name them to check them anyway")


def test_the_natural_command_finds_the_site_by_its_configuration(jekyll_root: Path) -> None:
    """No --site-config: the folder's _config.yml says it is the site's root, and is read
    (the post's link is made from its url)."""
    _, found, files = checked("--profile", "jekyll", ".")
    assert files == 1
    assert {f["path"] for f in found} == {"."}
    assert "passed over 5 files" in str(note_of(found)["message"])


def test_the_root_named_by_its_path_is_walked_the_same(jekyll_root: Path) -> None:
    (jekyll_root / "_config.yml").write_text("title: no url\n")
    _, found = validated("--profile", "jekyll", str(jekyll_root))
    assert {Path(str(f["path"])).name for f in found} == {"2024-01-02-a.md", jekyll_root.name}


def test_a_folder_inside_the_content_walks_as_before(jekyll_root: Path) -> None:
    (jekyll_root / "_posts" / "notes.txt.md").write_text("no post name\n")
    _, found = validated("--profile", "jekyll", "_posts")
    assert "profile/passed-over" not in {f["rule"] for f in found}
    assert "_posts/notes.txt.md" in {f["path"] for f in found}  # its finding says why


def test_a_folder_named_for_itself_walks_as_before(jekyll_root: Path) -> None:
    """Neither content nor above it: the user asked for it, and gets it read."""
    code, found = validated("--profile", "jekyll", "_layouts")
    assert code == 1
    assert {f["path"] for f in found} == {"_layouts/default.html"}


def test_a_file_named_explicitly_is_read_as_before(jekyll_root: Path) -> None:
    code, found = validated("--profile", "jekyll", ".", "about.md", "_layouts/default.html")
    assert code == 1
    paths = {f["path"] for f in found}
    assert {"about.md", "_layouts/default.html"} <= paths
    assert "passed over 3 files" in str(note_of(found)["message"])


def test_category_posts_drafts_and_collections(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "_config.yml": (
                "url: https://e.com\ncollections:\n  news:\n    output: true\n"
                "  authors:\n    output: false\n"
            ),
            "blog/_posts/2024-01-02-b.md": POST,
            "blog/index.md": "---\ntitle: Blog\n---\n",
            "_drafts/wip.md": POST,
            "_news/2024-01-03-n.md": POST,
            "_news/plain.md": "no front matter: copied as it is\n",
            "_authors/ann.md": "---\nname: Ann\n---\n",
            "node_modules/pkg/README.md": "# pkg\n",
            "_sass/_x.md": "x\n",
        },
    )
    scope = get_profile("jekyll").walk_scope(  # type: ignore[attr-defined]
        str(tmp_path),
        ProfileOptions("jekyll", collections={"news": (True, ""), "authors": (False, "")}),
    )
    assert scope is not None
    verdicts = {
        name: scope.passed_over(name)
        for name in (
            "blog/_posts/2024-01-02-b.md",
            "blog/index.md",
            "_drafts/wip.md",
            "_news/2024-01-03-n.md",
            "_news/plain.md",
            "_authors/ann.md",
            "node_modules/pkg/README.md",
            "_sass/_x.md",
        )
    }
    assert verdicts == {
        "blog/_posts/2024-01-02-b.md": None,
        "blog/index.md": "pages",
        "_drafts/wip.md": "drafts (without show_drafts)",
        "_news/2024-01-03-n.md": None,
        "_news/plain.md": "static files",
        "_authors/ann.md": "collections without output",
        "node_modules/pkg/README.md": "node_modules",
        "_sass/_x.md": "sass",
    }
    shown = get_profile("jekyll").walk_scope(  # type: ignore[attr-defined]
        str(tmp_path), ProfileOptions("jekyll", builds=frozenset({"drafts"}))
    )
    assert shown.passed_over("_drafts/wip.md") is None


def test_posts_below_collections_dir(tmp_path: Path) -> None:
    write(tmp_path, {"_config.yml": "collections_dir: my\n", "my/_posts/2024-01-02-a.md": POST})
    options = ProfileOptions("jekyll", collections_dir="my", site_root=str(tmp_path))
    scope = get_profile("jekyll").walk_scope(str(tmp_path), options)  # type: ignore[attr-defined]
    assert scope.passed_over("my/_posts/2024-01-02-a.md") is None
    assert scope.passed_over("_posts/2024-01-02-a.md") is not None  # not where Jekyll reads
    inside = get_profile("jekyll").walk_scope(  # type: ignore[attr-defined]
        str(tmp_path / "my" / "_posts"), options
    )
    assert inside is None


def test_a_walk_above_the_site_passes_over_what_is_outside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path, {"README.md": "# project\n", **{f"docs/{k}": v for k, v in JEKYLL_SITE.items()}}
    )
    monkeypatch.chdir(tmp_path)
    _, found, files = checked("--profile", "jekyll", "--site-config", "docs/_config.yml", ".")
    assert files == 1
    assert {f["path"] for f in found} == {"."}
    message = str(note_of(found)["message"])
    assert "passed over 6 files" in message
    assert "files outside the site" in message


def test_a_hugo_root_reads_its_content_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = "---\ntitle: P\ndate: 2024-01-02\n---\nBody\n"
    write(
        tmp_path,
        {
            "hugo.toml": "baseURL = 'https://h.example/'\n",
            "content/posts/p.md": page,
            "content/_index.md": "---\ntitle: Home\n---\n",
            "layouts/_default/single.html": "{{ .Content }}\n",
            "themes/t/layouts/index.html": "<p>{{ .Title }}</p>\n",
            "themes/t/exampleSite/content/x.md": page,
            "public/index.html": "<p>built</p>\n",
            "static/notes.md": "# static\n",
            "assets/a.md": "# asset\n",
            "README.md": "# Readme\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    _, found = validated("--profile", "hugo", ".", "--select", "profile")
    paths = {f["path"] for f in found}
    assert paths <= {"content/posts/p.md", "content/_index.md", "."}
    message = str(note_of(found)["message"])
    assert message.startswith("passed over 7 files the hugo site makes no page of (")
    for why in ("layouts", "themes", "public", "static", "assets", "files beside the content"):
        assert why in message


def test_hugo_content_dir_and_mounts_are_content(tmp_path: Path) -> None:
    options = ProfileOptions(
        "hugo",
        site_root=str(tmp_path),
        content_mounts=(("docs", "content", ""), ("../shared", "content", "")),
        languages={"de": {"content_dir": "content/de"}},
    )
    (tmp_path / "hugo.toml").write_text("baseURL = 'https://h.example/'\n")
    scope = get_profile("hugo").walk_scope(str(tmp_path), options)  # type: ignore[attr-defined]
    assert scope.passed_over("docs/a.md") is None
    assert scope.passed_over("content/de/a.md") is None
    assert scope.passed_over("layouts/a.md") == "layouts"
    # hugo 0.168 with contentDir = 'docs', or docs mounted on content, built no page of content/
    assert scope.passed_over("content/a.md") == "content, which a mount replaces"
    hugo = get_profile("hugo")
    assert hugo.walk_scope(str(tmp_path / "docs"), options) is None  # type: ignore[attr-defined]
    (tmp_path / "layouts").mkdir()
    assert hugo.walk_scope(str(tmp_path / "layouts"), options) is None  # type: ignore[attr-defined]
    (tmp_path / "content" / "de").mkdir(parents=True)
    above = hugo.walk_scope(str(tmp_path / "content"), options)  # type: ignore[attr-defined]
    assert above.passed_over("de/a.md") is None  # content/ is no content, but above content/de
    assert above.passed_over("a.md") == "content, which a mount replaces"
    plain = ProfileOptions("hugo", site_root=str(tmp_path))
    assert hugo.walk_scope(str(tmp_path / "content"), plain) is None  # type: ignore[attr-defined]


def test_hugo_config_folder_names_the_site_above_it(tmp_path: Path) -> None:
    write(tmp_path, {"config/_default/hugo.toml": "baseURL = 'https://h.example/'\n"})
    options = ProfileOptions("hugo", site_root=str(tmp_path / "config"))
    scope = get_profile("hugo").walk_scope(str(tmp_path), options)  # type: ignore[attr-defined]
    assert scope is not None
    assert scope.passed_over("content/a.md") is None
    assert scope.passed_over("config/_default/x.md") == "config"


def test_a_zola_root_reads_its_content_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            "config.toml": "base_url = 'https://z.example'\n",
            "content/blog/2024-01-02-p.md": "+++\ntitle = 'P'\n+++\nBody\n",
            "templates/index.html": "<p>{{ section.title }}</p>\n",
            "public/index.html": "<p>built</p>\n",
            "static/s.md": "# static\n",
            "themes/t/templates/page.html": "x\n",
            "README.md": "# Readme\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    code, found = validated(
        "--profile", "zola", "--site-config", "config.toml", ".", "--select", "profile,frontmatter"
    )
    assert code == 0
    assert {f["path"] for f in found} == {"."}
    message = str(note_of(found)["message"])
    assert message.startswith("passed over 5 files the zola site makes no page of (")


def test_hugo_ignore_files_and_non_pages_in_its_content_are_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = "---\ntitle: P\ndate: 2024-01-02\n---\nBody\n"
    write(
        tmp_path,
        {
            "hugo.toml": "baseURL = 'https://h.example/'\n"
            "ignoreFiles = ['appendix', '^.*/drafts/']\n",
            "content/posts/p.md": page,
            "content/posts/bundle/index.md": page,
            "content/posts/bundle/appendix.md": page,  # hugo 0.168: no page, no error
            "content/posts/drafts/d.md": page,  # a folder the expression matches
            "content/posts/notes.txt": "plain notes\n",  # copied as it is, no page
            "content/posts/old.xhtml": "<p>x</p>\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    code, found = validated("--profile", "hugo", "--site-config", "hugo.toml", ".")
    assert code == 0, found
    assert {f["path"] for f in found if f["severity"] == "error"} == set()
    read = {f["path"] for f in found} - {"."}
    assert read == {"content/posts/p.md", "content/posts/bundle/index.md"}
    message = str(note_of(found)["message"])
    assert message.startswith("passed over 4 files the hugo site makes no page of (")
    assert "ignoreFiles" in message and "non-page files" in message
    # Named, a skipped file is read and told why it has no page.
    _, named = validated(
        "--profile", "hugo", "--site-config", "hugo.toml", "content/posts/bundle/appendix.md"
    )
    assert any("ignoreFiles" in str(f["message"]) for f in named)
    # Without --site-config the walk reads the hugo.toml it finds the site's root by.
    assert validated("--profile", "hugo", ".") == (code, found)


HUGO_PAGE = "---\ntitle: P\ndate: 2024-01-02\n---\nBody\n"


@pytest.mark.parametrize("config", [True, False])
def test_hugo_html_content_is_passed_over_as_hugo_refuses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: bool
) -> None:
    """hugo 0.168 stops its build on ``content/posts/a.html`` ('access denied: "text/html" is
    not whitelisted in policy "security.allowContent"'), with or without front matter, in a
    bundle too: no page of the site, where the walk read it as one."""
    write(
        tmp_path,
        {
            "hugo.toml": "baseURL = 'https://h.example/'\n",
            "content/posts/p.md": HUGO_PAGE,
            "content/posts/a.html": HUGO_PAGE,
            "content/posts/b.htm": "<p>no front matter</p>\n",
            "content/posts/bundle/index.md": HUGO_PAGE,
            "content/posts/bundle/part.html": "<p>part</p>\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    named = ("--site-config", "hugo.toml") if config else ("--base-url", "https://h.example/")
    code, found = validated("--profile", "hugo", *named, ".")
    assert code == 0, found
    assert {f["path"] for f in found} - {"."} == {
        "content/posts/p.md",
        "content/posts/bundle/index.md",
    }
    message = str(note_of(found)["message"])
    assert message.startswith("passed over 3 files the hugo site makes no page of (")
    assert "text/html files, which security.allowContent refuses" in message


def test_hugo_html_content_walked_inside_or_named_says_hugo_stops_on_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A walk inside the content reads it whole, and a named file is read: hugo 0.168 stopped
    its build on ``content/h.html`` ("text/html" is not whitelisted in policy
    "security.allowContent"), so the page has no link, and its finding says why; where the
    site allows HTML, hugo built /h/ of it."""
    write(tmp_path, {"hugo.toml": "baseURL = 'https://h.example/'\n", "content/h.html": HUGO_PAGE})
    monkeypatch.chdir(tmp_path / "content")
    for args in ((".",), ("h.html", "--site-config", "../hugo.toml")):
        code, found = validated("--profile", "hugo", *args)
        assert code == 1
        (refused,) = [f for f in found if "allowContent" in str(f["message"])]
        assert refused["path"] == "h.html" and refused["rule"] == "profile/missing"
        assert str(refused["message"]).endswith('security.allowContent refuses "text/html"')
        assert '["^text/html$", "^text/markdown$"]' in str(refused["hint"])
    (tmp_path / "hugo.toml").write_text(
        "baseURL = 'https://h.example/'\n[security]\nallowContent = ['^text/html$']\n"
    )
    code, found = validated("--profile", "hugo", ".")
    assert code == 0, found
    result = invoke("convert", "--to", "jsonl", "--profile", "hugo", ".")
    assert json.loads(result.stdout)["meta"]["webUrl"] == "https://h.example/h/"


@pytest.mark.parametrize(
    ("allow", "read"),
    [
        # hugo 0.168 built a.html with each of these, and b.md with the first two
        ("['! ^text/org$']", {"a.html", "b.md"}),
        ("['^text/html$', '^text/markdown$']", {"a.html", "b.md"}),
        ("'^text/html$'", {"a.html"}),
        ("['', '! y']", {"a.html", "b.md"}),
        # and refused both with these
        ("['text/html', '! ^text/html$']", set()),
        ("['! ^text/org$', 'qq']", set()),
        ("['markdown', 'none']", set()),
        ("['']", set()),
        ("[]", set()),
    ],
)
def test_hugo_builds_the_formats_its_allow_content_allows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, allow: str, read: set[str]
) -> None:
    write(
        tmp_path,
        {
            "hugo.toml": f"baseURL = 'https://h.example/'\n[security]\nallowContent = {allow}\n",
            "content/a.html": HUGO_PAGE,
            "content/b.md": HUGO_PAGE,
        },
    )
    monkeypatch.chdir(tmp_path)
    _, found = validated("--profile", "hugo", "--site-config", "hugo.toml", ".")
    assert {f["path"] for f in found} - {"."} == {f"content/{name}" for name in read}


def test_an_allow_content_that_does_not_compile_is_a_configuration_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"hugo.toml": "[security]\nallowContent = ['! ^text/(html$']\n"})
    monkeypatch.chdir(tmp_path)
    result = invoke("validate", "--profile", "hugo", "--site-config", "hugo.toml", ".")
    assert result.exit_code == 2
    assert "security.allowContent" in result.output + result.stderr


def test_zola_ignored_content_and_assets_are_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = "+++\ntitle = 'P'\ndate = 2024-01-02\n+++\nBody\n"
    write(
        tmp_path,
        {
            "config.toml": "base_url = 'https://z.example'\nignored_content = ['*/skip-*']\n",
            "content/blog/p.md": page,
            "content/blog/skip-me.md": page,
            "content/blog/b/index.md": page,
            "content/blog/b/notes.txt": "plain notes\n",
            "content/blog/b/page.html": "<p>asset</p>\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    code, found = validated("--profile", "zola", "--site-config", "config.toml", ".")
    assert code == 0, found
    assert {f["path"] for f in found} - {"."} == {"content/blog/p.md", "content/blog/b/index.md"}
    message = str(note_of(found)["message"])
    assert message.startswith("passed over 3 files the zola site makes no page of (")
    assert "ignored_content" in message and "non-page files" in message


def test_jekyll_exclude_is_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # jekyll 4.3 built the posts a and c alone from this site
    write(
        tmp_path,
        {
            "_config.yml": "url: https://e.com\n"
            'exclude: [notes, "blog/_posts/2024-01-0[3-4]*", "*-skip.md", kept]\n'
            "include: [kept]\n",
            "_posts/2024-01-02-a.md": POST,
            "_posts/2024-01-05-b-skip.md": POST,
            "notes/_posts/2024-01-02-n.md": POST,
            "notesx/_posts/2024-01-02-x.md": POST,  # "notes" starts its path too
            "blog/_posts/2024-01-02-c.md": POST,
            "blog/_posts/2024-01-03-d.md": POST,
            "kept/_posts/2024-01-02-k.md": POST,  # include takes it back
        },
    )
    monkeypatch.chdir(tmp_path)
    code, found, files = checked("--profile", "jekyll", "--site-config", "_config.yml", ".")
    assert (code, files) == (0, 3)
    assert {f["path"] for f in found} == {"."}
    message = str(note_of(found)["message"])
    assert message.startswith("passed over 4 files the jekyll site publishes no post from (")
    assert "exclude" in message
    # Named on its own, an excluded folder is read whole.
    _, named, files = checked("--profile", "jekyll", "--site-config", "_config.yml", "notes")
    assert files == 1 and "profile/passed-over" not in {f["rule"] for f in named}
    # Without --site-config the walk reads the _config.yml it finds the site's root by.
    given = checked("--profile", "jekyll", "--site-config", "_config.yml", ".")
    assert checked("--profile", "jekyll", ".") == given


def test_jekyll_exclude_is_the_named_configurations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The exclude of the file --site-config names, not of a _config.yml beside it (which may
    be another build's, or broken)."""
    write(
        tmp_path,
        {
            "_config.prod.yml": "url: https://e.com\nexclude: [notes]\n",
            "_config.yml": "url: [never closed\n",
            "_posts/2024-01-02-a.md": POST,
            "notes/_posts/2024-01-02-n.md": POST,
        },
    )
    monkeypatch.chdir(tmp_path)
    code, found, files = checked("--profile", "jekyll", "--site-config", "_config.prod.yml", ".")
    assert (code, files) == (0, 1)
    assert "(exclude)" in str(note_of(found)["message"])


def test_a_folder_that_is_no_site_walks_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"posts/2024-01-02-a.md": POST, "notes.md": "# notes\n"})
    (tmp_path / ".git").mkdir()  # the repository's top: no site above it is looked for
    monkeypatch.chdir(tmp_path)
    _, found = validated("--profile", "jekyll", ".")
    assert "notes.md" in {f["path"] for f in found}
    assert "profile/passed-over" not in {f["rule"] for f in found}


def test_without_a_profile_the_root_is_read_whole(jekyll_root: Path) -> None:
    _, found = validated(".")
    assert "_layouts/default.html" in {f["path"] for f in found}
    assert "profile/passed-over" not in {f["rule"] for f in found}


def test_the_note_obeys_ignore(jekyll_root: Path) -> None:
    code, found, files = checked(
        "--profile",
        "jekyll",
        "--site-config",
        "_config.yml",
        ".",
        "--ignore",
        "profile/passed-over",
    )
    assert (code, files, found) == (0, 1, [])


def test_convert_at_the_root_converts_the_posts(jekyll_root: Path) -> None:
    args = ("convert", ".", "--to", "jsonl", "--profile", "jekyll", "--site-config", "_config.yml")
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [json.loads(line)["path"] for line in lines] == ["_posts/2024-01-02-a.md"]
    assert "passed over 5 files" in result.stderr
    assert "info profile/passed-over" in result.stderr


def test_jobs_give_the_same_report(jekyll_root: Path) -> None:
    args = ("validate", "-f", "json", "--profile", "jekyll", ".")
    assert invoke(*args).stdout == invoke(*args, "--jobs", "2").stdout


def test_fix_at_the_root_leaves_what_is_no_post_alone(jekyll_root: Path) -> None:
    surprise = "---\ntitle: NO\n---\nx\n"
    write(jekyll_root, {"_includes/q.md": surprise, "_posts/2024-01-03-q.md": surprise})
    result = invoke("fix", "--profile", "jekyll", "--site-config", "_config.yml", ".")
    assert (jekyll_root / "_posts/2024-01-03-q.md").read_text() == '---\ntitle: "NO"\n---\nx\n'
    assert (jekyll_root / "_includes/q.md").read_text() == surprise
    assert "passed over 6 files" in result.stdout
