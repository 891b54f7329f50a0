"""Large XML feeds are read one entry at a time and give exactly the records the whole-feed
path gives; a feed that breaks off part way keeps the entries before the break."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert.diagnostics import Diagnostic
from convert.importers import import_feed, streaming
from convert.record import Record
from tests.importers.helpers import atom, rss

FEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "real" / "feeds"
REAL = sorted(p for p in FEEDS.rglob("*.xml") if p.is_file()) if FEEDS.is_dir() else []


def _both(
    path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[tuple[list[Record], list[Diagnostic]], tuple[list[Record], list[Diagnostic]]]:
    results = []
    for threshold in (1 << 40, 0):
        monkeypatch.setattr(streaming, "STREAM_FROM", threshold)
        found: list[Diagnostic] = []
        results.append((list(import_feed(str(path), emit=found.append)), found))
    return results[0], results[1]


def _texts(records: list[Record]) -> list[tuple[str, str, dict[str, object]]]:
    return [(r.path, r.body, dict(r.meta)) for r in records]


SAMPLES = {
    "rss.xml": rss(
        "".join(
            f"<item><title>T{n}</title><link>/p/{n}</link><description>&lt;b&gt;S{n}&lt;/b&gt;"
            f"</description><pubDate>Tue, 10 Jun 2003 0{n}:00:00 +0200</pubDate>"
            f'<media:content url="https://ex.com/{n}.jpg" medium="image" width="10"/></item>'
            for n in range(5)
        ),
        namespaces=' xmlns:media="http://search.yahoo.com/mrss/"',
    ),
    "atom.xml": atom(
        "".join(
            f'<entry><title type="html">A&amp;amp;{n}</title><id>urn:x:{n}</id>'
            f'<link href="/a/{n}"/><updated>2024-01-0{n + 1}T10:00:00+05:30</updated>'
            f'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>X{n}</p></div>'
            f"</content></entry>"
            for n in range(4)
        )
    ),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_streamed_records_equal_whole_feed_records(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / name
    path.write_bytes(SAMPLES[name])
    (whole, whole_found), (streamed, streamed_found) = _both(path, monkeypatch)
    assert len(whole) > 3
    assert _texts(streamed) == _texts(whole)
    assert streamed_found == whole_found


@pytest.mark.skipif(not REAL, reason="the shared real-world feeds are not beside this checkout")
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.relative_to(FEEDS).as_posix())
def test_real_feeds_stream_to_the_same_records(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (whole, _), (streamed, _) = _both(path, monkeypatch)
    assert _texts(streamed) == _texts(whole)


def test_a_feed_that_breaks_off_keeps_what_came_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = "".join(
        f"<item><title>T{n}</title><link>https://ex.com/{n}</link></item>\n" for n in range(3)
    )
    path = tmp_path / "cut.xml"
    path.write_bytes(rss(items).replace(b"</item>\n<item><title>T2", b"</item>\n<item><title>T2<"))
    monkeypatch.setattr(streaming, "STREAM_FROM", 0)
    found: list[Diagnostic] = []
    records = list(import_feed(str(path), emit=found.append))
    assert [r.meta["title"] for r in records] == ["T0", "T1"]
    syntax = [d for d in found if d.rule != "import/no-date"]
    assert [d.rule for d in syntax] == ["import/syntax"]
    assert "after entry 2" in syntax[0].message and syntax[0].line == 4
