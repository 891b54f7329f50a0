"""Features of the lines of a page, for the boilerplate classifier.

A line is the unit because a page rendered to text (a browser's select-all copy, or our own
HTML walk) puts every block element on its own line. The features are the ones the jusText
paper and its successors found to separate prose from page furniture: length, the share of
function words, sentence punctuation, capitalisation, digits and separators, and the line's
surroundings: how long the run of lines without a blank between them is (menus are long runs
of short lines), where on the page it sits and whether the page repeats it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat

_WORD = re.compile(r"\w+", re.UNICODE)

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


@dataclass(slots=True)
class Line:
    """One non-blank line of a page with its index among all lines and its features (not
    frozen: a page has hundreds of lines, and a frozen dataclass is several times slower
    to build).

    ``features`` is filled by :func:`page_lines` only; cleaning keeps a page's features in
    one matrix (:func:`convert.text.columns.page_matrix`) instead.
    """

    index: int
    text: str
    words: int
    features: tuple[float, ...] = ()


VOCAB_SLICE = slice(FEATURE_NAMES.index("vocab_mean"), FEATURE_NAMES.index("vocab_min") + 2)


def vocab_features(tokens: Sequence[str], vocab: Mapping[str, float]) -> tuple[float, float, float]:
    """The word-evidence features (vocab_mean, vocab_min, vocab_furniture_share) of a line.

    Separate so that refitting can swap in a new word table without featuring pages again.
    """
    odds = list(map(vocab.get, tokens, repeat(0.0))) or [0.0]
    return (
        sum(odds) / len(odds) / 4,
        min(min(odds), 0.0) / 4,
        sum(map((-1.0).__gt__, odds)) / len(odds),
    )


def page_lines(
    lines: Sequence[str], lang: str | None = None, vocab: Mapping[str, float] | None = None
) -> tuple[list[Line], str | None]:
    """Feature every non-blank line of ``lines``; returns the lines and the language used.

    ``vocab`` replaces the shipped word table (for refitting it). Each line carries its row
    of :func:`convert.text.columns.page_matrix`, which computes them all at once.
    """
    from convert.text.columns import page_matrix

    found, matrix, lang = page_matrix(lines, lang, vocab)
    rows = [tuple(row) for row in matrix.tolist()]
    return [
        Line(line.index, line.text, line.words, row) for line, row in zip(found, rows, strict=True)
    ], lang
