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
