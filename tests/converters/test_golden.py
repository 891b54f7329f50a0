"""Every format's output for the seed records and the valid examples, byte for byte."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from convert.converters.feeds import order as feed_order
from convert.loading import load
from convert.record import Record

ROOT = Path(__file__).resolve().parents[2]
CORPUS = [
    "examples/000_007fd1d52a2fa7d2.txt",
    "examples/002_ef0a5ca32cdf259f.txt",
    *sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples/valid").glob("*.md")),
]
SUFFIX = {"rss": "rss.xml", "atom": "atom.xml", "jsonfeed": "feed.json"}
FEED_OPTIONS = {
    "feed_title": "Example feed",
    "feed_link": "https://news.example.com/",
    "feed_url": "https://news.example.com/feed.xml",
    "language": "en",
    "base_url": "https://news.example.com/",
}


def _records() -> list[Record]:
    return [load(ROOT / path, display_path=path) for path in CORPUS]


@pytest.mark.parametrize("path", CORPUS)
def test_json_per_record(path: str, run: Callable, golden: Callable) -> None:
    data, _ = run("json", [load(ROOT / path, display_path=path)])
    golden(f"json/{Path(path).stem}.json", data)


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("jsonl", "corpus.jsonl"),
        ("jsonfeed", "corpus.feed.json"),
        ("rss", "corpus.rss.xml"),
        ("atom", "corpus.atom.xml"),
    ],
)
def test_collection(fmt: str, name: str, run: Callable, golden: Callable) -> None:
    options = {} if fmt == "jsonl" else FEED_OPTIONS
    data, _ = run(fmt, _records(), **options)
    golden(name, data)


@pytest.mark.parametrize("fmt", ["rss", "atom", "jsonfeed"])
def test_seed_alone(fmt: str, run: Callable, golden: Callable) -> None:
    data, found = run(fmt, [load(ROOT / CORPUS[0], display_path=CORPUS[0])], **FEED_OPTIONS)
    assert found == []
    golden(f"seed.{SUFFIX[fmt]}", data)


@pytest.mark.parametrize("fmt", list(SUFFIX))
def test_a_spilled_sort_writes_the_same_bytes(
    fmt: str, run: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_memory, _ = run(fmt, _records(), **FEED_OPTIONS)
    runs: list[object] = []
    spill = feed_order.write_blocks
    monkeypatch.setattr(feed_order, "write_blocks", lambda *args: runs.append(spill(*args)))
    # A budget of one byte spills every item to its own run: the rows come back from disk.
    monkeypatch.setattr(feed_order, "RUN_BYTES", 1)
    spilled, _ = run(fmt, _records(), **FEED_OPTIONS)
    assert len(runs) > 1  # the rows did go through disk
    assert spilled == in_memory
