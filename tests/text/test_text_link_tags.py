"""Tags that link to other pages of a site: the address a profile found stands where the tag
stood, and a link whose target is a tag with no answer keeps its text, never a link to the page
itself (which the emptied target, joined to the page's address, would be)."""

from __future__ import annotations

from convert.profiles import internal_links
from convert.text.spans import without_template_tags
from tests.scaling import FACTOR, assert_linear


def test_a_links_emptied_target_is_no_link_to_the_page() -> None:
    """No answer (no profile, or an unknown target): the link's text stays, without the link;
    an author's own empty link and other text stay as they are."""
    body = (
        'See [notes]({% post_url x %}) and [t]( {% link y %} "Title") and [**b [c]**]({{ v }})'
        " and ![pic]({% link p.png %}) and []() and [k](/k/{{ v }}).\n\n"
        '<a href="{% link y %}" class="c">html</a> `[c]({% link z %})`\n'
    )
    out = without_template_tags(body, "jekyll")
    assert out.startswith("See notes and t and **b [c]** and pic and []() and [k](/k/).")
    assert '<a class="c">html</a>' in out
    assert "`[c]()`" in out  # code shows what the tag left: no link to drop there
    answered = without_template_tags(body, "jekyll", links={"{% post_url x %}": "/x/"})
    assert answered.startswith("See [notes](/x/) and t")
    assert without_template_tags("[m](@/a.md#s) [n](@/b.md)", "zola", links={"@/a.md": "/a/"}) == (
        "[m](/a/#s) n"
    )


def test_reading_links_takes_linear_time() -> None:
    """Unclosed brackets and tags, and many emptied links: one pass each, so 8 times the text
    (200,000 characters) costs about 8 times, not 64; a rescan per link would take minutes."""

    def nasty(n: int) -> str:
        return "[" * 5 * n + "]({% x %})" * n + "{% post_url " + " " * 5 * n + "](" * 2 * n

    def read(text: str) -> None:
        without_template_tags(text, "jekyll")
        without_template_tags(text.replace("{% x %}", "@/x.md"), "zola")
        list(internal_links.references(text, "jekyll"))

    assert_linear(read, nasty, 10_000 // FACTOR)
    assert_linear(
        lambda text: list(internal_links.references(text, "hugo")),
        lambda n: "{{< ref " + '"' * 10 * n,
        10_000 // FACTOR,
    )


def test_an_html_page_and_a_hugo_page_get_the_addresses() -> None:
    """An HTML body is no Markdown: its attribute gets the address, or goes without one."""
    html = '<a href="{% link a.md %}">a</a> <a class="x" href="{% link b.md %}">b</a>'
    out = without_template_tags(html, "jekyll", markdown=False, links={"{% link a.md %}": "/a/"})
    assert out == '<a href="/a/">a</a> <a class="x">b</a>'
    hugo = '[h]({{< ref "hello.md" >}}) {{</* ref "hello.md" */>}} [x]({{< ref "x.md" >}})'
    answered = {'{{< ref "hello.md" >}}': "https://s.org/posts/hello/"}
    assert without_template_tags(hugo, "hugo", links=answered) == (
        '[h](https://s.org/posts/hello/) {{< ref "hello.md" >}} x'
    )


def test_what_the_generator_shows_as_written_stays() -> None:
    """Liquid's raw block shows its tag as written; a page of no known generator still loses
    an emptied link rather than linking to itself."""
    raw = "{% raw %}[a]({% post_url x %}){% endraw %} [b]({% post_url x %})"
    assert without_template_tags(raw, "jekyll", links={"{% post_url x %}": "/x/"}) == (
        "[a]({% post_url x %}) [b](/x/)"
    )
    assert without_template_tags("[a]({{< ref x >}}) and [b]({% y %})", None) == "a and b"
