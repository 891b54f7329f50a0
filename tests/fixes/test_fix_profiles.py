"""Fixing under a site profile: the fixes find the front matter where the generator (and so
the profile's loader) finds it, after blank lines for Hugo and Zola, closed by ``...`` for
Jekyll, and edit only the spans at fault there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from convert import loads
from convert.cli import main
from convert.profiles.base import ProfileOptions
from convert.profiles.mapping import Mapper

BASE = ("--base-url", "https://example.com/")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("leading", ["\n\n", " \n\t\n"])
def test_hugo_front_matter_after_blank_lines_is_fixed_and_the_blank_lines_stay(
    tmp_path: Path, leading: str, newline: str
) -> None:
    # Values Hugo shows otherwise than written (hugo 0.168 titled 1.0 "1" and 010 "8"; its
    # YAML 1.2 reader shows 2013 and NO as written, which need no fix).
    front = "---\ntitle: 1.0\ndate: 2024-03-05T10:00:00Z\n# kept\ndescription: 010\n---\n"
    text = (leading + front + "Body.\n").replace("\n", newline)
    post = write(tmp_path, "content/posts/hello.md", text)
    code, out, _ = invoke("fix", "--diff", "--profile", "hugo", *BASE, str(post))
    assert code == 1 and '+title: "1.0"' in out and '+description: "010"' in out
    assert post.read_bytes() == text.encode()  # --diff writes nothing

    assert invoke("fix", "--profile", "hugo", *BASE, str(post))[0] == 1
    fixed = text.replace("title: 1.0", 'title: "1.0"').replace("010", '"010"')
    assert post.read_bytes() == fixed.encode()
    code, out, _ = invoke("validate", "--profile", "hugo", *BASE, str(post))
    assert code == 0 and "error" not in out, out
    assert invoke("fix", "--profile", "hugo", *BASE, str(post))[0] == 0  # nothing left to do


def test_zola_front_matter_after_blank_lines_is_fixed_and_the_blank_lines_stay(
    tmp_path: Path,
) -> None:
    # A locale YAML 1.1 reads as false (Zola's own reader shows a description: 010 as
    # written, which needs no fix).
    text = (
        "\n---\ntitle: Hello\ndate: 2024-03-05\nextra:\n  lang: NO\n"
        "taxonomies:\n  tags: [a]\nextra:\n  lang: NO\n---\nBody.\n"
    )
    post = write(tmp_path, "content/hello.md", text)
    args = ("--profile", "zola", *BASE, str(post))
    assert invoke("fix", *args)[0] == 1
    # The value in use is quoted; the duplicate waits for --unsafe-fixes.
    in_use = text.replace("[a]\nextra:\n  lang: NO", '[a]\nextra:\n  lang: "NO"')
    assert post.read_text("utf-8") == in_use
    post.write_text(text, "utf-8")
    code, _, err = invoke("fix", "--unsafe-fixes", *args)
    assert code == 1, err
    assert post.read_text("utf-8") == (
        '\n---\ntitle: Hello\ndate: 2024-03-05\ntaxonomies:\n  tags: [a]\nextra:\n  lang: "NO"\n'
        "---\nBody.\n"
    )
    assert loads(post.read_bytes(), leading_blank_lines=True).meta["extra"] == {"lang": "NO"}


def test_jekyll_front_matter_closed_by_document_end_is_fixed_there(tmp_path: Path) -> None:
    text = "---\ntitle: NO\nlayout: post\n...\nBody.\n"
    post = write(tmp_path, "_posts/2024-03-05-hello.md", text)
    code, _, _ = invoke("fix", "--profile", "jekyll", *BASE, str(post))
    assert code == 1
    assert post.read_text("utf-8") == text.replace("NO", '"NO"')  # "..." stays Jekyll's


def test_without_a_profile_front_matter_after_blank_lines_is_not_edited(tmp_path: Path) -> None:
    text = "\n---\ntitle: NO\n---\nBody.\n"
    post = write(tmp_path, "post.md", text)
    invoke("fix", "--unsafe-fixes", str(post))
    assert post.read_text("utf-8") == text


@pytest.mark.parametrize(
    ("profile", "front"),
    [
        ("hugo", "---\ntitle: Hello\ndate: 2024-03-05T10:00:00Z\n"),
        ("zola", '+++\ntitle = "Hello"\ndate = 2024-03-05T10:00:00Z\n'),
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_an_unclosed_fence_after_blank_lines_is_unclosed_and_closed_under_hugo_and_zola(
    tmp_path: Path, profile: str, front: str, newline: str
) -> None:
    """The generator sees the fence after the blank lines and no end to it: the finding is the
    unclosed fence on its own line, not "no front matter", and its fix closes it there."""
    text = ("\n \n" + front + "\nBody.\n").replace("\n", newline)
    post = write(tmp_path, "content/hello.md", text)
    args = ("--profile", profile, *BASE, str(post))
    code, out, _ = invoke("validate", *args)
    assert code == 1
    assert "hello.md:3:1: error frontmatter/unclosed" in out and "frontmatter/missing" not in out
    assert invoke("fix", *args)[0] == 1  # changed
    fence = front[:3]
    closed = ("\n \n" + front + fence + "\n\nBody.\n").replace("\n", newline)
    assert post.read_bytes() == closed.encode()
    code, out, _ = invoke("validate", *args)
    assert code == 0 and "error" not in out, out


def test_under_hugo_a_body_sentence_after_a_blank_line_is_not_made_a_field(
    tmp_path: Path,
) -> None:
    """Hugo reads fields after blank lines, so the block went on to "Update: ...", the body's
    only sentence, and closed it into the front matter with no finding to tell. A key the
    profile does not map is no proof of a field: the file is left, and the hint says why."""
    text = "---\ntitle: T\ndate: 2020-02-20T20:00:00Z\n\nUpdate: the minister resigned today.\n"
    post = write(tmp_path, "content/p/post.md", text)
    code, _, err = invoke("fix", "--diff", "--profile", "hugo", *BASE, str(post))
    assert code == 1 and "frontmatter/unclosed" in err and "would fix 0 findings" in err
    assert '"Update" is no field the schema or the hugo profile knows' in err
    assert invoke("fix", "--profile", "hugo", *BASE, str(post))[0] == 1
    assert post.read_text("utf-8") == text
    # Hugo lower-cases keys: Date is date, a field the profile maps
    folded = text.replace("\ndate:", "\nDate:").replace(
        "Update: the minister resigned today.", "Lastmod: 2020-02-21T00:00:00Z"
    )
    post.write_text(folded, "utf-8")
    invoke("fix", "--profile", "hugo", *BASE, str(post))
    assert post.read_text("utf-8") == folded + "---\n"


@pytest.mark.parametrize(
    ("profile", "name", "last"),
    [
        ("jekyll", "_posts/2024-03-05-hello.md", "layout: post"),
        ("jekyll", "_posts/2024-03-05-hello.md", "permalink: /hello/"),
        ("hugo", "content/p/hello.md", "Weight: 3"),
        ("zola", "content/hello.md", "template: page.html"),
    ],
)
def test_a_generators_own_front_matter_key_is_a_field_the_fence_closes_after(
    tmp_path: Path, profile: str, name: str, last: str
) -> None:
    """``layout: post`` ends most Jekyll posts' front matter; the generator documents it, so
    it is a field, not the body's first words, and the fence is closed after it."""
    text = f"---\ntitle: Hello\ndate: 2024-03-05T10:00:00Z\n{last}\n\nBody.\n"
    post = write(tmp_path, name, text)
    assert invoke("fix", "--profile", profile, *BASE, str(post))[0] == 1  # changed
    assert post.read_text("utf-8") == text.replace(f"{last}\n", f"{last}\n---\n")


