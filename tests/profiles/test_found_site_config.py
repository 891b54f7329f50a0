"""A walk from a site's root without --site-config reads the configuration it finds the root
by, as --site-config would: Jekyll's collections and exclude, Hugo's ignoreFiles and baseURL,
Zola's ignored_content and base_url; a file named alone (as the pre-commit hook names staged
files) reads its folder's site. One it cannot read is a warning at its line, and the run goes
on as it would without it; a configuration that is named always wins.

The sites below were built with jekyll 4.3.1, hugo 0.168.0 and zola 0.22.0, and the
comments say what each generator published from them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from convert.cli import main
from convert.profiles import ProfileOptions
from convert.run import validate_paths
from convert.run.site_walk import SITE_CONFIG, SITES


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def validated(*args: str) -> tuple[int, list[dict[str, Any]]]:
    """Exit code and findings of ``artconv validate -f json ARGS``."""
    result = invoke("validate", "-f", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["diagnostics"]


def converted(*args: str) -> tuple[dict[str, dict[str, Any]], str]:
    """The JSON Lines records of ``artconv convert --to jsonl ARGS`` by path, and what went
    to standard error."""
    result = invoke("convert", "--to", "jsonl", *args)
    assert result.exit_code in (0, 1), result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return {r["path"]: r["meta"] for r in records}, result.stderr


def rules(found: list[dict[str, Any]]) -> set[str]:
    return {str(f["rule"]) for f in found}


def only(found: list[dict[str, Any]], rule: str) -> dict[str, Any]:
    hits = [f for f in found if f["rule"] == rule]
    assert len(hits) == 1, found
    return hits[0]


POST = "---\ntitle: A\nauthor: Ann\ntags: [t]\nimage: /a.png\n---\nHello\n"

JEKYLL = {
    "_config.yml": (
        "url: https://j.example\n"
        "lang: de\n"
        "collections:\n"
        "  recipes:\n"
        "    output: true\n"
        "  authors:\n"
        "    output: false\n"
        "exclude: [notes, '*-skip.md']\n"
    ),
    "_posts/2024-01-02-a.md": POST,
    "_posts/2024-01-03-b-skip.md": POST,
    "notes/_posts/2024-01-04-n.md": POST,
    "_recipes/soup.md": "---\ntitle: Soup\ndate: 2024-01-05\n---\nHot.\n",
    "_authors/ann.md": "---\ntitle: Ann\n---\nWrites.\n",
    "_layouts/default.html": "{{ content }}\n",
}
"""jekyll 4.3.1 wrote 2024/01/02/a.html and recipes/soup.html from it, and nothing of the
excluded post, the notes' post or the authors."""


@pytest.fixture
def jekyll(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path, JEKYLL)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_jekyll_collections_with_output_and_exclude_from_the_root(jekyll: Path) -> None:
    records, stderr = converted("--profile", "jekyll", ".")
    assert sorted(records) == ["_posts/2024-01-02-a.md", "_recipes/soup.md"]
    assert records["_posts/2024-01-02-a.md"]["webUrl"] == "https://j.example/2024/01/02/a.html"
    assert records["_recipes/soup.md"]["webUrl"] == "https://j.example/recipes/soup.html"
    assert records["_posts/2024-01-02-a.md"]["locale"] == "de"  # the site's lang
    assert "exclude" in stderr and "collections without output" in stderr
    code, found = validated("--profile", "jekyll", ".")
    assert code == 0, found
    assert "profile/missing" not in rules(found)  # the address is known


def test_jekyll_without_a_readable_configuration_walks_as_before(jekyll: Path) -> None:
    """The same site with a broken _config.yml: one warning at the line YAML stops on, and
    the walk is the one it was before configurations were read (posts alone, no address)."""
    (jekyll / "_config.yml").write_text("url: https://j.example\nexclude: [notes\nlang: de\n")
    code, found = validated("--profile", "jekyll", ".")
    assert code == 1  # the posts have no address now, as before
    warning = only(found, SITE_CONFIG)
    assert (warning["path"], warning["severity"]) == ("_config.yml", "warning")
    assert (warning["line"], warning["column"]) == (3, 5)
    assert str(warning["message"]).startswith(
        "the site's configuration cannot be read, so the run goes on without it: "
    )
    assert "--site-config" in str(warning["hint"])
    posts = {f["path"] for f in found if f["rule"] == "profile/missing"}
    assert posts == {
        "_posts/2024-01-02-a.md",
        "_posts/2024-01-03-b-skip.md",
        "notes/_posts/2024-01-04-n.md",
    }
    message = str(only(found, "profile/passed-over")["message"])
    assert "_recipes" in message and "layouts" in message
    # A text report says where, as a finding of a page does.
    result = invoke("validate", "--profile", "jekyll", ".")
    assert "_config.yml:3:5: warning profile/site-config" in result.stdout


