"""Refit the boilerplate line classifier on the labelled pages; writes convert/text/weights.py.

    python tools/train_text_classifier.py train [EVALSET]     (development only)
    python tools/train_text_classifier.py check [EVALSET]     (the same figures, nothing written)

Annotations are not postponed here: the dataclasses below are looked up in ``sys.modules``,
which a file loaded by path may not be in.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from convert.text import clean_text


def clean(page: str) -> str:
    """What ships for plain-text input: the pipeline with whatever weights are installed."""
    return clean_text(page, kind="text")


def clean_html_builtin(page: bytes) -> str:
    """What ships for HTML input without the ``html`` extra: our extractor, installed weights."""
    return clean_text(page, kind="html", extractor="builtin")


# Fits on the cases whose id hashes to half 0 and writes convert/text/weights.py. It reports
# snippet P/R/F1 on the following, each twice: the classifier's kept lines alone, and
# ("pipeline") ``clean`` itself with the fitted weights installed, which is what ships:
#   half 0 / half 1        fitted on half 0: the held-out half shows unseen pages of the same
#                          two sources;
#   trafilatura -> wcxb    fitted (word table, both stages, threshold) on the trafilatura pages
#   wcxb -> trafilatura    only, scored on the WCXB pages, and the reverse: the honest estimate
#                          for pages from a collection the cleaner has never seen.
# and ("html") the built-in HTML extractor on the same pages' HTML, with the same fits installed:
# the classifier is fitted on text renderings only, so these show how it carries to the blocks
# our extractor reads from markup, for the held-out half and across sources. Each fit also
# fits the block stage (convert/text/blockscore.py: text score, link density, place) on its own
# pages' HTML renderings, which the "html" figures include.


def half(case_id: str) -> int:
    """0 for the tuning half, 1 for the held-out half of the dev split."""
    import hashlib

    return int(hashlib.md5(case_id.encode()).hexdigest(), 16) % 2


def _line_labels(lab: dict[str, Any], lines: list[Any], fold: Any) -> list[int | None]:
    """1 article, 0 boilerplate, None unknown: from the page's snippets alone.

    The score counts snippets, so the fit learns from the lines that hold them. WCXB pages'
    reference texts, which would label every line, follow a convention of their own (tables
    left out, for one); fitted on them, the classifier carried worse to the other collection.
    """
    withs = [fold(s) for s in lab["with"]]
    withouts = [fold(s) for s in lab["without"]]
    out: list[int | None] = []
    for line in lines:
        t = fold(line.text)
        long = len(t) >= 25
        if any(s in t for s in withouts) or (long and any(t in s for s in withouts)):
            out.append(0)
        elif any(s in t for s in withs) or (long and any(t in s for s in withs)):
            out.append(1)
        else:
            out.append(None)
    return out


@dataclass
class Options:
    """What a fit may vary; the defaults are what ships (see the report of ``train``)."""

    min_sites: int = 25  # a word must occur on this many training sites to enter the table
    size: int = 300  # the most telling words kept
    cap: float = 4.0  # log-odds clipped to +-cap
    alpha: float = 1.0  # additive smoothing of the word counts (larger shrinks rare words)
    l2_line: float = 1.0
    # None: chosen among L2_CONTEXT_CHOICES by two-fold cross-validation on the fitting pages
    # (never on the pages a fit is scored on), see _cross_validated_l2.
    l2_context: float | None = None
    drop: tuple[str, ...] = ()  # FEATURE_NAMES left out (their column zeroed, weight 0)


@dataclass
class _Page:
    """A labelled page featured once with an empty word table; the fit patches the table in."""

    lab: dict[str, Any]
    raw: str  # page.txt as given to the cleaner
    site: str
    lines: list[Any]
    tokens: list[list[str]]
    labels: list[int | None]
    x: Any  # numpy array, lines x FEATURE_NAMES
    html: "_Page | None" = None  # the same page as our HTML extractor reads it
    density: Any = None  # (of an HTML rendering) each line's link density
    owners: Any = None  # (of an HTML rendering) each line's innermost block element
    parents: Any = None  # (of an HTML rendering) each block element's parent (Nesting)


def _vocabulary(pages: list[_Page], opts: Options) -> dict[str, float]:
    """Log-odds of a word appearing in article rather than furniture lines, over ``pages``.

    Only words seen on at least ``min_sites`` sites are kept, so the table holds generic
    furniture and prose words, not the vocabulary of any one site; the ``size`` most
    telling of them are kept, clipped to +-``cap``.
    """
    import math
    from collections import Counter

    counts: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
    sites: dict[str, set[str]] = {}
    for page in pages:
        for toks, label in zip(page.tokens, page.labels, strict=True):
            if label is None:
                continue
            for word in set(toks):
                if not word.isdigit():
                    counts[label][word] += 1
                    sites.setdefault(word, set()).add(page.site)
    neg, pos = (max(c.total(), 1) for c in counts)
    a = opts.alpha
    odds = {
        w: math.log((counts[1][w] + a) / pos) - math.log((counts[0][w] + a) / neg)
        for w, s in sites.items()
        if len(s) >= opts.min_sites
    }
    telling = sorted(odds, key=lambda w: (-abs(odds[w]), w))[: opts.size]
    return {w: round(max(-opts.cap, min(opts.cap, odds[w])), 2) for w in sorted(telling)}


def _fit(x: Any, y: Any, w: Any, l2: float = 1.0) -> Any:
    """Weighted L2-regularised logistic regression by Newton's method."""
    import numpy as np

    beta = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ beta)))
        grad = x.T @ (w * (p - y)) + l2 * beta
        hess = (x * (w * p * (1 - p))[:, None]).T @ x + l2 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    return beta


