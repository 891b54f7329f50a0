"""The line features of a page computed a column at a time, over the whole page at once.

Featuring line by line in Python cost about 70 µs a line, three quarters of the cleaning time.
Here each regular expression scans the page once, character classes are counted from a
code-point table with numpy, and word evidence is looked up over the page's words in one
pass; only tokenising stays per line. The values are those :mod:`convert.text.features`
defines (FEATURE_NAMES), so the fitted weights apply unchanged.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from itertools import chain, repeat

import numpy as np
from numpy.typing import NDArray

from convert.text.features import _WORD, FEATURE_NAMES, Line
from convert.text.stopwords import guess_language, stopwords_for
from convert.text.weights import WORD_LOGODDS

Matrix = NDArray[np.float64]

# The per-line patterns of features.py, for a page of lines joined by "\n": whitespace that
# may not cross a line break, "^" and "$" at every line.
_SENTENCE_END = re.compile(r"""[.!?…:;]["'”’»)\]]*$""", re.M)
# features.py's ``\w[.!?]...`` with the word character moved into a look-behind, so the scan
# starts at the rare punctuation; _inner_sentences drops what the original could not match.
_SENTENCE_INSIDE = re.compile(r"""[.!?](?<=\w.)["'”’»)]*[^\S\n]+["'“‘«(]?[A-ZÀ-Ý]""")
# Every alternative starts with a character class or a literal, so the scan skips ahead in C
# (a leading ``\s`` or ``\b`` made it try every position); a match starts one character
# later than features.py's would, on the same line.
_SEPARATORS = re.compile(r"[|•·»›>/\\–—-](?:(?<![-–—])|(?<=[^\S\n].)(?=[^\S\n]))")
# An address is looked for from the first "@" of each non-space run only: if a later "@" has
# a ".x" after it, so has the first. ``\S@\S+\.\w`` retried every "@" to the run's end,
# seconds on one line of "@@@@...".
# Split in two, so that pages without "@" (most) skip the address scan at every word start.
# The web part is searched in the lower-cased page (without re.I, whose case folding stops
# the scan from skipping ahead); the address part only on pages with an "@".
_WEBBY = re.compile(r"https?://|www\.|\.(?:com|org|net|de)\b")
_WEBBY_ANY_CASE = re.compile(_WEBBY.pattern, re.I)
_ADDRESS = re.compile(r"(?<!\S)\S[^\s@]*+@\S+\.\w")
_DATEISH = re.compile(r"\d(?<!\w\d)(?:\d{0,3}[./-]\d{1,2}[./-]\d{1,4}|(?<=1)9\d\d|(?<=2)0\d\d)\b")
_BULLET = re.compile(r"^(?:[-*•–·▪►]|\d{1,3}[.)])[^\S\n]", re.M)
_COPYRIGHT = re.compile(r"©|\([cC]\)")

ALPHA, UPPER, LOWER, DIGIT, SPACE, COMMA = 1, 2, 4, 8, 16, 32


def _flags_of(char: str) -> int:
    return (
        ALPHA * char.isalpha()
        | UPPER * char.isupper()
        | LOWER * char.islower()
        | DIGIT * char.isdigit()
        | SPACE * char.isspace()
        | COMMA * (char == ",")
    )


class _Classes:
    """The str-method classes of the code points met so far, learnt as pages bring them
    (a table of all 65,536 of the Basic Multilingual Plane took 0.2 s to build, a cost a
    one-record conversion would pay; a page brings a few hundred distinct characters)."""

    def __init__(self) -> None:
        self.flags = np.zeros(0x110000, dtype=np.uint8)
        self.known = np.zeros(0x110000, dtype=np.bool_)

    def of(self, points: NDArray[np.uint32]) -> NDArray[np.uint8]:
        unknown = points[~self.known[points]]
        if unknown.size:
            for point in np.unique(unknown).tolist():
                self.flags[point] = _flags_of(chr(point))
            self.known[unknown] = True
        found: NDArray[np.uint8] = self.flags[points]
        return found


@cache
def _classes() -> _Classes:
    return _Classes()


def char_flags(text: str) -> NDArray[np.uint8]:
    """One byte of class flags per character of ``text``, as str.isalpha() and friends say."""
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return _classes().of(points)


def _line_of(pattern: re.Pattern[str], page: str, starts: NDArray[np.int64]) -> NDArray[np.int64]:
    """The line (index into ``starts``) of every match of ``pattern`` in ``page``."""
    found = [m.start() for m in pattern.finditer(page)]
    return np.searchsorted(starts, np.array(found, dtype=np.int64), side="right") - 1


