"""Hostile feeds: entity bombs and external entities are refused before any parser expands
them, within bounded time and memory; nothing is fetched on the feed's behalf."""

from __future__ import annotations

import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from convert.diagnostics import Severity
from convert.importers.guard import entity_declaration
from tests.importers.helpers import read, send, serve

ITEM = (
    "<item><title>&lol9;</title><link>https://ex.com/a</link>"
    "<pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate></item>"
)


def billion_laughs(prefix: str = "") -> str:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    return (
        f'<?xml version="1.0"?>\n{prefix}<!DOCTYPE rss [\n'
        + "\n".join(entities)
        + f'\n]>\n<rss version="2.0"><channel><title>t</title>{ITEM}</channel></rss>'
    )


# feedparser strips a DOCTYPE only from the text before the first "<letter"; a comment that
# holds one puts the DTD beyond its reach, straight into expat.
@pytest.mark.parametrize("prefix", ["", "<!-- <a> -->\n"], ids=["plain", "behind-a-comment"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_billion_laughs_is_refused_quickly_in_bounded_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefix: str, encoding: str
) -> None:
    """Quickly because no parser is handed the feed, so nothing expands: the parser's calls
    are counted, where a clock would measure the machine as well."""
    import feedparser

    parsed: list[object] = []
    parse = feedparser.parse

    def counted(*args: Any, **kwargs: Any) -> Any:
        parsed.append(args[0])
        return parse(*args, **kwargs)

    monkeypatch.setattr(feedparser, "parse", counted)
    data = billion_laughs(prefix).encode(encoding)
    tracemalloc.start()
    try:
        records, found = read(tmp_path, data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not parsed, "the feed reached its parser"
    assert records == []
    assert [(d.rule, d.severity) for d in found] == [("import/entities", Severity.ERROR)]
    assert found[0].line == (4 if prefix else 3)  # the first <!ENTITY
    assert peak < 5 * 1024 * 1024


def test_external_entities_are_never_fetched(tmp_path: Path) -> None:
    with serve(send(b"secret")) as (url, asked):
        data = (
            f'<?xml version="1.0"?>\n<!-- <x> -->\n<!DOCTYPE rss [\n'
            f'<!ENTITY remote SYSTEM "{url}/leak">\n'
            f'<!ENTITY local SYSTEM "file:///etc/hostname">\n]>\n'
            f'<rss version="2.0"><channel><title>&remote;&local;</title>{ITEM}'
            f"</channel></rss>"
        ).encode()
        records, found = read(tmp_path, data)
    assert records == [] and asked == []
    assert [d.rule for d in found] == ["import/entities"]


def test_parameter_entities_and_lower_case_are_caught() -> None:
    assert entity_declaration(b'<!DOCTYPE x [<!entity % p SYSTEM "http://e/x">%p;]><x/>') == 1


def test_entity_words_in_comments_and_cdata_are_not_declarations() -> None:
    data = (
        b"<?xml version='1.0'?>\n<!-- <!ENTITY in a comment> -->\n<rss><channel>"
        b"<description><![CDATA[how to write <!ENTITY x 'y'>]]></description>"
        b"</channel></rss>"
    )
    assert entity_declaration(data) is None


def test_a_doctype_without_entities_is_fine(tmp_path: Path) -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS '
        b'0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        b'<rss version="0.91"><channel><title>Old</title><link>https://old.example/</link>'
        b"<item><title>Still here</title><link>https://old.example/a</link></item>"
        b"</channel></rss>"
    )
    records, _ = read(tmp_path, data)
    assert [r.meta["title"] for r in records] == ["Still here"]


def test_feeds_past_the_size_limit_are_refused_unread(tmp_path: Path) -> None:
    data = b"<rss>" + b" " * 5000 + b"</rss>"
    records, found = read(tmp_path, data, max_bytes=1000)
    assert records == []
    assert [d.rule for d in found] == ["import/unreadable"]
    assert "larger than the limit of 1,000 bytes" in found[0].message
