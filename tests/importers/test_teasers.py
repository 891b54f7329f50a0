"""WordPress feeds in summary mode: the description is a teaser (the post's first words, a
truncation mark, a read-more link, an SEO plugin's footer) and no ``content:encoded``. It is
the record's excerpt, without the link and the footer, not its body; a short article whose
description is all of it stays the body. The fixtures have the shapes real feeds write
(WordPress 6.5 with the Understrap theme, the Twenty-* themes, Yoast SEO's footer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert import validate
from convert.importers.teasers import read_summary
from tests.importers.helpers import atom, read, rss
from tests.scaling import FACTOR, assert_linear

LINK = "https://blog.example.com/2024/05/03/space-cowboys/"
HOME = "https://blog.example.com"
TEASER = "<p>It is often said that the country has not been this divided since the war [...]</p>"
READ_MORE = (
    '<p><a class="btn btn-secondary understrap-read-more-link" href="{link}"'
    ' data-wpel-link="internal">Read More...</a></p>'
)
FOOTER = (
    '<p>The post <a href="{link}" data-wpel-link="internal">Space Cowboys</a> appeared first'
    ' on <a href="{home}" data-wpel-link="internal">Example Blog</a>.</p>'
)
CONTENT = ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'


def _item(description: str, link: str = LINK, extra: str = "") -> str:
    return (
        f"<item><title>Space Cowboys</title><link>{link}</link>"
        "<pubDate>Fri, 03 May 2024 18:59:53 +0000</pubDate>"
        '<guid isPermaLink="false">https://blog.example.com/?p=12137</guid>'
        f"<description><![CDATA[{description}]]></description>{extra}</item>"
    )


def _one(tmp_path: Path, description: str, **kwargs: str) -> tuple[dict[str, object], str]:
    (record,), _ = read(tmp_path, rss(_item(description, **kwargs), namespaces=CONTENT))
    return dict(record.meta), record.body


def test_a_summary_mode_description_is_the_excerpt(tmp_path: Path) -> None:
    """The shape of a WordPress 6.5.5 feed: teaser, "Read More..." paragraph, Yoast footer."""
    description = (
        TEASER + "\n" + READ_MORE.format(link=LINK) + "\n" + FOOTER.format(link=LINK, home=HOME)
    )
    (record,), _ = read(tmp_path, rss(_item(description)))
    assert record.meta["excerpt"] == (
        "It is often said that the country has not been this divided since the war [...]"
    )
    assert record.body.strip() == ""
    recommended = [d.message for d in validate(record) if d.rule == "schema/recommended"]
    assert not any('"excerpt"' in message for message in recommended)


@pytest.mark.parametrize(
    "mark", ["[&#8230;]", "[&hellip;]", "[...]", "[&amp;hellip;]", "[ &#8230; ]"]
)
def test_the_truncation_marks_make_a_teaser(tmp_path: Path, mark: str) -> None:
    """WordPress's own ``[&hellip;]`` (``[&#8230;]`` in feeds), a theme's ``[...]``, and the
    mark escaped once more by a feed that escapes twice; two paragraphs and the footer."""
    description = (
        "<p>First paragraph of a hand-written excerpt.</p>"
        f"<p>Second one, cut off {mark}</p>" + FOOTER.format(link=LINK, home=HOME)
    )
    meta, body = _one(tmp_path, description)
    assert str(meta["excerpt"]).startswith("First paragraph of a hand-written excerpt.")
    assert "appeared first" not in str(meta["excerpt"]) and body.strip() == ""


def test_a_continue_reading_link_ends_the_excerpt(tmp_path: Path) -> None:
    """The Twenty-* themes: the excerpt, an ellipsis, and a more-link naming the post."""
    description = (
        "Most vaporizers are designed for other herbs &#8230; "
        f'<a href="{LINK}" class="more-link">Continue reading '
        '<span class="screen-reader-text">Space&#160;Cowboys</span> '
        '<span class="meta-nav">&#8594;</span></a>'
    )
    meta, body = _one(tmp_path, description)
    assert meta["excerpt"] == "Most vaporizers are designed for other herbs …"
    assert body.strip() == ""


@pytest.mark.parametrize(
    "ending",
    [
        f'Continue reading <a href="{LINK}">Space Cowboys</a>',
        f'Continue reading <a href="{LINK}">Space Cowboys</a> &#8594;',
        f'<a href="{LINK}#more-12137" class="more-link">(more&hellip;)</a>',
        f'Read the rest of this entry <a href="{LINK}#more-12137">here</a> &raquo;',
        f'<a href="{LINK}#more-12137">Read the rest of this entry &raquo;</a>',
        f'<a href="{LINK}?utm_source=rss&amp;utm_medium=rss">Read more &raquo;</a>',
        f'<a href="{LINK.replace("https://", "http://www.")}">Weiterlesen</a>',
    ],
)
def test_read_more_links_in_their_common_forms(tmp_path: Path, ending: str) -> None:
    description = (
        f"<p>A post about the frontier.</p><p>Its second thought. {ending}</p>"
        + FOOTER.format(link=LINK, home=HOME)
    )
    meta, body = _one(tmp_path, description)
    assert meta["excerpt"] == "A post about the frontier. Its second thought."
    assert body.strip() == ""


def test_a_tracking_pixel_and_empty_paragraphs_after_the_boilerplate(tmp_path: Path) -> None:
    """WordPress.com appends a one-pixel image to every item; editors leave empty paragraphs."""
    pixel = (
        '<img alt="" border="0" src="https://pixel.wp.com/b.gif?host=blog.example.com'
        '&amp;blog=1&amp;post=12137&amp;subd=blog&amp;ref=&amp;feed=1" width="1" height="1" />'
    )
    description = (
        "<p>The lead.</p>"
        + READ_MORE.format(link=LINK)
        + "<p>&nbsp;</p>"
        + FOOTER.format(link=LINK, home=HOME)
        + pixel
    )
    meta, body = _one(tmp_path, description)
    assert meta["excerpt"] == "The lead."
    assert body.strip() == ""


def test_a_read_more_paragraph_in_any_words_is_recognised_by_its_link(tmp_path: Path) -> None:
    description = (
        "<p>Un article sur la frontière.</p><p>Deuxième idée.</p>"
        f'<p class="link-more"><a href="{LINK}">Lire l’article complet</a> →</p>'
    )
    meta, body = _one(tmp_path, description)
    assert meta["excerpt"] == "Un article sur la frontière. Deuxième idée."
    assert body.strip() == ""


def test_a_footer_in_another_language_is_recognised_by_its_links(tmp_path: Path) -> None:
    description = (
        "<p>Ein kurzer Auszug.</p>"
        f'<p>Der Beitrag <a href="{LINK}">Space Cowboys</a> erschien zuerst auf '
        f'<a href="{HOME}/">Example Blog</a>.</p>'
    )
    meta, _ = _one(tmp_path, description)
    assert meta["excerpt"] == "Ein kurzer Auszug."


def test_the_footer_leaves_an_excerpt_that_sits_beside_the_content(tmp_path: Path) -> None:
    """WordPress in full-text mode: the description is the excerpt (with Yoast's footer),
    content:encoded the article."""
    description = (
        "<p>The lead of the post [&#8230;]</p>"
        f"<p>The post <a href='{LINK}'>Space Cowboys</a> first appeared on"
        f" <a href='{HOME}'>Example Blog</a>.</p>"
    )
    extra = "<content:encoded><![CDATA[<p>The whole post.</p>]]></content:encoded>"
    meta, body = _one(tmp_path, description, extra=extra)
    assert meta["excerpt"] == "The lead of the post […]"
    assert body.strip() == "The whole post."


def test_a_blog_in_a_folder_has_its_footer_recognised(tmp_path: Path) -> None:
    link = "https://example.com/blog/2024/05/03/space-cowboys/"
    description = "<p>A lead.</p>" + FOOTER.format(link=link, home="https://example.com/blog")
    meta, _ = _one(tmp_path, description, link=link)
    assert meta["excerpt"] == "A lead."


def test_a_short_article_stays_the_body(tmp_path: Path) -> None:
    """Two paragraphs and the footer, no truncation mark and no read-more link: the whole
    post, as before."""
    description = (
        "<p>The first of two paragraphs.</p><p>The second and last one.</p>"
        + FOOTER.format(link=LINK, home=HOME)
    )
    meta, body = _one(tmp_path, description)
    assert "excerpt" not in meta
    assert "The second and last one." in body


def test_an_article_ending_in_an_ellipsis_stays_the_body(tmp_path: Path) -> None:
    description = "<p>One.</p><p>Two.</p><p>And then we waited...</p>"
    meta, body = _one(tmp_path, description)
    assert "excerpt" not in meta and body.strip().endswith("And then we waited...")


def test_a_single_paragraph_cut_with_a_bare_ellipsis_is_a_teaser(tmp_path: Path) -> None:
    """A featured image's paragraph, the excerpt ending ``&#8230;``, the footer: three
    paragraphs, one of words."""
    description = (
        '<p><img src="https://blog.example.com/photo.jpg" alt="" /></p>'
        "<p>When the artists of the scene gather in one place&#8230;</p>"
        + FOOTER.format(link=LINK, home=HOME)
    )
    meta, body = _one(tmp_path, description)
    assert meta["excerpt"] == "When the artists of the scene gather in one place…"
    assert body.strip() == ""


@pytest.mark.parametrize(
    "ending",
    [
        # A link to another page, in the words of a read-more link.
        '<p>Read more about it <a href="https://other.example.org/report">in the report</a>.</p>',
        # A last paragraph that links the post and a page that is no home page.
        f'<p>See <a href="{LINK}">this post</a> and <a href="{HOME}/about/">about us</a>.</p>',
        # The post's own link at the end of a sentence that reads as no read-more link.
        f'<p>That is all there is to <a href="{LINK}">this story</a>.</p>',
        # A picture that links the post.
        f'<p><a href="{LINK}"><img src="{HOME}/photo.jpg" alt="" /></a></p>',
    ],
)
def test_links_that_are_no_boilerplate_keep_the_article(tmp_path: Path, ending: str) -> None:
    description = "<p>One.</p><p>Two.</p>" + ending
    meta, body = _one(tmp_path, description)
    assert "excerpt" not in meta
    assert body.strip().startswith("One.") and body.strip().count("\n\n") == 2


def test_an_atom_summary_that_is_a_teaser(tmp_path: Path) -> None:
    entry = (
        "<entry><id>https://blog.example.com/?p=1</id><title>Space Cowboys</title>"
        f'<updated>2024-05-03T18:59:53Z</updated><link href="{LINK}"/>'
        '<summary type="html">&lt;p&gt;The lead [&amp;#8230;]&lt;/p&gt;'
        f'&lt;p&gt;&lt;a href="{LINK}"&gt;Continue reading&lt;/a&gt;&lt;/p&gt;'
        f'&lt;p&gt;The post &lt;a href="{LINK}"&gt;Space Cowboys&lt;/a&gt; appeared first on'
        f' &lt;a href="{HOME}"&gt;Example Blog&lt;/a&gt;.&lt;/p&gt;</summary></entry>'
    )
    (record,), _ = read(tmp_path, atom(entry))
    assert record.meta["excerpt"] == "The lead […]"
    assert record.body.strip() == ""


def test_a_feedburner_entry_s_read_more_link_goes_to_the_article(tmp_path: Path) -> None:
    """The entry links FeedBurner's redirect; the description's links go to the article."""
    extra = f"<feedburner:origLink>{LINK}</feedburner:origLink>"
    description = TEASER + READ_MORE.format(link=LINK) + FOOTER.format(link=LINK, home=HOME)
    item = _item(description, link="http://feedproxy.google.com/~r/Ex/~3/abc/", extra=extra)
    namespaces = ' xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"'
    (record,), _ = read(tmp_path, rss(item, namespaces=namespaces))
    assert record.meta["webUrl"] == LINK
    assert str(record.meta["excerpt"]).endswith("since the war [...]")


def test_read_summary_leaves_text_without_links_or_marks_alone() -> None:
    text = "<p>One.</p><p>Two.</p>"
    summary = read_summary(text, [LINK])
    assert summary.html is text and not summary.teaser


def test_a_last_paragraph_of_many_links_is_read_in_linear_time() -> None:
    """A hostile summary: one paragraph of 50,000 links to the entry, then words. 8 times the
    links must cost about 8 times, not 64."""

    def read_links(text: str) -> None:
        summary = read_summary(text, [LINK])
        assert not summary.teaser and summary.html == text

    assert_linear(
        read_links,
        lambda n: "<p>Lead.</p><p>" + f'<a href="{LINK}">x</a> ' * n + "end</p>",
        50_000 // FACTOR,
    )


@pytest.mark.parametrize(
    "ending",
    [
        # WordPress themes' comment count, Disqus's count link, "Leave a comment".
        f'<p><a href="{LINK}#comments">3 Comments</a></p>',
        f'<p><a href="{LINK}#disqus_thread">Comments</a></p>',
        f'<p><a href="{LINK}#respond">Leave a comment</a></p>',
        f'<p><a href="{LINK}#comments">Read more comments</a></p>',
    ],
)
def test_a_link_to_a_place_on_the_entry_s_page_ends_an_article(tmp_path: Path, ending: str) -> None:
    """A whole article in the description (no content:encoded), closed by a link to its
    comments: the body, with its link, not a teaser (the fragment is not where it goes on)."""
    description = "<h2>Start</h2><p>One.</p><p>Two.</p>" + ending
    meta, body = _one(tmp_path, description)
    assert "excerpt" not in meta
    assert body.strip().startswith("## Start")
    assert f"({LINK}#" in body, body


@pytest.mark.parametrize(
    "ending",
    [
        # WordPress's more tag, Blogger's jump link: the anchor where the article goes on.
        f'<p><a href="{LINK}#more-12137" class="more-link">(more&hellip;)</a></p>',
        f'<p><a class="jump-link" href="{LINK}#more">Read more &#187;</a></p>',
        f'<p><a href="{LINK}#More-12137">Read more</a></p>',
    ],
)
def test_a_link_to_where_the_entry_goes_on_is_a_read_more_link(tmp_path: Path, ending: str) -> None:
    meta, body = _one(tmp_path, "<p>A post about the frontier.</p>" + ending)
    assert meta["excerpt"] == "A post about the frontier."
    assert body.strip() == ""


@pytest.mark.parametrize(
    "ending",
    [
        f'<p>Three. <a href="{LINK}">Read more about this topic</a></p>',
        f'<p><a href="{LINK}">Read more about this topic</a></p>',
        f'<p><a href="{LINK}">Permalink</a></p>',
    ],
)
def test_a_whole_article_ending_in_a_link_to_itself_stays_the_body(
    tmp_path: Path, ending: str
) -> None:
    """No truncation mark and no ``#more``: a summary that is a whole article (a heading, three
    paragraphs) is the article, whatever its last link to its own page says."""
    description = "<h2>Start</h2><p>One.</p><p>Two.</p>" + ending
    meta, body = _one(tmp_path, description)
    assert "excerpt" not in meta
    assert body.strip().startswith("## Start")
    assert f"]({LINK})" in body, body


@pytest.mark.parametrize(
    "ending",
    [
        f'<p>Three [&#8230;]</p><p><a href="{LINK}">Read more about this topic</a></p>',
        f'<p>Three&#8230; <a href="{LINK}">Continue reading</a></p>',
        f'<p>Three.</p><p><a href="{LINK}#more-12137">Read more about this topic</a></p>',
        f'<p>Three. <a href="{LINK}#more">Read more &#187;</a></p>',
    ],
)
def test_a_long_teaser_with_a_mark_or_a_jump_link_is_still_one(tmp_path: Path, ending: str) -> None:
    """Blogger's "until jump break" and a long hand-written excerpt: as long as an article,
    but cut where its mark or its ``#more`` link says."""
    meta, body = _one(tmp_path, "<h2>Start</h2><p>One.</p><p>Two.</p>" + ending)
    assert str(meta["excerpt"]).startswith("Start One. Two. Three")
    assert body.strip() == ""