def _counts(pattern: re.Pattern[str], page: str, starts: NDArray[np.int64]) -> Matrix:
    lines = _line_of(pattern, page, starts)
    return np.bincount(lines, minlength=len(starts)).astype(np.float64)


def _inner_sentences(page: str, starts: NDArray[np.int64]) -> Matrix:
    """Sentence breaks inside each line, counted as features.py's pattern counts them: its
    match also takes the word character before the full stop, so a break whose word
    character ended the previous match (the "B" of "a. B. C") is not counted."""
    kept: list[int] = []
    end = -1
    for match in _SENTENCE_INSIDE.finditer(page):
        if match.start() != end:
            kept.append(match.start())
            end = match.end()
    lines = np.searchsorted(starts, np.array(kept, dtype=np.int64), side="right") - 1
    return np.bincount(lines, minlength=len(starts)).astype(np.float64)


def _urlish(page: str, starts: NDArray[np.int64]) -> Matrix:
    """1.0 for lines with a web address, a domain or an e-mail address in them."""
    out = np.zeros(len(starts))
    lowered = page.lower()
    if len(lowered) == len(page):  # lower-casing kept every position (it nearly always does)
        out[_line_of(_WEBBY, lowered, starts)] = 1.0
    else:
        out[_line_of(_WEBBY_ANY_CASE, page, starts)] = 1.0
    if "@" in page:
        out[_line_of(_ADDRESS, page, starts)] = 1.0
    return out


def _segment_sums(values: NDArray[np.float64], sizes: NDArray[np.int64]) -> Matrix:
    """Sums of consecutive runs of ``values`` of the given sizes (0 for an empty run)."""
    out = np.zeros(len(sizes))
    nonempty = sizes > 0
    if values.size:
        offsets = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        out[nonempty] = np.add.reduceat(values, offsets[nonempty])
    return out


def _runs(blank: list[bool], words: list[int]) -> tuple[list[int], list[float]]:
    """For every line, the length of its run of consecutive non-blank lines and the share of
    that run's lines with at most four words."""
    run_of = [0] * len(blank)
    short_of = [0.0] * len(blank)
    start = 0
    while start < len(blank):
        if blank[start]:
            start += 1
            continue
        end = start
        while end < len(blank) and not blank[end]:
            end += 1
        short = sum(1 for i in range(start, end) if words[i] <= 4) / (end - start)
        run_of[start:end] = [end - start] * (end - start)
        short_of[start:end] = [short] * (end - start)
        start = end
    return run_of, short_of


