"""One test per line feature: each must move the way its docstring in features.py claims."""

from __future__ import annotations

import pytest

from convert.text.features import FEATURE_NAMES, page_lines
from convert.text.stopwords import guess_language, stopwords_for

PROSE = (
    "The council said on Tuesday that the new bridge would be finished by the end of the "
    "year, and that the old one will be closed."
)


def feature(lines: list[str], index: int, name: str) -> float:
    found, _ = page_lines(lines, "en")
    return found[index].features[FEATURE_NAMES.index(name)]


def test_every_feature_is_named() -> None:
    found, _ = page_lines([PROSE], "en")
    assert len(found[0].features) == len(FEATURE_NAMES)


def test_length_features() -> None:
    assert feature(["Home"], 0, "words_le_3") == 1.0
    assert feature([PROSE], 0, "words_le_3") == 0.0
    assert feature([PROSE], 0, "words_ge_15") == 1.0
    assert feature([PROSE], 0, "log_words") > feature(["Home page"], 0, "log_words")


def test_stopword_density_separates_prose_from_menus() -> None:
    assert feature([PROSE], 0, "stop_density") > 0.3
    assert feature(["Sports Politics Business Technology"], 0, "stop_density") == 0.0


def test_sentence_punctuation() -> None:
    assert feature([PROSE], 0, "sentence_end") == 1.0
    assert feature(["Related Stories"], 0, "sentence_end") == 0.0
    assert feature(["He left. Then she came. It rained."], 0, "inner_sentences") > 0


@pytest.mark.parametrize(
    "line",
    [
        "„Ich habe keine Lust auf eine neue Beziehung“, sagt sie. „Was kann ich tun?“",
        "Er sagte: »Wir kommen morgen wieder, wenn das Wetter es zulässt.«",
        "Sie meinte: ‚Das wird schon.‘",
    ],
)
def test_german_quotes_close_a_sentence(line: str) -> None:
    """German and Swiss quotations close with “ ‘ « ›, which open them in English and French:
    a paragraph ending in one still ends a sentence, and one quoted sentence after another
    still counts as sentences inside the line."""
    assert feature([line], 0, "sentence_end") == 1.0
    if line.startswith("„"):
        assert feature([line], 0, "inner_sentences") > 0


def test_capitalisation_digits_and_separators() -> None:
    assert feature(["Privacy Policy Terms Of Use"], 0, "capitalised_share") == 1.0
    assert feature(["12/03/2021 14:00"], 0, "digit_share") > 0.5
    assert feature(["Home | News | Sport"], 0, "separators") > 0
    assert feature(["Posted 12.03.2021"], 0, "dateish") == 1.0
    assert feature(["Visit www.example.com"], 0, "urlish") == 1.0
    assert feature(["© 2023 Example Media"], 0, "copyright_sign") == 1.0
    assert feature(["- an item"], 0, "bullet") == 1.0
    assert feature(["lower case start"], 0, "first_char_lower") == 1.0


def test_runs_position_and_repetition() -> None:
    menu = ["Home", "News", "Sport", "Weather", "", PROSE, "", "Home"]
    assert feature(menu, 0, "log_run") > feature(menu, 4, "log_run")
    assert feature(menu, 0, "run_short_share") == 1.0
    assert feature(menu, 4, "alone") == 1.0
    assert feature(menu, 0, "position") == 0.0
    assert feature(menu, 5, "position") == 1.0
    assert feature(menu, 0, "repeated") == 1.0
    assert feature(menu, 1, "repeated") == 0.0


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (PROSE, "en"),
        ("Der Rat sagte, dass die neue Brücke bis zum Ende des Jahres fertig sein wird.", "de"),
        ("Le conseil a dit que le nouveau pont sera fini à la fin de l'année.", "fr"),
        ("El consejo dijo que el nuevo puente estará listo para el final del año.", "es"),
    ],
)
def test_language_guess(text: str, lang: str) -> None:
    assert guess_language(text.lower().replace(",", "").replace(".", "").split()) == lang


def test_unknown_language_falls_back_to_union() -> None:
    assert guess_language(["東京", "大阪"]) is None
    assert "the" in stopwords_for(None) and "und" in stopwords_for("xx")


def test_weights_match_feature_names() -> None:
    """The classifier multiplies without length checks, so the fitted tables must fit."""
    from convert.text.features import FEATURE_NAMES
    from convert.text.plain import CONTEXT_NAMES
    from convert.text.weights import CONTEXT_WEIGHTS, LINE_WEIGHTS, WORD_LOGODDS

    assert len(LINE_WEIGHTS) == len(FEATURE_NAMES)
    assert len(CONTEXT_WEIGHTS) == len(FEATURE_NAMES) + len(CONTEXT_NAMES)
    assert all(-4.0 <= v <= 4.0 for v in WORD_LOGODDS.values())


def test_words_are_found_by_hash_as_a_dictionary_would_find_them() -> None:
    """The hashed lookup gives each word the number a dictionary of the listed words gives,
    and 0 to words not listed (including near misses and longer words holding a listed one)."""
    import re

    import numpy as np

    from convert.text.lexicon import build
    from convert.text.wordhash import run_hashes

    table = {"cookies": -3.0, "subscribe": -2.0, "despite": 1.3}
    lex = build(table)
    page = "the cookies, despite thecookies cookie über und subscribed subscribe"
    bounds = [(m.start(), m.end()) for m in re.finditer(r"\w+", page)]
    points = np.frombuffer(page.encode("utf-32-le"), dtype=np.uint32)
    begins = np.array([b for b, _ in bounds], dtype=np.int64)
    ends = np.array([e for _, e in bounds], dtype=np.int64)
    odds = lex.odds[lex.numbers(run_hashes(points, begins, ends))]
    expected = [table.get(page[b:e], 0.0) for b, e in bounds]
    assert odds.tolist() == expected
    stops = lex.stops("en")[lex.numbers(run_hashes(points, begins, ends))]
    assert stops.tolist() == [1.0 if page[b:e] in ("the",) else 0.0 for b, e in bounds]
    assert lex.stops("de")[lex.numbers(run_hashes(points, begins, ends))].tolist()[6] == 1.0


def test_kept_lines_are_collapsed_like_collapse() -> None:
    from convert.text.columns import page_features
    from convert.text.normalise import collapse

    lines = ["a  b", "tab\there", "plain words", "nbsp\u00a0here", "x \u2003 y"]
    page = page_features(lines, "en")
    assert page.collapsed([True] * len(lines)) == [collapse(line) for line in lines]
    assert page.spaced == [True, True, False, True, True]
