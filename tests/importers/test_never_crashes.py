"""Whatever the bytes, importing gives records or findings, never an exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from convert.diagnostics import Diagnostic
from convert.importers import import_feed
from tests.importers.helpers import atom, rss

SEEDS = [
    rss(
        "<item><title>T &amp; U</title><link>https://ex.com/a</link><description>&lt;p&gt;x"
        "</description><pubDate>Tue, 10 Jun 2003 09:00:00 +0200</pubDate></item>"
    ),
    atom(
        '<entry><title type="html">&lt;b&gt;A</title><id>urn:a</id><link href="/a"/>'
        '<updated>2024-01-01T00:00:00Z</updated><content type="xhtml"><div '
        'xmlns="http://www.w3.org/1999/xhtml"><p>x</p></div></content></entry>'
    ),
    b'{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "1", '
    b'"url": "https://ex.com/1", "title": "One", "date_published": "2024-01-01T00:00:00Z", '
    b'"content_html": "<p>x</p>", "tags": ["a"], "image": "https://ex.com/i.png"}]}',
]


def _import(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed"
        path.write_bytes(data)
        found: list[Diagnostic] = []
        records = list(import_feed(str(path), emit=found.append))
        for body in ("html",):
            records += list(import_feed(str(path), body=body, emit=found.append))
        assert records or found


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    _import(data)


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(SEEDS), st.data())
def test_damaged_feeds(seed: bytes, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(seed)))
    insert = data.draw(
        st.binary(max_size=12)
        | st.sampled_from(
            [
                b"<",
                b"&",
                b"]]>",
                b"\x00",
                b"\xff\xfe",
                b"<![CDATA[",
                b"&#0;",
                b'"',
                b"</item>",
                b"<item>",
                b"\xe2\x80",
                b"{",
                b"[]",
                b"null",
            ]
        )
    )
    _import(seed[:cut] + insert + seed[cut + data.draw(st.integers(0, 8)) :])


def test_declarations_that_crash_feedparser_are_findings(tmp_path: Path) -> None:
    from convert.importers import import_feed as run

    seed = SEEDS[0]
    for broken in (
        seed[:30] + b"\x80" + seed[30:],  # encoding="utf-8\x80" (UnicodeDecodeError)
        seed[:31] + b"\x00" + seed[31:],
    ):  # a NUL in the encoding name (ValueError)
        path = tmp_path / "feed.xml"
        path.write_bytes(broken)
        found: list[Diagnostic] = []
        assert list(run(str(path), emit=found.append)) == []
        assert [d.rule for d in found] == ["import/syntax"]
        assert "the feed parser failed" in found[0].message