def test_a_named_site_config_wins_over_the_one_found(jekyll: Path) -> None:
    (jekyll / "_config.prod.yml").write_text("url: https://prod.example\n")
    (jekyll / "_config.yml").write_text("url: [broken\n")  # never read: another is named
    result = invoke(
        "validate", "-f", "json", "--profile", "jekyll", "--site-config", "_config.prod.yml", "."
    )
    found = json.loads(result.stdout)["diagnostics"]
    assert SITE_CONFIG not in rules(found)
    records, _ = converted("--profile", "jekyll", "--site-config", "_config.prod.yml", ".")
    assert records["_posts/2024-01-02-a.md"]["webUrl"] == "https://prod.example/2024/01/02/a.html"
    assert "_recipes/soup.md" not in records  # the named file has no collections
    # Named, a broken file stops the run, as it always has.
    broken = invoke("validate", "--profile", "jekyll", "--site-config", "_config.yml", ".")
    assert broken.exit_code == 2
    assert "_config.yml: cannot read the site configuration: line 2, column 1" in broken.stderr


def test_the_run_settings_site_config_wins_over_the_one_found(jekyll: Path) -> None:
    (jekyll / "_config.prod.yml").write_text("url: https://prod.example\n")
    (jekyll / "artconv.toml").write_text('site-config = "_config.prod.yml"\n')
    records, _ = converted("--profile", "jekyll", ".")
    assert records["_posts/2024-01-02-a.md"]["webUrl"] == "https://prod.example/2024/01/02/a.html"


def test_base_url_and_permalink_win_over_the_found_configuration(jekyll: Path) -> None:
    records, _ = converted(
        "--profile", "jekyll", "--base-url", "https://other.example", "--permalink", "pretty", "."
    )
    assert records["_posts/2024-01-02-a.md"]["webUrl"] == "https://other.example/2024/01/02/a/"
    assert records["_recipes/soup.md"]["webUrl"] == "https://other.example/recipes/soup.html"


HOOK = ("--force-exclude",)
"""What the pre-commit hooks pass before the staged files (.pre-commit-hooks.yaml)."""