def test_without_a_profile_an_unclosed_fence_after_blank_lines_is_no_front_matter(
    tmp_path: Path,
) -> None:
    """Python-frontmatter and the loader's default read no front matter after a blank line:
    "no front matter" it stays, and nothing is edited."""
    text = "\n---\ntitle: Hello\n\nBody.\n"
    post = write(tmp_path, "post.md", text)
    code, out, _ = invoke("validate", str(post))
    assert code == 1 and "frontmatter/missing" in out and "frontmatter/unclosed" not in out
    invoke("fix", "--unsafe-fixes", str(post))
    assert post.read_text("utf-8") == text
    jekyll = ("--profile", "jekyll", *BASE, str(post))  # Jekyll wants the fence first too
    assert "frontmatter/missing" in invoke("validate", *jekyll)[1]
    invoke("fix", *jekyll)
    assert post.read_text("utf-8") == text


def test_under_hugo_no_fix_claims_that_yes_means_true(tmp_path: Path) -> None:
    """Hugo since 0.152 reads ``draft: yes`` as the string "yes": no fix, not even an unsafe
    one, writes ``true`` there, which would turn the page into a draft."""
    text = "---\ntitle: Hello\ndate: 2024-03-05T10:00:00Z\ndraft: yes\nfeatured: on\n---\nBody.\n"
    post = write(tmp_path, "content/posts/hello.md", text)
    args = ("--profile", "hugo", *BASE, str(post))
    assert "yaml/boolean-word" not in invoke("validate", *args)[1]
    invoke("fix", "--unsafe-fixes", *args)
    assert post.read_text("utf-8") == text


@pytest.mark.parametrize("profile", ["hugo", "zola", "jekyll"])
@pytest.mark.parametrize(
    "text",
    [
        "---\na: 1\n---\nBody.\n",
        "\n\n---\na: 1\n---\nBody.\n",
        " \n+++\na = 1\n+++\nBody.\n",
        '\n{"a": 1}\nBody.\n',
        "---\na: 1\n...\nBody.\n",
        "\n---\na: 1\n...\nBody.\n",
        "\n---\na: 1\nBody.\n",
        "Body only.\n",
    ],
)
def test_fix_splits_as_the_profile_reads(profile: str, text: str) -> None:
    """One rule: the fixes' split puts the front matter where the profile's loader found it."""
    mapper = Mapper(ProfileOptions(profile))
    record = mapper.apply(loads(text))
    split = mapper.split(text)
    assert split.kind == record.source.front_matter
    if split.kind is not None:
        assert split.front_matter_line == record.source.front_matter_line
        assert split.body_line == record.source.body_line


def test_validate_json_offers_the_fix_in_front_matter_after_blank_lines(tmp_path: Path) -> None:
    # hugo 0.168 titled 010 "8" (a title: NO it shows as written)
    post = write(tmp_path, "content/hello.md", "\n\n---\ntitle: 010\n---\nBody.\n")
    code, out, _ = invoke("validate", "--profile", "hugo", *BASE, "--format", "json", str(post))
    assert code == 1  # the error is reported, with its fix
    found = [d for d in json.loads(out)["diagnostics"] if d["rule"] == "schema/type"]
    assert found[0]["fix"]["replacement"] == '"010"'
    assert found[0]["fix"]["start"] == {"line": 4, "column": 8}
