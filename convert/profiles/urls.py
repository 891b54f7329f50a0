"""Links: permalink patterns, slugs, and joining a path onto the site's address.

Patterns use the generators' own ``:name`` tokens (``/:categories/:year/:month/:day/:title/``).
Paths are percent-encoded as UTF-8, so a non-ASCII title gives a link every feed reader
accepts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from urllib.parse import quote, unquote, unquote_plus, unquote_to_bytes

JEKYLL_STYLES: Mapping[str, str] = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
"""Jekyll's named permalink styles."""

_TOKEN = re.compile(r":([a-z_]+)")
_ASCII_RUNS = re.compile(r"[^A-Za-z0-9]+")
_JEKYLL_PRETTY = re.compile(r"[^\w.~!$&'()+,;=@]+")


_GO_SPACES = frozenset("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | frozenset(
    map(chr, range(0x2000, 0x200B))
)
"""White space as Go's ``unicode.IsSpace`` knows it (not Python's ``\\x1c``-``\\x1f``)."""
_HUGO_KEPT = frozenset("./\\_#+~-@")
_HEX = frozenset("0123456789abcdefABCDEF")
_HUGO_PLAIN = re.compile(r"[A-Za-z0-9./\\_#+~@-]*")


def _hugo_sanitize(text: str, *, lead: bool = False) -> str:
    """Hugo's path sanitising: letters, decimal digits, marks, ``. / \\ _ # + ~ - @`` and
    ``%`` before two hex digits kept; a run of white space one hyphen (none right after a
    hyphen, none at the end, none at the start unless ``lead``, where the path goes on from
    an earlier part); any other character dropped."""
    if _HUGO_PLAIN.fullmatch(text):  # the common case, nothing to change
        return text
    out: list[str] = []
    gap = hyphen = False
    for i, char in enumerate(text):
        if (
            char in _HUGO_KEPT
            or char.isalpha()
            or char.isdecimal()
            or (char == "%" and text[i + 1 : i + 2] in _HEX and text[i + 2 : i + 3] in _HEX)
            or (not char.isascii() and unicodedata.category(char)[0] == "M")
        ):
            hyphen = char == "-"
            if gap and not hyphen:
                out.append("-")
            gap = False
            out.append(char)
        elif char in _GO_SPACES and (out or lead) and not hyphen:
            gap = True
    return "".join(out)


def _go_lower(text: str) -> str:
    """Lower case one character at a time, as Go's ``strings.ToLower``: ``İ`` is ``i`` (not
    ``i`` and a dot) and a final ``Σ`` is ``σ``."""
    if text.isascii():
        return text.lower()
    return "".join(char.lower()[0] for char in text)


def _no_accents(text: str) -> str:
    """Hugo's ``removePathAccents``: the combining marks of the decomposed text dropped."""
    parts = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in parts if unicodedata.category(c) != "Mn")
    )


def hugo_urlize(text: str, *, lower: bool = True, title: bool = False, accents: bool = True) -> str:
    """A ``slug``, title or file name as Hugo puts it in a permalink pattern (its ``urlize``),
    before :func:`hugo_path` finishes the path. Hugo sanitises the text (``_hugo_sanitize``),
    lower-cases it (unless ``lower`` is false: ``disablePathToLower``), drops a lone ``#`` at
    the end, then reads it back as an escaped URL: ``+`` is a space and ``%XX`` the byte it
    names (``C++ tips`` -> ``c  -tips``, ``a%2Fb`` -> ``a/b``). A title's ``/`` and ``\\`` are
    hyphens first (``1/2 cup`` -> ``1-2-cup``); ``accents`` false drops accents
    (``removePathAccents``)."""
    if title:
        text = text.replace("/", "-").replace("\\", "-")
    text = hugo_sanitize(text, lower=lower, accents=accents)
    head, hash_, tail = text.partition("#")
    if not tail:
        text = head  # an empty fragment is dropped
    if "%" in text or "+" in text:
        text = _read_back(head) + (hash_ + _read_back(tail) if tail else "")
    return text


def _read_back(text: str) -> str:
    """``text`` read as Hugo reads its escaped URL back: each ``%XX`` the byte it names and
    ``+`` a space; where ``text`` is no valid escaped path (letters beyond ASCII, ``\\``) the
    escapes are read first, so a ``%2B`` too is a space."""
    if text.isascii() and "\\" not in text:
        return unquote_plus(text, errors="replace")
    return unquote(text, errors="replace").replace("+", " ")


def hugo_path(path: str, *, lower: bool = True, accents: bool = True, suffix: str = "") -> str:
    """A permalink's path as Hugo finishes it, without the trailing slash: ``.`` and ``..``
    resolved and ``//`` one (Go's ``path.Clean``), ``suffix`` added (``uglyURLs``' ``.html``),
    then sanitised and lower-cased whole, so a space that reading back made is a hyphen, or
    nothing at a segment's end (``a++`` -> ``a``, but ``a++.html`` -> ``a-.html``), and a
    byte that is no UTF-8 is dropped only now (``%e9%2F`` leaves ``//``)."""
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part and part != ".":
            parts.append(part)
    cleaned = "/".join(parts) + suffix
    return "/" + hugo_sanitize(cleaned, lower=lower, accents=accents, lead=True)