@pytest.mark.parametrize("hook", [(), HOOK], ids=["named", "as-the-hook"])
def test_jekyll_files_named_alone_find_their_site(
    jekyll: Path, hook: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Named alone, as the hook names staged files, a post and a collection's document are
    mapped with the _config.yml their folder is in: its address, permalink and language."""
    (jekyll / "_config.yml").write_text(
        str(JEKYLL["_config.yml"]) + "permalink: /:categories/:title/\n"
    )
    post, soup = "_posts/2024-01-02-a.md", "_recipes/soup.md"
    for named in (post, soup):
        code, found = validated(*hook, "--profile", "jekyll", named)
        assert code == 0 and "profile/missing" not in rules(found), found
    records, _ = converted(*hook, "--profile", "jekyll", post)
    assert records[post]["webUrl"] == "https://j.example/a/"  # the site's permalink
    assert records[post]["locale"] == "de"
    records, _ = converted(*hook, "--profile", "jekyll", soup)
    # jekyll 4.3.1 gives a collection without a permalink of its own the site's style's
    # ending: a trailing slash here.
    assert records[soup]["webUrl"] == "https://j.example/recipes/soup/"
    # What a walk passes over is read when named: the site's exclude does not apply to it.
    skipped = "_posts/2024-01-03-b-skip.md"
    records, _ = converted(*hook, "--profile", "jekyll", skipped, "notes/_posts/2024-01-04-n.md")
    assert sorted(records) == [skipped, "notes/_posts/2024-01-04-n.md"]
    assert records[skipped]["webUrl"] == "https://j.example/b-skip/"
    # From another folder, the file's site is still the one it is in.
    (jekyll / "elsewhere").mkdir()
    monkeypatch.chdir(jekyll / "elsewhere")
    records, _ = converted("--profile", "jekyll", f"../{post}")
    assert records[f"../{post}"]["webUrl"] == "https://j.example/a/"


def test_named_files_keep_the_given_settings_first(jekyll: Path) -> None:
    post = "_posts/2024-01-02-a.md"
    (jekyll / "_config.prod.yml").write_text("url: https://prod.example\n")
    records, _ = converted("--profile", "jekyll", "--site-config", "_config.prod.yml", post)
    assert records[post]["webUrl"] == "https://prod.example/2024/01/02/a.html"
    records, _ = converted("--profile", "jekyll", "--base-url", "https://b.example", post)
    assert records[post]["webUrl"] == "https://b.example/2024/01/02/a.html"
    assert records[post]["locale"] == "de"  # the rest from the site's configuration
    (jekyll / "artconv.toml").write_text('site-config = "_config.prod.yml"\n')
    records, _ = converted("--profile", "jekyll", post)
    assert records[post]["webUrl"] == "https://prod.example/2024/01/02/a.html"


def test_a_named_files_broken_configuration_is_one_warning(jekyll: Path) -> None:
    (jekyll / "_config.yml").write_text("url: https://j.example\nexclude: [notes\nlang: de\n")
    named = ("_posts/2024-01-02-a.md", "_posts/2024-01-03-b-skip.md")
    code, found = validated(*HOOK, "--profile", "jekyll", *named)
    warning = only(found, SITE_CONFIG)
    assert (warning["path"], warning["line"], warning["column"]) == ("_config.yml", 3, 5)
    assert code == 1  # the run went on, as without the configuration: no address
    assert {f["path"] for f in found if f["rule"] == "profile/missing"} == set(named)


def test_named_files_of_two_sites_read_neither(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "one", JEKYLL)
    write(tmp_path / "two", {**JEKYLL, "_config.yml": "url: https://two.example\n"})
    monkeypatch.chdir(tmp_path)
    code, found = validated("--profile", "jekyll", "one/_posts/2024-01-02-a.md", "two/_posts")
    assert code == 1
    note = only(found, SITES)
    assert note["path"] == "one/_posts/2024-01-02-a.md"
    assert "the named paths are in 2 jekyll sites (one, two)" in str(note["message"])
    # Files of one site read it once, and a walk of that site beside them agrees.
    code, found = validated(
        "--profile", "jekyll", "one/_posts/2024-01-02-a.md", "one/_recipes/soup.md", "one/_posts"
    )
    assert code == 0 and SITES not in rules(found)


def test_a_file_outside_any_site_reads_none(jekyll: Path) -> None:
    """A repository's top ends the search, as it ends a walk's."""
    inner = jekyll / "repo"
    write(inner, {".git/HEAD": "ref: refs/heads/main\n", "_posts/2024-01-02-x.md": POST})
    _, found = validated("--profile", "jekyll", "repo/_posts/2024-01-02-x.md")
    missing = [str(f["message"]) for f in found if f["rule"] == "profile/missing"]
    assert any("address is not known" in m for m in missing), missing


def test_fix_reads_the_found_configuration_too(jekyll: Path) -> None:
    result = invoke("fix", "--diff", "--profile", "jekyll", ".")
    assert result.exit_code == 0, result.output
    assert "address is not known" not in result.output
    assert "collections without output" in result.output


def test_folders_of_two_sites_read_neither(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "one", JEKYLL)
    write(tmp_path / "two", {**JEKYLL, "_config.yml": "url: https://two.example\n"})
    monkeypatch.chdir(tmp_path)
    code, found = validated("--profile", "jekyll", "one", "two")
    assert code == 1
    note = only(found, SITES)
    assert (note["severity"], note["path"]) == ("info", "one")
    assert "2 jekyll sites (one, two)" in str(note["message"])
    assert "address is not known" in str(
        next(f for f in found if f["path"] == "one/_posts/2024-01-02-a.md")["message"]
    )
    # Two folders of one site read it once.
    code, found = validated("--profile", "jekyll", "one/_posts", "one/_recipes")
    assert code == 0 and SITES not in rules(found)


HUGO = {
    "hugo.toml": "baseURL = 'https://h.example/'\nignoreFiles = ['secret', '\\.draft\\.md$']\n",
    "config.toml": "baseURL = 'https://config.example/'\n",  # hugo.toml is read first
    "content/posts/a.md": "---\ntitle: A\ndate: 2024-01-02\n---\nHi\n",
    "content/posts/secret-b.md": "---\ntitle: B\ndate: 2024-01-02\n---\nHi\n",
    "content/posts/c.draft.md": "---\ntitle: C\ndate: 2024-01-02\n---\nHi\n",
    "layouts/_default/single.html": "{{ .Permalink }}\n",
}
"""hugo 0.168.0 wrote posts/a/ alone from it, at https://h.example/posts/a/ (the address of
hugo.toml, not config.toml's)."""


def test_hugo_ignore_files_and_base_url_from_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, HUGO)
    monkeypatch.chdir(tmp_path)
    records, stderr = converted("--profile", "hugo", ".")
    assert records == {"content/posts/a.md": records["content/posts/a.md"]}, sorted(records)
    assert records["content/posts/a.md"]["webUrl"] == "https://h.example/posts/a/"
    assert "passed over 3 files the hugo site makes no page of (" in stderr
    assert "ignoreFiles" in stderr
    code, found = validated("--profile", "hugo", ".")
    assert "profile/missing" not in rules(found) and code == 0
    # Walked from inside the content, the site's address is known too.
    records, _ = converted("--profile", "hugo", "content/posts")
    assert records["content/posts/a.md"]["webUrl"] == "https://h.example/posts/a/"