def _load(evalset: str) -> tuple[Any, list[_Page]]:
    """The score module and every dev page, featured with an empty word table and labelled."""
    import importlib.util
    from pathlib import Path
    from urllib.parse import urlsplit

    import numpy as np

    from convert.text.features import _WORD, page_lines
    from convert.text.normalise import repair

    spec = importlib.util.spec_from_file_location("score", Path(evalset) / "score.py")
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    _, cases = score.load_cases(evalset, "dev")
    pages = []
    for lab in cases:
        path = Path(evalset) / "cases" / lab["id"] / "page.txt"
        raw = path.read_text(encoding="utf-8")
        text = repair(raw)
        lines, _ = page_lines(text.split("\n"), vocab={})
        site = urlsplit(lab.get("url") or "").netloc.removeprefix("www.") or lab["id"]
        tokens = [_WORD.findall(line.text.lower()) for line in lines]
        x = np.array([line.features for line in lines]) if lines else np.zeros((0, 0))
        labels = _line_labels(lab, lines, score.fold)
        page = _Page(lab, raw, site, lines, tokens, labels, x)
        page.html = _html_page(score, evalset, page)
        pages.append(page)
    return score, pages


def _html_page(score: Any, evalset: str, page: _Page) -> _Page:
    """``page`` as our HTML extractor reads it: its block lines, featured and labelled as the
    text rendering is, with each line's link density and place among the block elements
    (what ``_judge`` in the pipeline sees)."""
    import numpy as np

    from convert.text.blockscore import repaired_blocks
    from convert.text.decode import decode
    from convert.text.features import _WORD, page_lines
    from convert.text.html_paragraphs import page_lines as _page_lines

    markup = decode(score.read_input(evalset, page.lab["id"], "html"))
    _, found, shares, nesting = _page_lines(markup, True)
    repaired, sources, _ = repaired_blocks(found)
    lines, _ = page_lines(repaired, vocab={})
    tokens = [_WORD.findall(line.text.lower()) for line in lines]
    x = np.array([line.features for line in lines]) if lines else np.zeros((0, 0))
    labels = _line_labels(page.lab, lines, score.fold)
    index = np.array([line.index for line in lines], dtype=np.int64)
    html = _Page(page.lab, markup, page.site, lines, tokens, labels, x)
    html.density = np.asarray(shares, dtype=np.float64)[sources[index]]
    html.owners = np.asarray(nesting.owners, dtype=np.int64)[sources[index]]
    html.parents = nesting.parents
    return html


@dataclass
class Model:
    """One fit: the word table, both stages' weights and the threshold chosen on its pages."""

    vocab: dict[str, float]
    line: Any
    context: Any
    threshold: float
    l2_context: float | None = None  # the second stage's penalty (reported)
    block: Any = None  # the HTML block stage's weights (convert/text/blockscore.py)
    block_threshold: float = 0.0


def _rows(page: _Page, vocab: dict[str, float], opts: Options) -> Any:
    """The first-stage feature matrix of a page under ``vocab``."""
    import numpy as np

    from convert.text.features import FEATURE_NAMES, VOCAB_SLICE, vocab_features

    x = page.x.copy()
    x[:, VOCAB_SLICE] = np.array([vocab_features(t, vocab) for t in page.tokens])
    for name in opts.drop:
        x[:, FEATURE_NAMES.index(name)] = 0.0
    return x


