"""Every word the line features look up, numbered once, so a page's words are looked up once.

The features ask three things of each word of a page: which languages' function-word lists
hold it (to guess the page's language), whether the page's language lists it, and its
article-or-furniture log-odds. Asked one dictionary at a time, that was three Python lookups
a word; here a page's words, named by their hashes (:mod:`convert.text.wordhash`), get their
numbers by one binary search, and numpy reads all three answers from arrays indexed by them
(number 0 is every word the lists and the table do not know).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import cast

import numpy as np
from numpy.typing import NDArray

from convert.text.stopwords import ANY, STOPWORDS
from convert.text.wordhash import word_hashes

LANGUAGES: tuple[str, ...] = tuple(STOPWORDS)
SAMPLE = 3000  # words read to guess the language, as stopwords.guess_language reads
MIN_SHARE = 0.15  # share of them a language's list must cover
_FEW_WORDS = 200  # samples up to this many words are counted by their columns


BUCKET_BITS = 20  # listed words are first looked for in 2**20 buckets (see _bucket)
_SHARED = -1  # a bucket two listed words fall in: its words are found by binary search
# Arrays of no dimensions, which numpy takes as they are (a scalar is converted at every call).
_FOLD = np.array(29, dtype=np.uint64)
_MASK = np.array(2**BUCKET_BITS - 1, dtype=np.uint64)


def _bucket(hashes: NDArray[np.uint64]) -> NDArray[np.intp]:
    """The bucket of each hash: its low bits with higher ones folded in (the top bits alone
    put the listed words' hashes in far fewer buckets than their number)."""
    folded = hashes >> _FOLD  # worked out in place from here
    folded ^= hashes
    folded &= _MASK
    return folded.view(np.intp)  # below 2**20: the same bits


@dataclass(slots=True)
class Lexicon:
    """The function-word lists and one word table, numbered together."""

    hashes: NDArray[np.uint64]  # the words' hashes, sorted
    numbered: NDArray[np.intp]  # the number of the word of each of them
    member: NDArray[np.bool_]  # (words + 1) x LANGUAGES: the lists holding each word
    odds: NDArray[np.float64]  # words + 1: the word table's log-odds, 0 where it has none
    buckets: NDArray[np.int32]  # 2**BUCKET_BITS: the word whose hash falls there, 0, or _SHARED
    hash_of: NDArray[np.uint64]  # words + 1: each word's hash (0 for number 0)
    counts: NDArray[np.float64]  # LANGUAGES x (words + 1): member as numbers, transposed
    _stops: dict[str | None, NDArray[np.float64]] = field(default_factory=dict)
    _tables: dict[str | None, NDArray[np.float64]] = field(default_factory=dict)
    shares: bool = field(init=False)  # whether any bucket is _SHARED (none for the shipped table)

    def __post_init__(self) -> None:
        self.shares = bool((self.buckets == _SHARED).any())

    def numbers(self, hashes: NDArray[np.uint64]) -> NDArray[np.intp]:
        """The number of every word (by its hash), 0 for words neither the lists nor the
        table hold: the word in the hash's bucket if its hash is the same, and a binary
        search among all listed hashes for the few words whose bucket is shared."""
        bucket = self.buckets.take(_bucket(hashes))  # take: faster than indexing
        shared = bucket == _SHARED if self.shares else None  # before the buckets are changed
        found = cast("NDArray[np.intp]", bucket)
        found *= self.hash_of.take(bucket) == hashes  # or 0, in place
        if shared is not None and shared.any():
            found[shared] = self._searched(hashes[shared])
        return found

    def _searched(self, hashes: NDArray[np.uint64]) -> NDArray[np.intp]:
        """The numbers of words by binary search among the listed hashes."""
        at = np.minimum(self.hashes.searchsorted(hashes), len(self.hashes) - 1)
        found: NDArray[np.intp] = np.where(self.hashes[at] == hashes, self.numbered[at], 0)
        return found

    def guess(self, numbers: NDArray[np.intp]) -> str | None:
        """The language whose list covers most of the first SAMPLE words, if it covers at
        least MIN_SHARE of them (stopwords.guess_language's answer, ties to the first)."""
        sample = numbers[:SAMPLE]
        if not sample.size:
            return None
        # Counts are whole numbers well within a float's exact range, so any order of adding
        # them gives the same counts. A float product is one BLAS call where numpy multiplies
        # integer matrices in a plain loop; for a short sample (a small page), adding up its
        # words' columns is quicker than counting every listed word.
        if sample.size <= _FEW_WORDS:
            counts = np.add.reduce(self.counts.take(sample, axis=1), axis=1)
        else:
            counts = self.counts @ np.bincount(sample, minlength=self.counts.shape[1])
        best = int(counts.argmax())
        return LANGUAGES[best] if counts[best] >= MIN_SHARE * sample.size else None

    def stops(self, lang: str | None) -> NDArray[np.float64]:
        """1.0 for each numbered word that ``lang``'s list holds (any list's when unknown)."""
        if lang not in self._stops:
            listed = self.member[:, LANGUAGES.index(lang)] if lang in STOPWORDS else None
            chosen = self.member.any(axis=1) if listed is None else listed
            self._stops[lang] = np.asarray(chosen, dtype=np.float64)
        return self._stops[lang]

    def table(self, lang: str | None) -> NDArray[np.float64]:
        """3 x numbered words: :meth:`stops` of ``lang``, the log-odds, and 1.0 for words
        whose log-odds are below -1 (clearly furniture), so a page's words read all three
        answers with one ``take``."""
        if lang not in self._tables:
            odds = self.odds
            self._tables[lang] = np.stack((self.stops(lang), odds, (odds < -1).astype(np.float64)))
        return self._tables[lang]


def build(table: Mapping[str, float]) -> Lexicon:
    """Number the listed words and the table's words together."""
    words = sorted(ANY | set(table))
    number = {word: k for k, word in enumerate(words, start=1)}
    hashes = word_hashes(words)
    order = np.argsort(hashes, kind="stable")
    if np.any(hashes[order][1:] == hashes[order][:-1]):
        raise ValueError("two listed words share a hash")  # never seen; checked, not assumed
    member = np.zeros((len(words) + 1, len(LANGUAGES)), dtype=np.bool_)
    for column, lang in enumerate(LANGUAGES):
        member[[number[word] for word in STOPWORDS[lang]], column] = True
    odds = np.zeros(len(words) + 1)
    for word, value in table.items():
        odds[number[word]] = value
    hash_of = np.concatenate((np.zeros(1, np.uint64), hashes))
    buckets = np.zeros(2**BUCKET_BITS, dtype=np.int32)
    at = _bucket(hashes)
    buckets[at] = np.arange(1, len(words) + 1, dtype=np.int32)
    buckets[at[np.bincount(at, minlength=len(buckets))[at] > 1]] = _SHARED
    counts = np.ascontiguousarray(member.T, dtype=np.float64)
    return Lexicon(
        hashes[order], (order + 1).astype(np.intp), member, odds, buckets, hash_of, counts
    )


_last: list[tuple[Mapping[str, float], Lexicon]] = []


def lexicon(table: Mapping[str, float]) -> Lexicon:
    """The lexicon of ``table``, built once for the table in use (tables are not changed in
    place: a refit installs a new one). Holding the table keeps its identity unique."""
    if _last and _last[0][0] is table:
        return _last[0][1]
    built = build(table)
    _last[:] = [(table, built)]
    return built
