"""Quick experiments on the line classifier: the trainer's fits, with snippets counted fast.

    python tools/text_experiments.py cache DIR [EVALSET]   featured pages -> DIR/pages.pickle
    python tools/text_experiments.py run DIR                the check's classifier-only figures

``check`` scores every threshold of every fit by cleaning and matching snippets, about ten
minutes. Here each snippet is reduced once to the runs of lines that hold it: it is found when
every line of one of its runs is kept, so its "critical score" is the best over its runs of
the lowest score in the run, and counting at a threshold is a comparison. (A snippet that only
appears across two kept lines with a dropped one between them is missed; the figures agree
with ``check``'s classifier-only ones to about 0.003.) The featured pages are cached outside
the repository, so a run is about a minute (OMP_NUM_THREADS=1 on a shared machine). To try an
idea, change the features or import this module and patch the trainer's functions.

Annotations are not postponed here, as in the trainer (a file loaded by path).
"""

import pickle
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_text_classifier as trainer

Spans = list[list[tuple[int, int]]]
_SPANS: dict[tuple[str, bool], tuple[Spans, Spans]] = {}


def _runs(texts: list[str], snippet: str) -> list[tuple[int, int]]:
    """The shortest runs of consecutive lines whose joined text holds ``snippet``."""
    found: list[tuple[int, int]] = []
    for i in range(len(texts)):
        joined, j = texts[i], i
        while snippet not in joined:
            if len(joined) - len(texts[i]) > len(snippet) or j + 1 >= len(texts):
                break
            j += 1
            joined = f"{joined} {texts[j]}"
        else:
            found.append((i, j))
    return [r for r in found if not any(o != r and r[0] <= o[0] and o[1] <= r[1] for o in found)]


def _spans(page: trainer._Page, score: Any) -> tuple[Spans, Spans]:
    texts = [score.ws_norm(line.text) for line in page.lines]
    return tuple(  # type: ignore[return-value]
        [_runs(texts, score.ws_norm(s)) for s in page.lab[key]] for key in ("with", "without")
    )


def _critical(page: trainer._Page, scores: Any) -> tuple[list[float], list[float]]:
    """Each with and without snippet's critical score (found above it)."""
    with_, without = _SPANS[page.lab["id"], page.density is not None]

    def best(runs: list[tuple[int, int]]) -> float:
        return max((float(min(scores[a : b + 1])) for a, b in runs), default=float("-inf"))

    return [best(r) for r in with_], [best(r) for r in without]


def fast_counts(scored: list[tuple[Any, Any]], score: Any, threshold: float) -> tuple[int, ...]:
    """trainer._counts by critical scores."""
    tp = fp = fn = 0
    for page, scores in scored:
        if not len(scores):
            fn += len(page.lab["with"])
            continue
        with_, without = _critical(page, scores)
        found = sum(c > threshold for c in with_)
        tp, fn, fp = tp + found, fn + len(with_) - found, fp + sum(c > threshold for c in without)
    return tp, fp, fn


def cache(folder: str, evalset: str = "../shared/text-eval") -> None:
    """Feature and label every dev page (text and our extractor's HTML) into ``folder``."""
    _, pages = trainer._load(evalset)
    Path(folder).mkdir(parents=True, exist_ok=True)
    with (Path(folder) / "pages.pickle").open("wb") as out:
        pickle.dump(pages, out)


def load(folder: str, evalset: str = "../shared/text-eval") -> tuple[Any, list[Any]]:
    """The cached pages, with the trainer counting snippets fast from now on."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", Path(evalset) / "score.py")
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    with (Path(folder) / "pages.pickle").open("rb") as found:
        pages = pickle.load(found)
    for page in pages:
        _SPANS[page.lab["id"], False] = _spans(page, score)
        if page.html is not None:
            _SPANS[page.lab["id"], True] = _spans(page.html, score)
    trainer._counts = fast_counts  # type: ignore[assignment]
    return score, pages


def html_f1(model: Any, pages: list[Any], score: Any, opts: Any) -> float:
    """Our extractor's classifier-only F1 on ``pages`` (block stage and link cut included)."""
    import numpy as np

    from convert.text.html_rules import LINK_DENSITY_MAX

    scored: list[tuple[Any, Any]] = []
    htmls = [p.html for p in pages if p.html is not None]
    with trainer.installed(model):
        for page in htmls:
            if not page.lines:
                scored.append((page, []))
                continue
            z = trainer.block_matrix(page, trainer._scored(model, [page], opts)[0][1])
            z = np.where(page.density > LINK_DENSITY_MAX, -np.inf, z @ model.block)
            scored.append((page, z))
    return trainer._f1(*fast_counts(scored, score, model.block_threshold))


def sides(pages: list[Any]) -> dict[str, tuple[list[Any], list[Any]]]:
    """The check's three fits, each named by the pages fitted on and scored: the held-out
    half and both cross-source directions."""

    def source(p: Any) -> str:
        return str(p.lab.get("source"))

    halves = [[p for p in pages if trainer.half(p.lab["id"]) == k] for k in (0, 1)]
    found = {"half 0 -> half 1": (halves[0], halves[1])}
    for a, b in (("trafilatura", "wcxb"), ("wcxb", "trafilatura")):
        found[f"{a} -> {b}"] = (
            [p for p in pages if source(p) == a],
            [p for p in pages if source(p) == b],
        )
    return found


def figures(pages: list[Any], score: Any, opts: Any = None) -> dict[str, float]:
    """Held-out half and both cross-source F1, plain text and HTML (classifier alone)."""
    opts = opts or trainer.Options()
    out = {}
    for name, (fitted, scored) in sides(pages).items():
        model = trainer.fit(fitted, score, opts)
        out[name] = trainer.evaluate(model, scored, score, opts)[2]
        out[f"{name} html"] = html_f1(model, scored, score, opts)
    return out


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 2 else ""
    if command == "cache":
        cache(*sys.argv[2:4])
    elif command == "run":
        score, pages = load(*sys.argv[2:4])
        for name, f1 in figures(pages, score).items():
            print(f"{name:31} f1={f1:.4f}")
    else:
        sys.exit(__doc__)