def _second(page: _Page, x: Any, w1: Any) -> Any:
    """The second-stage matrix: first-stage features plus the context of first-stage logits."""
    import numpy as np

    from convert.text import plain

    words = np.array([line.words for line in page.lines], dtype=np.int64)
    index = np.array([line.index for line in page.lines], dtype=np.int64)
    return np.hstack([x, plain.context_features(x @ w1, words, index)])


L2_CONTEXT_CHOICES = (1.0, 0.3, 0.1)


def _fold(page: _Page) -> int:
    """Which of two cross-validation folds a page is in (a hash independent of ``half``)."""
    import hashlib

    return int(hashlib.md5(f"{page.lab['id']}#cv".encode()).hexdigest(), 16) % 2


def _cross_validated_l2(pages: list[_Page], score: Any, opts: Options) -> float:
    """The second stage's L2 penalty of L2_CONTEXT_CHOICES with the best snippet F1 when
    fitted on one fold of ``pages`` and scored on the other, both ways.

    The context stage sees its own training pages' first-stage scores, which are better
    than they will be on new pages; how much to trust them is a question for pages the fit
    did not see, and these two folds are the only such pages a fit may look at.
    """
    folds = [[p for p in pages if _fold(p) == k] for k in (0, 1)]
    totals: dict[float, tuple[int, int, int]] = {}
    for l2 in L2_CONTEXT_CHOICES:
        tp = fp = fn = 0
        for k in (0, 1):
            model = fit(folds[1 - k], score, replace(opts, l2_context=l2), blocks=False)
            a, b, c = _counts(_scored(model, folds[k], opts), score, model.threshold)
            tp, fp, fn = tp + a, fp + b, fn + c
        totals[l2] = (tp, fp, fn)
    return max(L2_CONTEXT_CHOICES, key=lambda l2: _f1(*totals[l2]))


def _stack(used: list[_Page], mats: list[Any]) -> tuple[Any, Any, Any]:
    """Labelled lines, each page weighing the same in total: the score counts snippets per
    page, so a page with many labelled lines must not drown the rest."""
    import numpy as np

    xs: list[Any] = []
    ys: list[int] = []
    ws: list[float] = []
    for page, mat in zip(used, mats, strict=True):
        known = [k for k, y in enumerate(page.labels) if y is not None]
        if known:
            xs.append(mat[known])
            ys.extend(int(page.labels[k] or 0) for k in known)
            ws.extend([20 / len(known)] * len(known))
    return np.vstack(xs), np.array(ys, dtype=float), np.array(ws)


def _plateau(scored: list[tuple[_Page, Any]], score: Any) -> float:
    """The threshold in the middle of F1's plateau over ``scored``.

    F1 is flat near its best threshold and its argmax wanders with a handful of snippets:
    each threshold is judged by the mean F1 of it and its two neighbours.
    """
    import numpy as np

    grid = np.arange(-1.625, 1.126, 0.125)
    f1 = np.array([_tally(scored, score, float(t))[2] for t in grid])
    smooth = np.convolve(f1, np.ones(3) / 3, mode="valid")
    return float(grid[1 + int(np.argmax(smooth))])


def fit(pages: list[_Page], score: Any, opts: Options, blocks: bool = True) -> Model:
    """Fit word table, both stages and threshold on ``pages`` (and nothing else); with
    ``blocks``, the HTML block stage too, on the same pages' HTML renderings."""
    if opts.l2_context is None:
        opts = replace(opts, l2_context=_cross_validated_l2(pages, score, opts))
    assert opts.l2_context is not None
    vocab = _vocabulary(pages, opts)
    firsts = [_rows(p, vocab, opts) for p in pages if p.lines]
    used = [p for p in pages if p.lines]
    w1 = _fit(*_stack(used, firsts), l2=opts.l2_line)
    seconds = [_second(p, x, w1) for p, x in zip(used, firsts, strict=True)]
    w2 = _fit(*_stack(used, seconds), l2=opts.l2_context)
    model = Model(vocab, w1, w2, 0.0, opts.l2_context)
    model.threshold = _plateau([(p, s @ w2) for p, s in zip(used, seconds, strict=True)], score)
    if blocks:
        htmls = [p.html for p in pages if p.html is not None and p.html.lines]
        _fit_blocks(model, htmls, score, opts)
    return model