def hugo_sanitize(
    text: str, *, lower: bool = True, accents: bool = True, lead: bool = False
) -> str:
    """``text`` sanitised (``_hugo_sanitize``), accents dropped unless ``accents``, and lower
    case unless ``lower`` is false: a ``slug`` in Hugo's own path (no permalink pattern)."""
    text = _hugo_sanitize(text, lead=lead)
    if not accents:
        text = _no_accents(text)
    return _go_lower(text) if lower else text


def hugo_file_slug(name: str, *, lower: bool = True, accents: bool = True) -> str:
    """Hugo's path segment for a content file's name in its own path (no permalink pattern):
    each space a hyphen (``a  b`` -> ``a--b``), then sanitised as :func:`hugo_sanitize`
    does; no ``+`` or ``%XX`` is read back."""
    return hugo_sanitize(name.replace(" ", "-"), lower=lower, accents=accents)


def jekyll_title_slug(text: str) -> str:
    """Jekyll's ``:title``: the file's slug in its "pretty" mode, letter case kept."""
    return _JEKYLL_PRETTY.sub("-", text.strip()).strip("-")


def jekyll_slug(text: str) -> str:
    """Jekyll's ``:slug`` and ``:name`` (its slugify's default mode): every run of characters
    other than letters, combining marks and decimal digits one hyphen, none at either end,
    lower case: ``Release-0.5_notes~x`` -> ``release-0-5-notes-x``."""
    if text.isascii():  # the common case, without a look at each character
        return _ASCII_RUNS.sub("-", text).strip("-").lower()
    out: list[str] = []
    gap = False
    for char in text:
        kind = unicodedata.category(char)
        if kind[0] in "LM" or kind == "Nd":
            if gap and out:
                out.append("-")
            gap = False
            out.append(char)
        else:
            gap = True
    return "".join(out).lower()


def titleize(slug: str) -> str:
    """Jekyll's title for a post or document that has none (its ``titleize_slug``): each
    hyphen-separated word capitalised as Ruby capitalises it, the rest in lower case
    (``my-first-post`` -> ``My First Post``, ``hELLO-wORLD`` -> ``Hello World``); Ruby's
    split keeps the empty words between two hyphens and drops those at the end."""
    words = slug.split("-")
    while words and not words[-1]:
        words.pop()
    return " ".join(word[:1].upper() + word[1:].lower() for word in words)


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def date_tokens(date: str) -> dict[str, str]:
    """The date tokens of permalink patterns for an RFC 3339 date, in the wall-clock time
    it was written in. Names are English whatever the machine's locale, as the generators'."""
    year, month, day = int(date[:4]), int(date[5:7]), int(date[8:10])
    calendar = datetime(year, month, day)
    long_month, long_day = _MONTHS[month - 1], _DAYS[calendar.weekday()]
    return {
        "year": date[:4],
        "short_year": date[2:4],
        "month": date[5:7],
        "i_month": str(month),
        "short_month": long_month[:3],
        "long_month": long_month,
        "monthname": long_month.lower(),
        "day": date[8:10],
        "i_day": str(day),
        "y_day": f"{calendar.timetuple().tm_yday:03d}",
        "short_day": long_day[:3],
        "long_day": long_day,
        "week": f"{calendar.isocalendar()[1]:02d}",
        "hour": date[11:13],
        "minute": date[14:16],
        "second": date[17:19],
    }


def expand(pattern: str, values: Mapping[str, str]) -> str:
    """``pattern`` with each known ``:token`` replaced, doubled slashes made single.

    The longest known name wins (``:title`` is not ``:t`` + ``itle``); an unknown token stays.
    """

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        for end in range(len(name), 0, -1):
            if name[:end] in values:
                return values[name[:end]] + name[end:]
        return match.group(0)

    path = _TOKEN.sub(replace, pattern)
    path = re.sub("/{2,}", "/", path)
    return path if path.startswith("/") else "/" + path


_VALID_PATH = re.compile(r"[A-Za-z0-9\-_.~!$&'()*+,;=:@\[\]/%]*")


def quote_path(path: str, *, keep_escapes: bool = False) -> str:
    """A path percent-encoded as UTF-8; characters a URL path allows stay as they are. With
    ``keep_escapes`` (Hugo's links), a path that is a valid escaped path already is kept as
    it is (``a%20b.md`` is at ``/a%20b/``); any other has its ``%XX`` read before it is
    escaped (``%41`` and ``é`` together are ``A%C3%A9``)."""
    safe = "/:@!$&'()*+,;=-._~"
    if not keep_escapes:
        return quote(path, safe=safe)
    path = path.replace("#", "%23")
    if "%" not in path:
        return quote(path, safe=safe)
    if _VALID_PATH.fullmatch(path):
        return path
    return quote(unquote_to_bytes(path), safe=safe)


def join_url(base: str, path: str, *, keep_escapes: bool = False) -> str:
    """``path`` below the site's address ``base`` (which may itself have a path)."""
    if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://", path):
        return path
    return base.rstrip("/") + "/" + quote_path(path.lstrip("/"), keep_escapes=keep_escapes)


_NOT_LANGUAGES = frozenset({"md", "htm", "txt", "org", "rst"})
"""Suffixes of content files, not languages: ``post.md.md`` is the page ``post.md``."""


def split_language(stem: str) -> tuple[str, str | None]:
    """``index.fr`` -> ``("index", "fr")``: the language suffix Hugo and Zola read."""
    base, dot, suffix = stem.rpartition(".")
    if suffix.lower() in _NOT_LANGUAGES:
        return stem, None
    if dot and base and re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?", suffix):
        return base, suffix
    return stem, None
