"""File names for imported records: stable, safe and readable in any script.

A name is a slug of the title (or, failing that, of the link's path), so the same entry always
gets the same name. Letters and digits of every script are kept (a Russian or Chinese headline
stays readable, rather than becoming a transliteration or a hash), everything else becomes
``-``. Nothing from the feed can climb out of the output folder: separators, dots and control
characters never survive, names reserved on Windows get a suffix, and the length is capped in
UTF-8 bytes so every file system takes it. Two entries with the same slug are told apart by a
short hash of their identity (link or id), which is stable too.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import unquote, urlsplit

MAX_SLUG_BYTES = 120
"""Well under the usual 255-byte limit, leaving room for a date, a hash and the extension."""
FALLBACK = "entry"
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


def slugify(text: str) -> str:
    """Lower-case words of ``text`` joined by ``-``; ``""`` when it has no letter or digit.

    >>> slugify("Ceci n'est pas une pipe!")
    'ceci-n-est-pas-une-pipe'
    """
    normal = unicodedata.normalize("NFKC", text).casefold()
    words: list[str] = []
    current: list[str] = []
    for char in normal:
        # Letters, marks (Devanagari vowel signs, Arabic harakat) and digits make words.
        if unicodedata.category(char)[0] in "LMN" and char.isprintable():
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return _cap("-".join(words))


def _cap(slug: str) -> str:
    """Cut at a word boundary when possible, never inside a UTF-8 sequence."""
    data = slug.encode("utf-8")
    if len(data) <= MAX_SLUG_BYTES:
        return slug
    cut = data[:MAX_SLUG_BYTES].decode("utf-8", errors="ignore")
    head, dash, _ = cut.rpartition("-")
    return head if dash and len(head) >= len(cut) // 2 else cut


def link_slug(url: str | None) -> str:
    """A slug of the last meaningful segment of ``url``'s path (``/2024/05/my-story.html``)."""
    if not url:
        return ""
    try:
        path = urlsplit(url).path
    except ValueError:
        return ""
    for segment in reversed([s for s in unquote(path).split("/") if s]):
        stem = re.sub(r"\.(html?|php|aspx?|jsp|cgi)$", "", segment, flags=re.IGNORECASE)
        slug = slugify(stem)
        if slug and not slug.isdigit() and slug not in {"index", "default", "article"}:
            return slug
    return ""


def short_hash(identity: str) -> str:
    """Eight hex digits of SHA-256: enough to tell apart entries whose slugs collide."""
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:8]


def entry_stem(
    title: str | None,
    url: str | None,
    identity: str,
    date: str | None = None,
) -> str:
    """The file name (without extension) for an entry.

    Args:
        title: the entry's plain-text title.
        url: its link, used when the title gives no slug.
        identity: its link or id, hashed when nothing readable is left.
        date: ``YYYY-MM-DD`` for the dated layout, else ``None``.
    """
    slug = slugify(title or "") or link_slug(url) or f"{FALLBACK}-{short_hash(identity)}"
    if slug in _RESERVED:
        slug += "-"
    return f"{date}-{slug}" if date else slug


def with_hash(stem: str, identity: str) -> str:
    """``stem`` made distinct for ``identity``: ``my-story-1a2b3c4d``."""
    return f"{stem}-{short_hash(identity)}"
