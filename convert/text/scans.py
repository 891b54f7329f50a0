"""The line features that a regular expression decides, found for a whole page at once.

Each pattern asks something of a few characters (a date, a web or e-mail address, a sentence
break inside a line), and a line has the feature when the pattern matches anywhere in it. A
scan of the whole page stopped at every character that may start a match: every digit for
dates, every word for addresses. Here the places where a match can start are found first
(from the page's character classes, or by ``str.find`` of the literal part), and the pattern
is tried at those places only; :func:`lines_matching`, the whole-page scan, stays the
reference the tests compare with. No pattern matches across a line break, so a line has a
match exactly when one of its candidate places starts one.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from numpy.typing import NDArray

from convert.text.chars import CLOSER, NEWLINE, SPACE, UNKNOWN, WORD, flags_at

Matrix = NDArray[np.float64]
# Constants as arrays of no dimensions of the type of the arrays they meet, which numpy takes
# as they are (a scalar is converted at every call, a Python int costs most).
_ONE = np.array(1, np.int64)
_NONE = np.array(0, np.uint8)
Lines = NDArray[np.int64]
Points = NDArray[np.uint32]

# features.py's ``\w[.!?]...`` with the word character moved into a look-behind, so the scan
# starts at the rare punctuation; inner_sentences drops what the original could not match.
SENTENCE_INSIDE = re.compile(r"""[.!?](?<=\w.)["'”’»)“‘«›]*[^\S\n]+["'“‘«(„‚»‹]?[A-ZÀ-Ý]""")
# An address is looked for from the first "@" of each non-space run only: if a later "@" has
# a ".x" after it, so has the first. ``\S@\S+\.\w`` retried every "@" to the run's end,
# seconds on one line of "@@@@...".
# The web part is searched in the lower-cased page (without re.I, whose case folding stops
# the scan from skipping ahead); the address part only in lines with an "@".
# Each alternative starts at a "." or ":" (rarer than the "h" and "w" of ``https?://|www\.``,
# at which the scan stopped on every word): the same lines match.
WEBBY = re.compile(r"\.(?:(?<=www\.)|(?:com|org|net|de)\b)|:(?:(?<=https:)|(?<=http:))//")
WEBBY_ANY_CASE = re.compile(WEBBY.pattern, re.I)
ADDRESS = re.compile(r"(?<!\S)\S[^\s@]*+@\S+\.\w")
DATEISH = re.compile(r"\d(?<!\w\d)(?:\d{0,3}[./-]\d{1,2}[./-]\d{1,4}|(?<=1)9\d\d|(?<=2)0\d\d)\b")
COPYRIGHT = re.compile(r"©|\([cC]\)")
# The two patterns as tried at their candidate places only, where the look-behinds are known
# to hold (a digit no word character precedes; a stop after a word character). Without them,
# and with possessive repeats where giving back a character can never lead to a match (a run
# of digits before a separator, closers and spaces before what cannot be either), a failed
# try ends sooner: about a fifth less time for dates. The same places match, at the same ends.
DATE_AT = re.compile(r"\d(?:\d{0,3}+[./-]\d{1,2}+[./-]\d{1,4}+|(?<=1)9\d\d|(?<=2)0\d\d)\b")
SENTENCE_AT = re.compile(r"""[.!?]["'”’»)“‘«›]*+[^\S\n]++["'“‘«(„‚»‹]?[A-ZÀ-Ý]""")


def line_of(positions: NDArray[np.int64], starts: Lines) -> Lines:
    """The line (index into ``starts``, where each line begins) of each position."""
    found: Lines = starts.searchsorted(positions, side="right") - _ONE
    return found


def _lines_of(positions: list[int], starts: Lines) -> Lines:
    """:func:`line_of` of places in a list; most pages' lists of dates, addresses or inner
    sentence breaks are empty, and then no array is made or searched."""
    if not positions:
        return np.zeros(0, dtype=np.int64)
    return line_of(np.array(positions, dtype=np.int64), starts)


def lines_matching(pattern: re.Pattern[str], page: str, starts: Lines) -> Lines:
    """The line of every match of ``pattern`` in ``page``: the whole-page scan."""
    found = [m.start() for m in pattern.finditer(page)]
    return line_of(np.array(found, dtype=np.int64), starts)


def _lines_matching_at(
    pattern: re.Pattern[str], page: str, places: list[int], starts: Lines
) -> Lines:
    """The lines of those ``places`` where ``pattern`` matches (look-behinds see the page
    before each place, as in a scan)."""
    match = pattern.match
    found = [place for place in places if match(page, place)]
    return _lines_of(found, starts)


def date_lines(page: str, starts: Lines, places: Lines) -> Lines:
    """The lines with a date or a year (DATEISH): tried only at ``places``, the digits that
    no word character precedes (:func:`convert.text.chars.number_starts`), where the
    pattern's look-behind holds."""
    return _lines_matching_at(DATE_AT, page, places.tolist(), starts)


def _finds(text: str, needle: str) -> list[int]:
    """Every place ``needle`` starts in ``text``."""
    found: list[int] = []
    find = text.find
    at = find(needle)
    while at >= 0:
        found.append(at)
        at = find(needle, at + 1)
    return found


def address_lines(page: str, starts: Lines, ends: Lines) -> Lines:
    """The lines with an e-mail address (ADDRESS), searched only in lines holding an "@"."""
    if "@" not in page:
        return np.zeros(0, dtype=np.int64)
    search = ADDRESS.search
    lines = line_of(np.array(_finds(page, "@"), dtype=np.int64), starts).tolist()
    candidates = np.array(sorted(set(lines)), dtype=np.int64)
    found = [
        line
        for line, start, end in zip(
            candidates.tolist(),
            starts[candidates].tolist(),
            ends[candidates].tolist(),
            strict=True,
        )
        if search(page, start, end + 1)
    ]
    return np.array(found, dtype=np.int64)


def _web_places(points: Points, stops: Lines) -> list[int]:
    """The places where WEBBY can match in the lower-cased page (``points``; ``stops``, the
    places of its flags' STOP_MARK): a "." after a "w" or before a "c", "o", "n" or "d", a
    ":" before a "/". Most full stops and colons end sentences, which a scan stopped at."""
    mark = _WEB_MARK.take(points.take(stops), mode="clip")
    after = _WEB_AFTER.take(
        points.take(stops + _ONE, mode="clip"), mode="clip"
    )  # at the end: itself
    before = _WEB_BEFORE.take(points.take(stops - _ONE, mode="clip"), mode="clip")  # at the start
    found: list[int] = stops[(mark & (after | before)) != _NONE].tolist()
    return found


_READ_BEFORE, _READ_AFTER = 5, 5  # what WEBBY reads around a place: "https" before, "com" + 1


def _web_windows(page: str, places: list[int]) -> list[int]:
    """Those ``places`` where WEBBY matches the lower-cased page, each tried in its window of
    the page lower-cased (what WEBBY reads before and after its first character), for a page
    that lower-cases a character at a time into one."""
    match = WEBBY.match
    found = []
    for place in places:
        start = max(place - _READ_BEFORE, 0)
        if match(page[start : place + _READ_AFTER].lower(), place - start):
            found.append(place)
    return found


# What _web_places asks of a stop and its neighbours, as bits read from tables over the
# ASCII code points (any other clipped to the last, DEL, which has none): bit 1 for a "."
# after a "w" or before a "c", "o", "n" or "d", bit 2 for a ":" before a "/".
_WEB_MARK = np.zeros(0x80, dtype=np.uint8)
_WEB_AFTER = np.zeros(0x80, dtype=np.uint8)
_WEB_BEFORE = np.zeros(0x80, dtype=np.uint8)
_WEB_MARK[ord(".")], _WEB_MARK[ord(":")] = 1, 2
_WEB_AFTER[[ord(c) for c in "cond"]] = 1
_WEB_AFTER[ord("/")] = 2
_WEB_BEFORE[ord("w")] = 1


def urlish(
    page: str,
    lowered: str | None,
    starts: Lines,
    ends: Lines,
    low_points: Points | None = None,
    stops: Lines | None = None,
) -> Matrix:
    """1.0 for lines with a web address, a domain or an e-mail address in them; given the
    lower-cased page's code points and the places of its STOP_MARK, WEBBY is tried at its
    candidate places only. ``lowered`` (the lower-cased page) may be None where the page
    lower-cases a character at a time into one (no capital sigma, whose lower case depends
    on its place) and the code points and places are given: the few places are then tried
    in lower-cased windows of the page (a page has three or so), and the whole page is
    never lower-cased as text."""
    out = np.zeros(len(starts))
    if lowered is None or len(lowered) == len(page):  # lower-casing kept every position
        if low_points is None or stops is None:
            if lowered is None:
                lowered = page.lower()
            out[lines_matching(WEBBY, lowered, starts)] = 1.0
        elif stops.size:
            places = _web_places(low_points, stops)
            if places:
                if lowered is None:
                    webby = _lines_of(_web_windows(page, places), starts)
                else:
                    webby = _lines_matching_at(WEBBY, lowered, places, starts)
                if webby.size:
                    out[webby] = 1.0
    else:
        out[lines_matching(WEBBY_ANY_CASE, page, starts)] = 1.0
    if "@" in page:  # address_lines finds none without one
        out[address_lines(page, starts, ends)] = 1.0
    return out


@cache
def _stop_neighbours() -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """For every flags value: whether a character so flagged may follow a stop that opens a
    sentence (a closer, or a space other than a line break), and whether it is a word
    character; read for a page's stops by one ``take`` each instead of a few comparisons."""
    flags = np.arange(UNKNOWN, dtype=np.uint16)
    opens = ((flags & CLOSER) != 0) | ((flags & (SPACE | NEWLINE)) == SPACE)
    return opens, (flags & WORD) != 0


def inner_sentences(page: str, starts: Lines, stops: Lines, points: Points) -> Matrix:
    """Sentence breaks inside each line, counted as features.py's pattern counts them: its
    match also takes the word character before the full stop, so a break whose word
    character ended the previous match (the "B" of "a. B. C") is not counted.

    Tried only at the stops that follow a word character (what the look-behind asks) and
    come before a closer or a space other than a line break (what the pattern asks next: a
    line's own last stop never starts a match); a match holds no other stop, so these are
    the places a scan of the page would try that can match. ``stops``: the places of the
    characters with STOP_MARK; only their neighbours' flags are read, from the page's code
    points ``points``."""
    if not stops.size:
        return np.zeros(len(starts))
    # A stop at either end of the page reads itself as its neighbour: no closer, no space
    # and no word character, so it is not tried.
    opens, wordy = _stop_neighbours()
    after, before = flags_at(points, stops + _ONE), flags_at(points, stops - _ONE)
    opening = opens.take(after)
    opening &= wordy.take(before)
    places = stops[opening]
    match = SENTENCE_AT.match
    kept: list[int] = []
    end = -1
    for place in places.tolist():
        found = match(page, place)
        if found is not None and place != end:
            kept.append(place)
            end = found.end()
    if not kept:
        return np.zeros(len(starts))
    lines = line_of(np.array(kept, dtype=np.int64), starts)
    return np.bincount(lines, minlength=len(starts)).astype(np.float64)


def copyright_lines(page: str, starts: Lines) -> Lines:
    """The lines with a "©", "(c)" or "(C)": found by ``str.find`` (a regex scan for the two
    first characters cost more)."""
    return _lines_of(_finds(page, "©") + _c_signs(page), starts)


_BRACKETS = 64  # closing brackets looked at one by one before "(c)" is searched for whole
_C_SIGN = re.compile(r"\([cC]\)")


def _c_signs(text: str) -> list[int]:
    """Every place "(c)" or "(C)" starts in ``text``, found from the closing brackets (pages
    have a dozen or so). Searching for the three characters skipped ahead slowly ("h", "i"
    and "c" share the search's filter bits with them), and took twice the time. Past
    _BRACKETS brackets, the rest is searched for whole after all."""
    found: list[int] = []
    find = text.find
    at = find(")", 2)
    for _ in range(_BRACKETS):
        if at < 0:
            return found
        if text[at - 2 : at] in ("(c", "(C"):
            found.append(at - 2)
        at = find(")", at + 1)
    if at >= 0:  # a sign not found yet closes at the bracket next looked at
        found += [sign.start() for sign in _C_SIGN.finditer(text, at - 2)]
    return found
