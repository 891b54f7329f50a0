"""The line features of a page computed a column at a time, over the whole page at once.

Featuring line by line in Python cost about 70 µs a line, three quarters of the cleaning time.
Here the page's lines are joined once and everything is counted over the joined text: its
characters' classes as one array (:mod:`convert.text.chars`), its words by one tokenising pass
numbered once against the word lists (:mod:`convert.text.lexicon`), and the few patterns left
by one regular-expression scan each. Python touches each line a handful of times and each word
once. The values are those :mod:`convert.text.features` defines (FEATURE_NAMES), so the
fitted weights apply unchanged. The features of a line's place on the page are
:mod:`convert.text.layout`'s, and which lines are repeated :mod:`convert.text.repeats`'.

:func:`page_features` is left whole (about 160 lines): it is one pass over one page's arrays,
each step reading what the one before made, and cut into functions it would hand a dozen
arrays between them for every page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import compress

import numpy as np
from numpy.typing import NDArray

from convert.text.chars import (
    CLOSERS,
    COUNTED,
    STOP_CODE,
    STOP_MARK,
    STOP_MARKS,
    WORD,
    WORD_CODE,
    code_points,
    flags_at,
    flags_of,
    line_counts,
    number_starts,
    page_codes,
    text_of,
)
from convert.text.features import FEATURE_NAMES, Line
from convert.text.layout import flag_tables, layout_features, line_places
from convert.text.lexicon import lexicon
from convert.text.repeats import repeated_line_keys, repeated_lines
from convert.text.scans import copyright_lines, date_lines, inner_sentences, urlish
from convert.text.unspaced import has_unspaced, spaced_points
from convert.text.weights import WORD_LOGODDS
from convert.text.wordhash import prefix_sums, span_hashes

Matrix = NDArray[np.float64]
# A page's non-blank lines, joined by line breaks, and the joined text's code points.
Joined = tuple[list[str], str, NDArray[np.uint32]]

_BULLET = re.compile(r"(?:[-*•–·▪►]|\d{1,3}[.)])[^\S\n]")  # at the start of a line


@dataclass(slots=True)
class PageFeatures:
    """The non-blank lines of a page (stripped), where they were, and their features."""

    texts: list[str]
    index: NDArray[np.int64]  # each line's index among all the page's lines
    words: NDArray[np.int64]
    matrix: Matrix  # lines x FEATURE_NAMES
    lang: str | None
    spaced: list[bool]  # whether a line's whitespace needs collapsing

    def collapsed(self, keep: Sequence[bool]) -> list[str]:
        """The lines picked by ``keep``, each on one line with its whitespace collapsed."""
        if not any(self.spaced):  # as the HTML readers' lines nearly always are
            return list(compress(self.texts, keep))
        return [
            " ".join(text.split()) if odd else text
            for text, odd in compress(zip(self.texts, self.spaced, strict=True), keep)
        ]


def _counts(mask: NDArray[np.bool_], starts: NDArray[np.int64]) -> Matrix:
    """How many characters of each line (starting at ``starts``) ``mask`` marks, as floats:
    counted as integers over the mask's bytes, not summed over a float copy of it."""
    counts: Matrix = np.add.reduceat(mask.view(np.uint8), starts, dtype=np.int64).astype(np.float64)
    return counts


def _starts(texts: Sequence[str]) -> NDArray[np.int64]:
    """Where each line starts in the lines joined by "\\n"."""
    return _bounds(texts)[0]


