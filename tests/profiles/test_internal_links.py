"""Links to other pages of the site, in the generator's own syntax, are the target's address in
feed content and cleaned text, as the generator writes them; never a link to the page itself.

The expected addresses are what the real generators wrote for the same small sites: jekyll
4.3.1, hugo 0.168.0 and zola 0.22.0 (each site below was built with them).
"""

from __future__ import annotations

import html
import json
import pickle
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from convert.cli import main
from convert.loading import load
from convert.profiles import internal_links
from convert.profiles.base import MappedRecord, ProfileOptions
from convert.profiles.mapping import Mapper
from convert.text.pipeline import clean_record

_CONTENT = re.compile(r"<content[^>]*><!\[CDATA\[(.*?)\]\]></content>", re.DOTALL)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def _feed(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[str, str]:
    """The Atom feed's content elements (joined) and the run's standard error."""
    monkeypatch.chdir(root)
    result = CliRunner().invoke(
        main, ["convert", *args, "--to", "atom", "--feed-title", "S", "-o", "feed.atom"]
    )
    assert result.exit_code in (0, 1), result.output
    return "\n".join(_CONTENT.findall((root / "feed.atom").read_text())), result.stderr


_JEKYLL = {
    "_config.yml": "url: https://jekyllrb.com\nbaseurl: /base\n"
    "permalink: /news/:year/:month/:day/:title/\n",
    "_posts/2017-03-02-jekyll-3-4-1-released.markdown": "---\ntitle: one\n---\nhi\n",
    "_posts/2017-03-03-other.markdown": "---\ntitle: other\npermalink: /custom/place/\n---\nhi\n",
    "sub/_posts/2017-03-04-subp.md": "---\ntitle: sub\n---\nx\n",
    "docs/index.md": "---\ntitle: docs\n---\ndocs\n",
    "about.md": "---\ntitle: about\n---\nabout\n",
    "_posts/2017-03-09-jekyll-3-4-2-released.markdown": (
        "---\ntitle: two\n---\n"
        'See [notes]({% post_url 2017-03-02-jekyll-3-4-1-released %}) and [docs]({{ "/docs/" '
        "| relative_url }}).\n"
        "L1 {% link _posts/2017-03-03-other.markdown %}\n"
        "L2 {{ site.baseurl }}/x\n"
        "L3 {{ '/x' | absolute_url }}\n"
        "L4 {% link about.md %} {% link docs/index.md %}\n"
        "L5 {% post_url sub/2017-03-04-subp %} {% post_url 2017-03-04-subp %}\n"
    ),
}


def test_jekyll_links_are_the_addresses_jekyll_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """jekyll 4.3.1 built this post as: <a href="/base/news/2017/03/02/jekyll-3-4-1-released/">
    notes, <a href="/base/docs/"> docs, then /base/custom/place/, /base/x,
    https://jekyllrb.com/base/x, /base/about/ /base/docs/, /base/news/2017/03/04/subp/ twice."""
    _write(tmp_path, _JEKYLL)
    content, errors = _feed(
        tmp_path, monkeypatch, "_posts", "--profile", "jekyll", "--site-config", "_config.yml"
    )
    two = content.split("<p>See")[1].split("</p>")[0]
    assert 'href="https://jekyllrb.com/base/news/2017/03/02/jekyll-3-4-1-released/"' in two
    assert 'href="https://jekyllrb.com/base/docs/"' in two
    assert "2017/03/09" not in two  # no link to the post itself
    assert "L1 /base/custom/place/\n" in two
    assert "L2 /base/x\n" in two
    assert "L3 https://jekyllrb.com/base/x\n" in two
    assert "L4 /base/about/ /base/docs/\n" in two
    assert "L5 /base/news/2017/03/04/subp/ /base/news/2017/03/04/subp/" in two
    assert "broken-link" not in errors


def test_a_missing_post_is_a_warning_and_keeps_the_links_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """jekyll 4.3.1 stops on it: 'Could not find post "2017-01-01-gone" in tag 'post_url''."""
    files = dict(_JEKYLL)
    files["_posts/2017-03-09-jekyll-3-4-2-released.markdown"] = (
        "---\ntitle: two\n---\nSee [gone]({% post_url 2017-01-01-gone %}) and "
        "![pic]({% link nowhere.png %}).\n\n<a href='{% link none.md %}'>html</a>\n"
    )
    _write(tmp_path, files)
    content, errors = _feed(
        tmp_path, monkeypatch, "_posts", "--profile", "jekyll", "--site-config", "_config.yml"
    )
    two = content.split("<p>See")[1]
    assert two.startswith(" gone and pic.</p>")
    assert '<a rel="noopener noreferrer">html</a>' in two
    assert "2017/03/09" not in two
    warnings = [line for line in errors.splitlines() if "profile/broken-link" in line]
    assert len(warnings) == 3
    assert warnings[0].startswith("_posts/2017-03-09-jekyll-3-4-2-released.markdown:4:12: warning")
    assert '"2017-01-01-gone"' in warnings[0]


def test_a_link_to_a_page_by_another_path_than_its_own_is_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """jekyll 4.3.1 finds a page or post by its path exactly as written from the site's
    folder: it stops on ``{% link /about.md %}`` and ``{% link ./about.md %}`` ("Could not
    find document '/about.md' in tag 'link'"), which were the page's address here; a static
    file it finds with a "/" before it too (``/assets/x.png``)."""
    files = dict(_JEKYLL)
    files["assets/x.png"] = "png\n"
    files["_posts/2017-03-09-jekyll-3-4-2-released.markdown"] = (
        "---\ntitle: two\n---\nSee [a]({% link /about.md %}) [b]({% link ./about.md %}) "
        "[c]({% link /_posts/2017-03-03-other.markdown %}) [d]({% link /assets/x.png %}) "
        "[e]({% link about.md %}).\n"
    )
    _write(tmp_path, files)
    content, errors = _feed(
        tmp_path, monkeypatch, "_posts", "--profile", "jekyll", "--site-config", "_config.yml"
    )
    two = content.split("<p>See")[1].split("</p>")[0]
    assert two.startswith(" a b c <a")
    assert 'href="https://jekyllrb.com/base/assets/x.png"' in two
    assert 'href="https://jekyllrb.com/base/about/"' in two
    warnings = [line for line in errors.splitlines() if "profile/broken-link" in line]
    assert [w.split(": warning")[0] for w in warnings] == [
        "_posts/2017-03-09-jekyll-3-4-2-released.markdown:4:9",
        "_posts/2017-03-09-jekyll-3-4-2-released.markdown:4:35",
        "_posts/2017-03-09-jekyll-3-4-2-released.markdown:4:62",
    ]
    assert 'by its path from the site\'s folder as written, "about.md"' in warnings[0]


_HUGO = {
    "hugo.toml": 'baseURL = "https://example.org/blog/"\n',
    "content/posts/hello.md": "---\ntitle: Hello\ndate: 2024-01-01\n---\nhi\n",
    "content/posts/sub/deep.md": "---\ntitle: Deep\ndate: 2024-01-01\nslug: deeper\n---\nhi\n",
    "content/about/index.md": "---\ntitle: About\nurl: /me/\n---\nhi\n",
    "content/posts/_index.md": "---\ntitle: Posts\n---\nhi\n",
    "content/posts/links.md": (
        "---\ntitle: Links\ndate: 2024-01-02\n---\n"
        'A [hello]({{< ref "hello.md" >}}) B [r]({{< relref "hello.md" >}}) '
        'C [p]({{% ref "/posts/hello.md" %}})\n'
        'D {{< ref "hello" >}} E {{< relref "sub/deep.md" >}} F {{< ref "deep" >}} '
        'G {{< ref "about" >}}\n'
        'I {{< ref "hello.md#sec" >}} J {{< ref "posts" >}} L {{< ref path="hello.md" >}}\n'
        'X [gone]({{< ref "gone.md" >}})\n'
    ),
    "content/other/hello.md": "---\ntitle: H2\ndate: 2024-01-01\n---\n",
    "content/third/page.md": '---\ntitle: Page\ndate: 2024-01-01\n---\nS {{< ref "hello" >}}\n',
}


def test_hugo_refs_are_the_addresses_hugo_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """hugo 0.168.0 wrote (the missing page aside, and the ambiguous "hello" from another
    section, on which it stops: 'page reference "hello" is ambiguous'): A, C, D
    https://example.org/blog/posts/hello/, B /blog/posts/hello/, E /blog/posts/sub/deeper/,
    F https://example.org/blog/posts/sub/deeper/, G https://example.org/blog/me/, I with
    #sec, J https://example.org/blog/posts/."""
    _write(tmp_path, _HUGO)
    content, errors = _feed(
        tmp_path, monkeypatch, "content", "--profile", "hugo", "--site-config", "hugo.toml"
    )
    links = content.split("<p>A ")[1].split("</p>")[0]
    hello = "https://example.org/blog/posts/hello/"
    assert links.count(f'href="{hello}"') == 3  # relref's /blog/posts/hello/ joined to the page
    assert f"D {hello} E /blog/posts/sub/deeper/ F https://example.org/blog/posts/sub/deeper/" in (
        links
    )
    assert "G https://example.org/blog/me/" in links
    assert f"I {hello}#sec J https://example.org/blog/posts/ L {hello}" in links
    assert "X gone" in links
    assert "posts/links/" not in links
    gone, ambiguous = sorted(line for line in errors.splitlines() if "broken-link" in line)
    assert gone.startswith("content/posts/links.md:8:10: warning profile/broken-link")
    assert ambiguous.startswith("content/third/page.md:5:3: warning profile/broken-link")
    assert '"hello" is ambiguous: other/hello.md, posts/hello.md' in ambiguous


def test_zola_internal_links_are_the_pages_permalinks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """zola 0.22.0 wrote https://abridge.pages.dev/overview-math/ and
    https://abridge.pages.dev/blog/custom-slug/#anchor, left code as written, and stopped on
    @/missing.md ("Broken relative link")."""
    _write(
        tmp_path,
        {
            "config.toml": 'base_url = "https://abridge.pages.dev"\ntitle = "t"\n',
            "content/overview-math.md": '+++\ntitle = "M"\ndate = 2024-01-01\n+++\nm\n',
            "content/blog/post.md": '+++\ntitle = "P"\nslug = "Custom Slug"\n+++\n## anchor\n',
            "content/links.md": '+++\ntitle = "L"\ndate = 2024-01-02\n+++\n'
            "[math](@/overview-math.md) [a](@/blog/post.md#anchor) [r][x] `[c](@/nope.md)`"
            " [m](@/missing.md)\n\n[x]: @/overview-math.md\n",
        },
    )
    content, errors = _feed(
        tmp_path, monkeypatch, "content", "--profile", "zola", "--site-config", "config.toml"
    )
    links = content.split("<p>")[1].split("</p>")[0]
    math = 'href="https://abridge.pages.dev/overview-math/"'
    assert links.startswith(f"<a {math}")
    assert links.count(math) == 2
    assert 'href="https://abridge.pages.dev/blog/custom-slug/#anchor"' in links
    assert links.endswith("<code>[c](@/nope.md)</code> m")
    assert "@/" not in links.replace("<code>[c](@/nope.md)</code>", "")
    (warning,) = (line for line in errors.splitlines() if "broken-link" in line)
    assert warning.startswith("content/links.md:5:83: warning profile/broken-link the link @/m")


def test_json_keeps_the_body_as_written_and_text_has_the_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, _JEKYLL)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main,
        [
            *("convert", "_posts", "--profile", "jekyll", "--site-config", "_config.yml"),
            *("--to", "jsonl", "-o", "out.jsonl"),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    (two,) = (row for row in rows if row["path"].endswith("3-4-2-released.markdown"))
    assert "{% post_url 2017-03-02-jekyll-3-4-1-released %}" in two["body"]
    options = ProfileOptions(
        "jekyll",
        base_url="https://jekyllrb.com/base",
        permalink="/news/:year/:month/:day/:title/",
        site_root=str(tmp_path),
    )
    record = Mapper(options).apply(load("_posts/2017-03-09-jekyll-3-4-2-released.markdown"))
    assert "L1 /base/custom/place/ L2 /base/x" in clean_record(record)


def test_the_answers_cross_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A mapped record goes to the writing process pickled (--jobs): its links go with it."""
    _write(tmp_path, _JEKYLL)
    monkeypatch.chdir(tmp_path)
    options = ProfileOptions("jekyll", base_url="https://s.org", site_root=str(tmp_path))
    record = Mapper(options).apply(load("_posts/2017-03-09-jekyll-3-4-2-released.markdown"))
    assert isinstance(record, MappedRecord)
    again = pickle.loads(pickle.dumps(record))
    assert again.links == record.links
    assert again.links["{% post_url 2017-03-02-jekyll-3-4-1-released %}"] == (
        "/2017/03/02/jekyll-3-4-1-released.html"
    )


def test_each_target_is_read_once_per_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """299 posts that all link to one and to each other's neighbour: each file is mapped as a
    target at most once (and not where the run mapped it already), and the posts' folder is
    listed once."""
    posts = {
        f"_posts/2020-01-{1 + n % 28:02d}-p{n}.md": (
            f"---\ntitle: p{n}\n---\n[a]({{% post_url 2020-01-01-p0 %}}) "
            f"[b]({{% post_url 2020-01-{1 + (n + 1) % 28:02d}-p{n + 1} %}})\n"
        )
        for n in range(299)
    }
    _write(tmp_path, {"_config.yml": "url: https://s.org\n", **posts})
    monkeypatch.chdir(tmp_path)
    mapper = Mapper(ProfileOptions("jekyll", base_url="https://s.org", site_root=str(tmp_path)))
    seen: list[str] = []
    read = mapper._address_of
    monkeypatch.setattr(mapper, "_address_of", lambda path: seen.append(path) or read(path))
    walks: list[str] = []
    listed = internal_links._listed
    monkeypatch.setattr(
        internal_links, "_listed", lambda root, kind: walks.append(root) or listed(root, kind)
    )
    for name in sorted(posts):
        record = mapper.apply(load(name))
        assert isinstance(record, MappedRecord)
        assert len(record.links) == (1 if name.endswith("-p298.md") else 2)
    assert len(seen) == len(set(seen))
    # The pages the run mapped already are not read again: p0, which all link to, is first.
    assert 200 < len(seen) < 299
    assert not any(path.endswith("-p0.md") for path in seen)
    assert walks == [str(tmp_path)]


def test_a_json_feeds_text_has_the_addresses_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """JSON Feed carries the body as text besides its HTML: the same addresses stand there."""
    _write(tmp_path, _JEKYLL)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main,
        [
            *("convert", "_posts", "--profile", "jekyll", "--site-config", "_config.yml"),
            *("--to", "jsonfeed", "--feed-title", "S", "-o", "feed.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    items = json.loads((tmp_path / "feed.json").read_text())["items"]
    (two,) = (item for item in items if item["title"] == "two")
    assert "L1 /base/custom/place/ L2 /base/x" in two["content_text"]
    assert 'href="https://jekyllrb.com/base/docs/"' in two["content_html"]


def test_a_ref_to_the_page_itself_is_each_pages_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """hugo 0.168.0 wrote href="#sec" for both refs on both pages (and href="" for ``ref ""``):
    each page's own anchor, never the one of the page of the same folder read before it."""
    page = (
        "---\ntitle: {0}\ndate: 2020-01-0{1}\n---\n## sec\n"
        'A [t]({{{{< ref "#sec" >}}}}) B [r]({{{{< relref "#sec" >}}}}) C {{{{< ref "" >}}}}\n'
    )
    _write(
        tmp_path,
        {
            "hugo.toml": 'baseURL = "https://ex.org/sub/"\n',
            "content/posts/d.md": page.format("D", 4),
            "content/posts/e.md": page.format("E", 5),
        },
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main,
        [
            *("convert", "content/posts/d.md", "content/posts/e.md", "--profile", "hugo"),
            *("--site-config", "hugo.toml", "--to", "jsonfeed", "--feed-title", "S"),
            *("-o", "feed.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    items = json.loads((tmp_path / "feed.json").read_text())["items"]
    assert sorted(item["url"] for item in items) == [
        "https://ex.org/sub/posts/d/",
        "https://ex.org/sub/posts/e/",
    ]
    for item in items:
        own = item["url"]
        assert item["content_html"].count(f'href="{own}#sec"') == 2, item["content_html"]
        assert f"C {own}\n" in item["content_text"] + "\n", item["content_text"]


def test_a_jekyll_link_to_the_page_itself_is_that_pages_address_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """jekyll 4.3.1 wrote /base/2020/01/04/d/ and /base/2020/01/04/d/#x on both d and e: a tag
    names its page by file, whichever page writes it."""
    page = (
        "---\ntitle: {0}\n---\n"
        "L {{% link _posts/2020-01-04-d.md %}} P [p]({{% post_url 2020-01-04-d %}}#x)\n"
    )
    _write(
        tmp_path,
        {
            "_config.yml": "url: https://ex.org\nbaseurl: /base\n"
            "permalink: /:year/:month/:day/:title/\n",
            "_posts/2020-01-04-d.md": page.format("d"),
            "_posts/2020-01-05-e.md": page.format("e"),
        },
    )
    content, errors = _feed(
        tmp_path, monkeypatch, "_posts", "--profile", "jekyll", "--site-config", "_config.yml"
    )
    assert content.count("L /base/2020/01/04/d/ P") == 2
    assert content.count('href="https://ex.org/base/2020/01/04/d/#x"') == 2
    assert "2020/01/05" not in content
    assert "broken-link" not in errors


def test_a_zola_link_to_the_page_itself_is_that_pages_address_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Zola's ``@/`` path is from the content folder: the same page whichever page links."""
    page = '+++\ntitle = "{0}"\ndate = 2024-01-0{1}\n+++\n[s](@/blog/d.md#x)\n'
    _write(
        tmp_path,
        {
            "config.toml": 'base_url = "https://ex.org"\ntitle = "t"\n',
            "content/blog/d.md": page.format("D", 1),
            "content/blog/e.md": page.format("E", 2),
        },
    )
    content, errors = _feed(
        tmp_path, monkeypatch, "content", "--profile", "zola", "--site-config", "config.toml"
    )
    assert content.count('href="https://ex.org/blog/d/#x"') == 2, content
    assert "blog/e/" not in content and "broken-link" not in errors


def test_links_the_generator_shows_as_text_or_hides_are_no_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """jekyll 4.3.1 builds "R {% raw %}{% link /about.md %}{% endraw %} C {% comment %}{% link
    /nope.md %}{% endcomment %} E" as "R {% link /about.md %} C  E", and hugo 0.168 an escaped
    shortcode, the ref it holds too, as text: no target there names a page, and none stops
    the build. A link outside them is still checked."""
    files = dict(_JEKYLL)
    files["_posts/2017-03-09-jekyll-3-4-2-released.markdown"] = (
        "---\ntitle: two\n---\nR {% raw %}{% link /about.md %}{% endraw %} C {% comment %}"
        "{% link /nope.md %}{% endcomment %} E {% link gone.md %}\n"
    )
    _write(tmp_path / "j", files)
    content, errors = _feed(
        tmp_path / "j", monkeypatch, "_posts", "--profile", "jekyll", "--site-config", "_config.yml"
    )
    assert "R {% link /about.md %} C  E" in content
    (warning,) = (line for line in errors.splitlines() if "profile/broken-link" in line)
    assert '"gone.md"' in warning
    hugo = dict(_HUGO)
    hugo["content/posts/links.md"] = (
        "---\ntitle: Links\ndate: 2024-01-02\n---\n"
        'Esc {{</* figure src="x.png" caption="{{< ref "gone.md" >}}" */>}} and '
        '{{</* ref "gone.md" */>}} X {{< ref "nope.md" >}}\n'
    )
    _write(tmp_path / "h", hugo)
    content, errors = _feed(
        tmp_path / "h", monkeypatch, "content", "--profile", "hugo", "--site-config", "hugo.toml"
    )
    assert '{{< ref "gone.md" >}}" >}} and {{< ref "gone.md" >}} X' in html.unescape(content)
    broken = [line for line in errors.splitlines() if "broken-link" in line]
    assert [line for line in broken if "links.md" in line] == [
        next(line for line in broken if '"nope.md"' in line)
    ]
