"""A compressed page (``post.md.gz``) is read as the text inside, but no generator makes a
page of it: hugo 0.168 and zola 0.22 copy it as it is (public/posts/hello.md.gz), jekyll 4.3.1
stops its build on it ("could not read file ...: invalid byte sequence in UTF-8")."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from click.testing import CliRunner

from convert.cli import main

SITES = {
    "jekyll": ("_config.yml", "url: https://e.com\n", "_posts/2020-01-02-hello.md", "---"),
    "hugo": ("hugo.toml", 'baseURL = "https://e.com/"\n', "content/posts/hello.md", "---"),
    "zola": ("config.toml", 'base_url = "https://e.com"\n', "content/blog/hello.md", "+++"),
}


def front(fence: str) -> str:
    if fence == "+++":
        return '+++\ntitle = "Hello"\ndate = 2020-01-02\n+++\nBody.\n'
    return "---\ntitle: Hello\ndate: 2020-01-02\n---\nBody.\n"


@pytest.mark.parametrize("profile", sorted(SITES))
def test_a_compressed_page_gets_one_finding_and_no_link(tmp_path: Path, profile: str) -> None:
    config, settings, page, fence = SITES[profile]
    (tmp_path / config).write_text(settings, encoding="utf-8")
    plain = tmp_path / page
    plain.parent.mkdir(parents=True)
    plain.write_text(front(fence), encoding="utf-8")
    packed = plain.with_name(plain.name + ".gz")
    packed.write_bytes(gzip.compress(front(fence).encode()))
    args = [
        "convert",
        "--to",
        "jsonl",
        "--profile",
        profile,
        "--site-config",
        str(tmp_path / config),
    ]
    result = CliRunner().invoke(main, [*args, str(plain), str(packed)])
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and '"webUrl"' in lines[0] and '"webUrl"' not in lines[1]
    assert '"title":"Hello"' in lines[1]  # the text inside is read all the same
    errors = [line for line in result.stderr.splitlines() if " error " in line]
    assert len(errors) == 1 and errors[0].startswith(
        f"{packed.as_posix()}:1:1: error profile/missing"
    )
    assert "compressed file" in errors[0] and "gunzip -k" in errors[0]