PHOTO = "https://blog.example.com/wp-content/uploads/2024/05/cowboys-150x150.jpg"
FEATURED = {
    # The "Featured Images in RSS" convention Feedly reads (lemire.me, blog.zabbix.com).
    "webfeeds": (
        '<img width="150" height="150" src="{photo}" class="webfeedsFeaturedVisual'
        ' wp-post-image" alt="" style="display: block; margin-bottom: 5px; clear:both;'
        'max-width: 100%;" link_thumbnail="" decoding="async" />'
        "<p>It is often said that the country has not been this divided [&#8230;]</p>"
    ),
    # A theme's the_excerpt_rss filter: the thumbnail in a paragraph of its own.
    "paragraph": (
        '<p><img width="150" height="150" src="{photo}" class="attachment-thumbnail'
        ' size-thumbnail wp-post-image" alt="" /></p>'
        "<p>It is often said that the country has not been this divided [&#8230;]</p>"
    ),
    # The image opening the excerpt's own paragraph (a Yoast site's summary feed).
    "inline": (
        '<p><img width="150" height="150" src="{photo}" />It is often said that the country'
        " has not been this divided [&#8230;]</p>"
    ),
    # A bare image and a line break before the words (The Next Web's feed).
    "line-break": (
        '<img width="150" height="150" src="{photo}" alt="Cowboys" title="Space Cowboys"'
        ' data-id="771318" /><br />It is often said that the country has not been this'
        " divided [&#8230;]"
    ),
    # The picture linking the post (heise's feed).
    "linked": (
        f'<p><a href="{LINK}"><img src="{{photo}}" width="150px" height="150px"'
        ' class="webfeedsFeaturedVisual" alt="" /></a></p>'
        "<p>It is often said that the country has not been this divided [&#8230;]</p>"
    ),
}


