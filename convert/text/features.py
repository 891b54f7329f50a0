"""Features of the lines of a page, for the boilerplate classifier.

A line is the unit because a page rendered to text (a browser's select-all copy, or our own
HTML walk) puts every block element on its own line. The features are the ones the jusText
paper and its successors found to separate prose from page furniture: length, the share of
function words, sentence punctuation, capitalisation, digits and separators, and the line's
surroundings: how long the run of lines without a blank between them is (menus are long runs
of short lines), where on the page it sits and whether the page repeats it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from convert.text.stopwords import guess_language, stopwords_for
from convert.text.weights import WORD_LOGODDS

_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"""[.!?…:;]["'”’»)\]]*$""")
_SENTENCE_INSIDE = re.compile(r"""\w[.!?]["'”’»)]*\s+["'“‘«(]?[A-ZÀ-Ý]""")
_SEPARATORS = re.compile(r"[|•·»›>/\\]|\s[-–—]\s")
# An address is looked for from the first "@" of each non-space run only: if a later "@" has
# a ".x" after it, so has the first. ``\S@\S+\.\w`` retried every "@" to the run's end,
# seconds on one line of "@@@@...".
_URLISH = re.compile(r"https?://|www\.|(?<!\S)\S[^\s@]*+@\S+\.\w|\.(?:com|org|net|de)\b", re.I)
_DATEISH = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b(?:19|20)\d\d\b")
_BULLET = re.compile(r"^\s*(?:[-*•–·▪►]|\d{1,3}[.)])\s")