@pytest.mark.parametrize("hook", [(), HOOK], ids=["named", "as-the-hook"])
def test_hugo_files_named_alone_find_their_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hook: tuple[str, ...]
) -> None:
    write(tmp_path, HUGO)
    monkeypatch.chdir(tmp_path)
    code, found = validated(*hook, "--profile", "hugo", "content/posts/a.md")
    assert code == 0 and "profile/missing" not in rules(found), found
    # ignoreFiles leaves it out of a walk; named, it is read, and said to be no page.
    named = ("content/posts/a.md", "content/posts/secret-b.md")
    records, stderr = converted(*hook, "--profile", "hugo", *named)
    assert sorted(records) == list(named)
    assert records["content/posts/a.md"]["webUrl"] == "https://h.example/posts/a/"
    assert 'ignoreFiles pattern "secret"' in stderr
    fixed = invoke("fix", "--changes-only", *hook, "--profile", "hugo", "content/posts/a.md")
    assert fixed.exit_code == 0 and "address is not known" not in fixed.output, fixed.output


def test_hugo_configuration_folder_from_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            "config/_default/hugo.toml": "baseURL = 'https://dir.example/'\n",
            "config/_default/languages.toml": "[en]\nlanguageCode = 'en-GB'\n",
            "content/posts/a.md": "---\ntitle: A\ndate: 2024-01-02\n---\nHi\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    records, _ = converted("--profile", "hugo", ".")
    assert records["content/posts/a.md"]["webUrl"] == "https://dir.example/posts/a/"
    assert records["content/posts/a.md"]["locale"] == "en-GB"


def test_hugo_reads_its_configuration_folder_over_its_root_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """hugo 0.168.0 built this site at https://dir.example/posts/a/ and left out the secret
    page: the folder's baseURL, the root file's ignoreFiles (with --config hugo.toml too)."""
    write(
        tmp_path,
        {
            "hugo.toml": "baseURL = 'https://root.example/'\nignoreFiles = ['secret']\n",
            "config/_default/hugo.toml": "baseURL = 'https://dir.example/'\n",
            "content/posts/a.md": "---\ntitle: A\ndate: 2024-01-02\n---\nHi\n",
            "content/posts/secret-b.md": "---\ntitle: B\ndate: 2024-01-02\n---\nHi\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    for named in ((), ("--site-config", "hugo.toml"), ("--site-config", ".")):
        records, _ = converted("--profile", "hugo", *named, ".")
        assert sorted(records) == ["content/posts/a.md"], named
        assert records["content/posts/a.md"]["webUrl"] == "https://dir.example/posts/a/"


def test_a_broken_hugo_toml_is_a_warning_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {**HUGO, "hugo.toml": "baseURL = 'https://h.example/'\nignoreFiles = [\n"})
    monkeypatch.chdir(tmp_path)
    code, found = validated("--profile", "hugo", ".")
    warning = only(found, SITE_CONFIG)
    assert (warning["path"], warning["line"]) == ("hugo.toml", 3)
    assert code == 1  # as before: no address, and the ignored files are read
    missing = {f["path"] for f in found if f["rule"] == "profile/missing"}
    assert "content/posts/secret-b.md" in missing


def test_a_setting_of_the_wrong_kind_is_a_warning_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {**HUGO, "hugo.toml": "baseURL = 5\n"})
    monkeypatch.chdir(tmp_path)
    _, found = validated("--profile", "hugo", ".")
    warning = only(found, SITE_CONFIG)
    assert (warning["path"], warning["line"]) == ("hugo.toml", None)
    assert str(warning["message"]).endswith("baseURL must be a string, not 5")


