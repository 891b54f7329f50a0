"""Real published feeds (../shared/real/feeds, when present): none crashes the importer, each
gives records or a finding, and records validate with errors only for fields the feed lacked."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert import validate
from convert.diagnostics import Diagnostic, Severity
from convert.importers import import_feed

FEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "real" / "feeds"
ALL = sorted(p for p in FEEDS.rglob("*") if p.is_file()) if FEEDS.is_dir() else []
# An error for a required field is expected exactly when the importer warned that the feed
# did not have it.
EXCUSED = {
    "import/no-date": "publishedDateTime",
    "import/no-title": "title",
    "import/no-link": "webUrl",
}


@pytest.mark.skipif(not ALL, reason="the shared real-world feeds are not beside this checkout")
@pytest.mark.parametrize("path", ALL, ids=lambda p: p.relative_to(FEEDS).as_posix())
def test_real_feed_is_imported_or_reported(path: Path) -> None:
    found: list[Diagnostic] = []
    records = list(import_feed(str(path), emit=found.append))
    assert records or found, "neither records nor a finding"
    for record in records:
        number = _entry_number(record, records)
        lacked = {
            field
            for d in found
            if f"entry {number}:" in d.message or f"entry {number} (" in d.message
            for rule, field in EXCUSED.items()
            if d.rule == rule
        }
        errors = [d for d in validate(record) if d.severity is Severity.ERROR]
        unexpected = [
            f"{d.rule} {d.message}"
            for d in errors
            if not (d.rule == "schema/required" and _field(d) in lacked)
        ]
        assert unexpected == [], record.path


def _entry_number(record: object, records: list[object]) -> int:
    # Records come out in feed order, and a feed's duplicates are the only entries dropped,
    # none of which the shared feeds have.
    return records.index(record) + 1


def _field(d: Diagnostic) -> str:
    return d.message.split('"')[1] if '"' in d.message else ""


def test_the_real_feeds_cover_the_shapes_the_issue_names() -> None:
    if not ALL:
        pytest.skip("the shared real-world feeds are not beside this checkout")
    names = " ".join(p.name for p in ALL)
    for shape in ("rss090", "rss1", "itunes", "atom", ".json", "gb2312", "latin2"):
        assert shape in names
