"""Writing imported entries into a folder without ever losing a file.

An entry already in the folder (same ``webUrl``, feed id or FeedBurner redirect) is skipped
with a note, or with ``update`` rewritten in place when the feed's date for it is newer than
the file's. A new entry
never replaces a file: when its name is taken, a short hash of its identity is added. Every file
is written to a temporary name and renamed (:mod:`convert.atomic`), so an interrupted import
leaves whole files only; the folder is synced once every SYNC_LOT files rather than after each.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from convert.diagnostics import Diagnostic, FindingKind, Severity
from convert.importers.existing import FolderIndex
from convert.importers.naming import short_hash
from convert.importers.reading import ImportedEntry
from convert.loading.compressed import SUFFIXES

FINDINGS = (
    FindingKind(
        "import/exists", Severity.INFO, "An entry was imported before (same link or id): skipped."
    ),
    FindingKind("import/write", Severity.ERROR, "A record file cannot be written."),
)

Emit = Callable[[Diagnostic], None]


@dataclass
class Tally:
    """What an import did with its entries."""

    written: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0


def write_entries(
    entries: Iterable[ImportedEntry], index: FolderIndex, feed: str, *, update: bool, emit: Emit
) -> Tally:
    """Write ``entries`` of the feed named ``feed`` into ``index.root``.

    Args:
        entries: from :func:`convert.importers.reading.read_feed`.
        index: the folder's records, kept current as files are written.
        feed: the feed's name, for findings.
        update: rewrite entries already present when the feed's date is newer.
        emit: receives a note for each entry skipped and an error for each file not written.
    """
    from convert.atomic import SYNC_LOT, folder_syncs_deferred

    tally = Tally()
    with folder_syncs_deferred(every=SYNC_LOT):  # the folder synced once a lot, not per file
        for entry in entries:
            _write_entry(entry, index, feed, update, emit, tally)
    return tally


def _write_entry(
    entry: ImportedEntry, index: FolderIndex, feed: str, update: bool, emit: Emit, tally: Tally
) -> None:
    """Write, rewrite or skip one entry, counting what was done in ``tally``."""
    if entry.record is None:  # a repeat within the feed
        for finding in entry.findings:
            emit(finding)
        tally.skipped += 1
        return
    existing = index.find(entry.url, entry.entry_id, entry.digest, entry.aliases)
    newer = existing is not None and update and _newer(entry, existing.changed)
    if existing is not None and (not newer or existing.compression is not None):
        if not update:
            reason = "use --update to rewrite entries the feed has changed since"
        elif not newer:
            reason = "the feed has no newer date for it"
        else:  # the new text would be plain text under a compressed file's name
            reason = (
                f"it is {existing.compression}-compressed: decompress it for --update to rewrite it"
            )
        message = f"{entry.label}: already imported as {_shown(existing.path)}; skipped"
        emit(_finding(feed, Severity.INFO, "import/exists", message, reason))
        tally.skipped += 1
        return
    target = existing.path if existing is not None else _free_name(index.root, entry)
    for finding in entry.findings:
        emit(finding)
    if not _write(target, entry.text, feed, entry.label, emit):
        tally.failed += 1
        return
    if existing is not None:
        tally.updated += 1
    else:
        tally.written += 1
    index.add(target, entry.url, entry.entry_id, entry.changed, entry.digest)


def _newer(entry: ImportedEntry, changed: datetime | None) -> bool:
    """Whether the feed dates ``entry`` after the file's date ``changed`` (both known)."""
    return changed is not None and entry.changed is not None and entry.changed > changed


def _shown(path: Path) -> str:
    return path.as_posix()


def _finding(
    feed: str,
    severity: Severity,
    rule: str,
    message: str,
    hint: str = "",
) -> Diagnostic:
    return Diagnostic(feed, None, None, rule, severity, message, hint=hint)


def _free_name(root: Path, entry: ImportedEntry) -> Path:
    """``root/name``, or a hashed variant of it when a file (of another entry) has the name."""
    target = root / entry.name
    if not _taken(target):
        return target
    stem, dot, suffix = entry.name.rpartition(".")
    identity = entry.url or entry.entry_id or entry.text
    hashed = f"{stem}-{short_hash(identity)}"
    target = root / f"{hashed}{dot}{suffix}"
    number = 2
    while _taken(target):
        target = root / f"{hashed}-{number}{dot}{suffix}"
        number += 1
    return target


def _taken(target: Path) -> bool:
    """Whether a file has the name ``target``, or has it inside (``story.md.gz``): the two
    would be read as one record and converted to one output."""
    # lexists: a dangling symlink takes the name too (writing through it could leave the folder)
    name = os.fspath(target)
    return any(os.path.lexists(name + suffix) for suffix in ("", *SUFFIXES))


def _write(target: Path, text: str, feed: str, label: str, emit: Emit) -> bool:
    from convert.atomic import write_atomic

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        emit(
            _finding(
                feed,
                Severity.ERROR,
                "import/write",
                f"{label}: cannot write {_shown(target)}: {exc.strerror or exc}",
            )
        )
        return False
    return True