def _bounds(texts: Sequence[str]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Where each line starts and ends (its last character) in the lines joined by "\\n"."""
    return _spans(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)))


def _spans(lengths: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """:func:`_bounds` of lines of these lengths."""
    spans = lengths + _ONE
    ends = np.add.accumulate(spans)
    starts = ends - spans
    ends -= _TWO
    return starts, ends


def _runs(index: NDArray[np.int64], words: NDArray[np.int64], out: Matrix) -> None:
    """For every line, from the length of its run of consecutive non-blank lines and the
    share of that run's lines with at most four words, the features log_run, run_short_share
    and alone, written into ``out``'s three rows."""
    new = np.empty(len(index), dtype=np.bool_)
    new[0] = True
    np.not_equal(index[1:] - index[:-1], _ONE, out=new[1:])
    run_id = np.add.accumulate(new, dtype=np.intp)  # from 1: bincount's first count is of no line
    sizes = np.bincount(run_id).astype(np.float64)
    short = np.bincount(run_id, weights=words <= _FOUR)  # the weights are read as floats
    size = sizes.take(run_id)
    np.log1p(size, out=out[0])
    np.divide(short.take(run_id), size, out=out[1])
    out[2] = size == _C[1]


def _sentence_ends(texts: list[str], last_flags: NDArray[np.uint16]) -> Matrix:
    """1.0 for lines whose last character before any closing quotes and brackets ends a
    sentence (``[.!?…:;]["'”’»)\\]“‘«›]*$``: German and Swiss quotes close with “ ‘ « ›).
    Only the few lines that end with a closer are looked at one by one."""
    tables = flag_tables()
    out: Matrix = tables.stop.take(last_flags)
    for i in tables.closer.take(last_flags).nonzero()[0].tolist():
        text = texts[i].rstrip(CLOSERS)
        out[i] = bool(text) and text[-1] in STOP_MARKS
    return out


def _bullets(texts: list[str], first_flags: NDArray[np.uint16]) -> list[int]:
    """The lines opening with a bullet (``_BULLET``), tried only where the first character
    may open one."""
    match = _BULLET.match
    found = flag_tables().bullet.take(first_flags).nonzero()[0].tolist()
    return [i for i in found if match(texts[i])]


def page_features(
    raw_lines: Sequence[str],
    lang: str | None = None,
    vocab: Mapping[str, float] | None = None,
    *,
    stripped: bool = False,
    joined: Joined | None = None,
) -> PageFeatures:
    """Feature the non-blank lines of a page (lines without line breaks of their own).

    ``vocab`` replaces the shipped word table (for refitting it); ``lang`` the guess;
    ``stripped``: the lines have no white space at either end (as the HTML readers give
    them), and are not stripped again; ``joined``: the non-blank lines of ``raw_lines``
    (stripped), joined by line breaks, and the joined text's code points, when the caller
    has them (:func:`convert.text.blockscore.repaired_lines`).
    """
    lex = lexicon(WORD_LOGODDS if vocab is None else vocab)
    lines = raw_lines if stripped else list(map(str.strip, raw_lines))
    texts = list(filter(None, lines)) if joined is None else joined[0]
    n = len(texts)
    if not n:
        empty = np.zeros(0, np.int64)
        return PageFeatures([], empty, empty, np.zeros((0, len(FEATURE_NAMES))), lang, [])
    page = "\n".join(texts) if joined is None else joined[1]
    lengths = np.fromiter(map(len, lines), np.int64, len(lines))
    index = lengths.nonzero()[0]
    line_lengths = lengths.take(index)
    starts, ends = _spans(line_lengths)
    points = code_points(page) if joined is None else joined[2]
    shown = texts  # what the page says; the features may read it otherwise (unspaced)
    if has_unspaced(points):  # read as one text: no line break is added or taken
        points = spaced_points(points)
        page = text_of(points)
        texts = page.split("\n")
        line_lengths = np.fromiter(map(len, texts), np.int64, n)
        starts, ends = _spans(line_lengths)
    # The characters' codes and lower case from one lookup; the flags themselves are read
    # only where a few characters are asked (the lines' ends, the stops' neighbours).
    code, found = page_codes(points)
    lowered: str | None = None
    if found is None:
        lowered = page.lower()
        low_points = code_points(lowered)
    else:  # lower-cased a character at a time: the text is not made (what reads it needs little)
        low_points = found
    # Lower-casing one character into one never changes whether it is a word character
    # (checked over every code point), so the page's own codes serve unless lengths moved.
    same = lowered is None or len(lowered) == len(page)
    low_starts = starts if lowered is None or same else _starts(lowered.split("\n"))

    counted = line_counts(code, starts, int(np.maximum.reduce(line_lengths)) + 1)
    # The counts as floats (COUNTED's rows) and the lines' lengths below them, so that the
    # rates comma_rate ... mean_word_len are one division of rows taken from here.
    floats = np.empty((len(COUNTED) + 1, n))
    floats[:-1] = counted
    floats[-1] = line_lengths
    # Words are the runs of word characters (what ``\w+`` finds) of the lower-cased page,
    # named by hashes of their characters instead of being cut out as strings.
    padded = np.zeros(len(low_points) + 2, dtype=np.bool_)
    word = padded[1:-1]
    if same:
        np.not_equal(code & WORD_CODE, _NO_FLAGS, out=word)
    else:
        np.not_equal(flags_of(low_points) & _WORD, _NO_FLAGS, out=word)
    edges = (padded[1:] != padded[:-1]).nonzero()[0]
    prefix = prefix_sums(low_points)
    if same:  # the words' hashes and the lines' (for repeated_lines) in one pass
        begins = np.concatenate((edges[::2], starts))
        hashes = span_hashes(prefix, begins, np.concatenate((edges[1::2], ends + _ONE)))
        numbers = lex.numbers(hashes[: len(begins) - n])
    else:
        numbers = lex.numbers(span_hashes(prefix, edges[::2], edges[1::2]))
    if lang is None:
        lang = lex.guess(numbers)
    if same:
        words = counted[9]
    else:  # the words and their characters counted over the lower-cased lines instead
        word_begins = np.zeros(len(word), dtype=np.uint8)
        word_begins[edges[::2]] = 1
        words = np.add.reduceat(word_begins, low_starts, dtype=np.int64)
        floats[8] = _counts(word, low_starts)
        floats[9] = words
    wf = floats[9]
    # What the rates are divided by (at least 1: a line's length always is), per_word first.
    divisors = np.maximum(floats.take(_RATE_DIVISORS, axis=0), _C[1])
    per_word = divisors[0]

    # The three sums over a line's words (function words, log-odds, furniture words) come
    # from one take of the lexicon's table and one reduceat; a sum over no words is 0 and its
    # line's per_word 1, so the shares need no mask.
    has = words > _ZERO
    firsts = (np.add.accumulate(words) - words)[has]  # each line's first word, of lines with words
    if firsts.size:
        read = lex.table(lang).take(numbers, axis=1)  # its second row: the words' log-odds
        line_sums = np.add.reduceat(read, firsts, axis=1)
        line_least = np.minimum.reduceat(read[1], firsts)
    if firsts.size == n:  # every line has words: the sums are the rows themselves
        sums, lowest = line_sums, line_least
    else:
        sums, lowest = np.zeros((3, n)), np.zeros(n)
        if firsts.size:
            sums[:, has], lowest[has] = line_sums, line_least
    first_flags, last_flags = flags_at(points, starts), flags_at(points, ends)
    stop_marks = ((code & STOP_CODE) != _NO_FLAGS).nonzero()[0]
    sentence_end = _sentence_ends(texts, last_flags)
    copyrights = copyright_lines(page, starts)
    odd = floats[7] > _C[0]  # odd spaces

    # Each feature is written straight into its row of the matrix, in FEATURE_NAMES' order: a
    # page has a hundred or so lines, and a numpy call costs more than the arithmetic it does,
    # so every temporary saved counts. A comparison is assigned rather than written with out=
    # (a cast on the way out cost more than the copy), and constants are floats where the
    # arrays are (an int constant is cast at every call).
    rows = np.empty((len(FEATURE_NAMES), n))
    rows[0] = 1.0
    np.log1p(wf, out=rows[1])
    # words_le_3 ... words_ge_30 from one comparison: x >= y where -x <= -y.
    rows[2:6] = wf * _SIGNS <= _LIMITS
    # The word sums' shares: stop_density here, vocab_mean (a quarter of it, below) and
    # vocab_furniture_share two rows apart, written by one division.
    density = rows[6]
    np.divide(sums[0], per_word, out=density)
    np.divide(sums[1:], per_word, out=rows[27:30:2])
    np.divide(density * np.minimum(wf, _C[20]), _C[20], out=rows[7])
    rows[8] = sentence_end
    np.minimum(inner_sentences(page, starts, stop_marks, points), _C[5], out=rows[9])
    rows[9] /= _C[5]
    np.divide(floats.take(_RATE_COUNTS, axis=0), divisors, out=rows[10:15])
    np.minimum(rows[10], _C[0.5], out=rows[10])
    np.minimum(rows[14], _C[15], out=rows[14])
    np.minimum(floats[6], _C[5], out=rows[15])  # separators
    rows[14:16] /= _BY_15_AND_5
    rows[16] = urlish(page, lowered, starts, ends, low_points, stop_marks if same else None)
    rows[17:20] = 0.0
    # Most pages have few of these lines, many none: an empty index costs 1 to 2 us a row.
    dates = date_lines(page, starts, number_starts(code))
    if dates.size:
        rows[17, dates] = 1.0
    if copyrights.size:
        rows[18, copyrights] = 1.0
    bullets = _bullets(texts, first_flags)
    if bullets:
        rows[19, bullets] = 1.0
    _runs(index, words, rows[20:23])
    rows[23:25] = line_places(n)[1]
    if lowered is None or same:
        rows[25] = repeated_lines(low_points, starts, ends, odd, hashes[len(begins) - n :])
    else:
        rows[25] = repeated_line_keys(lowered)
    flag_tables().lower.take(first_flags, out=rows[26])
    rows[27] /= _C[4]
    np.minimum(lowest, _C[0], out=rows[28])
    rows[28] /= _C[4]
    layout_features(rows[30:], wf, rows[1:9:7], sentence_end, copyrights, last_flags)
    matrix = np.ascontiguousarray(rows.T)
    return PageFeatures(shown, index, words, matrix, lang, odd.tolist())


def page_matrix(
    raw_lines: Sequence[str], lang: str | None = None, vocab: Mapping[str, float] | None = None
) -> tuple[list[Line], Matrix, str | None]:
    """The non-blank lines of a page, their feature matrix (lines x FEATURE_NAMES) and the
    language used; ``vocab`` replaces the shipped word table (for refitting it)."""
    found = page_features(raw_lines, lang, vocab)
    lines = [
        Line(int(i), text, int(w))
        for i, text, w in zip(found.index, found.texts, found.words, strict=True)
    ]
    return lines, found.matrix, found.lang


# Constants as arrays of no dimensions, which numpy takes as they are: a float it converts at
# every call, about 0.3 us each.
_C = {value: np.array(float(value)) for value in (0, 0.5, 1, 4, 5, 15, 20)}
_SIGNS = np.array([[1.0], [1.0], [-1.0], [-1.0]])
_LIMITS = np.array([[3.0], [7.0], [-15.0], [-30.0]])
_BY_15_AND_5 = np.array([[15.0], [5.0]])
# The rows of the counts (and lengths) that comma_rate, digit_share, capitalised_share,
# upper_share and mean_word_len divide, and the rows they are divided by: commas, digits,
# capitals starting a word, capitals and word characters, by words, length, word starts,
# letters and words.
_COUNTED = {name: k for k, name in enumerate((*COUNTED, "length"))}
_RATE_COUNTS = np.array(
    [_COUNTED[name] for name in ("comma", "digit", "upper_start", "upper", "word")]
)
_RATE_DIVISORS = np.array(
    [_COUNTED[name] for name in ("word_begin", "length", "word_start", "alpha", "word_begin")]
)
_ZERO, _ONE, _TWO, _FOUR = (np.array(value, dtype=np.int64) for value in (0, 1, 2, 4))
_WORD, _STOP_MARK, _NO_FLAGS = (np.array(flag, np.uint16) for flag in (WORD, STOP_MARK, 0))
