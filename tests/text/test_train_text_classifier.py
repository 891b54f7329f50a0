"""The classifier trainer installs a fitted model where the cleaner reads it."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType, SimpleNamespace

import numpy as np
import pytest

from convert.text import columns, features, plain

PROSE = (
    "The old bridge over the river will close for repairs on Monday, the council said, and "
    "it will stay closed for most of the coming year while the deck is rebuilt."
)


@pytest.fixture(scope="module")
def trainer(load_tool: Callable[[str], ModuleType]) -> ModuleType:
    return load_tool("train_text_classifier")


def test_installed_model_reaches_every_module_the_cleaner_reads(trainer: ModuleType) -> None:
    """A word table, weights and threshold installed for scoring are the ones used, and the
    shipped ones come back after (a refit that scored the shipped model would mislead)."""
    n_line = len(features.FEATURE_NAMES)
    n_context = n_line + len(plain.CONTEXT_NAMES)
    page = f"Bridge to close\n\n{PROSE}\n\n{PROSE.replace('old', 'new')}"
    shipped = trainer.clean(page)
    assert PROSE in shipped
    model = trainer.Model({"bridge": -4.0}, np.zeros(n_line), np.zeros(n_context), 100.0)
    vocab_min = features.FEATURE_NAMES.index("vocab_min")
    with trainer.installed(model):
        assert trainer.clean(page) == ""  # nothing scores above a threshold of 100
        _, matrix, _ = columns.page_matrix([PROSE])
        assert matrix[0, vocab_min] == -1.0  # -4 / 4: the installed table, not the shipped one
    assert trainer.clean(page) == shipped
    assert plain.THRESHOLD != 100.0


def test_html_check_scores_the_builtin_extractor_with_the_installed_model(
    trainer: ModuleType,
) -> None:
    """The HTML cross-source check cleans each page's HTML with our extractor and the fitted
    model it is given: a model that keeps nothing finds no snippet, the shipped one does."""
    markup = (
        "<!doctype html><html><head><title>Bridge to close</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
        f"<article><p>{PROSE}</p><p>{PROSE.replace('old', 'new')}</p></article></body></html>"
    ).encode()
    lab = {"id": "case", "with": [PROSE], "without": ["Home | News"]}
    page = trainer._Page(lab, "", "site", [], [], [], np.zeros((0, 0)))

    def score_case(lab: dict[str, list[str]], out: str, *_: bool) -> tuple[int, int, int, int]:
        tp = sum(s in out for s in lab["with"])
        fp = sum(s in out for s in lab["without"])
        return tp, fp, len(lab["with"]) - tp, len(lab["without"]) - fp

    score = SimpleNamespace(read_input=lambda *_: markup, score_case=score_case)
    n_line = len(features.FEATURE_NAMES)
    n_context = n_line + len(plain.CONTEXT_NAMES)
    nothing = trainer.Model({}, np.zeros(n_line), np.zeros(n_context), 100.0)
    assert trainer.evaluate_html(nothing, [page], score, "unused") == (0.0, 0.0, 0.0)
    shipped = trainer.Model(
        dict(columns.WORD_LOGODDS), plain.LINE_WEIGHTS, plain.CONTEXT_WEIGHTS, plain.THRESHOLD
    )
    assert trainer.evaluate_html(shipped, [page], score, "unused") == (1.0, 1.0, 1.0)


def test_html_rendering_of_a_page_whose_repair_adds_lines(trainer: ModuleType) -> None:
    """A LINE SEPARATOR read as cp1252 ("â\x80¨") becomes a line break once repaired, so the
    repaired page has more lines than the reader gave link shares for: each piece keeps its
    own line's share, and the lines after it keep theirs."""
    linked = f"<p><a href='/a'>{PROSE}</a></p>"
    broken = "<div>Launch your business,\u00e2\u0080\u00a8not your stress levels.</div>"
    markup = f"<html><body>{broken * 3}{linked}</body></html>".encode()
    lab = {"id": "case", "with": [PROSE], "without": []}
    page = trainer._Page(lab, "", "site", [], [], [], np.zeros((0, 0)))
    score = SimpleNamespace(read_input=lambda *_: markup, fold=str.lower)
    html = trainer._html_page(score, "unused", page)
    assert len(html.lines) > 4  # three block lines broke in two
    shares = {line.text: share for line, share in zip(html.lines, html.density, strict=True)}
    assert shares[PROSE] == 1.0
    assert [share for text, share in shares.items() if text != PROSE] == [0.0, 0.0]


def test_lines_are_labelled_by_the_snippets_alone(trainer: ModuleType) -> None:
    """The score counts snippets, so they label the lines: a reference text (WCXB pages
    carry one) labels no line the snippets leave out, and a line holding a snippet to
    drop is boilerplate even when it holds one to keep too."""
    lines = [
        features.Line(0, PROSE, 30),
        features.Line(1, "Prices in euros", 3),
        features.Line(2, "Share this article", 3),
        features.Line(3, "Read more: Share this article", 5),
        features.Line(4, "Subscribe to our newsletter", 4),
    ]
    lab = {
        "with": ["will close for repairs", "Read more"],
        "without": ["Share this"],
        "reference": f"{PROSE}\n\nPrices in euros",
    }
    assert trainer._line_labels(lab, lines, str) == [1, None, 0, 0, None]