def test_a_configuration_that_is_no_utf8_is_a_warning(jekyll: Path) -> None:
    (jekyll / "_config.yml").write_bytes(b"url: https://j.example\ntitle: caf\xe9\n")
    code, found = validated("--profile", "jekyll", ".")
    warning = only(found, SITE_CONFIG)
    assert (warning["path"], warning["line"], warning["column"]) == ("_config.yml", 2, 11)
    assert "not UTF-8 text" in str(warning["message"])
    assert code == 1


def laughs() -> str:
    """A "billion laughs": 9**10 strings once its aliases are expanded."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join([*lines, "exclude: *a9", "collections: *a9"]) + "\n"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (laughs(), "the file expands to more than 100,000 values"),
        ("url: " + "[" * 5000 + "]" * 5000 + "\n", "the file is nested more than 64 levels"),
        ("# padding\n" * 1_700_000, "larger than the limit of 16,777,216 bytes"),
    ],
    ids=["alias-bomb", "deep", "too-large"],
)
def test_a_hostile_configuration_is_one_warning(jekyll: Path, text: str, said: str) -> None:
    (jekyll / "_config.yml").write_text(text)
    code, found = validated("--profile", "jekyll", ".")
    assert said in str(only(found, SITE_CONFIG)["message"])
    assert code == 1  # the posts have no address, as without a configuration


ZOLA = {
    "config.toml": "base_url = 'https://z.example'\nignored_content = ['*.draft.md']\n",
    "content/blog/_index.md": "+++\ntitle = 'Blog'\n+++\n",
    "content/blog/a.md": "+++\ntitle = 'A'\ndate = 2024-01-02\n+++\nHi\n",
    "content/blog/b.draft.md": "+++\ntitle = 'B'\ndate = 2024-01-02\n+++\nHi\n",
    "templates/page.html": "{{ page.permalink }}\n",
}
"""zola 0.22.0 wrote the section blog/ and of the pages blog/a/ alone from it, at
https://z.example/blog/a/."""


def test_zola_ignored_content_and_base_url_from_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, ZOLA)
    monkeypatch.chdir(tmp_path)
    records, stderr = converted("--profile", "zola", ".")
    assert sorted(records) == ["content/blog/_index.md", "content/blog/a.md"]
    assert records["content/blog/a.md"]["webUrl"] == "https://z.example/blog/a/"
    assert "ignored_content" in stderr
    code, found = validated("--profile", "zola", ".")
    assert code == 0 and "profile/missing" not in rules(found)


@pytest.mark.parametrize("hook", [(), HOOK], ids=["named", "as-the-hook"])
def test_zola_files_named_alone_find_their_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hook: tuple[str, ...]
) -> None:
    write(tmp_path, ZOLA)
    monkeypatch.chdir(tmp_path)
    code, found = validated(*hook, "--profile", "zola", "content/blog/a.md")
    assert code == 0 and "profile/missing" not in rules(found), found
    records, _ = converted(*hook, "--profile", "zola", "content/blog/a.md")
    assert records["content/blog/a.md"]["webUrl"] == "https://z.example/blog/a/"


def test_a_broken_zola_config_is_a_warning_and_the_walk_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {**ZOLA, "config.toml": "base_url = 'https://z.example'\ntitle = \n"})
    monkeypatch.chdir(tmp_path)
    code, found = validated("--profile", "zola", ".")
    warning = only(found, SITE_CONFIG)
    assert (warning["path"], warning["line"], warning["column"]) == ("config.toml", 2, 9)
    assert "templates" in str(only(found, "profile/passed-over")["message"])
    assert "content/blog/b.draft.md" in {f["path"] for f in found}  # not ignored now
    assert code == 1


def test_the_library_run_finds_the_configuration_as_the_command_does(jekyll: Path) -> None:
    with validate_paths(["."], profile=ProfileOptions("jekyll")) as report:
        found = list(report.findings)
    assert "profile/missing" not in {d.rule for d in found}
    assert found[-1].rule == "profile/passed-over"
    assert "exclude" in found[-1].message