@pytest.mark.parametrize("form", sorted(FEATURED))
def test_a_teaser_s_featured_image_is_the_record_s_image(tmp_path: Path, form: str) -> None:
    description = (
        FEATURED[form].format(photo=PHOTO)
        + READ_MORE.format(link=LINK)
        + FOOTER.format(link=LINK, home=HOME)
    )
    meta, body = _one(tmp_path, description)
    assert meta["excerpt"] == ("It is often said that the country has not been this divided […]")
    assert meta["images"] == [{"url": PHOTO, "width": 150, "height": 150}]
    assert body.strip() == ""
    (record,), _ = read(tmp_path, rss(_item(description)), name="again.xml")
    found = [d.message for d in validate(record) if d.rule.startswith("schema/")]
    assert found == ['recommended field "topics" is missing or empty']  # no image wanted


def test_the_featured_image_of_a_bare_ellipsis_teaser(tmp_path: Path) -> None:
    """The form of the test above it: a site-relative image, joined to the entry's page."""
    description = (
        '<p><img src="/photo.jpg" alt="" /></p>'
        "<p>When the artists of the scene gather in one place&#8230;</p>"
        + FOOTER.format(link=LINK, home=HOME)
    )
    meta, _ = _one(tmp_path, description)
    assert meta["images"] == [{"url": "https://blog.example.com/photo.jpg"}]