def _fit_blocks(model: Model, pages: list[_Page], score: Any, opts: Options) -> None:
    """The block stage (convert/text/blockscore.py) on HTML renderings ``pages``: weights
    and its own threshold, given ``model``'s classifier."""
    import numpy as np

    from convert.text.html_rules import LINK_DENSITY_MAX

    with installed(model):
        mats = [block_matrix(p, _scored(model, [p], opts)[0][1]) for p in pages]
    model.block = _fit(*_stack(pages, mats))
    # Lines over LINK_DENSITY_MAX link text go whatever they score, as in blockscore.
    scored = [
        (p, np.where(p.density > LINK_DENSITY_MAX, -np.inf, m @ model.block))
        for p, m in zip(pages, mats, strict=True)
    ]
    model.block_threshold = _plateau(scored, score)


def block_matrix(page: _Page, scores: Any) -> Any:
    """The block stage's features of an HTML rendering's lines, given their text scores
    (under the classifier installed)."""
    from convert.text.blockscore import block_features

    words = [line.words for line in page.lines]
    return block_features(scores, page.density, words, page.owners, page.parents)


def _counts(scored: list[tuple[_Page, Any]], score: Any, threshold: float) -> tuple[int, int, int]:
    """Snippet true positives, false positives and false negatives of the lines scoring
    above ``threshold``."""
    tp = fp = fn = 0
    for page, s in scored:
        out = "\n\n".join(ln.text for ln, v in zip(page.lines, s, strict=True) if v > threshold)
        a, b, c, _ = score.score_case(page.lab, out, False, False)
        tp, fp, fn = tp + a, fp + b, fn + c
    return tp, fp, fn


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / max(2 * tp + fp + fn, 1)


def _tally(scored: list[tuple[_Page, Any]], score: Any, threshold: float) -> tuple[float, ...]:
    """Snippet precision, recall and F1 of the lines scoring above ``threshold``."""
    tp, fp, fn = _counts(scored, score, threshold)
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), _f1(tp, fp, fn)


def _scored(model: "Model", pages: list[_Page], opts: Options) -> list[tuple[_Page, Any]]:
    """Each page with its lines' second-stage scores under ``model`` (none for no lines)."""
    scored = []
    for page in pages:
        if page.lines:
            x = _rows(page, model.vocab, opts)
            scored.append((page, _second(page, x, model.line) @ model.context))
        else:
            scored.append((page, []))
    return scored


def evaluate(model: Model, pages: list[_Page], score: Any, opts: Options) -> tuple[float, ...]:
    """Precision, recall and F1 of ``model`` on ``pages`` (pages without lines score empty)."""
    return _tally(_scored(model, pages, opts), score, model.threshold)


@contextmanager
def installed(model: "Model") -> Iterator[None]:
    """``model`` in place of the shipped weights while the block runs.

    The cleaner's modules read these globals at call time, so swapping them installs it.
    """
    from convert.text import blockscore, columns, plain

    swaps = {
        (columns, "WORD_LOGODDS"): model.vocab,
        (plain, "LINE_WEIGHTS"): tuple(float(v) for v in model.line),
        (plain, "CONTEXT_WEIGHTS"): tuple(float(v) for v in model.context),
        (plain, "THRESHOLD"): model.threshold,
    }
    if model.block is not None:
        swaps[blockscore, "BLOCK_WEIGHTS"] = tuple(float(v) for v in model.block)
        swaps[blockscore, "BLOCK_THRESHOLD"] = model.block_threshold
    saved = {key: getattr(*key) for key in swaps}
    for (module, name), value in swaps.items():
        setattr(module, name, value)
    try:
        yield
    finally:
        for (module, name), value in saved.items():
            setattr(module, name, value)


def evaluate_pipeline(model: "Model", pages: list[_Page], score: Any) -> tuple[float, ...]:
    """Precision, recall and F1 of ``clean`` (title, settling and all) with ``model`` installed.

    The classifier-only figures of :func:`evaluate` can disagree with what ships: the pipeline
    adds the title and settles paragraphs, which moves the best threshold.
    """
    tp = fp = fn = 0
    with installed(model):
        for page in pages:
            a, b, c, _ = score.score_case(page.lab, clean(page.raw), False, False)
            tp, fp, fn = tp + a, fp + b, fn + c
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), 2 * tp / max(2 * tp + fp + fn, 1)


