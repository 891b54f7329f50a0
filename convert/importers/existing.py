"""What an output folder already holds, so an import never writes the same entry twice.

Every record file under the folder is read once (front matter only matters) and indexed by its
``webUrl`` and by the feed entry id kept in its comment line (an id that is no URI with the
site of the ``webUrl``, since it is unique only within its feed), or for an entry that had
neither, the digest of its content kept the same way. An entry found there is skipped, or with
``--update`` rewritten when the feed says it changed since.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from convert.dates import parse_date
from convert.importers.rendering import DIGEST_COMMENT, ID_COMMENT
from convert.importers.tracking import without_tracking
from convert.loading.compressed import compression_of, inflate_head, inner_name
from convert.web_address import scheme_of, site_of

RECORD_SUFFIXES = (".md", ".html")
_HEAD_BYTES = 1 << 20


@dataclass(frozen=True)
class Existing:
    """A record file already in the folder: where it is, how recent its content is, and the
    compression it is kept in (``"gzip"``; ``None`` for text), which the writer never
    writes."""

    path: Path
    changed: datetime | None
    compression: str | None = None


@dataclass
class FolderIndex:
    """Record files of a folder by identity (``url:...`` and ``id:...``) and by name."""

    root: Path
    by_identity: dict[str, Existing] = field(default_factory=dict)

    def find(
        self,
        url: str | None,
        entry_id: str | None,
        digest: str | None = None,
        aliases: Iterable[str] = (),
    ) -> Existing | None:
        """The record of the entry with these identities, if the folder has one; ``aliases``
        are other addresses of the entry that a record's ``webUrl`` may hold (a FeedBurner
        redirect that earlier imports kept)."""
        keys = _keys(url, entry_id, digest) + [f"url:{without_tracking(a)}" for a in aliases]
        for key in keys:
            if key in self.by_identity:
                return self.by_identity[key]
        return None

    def add(
        self,
        path: Path,
        url: str | None,
        entry_id: str | None,
        changed: datetime | None,
        digest: str | None = None,
        compression: str | None = None,
    ) -> None:
        found = Existing(path, changed, compression)
        for key in _keys(url, entry_id, digest):
            self.by_identity[key] = found


def _keys(url: str | None, entry_id: str | None, digest: str | None = None) -> list[str]:
    """An entry's identities: its link, its feed id, and the digest of its content where it
    has neither. An id that is a URI (Atom's are; ``urn:uuid:...``, ``tag:...``, a
    permalink) names one entry anywhere; any other (JSON Feed's ``"1"``, an RSS guid such as
    ``post-1``) only within its feed, so it is taken with the site of the entry's link: two
    feeds' entry "1" are two entries. A link is taken without tracking parameters, so a
    record imported while they were still kept in ``webUrl`` is the same entry."""
    keys = [f"url:{without_tracking(url)}"] if url else []
    if entry_id:
        scope = "" if scheme_of(entry_id) else f"{site_of(url) if url else ''} "
        keys.append(f"id:{scope}{entry_id}")
    if digest:
        keys.append(f"digest:{digest}")
    return keys


def index_folder(root: Path) -> FolderIndex:
    """Index the record files below ``root`` (hidden folders skipped); unreadable ones are
    left out, since their names are still taken and the writer never replaces them.

    A compressed record (``story.md.gz``, as a folder is archived) holds its entry as the
    text inside does: the feed's item is in the folder already."""
    from convert.loading import loads

    index = FolderIndex(root)
    if not root.is_dir():
        return index
    for path in sorted(root.rglob("*")):
        if path.with_name(inner_name(path.name)).suffix not in RECORD_SUFFIXES:
            continue
        if not path.is_file():
            continue
        if any(part.startswith(".") for part in path.relative_to(root).parts[:-1]):
            continue
        try:
            with path.open("rb") as stream:
                data = stream.read(_HEAD_BYTES)
        except OSError:
            continue
        kind = compression_of(data)
        if kind is not None:
            head = inflate_head(data, kind, _HEAD_BYTES)
            if head is None:  # damaged: its name is taken all the same
                continue
            data = head
        text = data.decode("utf-8", errors="replace")
        record = loads(text, path=path.as_posix())
        meta = record.meta
        url = meta.get("webUrl") if isinstance(meta.get("webUrl"), str) else None
        comments = _comment(text, ID_COMMENT), _comment(text, DIGEST_COMMENT)
        index.add(path, url, comments[0], _changed(meta), comments[1], kind)
    return index


def _comment(text: str, lead: str) -> str | None:
    """What the front matter's comment line starting with ``lead`` holds, if there is one."""
    for line in text.splitlines()[1:40]:
        if line.startswith(lead):
            return line[len(lead) :].strip() or None
        if line.strip() == "---":
            break
    return None


def _changed(meta: object) -> datetime | None:
    if not isinstance(meta, dict):
        return None
    for key in ("updatedDateTime", "publishedDateTime"):
        moment = parse_date(meta.get(key))
        if moment is not None:
            return moment
    return None