def page_matrix(
    raw_lines: Sequence[str], lang: str | None = None, vocab: Mapping[str, float] | None = None
) -> tuple[list[Line], Matrix, str | None]:
    """The non-blank lines of a page, their feature matrix (lines x FEATURE_NAMES) and the
    language used; ``vocab`` replaces the shipped word table (for refitting it)."""
    vocab = WORD_LOGODDS if vocab is None else vocab
    stripped = [line.strip() for line in raw_lines]
    lowered = "\n".join(stripped).lower().split("\n")
    all_tokens = [_WORD.findall(line) if line else [] for line in lowered]
    if lang is None:
        lang = guess_language(chain.from_iterable(all_tokens))
    nonblank = [i for i, line in enumerate(stripped) if line]
    n = len(nonblank)
    if not n:
        return [], np.zeros((0, len(FEATURE_NAMES))), lang
    all_words = list(map(len, all_tokens))
    run_of, short_of = _runs([not line for line in stripped], all_words)
    texts = [stripped[i] for i in nonblank]
    tokens = [all_tokens[i] for i in nonblank]
    words = np.array([all_words[i] for i in nonblank], dtype=np.int64)
    lines = [Line(i, text, int(w)) for i, text, w in zip(nonblank, texts, words, strict=True)]

    page = "\n".join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
    ends = starts + lengths - 1
    flags = char_flags(page)

    def per_line(mask: NDArray[np.bool_]) -> Matrix:
        return np.add.reduceat(mask.astype(np.float64), starts)

    word_start = (flags & SPACE) == 0
    word_start[1:] &= (flags[:-1] & SPACE) != 0
    letters = per_line((flags & ALPHA) != 0)
    wf = words.astype(np.float64)
    per_word = np.maximum(wf, 1)

    flat = list(chain.from_iterable(tokens))
    stop = stopwords_for(lang)
    stops = _segment_sums(np.fromiter(map(stop.__contains__, flat), np.float64, len(flat)), words)
    odds = np.fromiter(map(vocab.get, flat, repeat(0.0)), np.float64, len(flat))
    has = words > 0
    vocab_min = np.zeros(n)
    if flat:
        offsets = np.concatenate(([0], np.cumsum(words)[:-1]))
        vocab_min[has] = np.minimum.reduceat(odds, offsets[has])
    token_chars = _segment_sums(np.fromiter(map(len, flat), np.float64, len(flat)), words)

    density = np.where(has, stops / per_word, 0.0)
    sentence_end = np.zeros(n)
    sentence_end[_line_of(_SENTENCE_END, page, starts)] = 1.0
    copyright_ = np.zeros(n)
    copyright_[_line_of(_COPYRIGHT, page, starts)] = 1.0
    keys = [" ".join(lowered[i].split()) for i in nonblank]  # features._key, lower-cased once
    repeats = Counter(keys)
    run = np.array([run_of[i] for i in nonblank], dtype=np.float64)
    position = np.arange(n) / max(n - 1, 1)
    first_flags, last_flags = flags[starts], flags[ends]

    def flag(found: NDArray[np.int64]) -> Matrix:
        out = np.zeros(n)
        out[found] = 1.0
        return out

    own = (
        np.ones(n),
        np.log1p(wf),
        wf <= 3,
        wf <= 7,
        wf >= 15,
        wf >= 30,
        density,
        density * np.minimum(wf, 20) / 20,
        sentence_end,
        np.minimum(_inner_sentences(page, starts), 5) / 5,
        np.minimum(per_line(flags == COMMA) / per_word, 0.5),
        per_line((flags & DIGIT) != 0) / np.maximum(lengths, 1),
        per_line(word_start & ((flags & UPPER) != 0)) / np.maximum(per_line(word_start), 1),
        per_line((flags & UPPER) != 0) / np.maximum(letters, 1),
        np.minimum(token_chars / per_word, 15) / 15,
        np.minimum(_counts(_SEPARATORS, page, starts), 5) / 5,
        _urlish(page, starts),
        flag(_line_of(_DATEISH, page, starts)),
        copyright_,
        flag(_line_of(_BULLET, page, starts)),
        np.log1p(run),
        np.array([short_of[i] for i in nonblank]),
        run == 1,
        position,
        (position < 0.1) | (position > 0.9),
        np.fromiter((repeats[key] > 1 for key in keys), np.float64, n),
        (first_flags & LOWER) != 0,
        np.where(has, _segment_sums(odds, words) / per_word, 0.0) / 4,
        np.minimum(vocab_min, 0.0) / 4,
        np.where(has, _segment_sums((odds < -1).astype(np.float64), words) / per_word, 0.0),
    )
    ends_alpha, ends_lower = (last_flags & ALPHA) != 0, (last_flags & LOWER) != 0
    question = np.array([text.endswith("?") for text in texts])
    layout = _layout(wf, sentence_end, copyright_, ends_alpha, ends_lower, question)
    return lines, np.column_stack(own + layout).astype(np.float64), lang


def _layout(
    words: Matrix,
    sentence_end: Matrix,
    copyright_: Matrix,
    ends_alpha: NDArray[np.bool_],
    ends_lower: NDArray[np.bool_],
    question: NDArray[np.bool_],
) -> tuple[Matrix | NDArray[np.bool_], ...]:
    """The features placing each line among the page's long prose lines (features.py's
    after_last_prose ... lines_past_prose)."""
    n = len(words)
    k = np.arange(n)
    prose = (words >= 15) & (sentence_end > 0)
    marks = np.flatnonzero(prose)
    first, last = (int(marks[0]), int(marks[-1])) if marks.size else (n, -1)
    if marks.size:
        right = np.searchsorted(marks, k, side="left")
        below = np.where(right < marks.size, marks[np.minimum(right, marks.size - 1)] - k, 99)
        above = np.where(right > 0, k - marks[np.maximum(right - 1, 0)], 99)
        distance = np.minimum(below, above)
    else:
        distance = np.full(n, 99)
    after = marks.size - np.cumsum(prose)
    seen_copyright = np.concatenate(([0.0], np.cumsum(copyright_)[:-1])) > 0
    prev_words = np.concatenate(([0.0], np.log1p(words[:-1])))
    next_words = np.concatenate((np.log1p(words[1:]), [0.0]))
    return (
        k > last,
        k < first,
        np.minimum(distance, 10) / 10,
        seen_copyright,
        prev_words,
        next_words,
        np.concatenate(([0.0], sentence_end[:-1])),
        np.concatenate((sentence_end[1:], [0.0])),
        ends_alpha & ends_lower,
        question,
        after / (marks.size or 1),
        np.where(k > last, np.minimum(k - last, 20) / 20, 0.0),
    )


def row_tuples(matrix: Matrix) -> list[tuple[float, ...]]:
    """The rows of a feature matrix as tuples (for code that reads Line.features)."""
    return [tuple(row) for row in matrix.tolist()]
