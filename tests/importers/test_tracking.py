"""Tracking parameters that feed generators append to entry links (Medium's ``source=rss...``,
``utm_*``) are not part of the record's ``webUrl``; links in the body keep what the author
wrote, and a record imported with such a ``webUrl`` before is still the same entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from convert.cli import main
from convert.importers.tracking import without_tracking
from tests.importers.helpers import read, rss


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        # Medium: a writer's feed, a publication's, a tag's, a publication's tag, and a
        # publication on its own domain.
        (
            "https://gbaccetta.medium.com/teamspot-e1131f7c0355?source=rss-bc507f75565c------2",
            "https://gbaccetta.medium.com/teamspot-e1131f7c0355",
        ),
        (
            "https://medium.com/thebackendtech/java-27de97cbc4bd?source=rss----33614872e155---4",
            "https://medium.com/thebackendtech/java-27de97cbc4bd",
        ),
        (
            "https://medium.com/@x/agent-memory-abc123?source=rss------ai-5",
            "https://medium.com/@x/agent-memory-abc123",
        ),
        (
            "https://infosecwriteups.com/cookie-f86cb22c37fa?source=rss----7b722bfd1b8d--bug_bounty",
            "https://infosecwriteups.com/cookie-f86cb22c37fa",
        ),
        # utm_*, each of the five, wherever they stand; the other parameters keep their order.
        (
            "https://ex.com/a?utm_source=feedburner&utm_medium=feed"
            "&utm_campaign=Feed%3A+ex+%28Ex%29&utm_term=t&utm_content=c",
            "https://ex.com/a",
        ),
        ("https://ex.com/a?p=1&utm_source=rss&b=2&utm_medium=rss", "https://ex.com/a?p=1&b=2"),
        ("https://ex.com/a?utm_source=rss&utm_medium=rss#comments", "https://ex.com/a#comments"),
        (
            "https://ex.com/a?utm_campaign=x&z=1&a=2#f?utm_source=1",
            "https://ex.com/a?z=1&a=2#f?utm_source=1",
        ),
        ("https://ex.com/a?utm_source", "https://ex.com/a"),
        # Left as they are: a source that is no Medium feed's, other utm names, look-alikes,
        # a parameter whose value mentions utm, and a link without any.
        ("https://ex.com/a?source=rss", "https://ex.com/a?source=rss"),
        ("https://ex.com/search?source=rss-feed&q=x", "https://ex.com/search?source=rss-feed&q=x"),
        ("https://ex.com/a?source=newsletter", "https://ex.com/a?source=newsletter"),
        ("https://ex.com/a?utm_id=7&UTM_SOURCE=x", "https://ex.com/a?utm_id=7&UTM_SOURCE=x"),
        (
            "https://ex.com/a?xutm_source=1&utm_sources=2",
            "https://ex.com/a?xutm_source=1&utm_sources=2",
        ),
        (
            "https://play.google.com/store/apps/details?id=app&referrer=utm_source%3Dmedium",
            "https://play.google.com/store/apps/details?id=app&referrer=utm_source%3Dmedium",
        ),
        ("https://ex.com/a?", "https://ex.com/a?"),
        ("https://ex.com/a", "https://ex.com/a"),
    ],
)
def test_without_tracking(url: str, clean: str) -> None:
    assert without_tracking(url) == clean


MEDIUM_ITEM = (
    "<item><title>TeamSpot</title>"
    "<link>https://gbaccetta.medium.com/teamspot-e1131f7c0355?source=rss-bc507f75565c------2"
    '</link><guid isPermaLink="false">https://medium.com/p/e1131f7c0355</guid>'
    "<pubDate>Tue, 26 Oct 2021 04:07:52 GMT</pubDate><content:encoded><![CDATA[<p>On "
    '<a href="https://play.google.com/store/apps/details?id=club.teamspot.app&amp;'
    'referrer=utm_source%3Dmedium">android</a>, see '
    '<a href="https://ex.com/x?utm_source=blog&amp;q=1">this</a>.</p>]]></content:encoded>'
    "</item>"
)
CONTENT = ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'


def test_the_entry_link_loses_them_and_the_body_keeps_its_links(tmp_path: Path) -> None:
    (record,), _ = read(tmp_path, rss(MEDIUM_ITEM, namespaces=CONTENT))
    assert record.meta["webUrl"] == "https://gbaccetta.medium.com/teamspot-e1131f7c0355"
    assert "(https://ex.com/x?utm_source=blog&q=1)" in record.body
    assert "referrer=utm_source%3Dmedium" in record.body


def test_a_guid_standing_in_for_the_link_loses_them_too(tmp_path: Path) -> None:
    item = (
        "<item><title>A</title><guid>https://ex.com/a?utm_source=rss&amp;p=2</guid>"
        "<pubDate>Tue, 26 Oct 2021 04:07:52 GMT</pubDate></item>"
    )
    (record,), _ = read(tmp_path, rss(item))
    assert record.meta["webUrl"] == "https://ex.com/a?p=2"


def test_two_entries_whose_links_differ_only_in_tracking_are_one(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>A</title><link>https://ex.com/a?utm_medium={m}</link>"
        "<pubDate>Tue, 26 Oct 2021 04:07:52 GMT</pubDate></item>"
        for m in ("rss", "email")
    )
    records, found = read(tmp_path, rss(items))
    assert len(records) == 1 and [d.rule for d in found] == ["import/duplicate"]


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, ["import", "--format", "text", *args])
    assert result.exit_code == 0, result.output
    return result.stderr


@pytest.mark.parametrize(
    "old_link",
    [
        "https://ex.com/story?utm_source=feedburner&utm_medium=feed&utm_campaign=Feed%3A+ex",
        "https://gbaccetta.medium.com/story-e1131f7c0355?source=rss-bc507f75565c------2",
    ],
)
def test_a_record_imported_with_a_tracking_link_is_the_same_entry(
    tmp_path: Path, old_link: str
) -> None:
    """A record written before the parameters were removed (no feed id: RSS items need none)
    is found by its link without them: skipped, and with --update rewritten in its place."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "story.md").write_text(
        f"---\ntitle: Story\npublishedDateTime: '2021-10-26T04:07:52Z'\nwebUrl: {old_link}\n"
        "---\n\nOld text.\n",
        "utf-8",
    )
    clean = without_tracking(old_link)
    assert clean != old_link
    feed = tmp_path / "feed.xml"

    def write(date: str) -> None:
        feed.write_bytes(
            rss(
                f"<item><title>Story</title><link>{old_link.replace('&', '&amp;')}</link>"
                f"<description>New text.</description><pubDate>{date}</pubDate></item>"
            )
        )

    write("Tue, 26 Oct 2021 04:07:52 GMT")
    assert "0 written, 0 updated, 1 skipped" in _run(str(feed), "-o", str(out))
    write("Wed, 27 Oct 2021 04:07:52 GMT")
    assert "0 written, 1 updated, 0 skipped" in _run(str(feed), "-o", str(out), "--update")
    assert [p.name for p in out.iterdir()] == ["story.md"]
    assert f"webUrl: {clean}\n" in (out / "story.md").read_text("utf-8")


def test_a_long_run_of_hyphens_is_read_in_linear_time() -> None:
    """Medium's pattern once backtracked over every split of a run of hyphens (20,000 before
    a character it refuses: 1.8 s, growing with the square); 400,000 would take hours, so the
    test ends only where the reading is linear."""
    url = "https://example.com/a?source=rss-" + "-" * 400_000 + "!"
    assert without_tracking(url) == url