def evaluate_html(
    model: "Model", pages: list[_Page], score: Any, evalset: str
) -> tuple[float, ...]:
    """Precision, recall and F1 of the built-in HTML extractor on ``pages``' original HTML,
    with ``model`` installed (the text-fitted classifier judging the extractor's blocks)."""
    tp = fp = fn = 0
    with installed(model):
        for page in pages:
            markup = score.read_input(evalset, page.lab["id"], "html")
            a, b, c, _ = score.score_case(page.lab, clean_html_builtin(markup), False, False)
            tp, fp, fn = tp + a, fp + b, fn + c
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), 2 * tp / max(2 * tp + fp + fn, 1)


def report(
    pages: list[_Page], score: Any, opts: Options, show: bool = True, evalset: str | None = None
) -> tuple[Model, dict[str, tuple[float, ...]]]:
    """Fit on half 0 and on each source; return the half-0 model and every figure (the HTML
    ones too when ``evalset``, where the pages' HTML is read from, is given)."""

    def source(p: _Page) -> str:
        return str(p.lab.get("source"))

    figures: dict[str, tuple[float, ...]] = {}
    halves = [[p for p in pages if half(p.lab["id"]) == k] for k in (0, 1)]
    model = fit(halves[0], score, opts)
    for k in (0, 1):
        figures[f"half {k}"] = evaluate(model, halves[k], score, opts)
        figures[f"half {k} pipeline"] = evaluate_pipeline(model, halves[k], score)
        if evalset is not None:
            figures[f"half {k} html"] = evaluate_html(model, halves[k], score, evalset)
    for a, b in (("trafilatura", "wcxb"), ("wcxb", "trafilatura")):
        cross = fit([p for p in pages if source(p) == a], score, opts)
        target = [p for p in pages if source(p) == b]
        figures[f"{a} -> {b}"] = evaluate(cross, target, score, opts)
        figures[f"{a} -> {b} pipeline"] = evaluate_pipeline(cross, target, score)
        if evalset is not None:
            figures[f"{a} -> {b} html"] = evaluate_html(cross, target, score, evalset)
    if show:
        for name, (p, r, f) in figures.items():
            print(f"{name:31} precision={p:.4f} recall={r:.4f} f1={f:.4f}")
    return model, figures


def check(evalset: str = "../shared/text-eval", opts: Options | None = None) -> Model:
    """Fit on half 0 and on each source and print every figure; nothing is written."""
    opts = opts or Options()
    score, pages = _load(evalset)
    model, _ = report(pages, score, opts, evalset=evalset)
    print(
        f"threshold={model.threshold:+.3f} words={len(model.vocab)} l2_context={model.l2_context}"
    )
    return model


def train(evalset: str = "../shared/text-eval", opts: Options | None = None) -> None:
    """Refit both stages on half 0, choose the threshold there, report every check."""
    write_weights(check(evalset, opts))


def write_weights(model: Model) -> None:
    """Write ``model`` to convert/text/weights.py, where the cleaner reads its weights."""
    from pathlib import Path

    from convert.text import plain

    def table(name: str, values: Any) -> str:
        rows = [values[i : i + 8] for i in range(0, len(values), 8)]
        body = "".join("    " + ", ".join(f"{v:.4f}" for v in row) + ",\n" for row in rows)
        return f"{name}: tuple[float, ...] = (\n{body})\n"

    Path(plain.__file__).with_name("weights.py").write_text(
        '"""Fitted weights of the line classifier; written by '
        '``tools/train_text_classifier.py train``."""\n\n'
        "from __future__ import annotations\n\n"
        "# fmt: off\n"
        + table("LINE_WEIGHTS", model.line)
        + table("CONTEXT_WEIGHTS", model.context)
        + "WORD_LOGODDS: dict[str, float] = {\n"
        + "".join(f"    {w!r}: {v},\n" for w, v in model.vocab.items())
        + "}\n"
        + "# fmt: on\n"
        + table("BLOCK_WEIGHTS", model.block)
        + f"BLOCK_THRESHOLD = {model.block_threshold:.3f}\n"
        + f"THRESHOLD = {model.threshold:.3f}\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    import sys

    command = sys.argv[1] if len(sys.argv) > 1 else ""
    where = sys.argv[2] if len(sys.argv) > 2 else "../shared/text-eval"
    if command == "train":
        train(where)
    elif command == "check":
        check(where)
    else:
        sys.exit(__doc__)