MEDIA = ' xmlns:media="http://search.yahoo.com/mrss/"'


@pytest.mark.parametrize(
    "given",
    [
        PHOTO,
        # The full-size file WordPress made the thumbnail from.
        PHOTO.replace("-150x150", ""),
    ],
)
def test_a_featured_image_the_feed_gives_already_is_not_doubled(tmp_path: Path, given: str) -> None:
    description = FEATURED["paragraph"].format(photo=PHOTO) + READ_MORE.format(link=LINK)
    extra = f'<media:content url="{given}" medium="image" width="1200" height="800"/>'
    (record,), _ = read(tmp_path, rss(_item(description, extra=extra), namespaces=MEDIA))
    assert record.meta["images"] == [{"url": given, "width": 1200, "height": 800}]


def test_a_featured_image_comes_before_the_feed_s_other_images(tmp_path: Path) -> None:
    """WordPress.com gives the author's Gravatar as Media RSS content; the post's picture is
    the one its teaser shows."""
    avatar = "https://secure.gravatar.com/avatar/abc?s=96&d=identicon&r=G"
    description = FEATURED["webfeeds"].format(photo=PHOTO) + READ_MORE.format(link=LINK)
    extra = f'<media:content url="{avatar.replace("&", "&amp;")}" medium="image"/>'
    (record,), _ = read(tmp_path, rss(_item(description, extra=extra), namespaces=MEDIA))
    assert [image["url"] for image in record.meta["images"]] == [PHOTO, avatar]


@pytest.mark.parametrize(
    "description",
    [
        # An image after the first words is the post's, not its featured image.
        f'<p>It is often said <img src="{PHOTO}" /> that we are divided [&#8230;]</p>',
        # A tracking image at the start is no picture.
        '<img src="https://pixel.wp.com/b.gif?host=x" width="1" height="1" alt="" />'
        "<p>It is often said that we are divided [&#8230;]</p>",
        # An image with no address.
        '<p><img alt="" /></p><p>It is often said that we are divided [&#8230;]</p>',
    ],
)
def test_no_featured_image(tmp_path: Path, description: str) -> None:
    meta, _ = _one(tmp_path, description + READ_MORE.format(link=LINK))
    assert meta["excerpt"] == "It is often said that we are divided […]"
    assert "images" not in meta