FEATURE_NAMES: tuple[str, ...] = (
    "bias",
    "log_words",
    "words_le_3",
    "words_le_7",
    "words_ge_15",
    "words_ge_30",
    "stop_density",
    "stop_density_x_long",
    "sentence_end",
    "inner_sentences",
    "comma_rate",
    "digit_share",
    "capitalised_share",
    "upper_share",
    "mean_word_len",
    "separators",
    "urlish",
    "dateish",
    "copyright_sign",
    "bullet",
    "log_run",
    "run_short_share",
    "alone",
    "position",
    "position_edge",
    "repeated",
    "first_char_lower",
    # Word evidence: mean and lowest log-odds of the line's words being article text rather
    # than furniture, from a table learnt over many sites (weights.WORD_LOGODDS), and the
    # share of clearly furniture words ("subscribe", "reply", month names...).
    "vocab_mean",
    "vocab_min",
    "vocab_furniture_share",
    # Where the line sits relative to the page's long prose lines (>= 15 words, ending a
    # sentence): teasers, bios and notices trail the last of them, menus precede the first.
    "after_last_prose",
    "before_first_prose",
    "prose_distance",
    "after_copyright",
    "log_prev_words",
    "log_next_words",
    "prev_sentence_end",
    "next_sentence_end",
    "ends_lower_letter",
    "question",
    "prose_after_share",
    "lines_past_prose",
)


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of a page with its index among all lines and its features."""

    index: int
    text: str
    words: int
    features: tuple[float, ...]


VOCAB_SLICE = slice(FEATURE_NAMES.index("vocab_mean"), FEATURE_NAMES.index("vocab_min") + 2)


def vocab_features(tokens: Sequence[str], vocab: Mapping[str, float]) -> tuple[float, float, float]:
    """The word-evidence features (vocab_mean, vocab_min, vocab_furniture_share) of a line.

    Separate so that refitting can swap in a new word table without featuring pages again.
    """
    odds = [vocab.get(t, 0.0) for t in tokens] or [0.0]
    return (
        sum(odds) / len(odds) / 4,
        min(min(odds), 0.0) / 4,
        sum(1 for v in odds if v < -1) / len(odds),
    )


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def page_lines(
    lines: Sequence[str], lang: str | None = None, vocab: Mapping[str, float] | None = None
) -> tuple[list[Line], str | None]:
    """Feature every non-blank line of ``lines``; returns the lines and the language used.

    ``vocab`` replaces the shipped word table (for refitting it).
    """
    vocab = WORD_LOGODDS if vocab is None else vocab
    stripped = [line.strip() for line in lines]
    tokens = [_WORD.findall(line.lower()) if line else [] for line in stripped]
    if lang is None:
        lang = guess_language(word for toks in tokens for word in toks)
    stop = stopwords_for(lang)
    counts = Counter(_key(line) for line in stripped if line)

    # Runs of consecutive non-blank lines: their length and how many of them are short.
    run_of: list[int] = [0] * len(stripped)
    short_of: list[float] = [0.0] * len(stripped)
    start = 0
    while start < len(stripped):
        if not stripped[start]:
            start += 1
            continue
        end = start
        while end < len(stripped) and stripped[end]:
            end += 1
        length = end - start
        short = sum(1 for i in range(start, end) if len(tokens[i]) <= 4) / length
        for i in range(start, end):
            run_of[i] = length
            short_of[i] = short
        start = end

    nonblank = [i for i, line in enumerate(stripped) if line]
    total = max(len(nonblank) - 1, 1)
    out: list[Line] = []
    for rank, i in enumerate(nonblank):
        text = stripped[i]
        toks = tokens[i]
        n = len(toks)
        chars = max(len(text), 1)
        # map() over str methods counts characters several times faster than a generator.
        stops = sum(map(stop.__contains__, toks))
        density = stops / n if n else 0.0
        raw_words = text.split()
        capitalised = sum(1 for w in raw_words if w[0].isupper()) / max(len(raw_words), 1)
        letters = sum(map(str.isalpha, text))
        upper = sum(map(str.isupper, text)) / max(letters, 1)
        digits = sum(map(str.isdigit, text)) / chars
        position = rank / total
        features = (
            1.0,
            math.log1p(n),
            float(n <= 3),
            float(n <= 7),
            float(n >= 15),
            float(n >= 30),
            density,
            density * min(n, 20) / 20,
            float(bool(_SENTENCE_END.search(text))),
            min(len(_SENTENCE_INSIDE.findall(text)), 5) / 5,
            min(text.count(",") / max(n, 1), 0.5),
            digits,
            capitalised,
            upper,
            min(sum(len(t) for t in toks) / max(n, 1), 15) / 15,
            min(len(_SEPARATORS.findall(text)), 5) / 5,
            float(bool(_URLISH.search(text))),
            float(bool(_DATEISH.search(text))),
            float("©" in text or "(c)" in text.lower()),
            float(bool(_BULLET.match(text))),
            math.log1p(run_of[i]),
            short_of[i],
            float(run_of[i] == 1),
            position,
            float(position < 0.1 or position > 0.9),
            float(counts[_key(text)] > 1),
            float(text[:1].islower()),
            *vocab_features(toks, vocab),
        )
        out.append(Line(i, text, n, features))
    return _with_layout(out), lang


def _with_layout(lines: list[Line]) -> list[Line]:
    """Append the features that place each line among the page's long prose lines."""
    n = len(lines)
    words = [line.words for line in lines]
    ends = [line.features[8] for line in lines]
    prose = [w >= 15 and e > 0 for w, e in zip(words, ends, strict=True)]
    marks = [k for k in range(n) if prose[k]]
    first, last = (marks[0], marks[-1]) if marks else (n, -1)
    # Distance to the nearest prose line, from both directions in two passes.
    distance = [99] * n
    gap = 99
    for k in range(n):
        gap = 0 if prose[k] else gap + 1
        distance[k] = gap
    gap = 99
    after = [0] * n
    count = 0
    for k in range(n - 1, -1, -1):
        gap = 0 if prose[k] else gap + 1
        distance[k] = min(distance[k], gap)
        after[k] = count
        count += prose[k]
    total = len(marks) or 1
    seen_copyright = False
    out: list[Line] = []
    for k, line in enumerate(lines):
        text = line.text
        layout = (
            float(k > last),
            float(k < first),
            min(distance[k], 10) / 10,
            float(seen_copyright),
            math.log1p(words[k - 1]) if k else 0.0,
            math.log1p(words[k + 1]) if k + 1 < n else 0.0,
            ends[k - 1] if k else 0.0,
            ends[k + 1] if k + 1 < n else 0.0,
            float(text[-1:].isalpha() and text[-1:].islower()),
            float(text.endswith("?")),
            after[k] / total,
            min(k - last, 20) / 20 if k > last else 0.0,
        )
        seen_copyright = seen_copyright or line.features[18] > 0
        out.append(Line(line.index, text, line.words, line.features + layout))
    return out
