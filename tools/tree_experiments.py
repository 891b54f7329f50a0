"""Boosted oblivious trees (tools/oblivious.py) on top of, or in place of, the logistic stages.

    python tools/tree_experiments.py DIR EVALSET [GRID ...]    GRID: context first block blockcols
    python tools/tree_experiments.py DIR EVALSET within        the trafilatura pages' halves

DIR is a cache of ``tools/text_experiments.py cache``. For each variant, the classifier-only
figures of ``text_experiments.py run`` (held-out half, trafilatura -> WCXB, WCXB ->
trafilatura; plain text and HTML through the block stage). The logistic fits of each side are
made once and shared by the variants; a variant then boosts trees over the context stage's
columns (from the logistic score, a blend, or from nothing, a replacement), and/or over the
block stage's columns (optionally with the line features too), and each stage's threshold is
chosen again on its fitting pages as the trainer chooses it.
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import oblivious
import text_experiments
import train_text_classifier as trainer
from oblivious import forest_scores

from convert.text.html_rules import LINK_DENSITY_MAX


@dataclass
class Variant:
    context: oblivious.TreeOptions | None = None
    blend: bool = True  # trees start from the logistic context score (else from 0)
    shrink: float = 1.0  # the forest's share when blended: linear + shrink * trees
    block: oblivious.TreeOptions | None = None
    block_text: bool = False  # block trees see the HTML line's first-stage features too
    first: oblivious.TreeOptions | None = None  # trees added to the first stage too
    tree_columns: tuple[str, ...] = ()  # block trees see these block_tree.tree_columns too
    oof: bool = False  # the fitting pages' own scores (for thresholds and the block stage)
    # come from forests fitted on the other cross-validation fold of them


_plain_scored = trainer._scored


class Boosted:
    """First-stage weights plus a forest, taken by ``x @ weights`` as the weights are."""

    __array_ufunc__ = None  # so that numpy leaves ``x @ self`` to __rmatmul__

    def __init__(self, weights: Any, forest: Any) -> None:
        self.weights, self.forest = weights, forest

    def __rmatmul__(self, x: Any) -> Any:
        return x @ self.weights + forest_scores(self.forest, x)

    def __iter__(self) -> Any:
        return iter(self.weights)


def _scored(model: Any, pages: list[Any], opts: Any) -> list[tuple[Any, Any]]:
    """trainer._scored with the model's context forest added (or in place of the logistic)."""
    if getattr(model, "forest", None) is None:
        return _plain_scored(model, pages, opts)
    out: list[tuple[Any, Any]] = []
    for page in pages:
        if not page.lines:
            out.append((page, []))
            continue
        forest = getattr(model, "oof", {}).get(page.lab["id"], model.forest)
        second = trainer._second(page, trainer._rows(page, model.vocab, opts), model.line)
        trees = model.shrink * forest_scores(forest, second)
        out.append((page, second @ model.context + trees if model.blend else trees))
    return out


trainer._scored = _scored


def _block_rows(model: Any, page: Any, opts: Any, text: bool, names: tuple[str, ...] = ()) -> Any:
    with trainer.installed(model):
        z = trainer._scored(model, [page], opts)[0][1]
        m = trainer.block_matrix(page, z)
    if text:
        m = np.hstack([m, trainer._rows(page, model.vocab, opts)])
    if names:
        import block_tree

        cols = block_tree.tree_columns(page, z, model.threshold)
        m = np.hstack([m, np.column_stack([cols[c] for c in names])])
    return m


def _block_scores(model: Any, page: Any, m: Any) -> Any:
    s = m[:, : len(model.block)] @ model.block
    if getattr(model, "block_forest", None) is not None:
        s = s + forest_scores(model.block_forest, m)
    return np.where(page.density > LINK_DENSITY_MAX, -np.inf, s)


def fit_variant(base: Any, pages: list[Any], score: Any, v: Variant) -> Any:
    opts = trainer.Options()
    model = copy.copy(base)
    used = [p for p in pages if p.lines]
    if v.first is not None:
        firsts = [trainer._rows(p, model.vocab, opts) for p in used]
        x, y, w = trainer._stack(used, firsts)
        model.line = Boosted(model.line, oblivious.fit_forest(x, y, w, x @ model.line, v.first))
        seconds = [trainer._second(p, f, model.line) for p, f in zip(used, firsts, strict=True)]
        model.context = trainer._fit(*trainer._stack(used, seconds), l2=model.l2_context)
        model.threshold = trainer._plateau(trainer._scored(model, used, opts), score)
    if v.context is not None:
        firsts = [trainer._rows(p, model.vocab, opts) for p in used]
        seconds = [trainer._second(p, f, model.line) for p, f in zip(used, firsts, strict=True)]
        x, y, w = trainer._stack(used, seconds)
        start = x @ model.context if v.blend else np.zeros(len(y))
        model.forest = oblivious.fit_forest(x, y, w, start, v.context)
        model.blend, model.shrink = v.blend, (v.shrink if v.blend else 1.0)
        if v.oof:
            model.oof = {}
            for k in (0, 1):
                out = [i for i, p in enumerate(used) if trainer._fold(p) != k]
                x, y, w = trainer._stack([used[i] for i in out], [seconds[i] for i in out])
                start = x @ model.context if v.blend else np.zeros(len(y))
                forest = oblivious.fit_forest(x, y, w, start, v.context)
                model.oof.update({p.lab["id"]: forest for p in used if trainer._fold(p) == k})
        model.threshold = trainer._plateau(trainer._scored(model, used, opts), score)
    htmls = [p.html for p in pages if p.html is not None and p.html.lines]
    trainer._fit_blocks(model, htmls, score, opts)
    if v.block is not None:
        mats = [_block_rows(model, p, opts, v.block_text, v.tree_columns) for p in htmls]
        x, y, w = trainer._stack(htmls, mats)
        start = x[:, : len(model.block)] @ model.block
        model.block_forest = oblivious.fit_forest(x, y, w, start, v.block)
        scored = [(p, _block_scores(model, p, m)) for p, m in zip(htmls, mats, strict=True)]
        if v.oof:
            final = model.block_forest
            for k in (0, 1):
                out = [i for i, p in enumerate(htmls) if trainer._fold(p) != k]
                x, y, w = trainer._stack([htmls[i] for i in out], [mats[i] for i in out])
                start = x[:, : len(model.block)] @ model.block
                model.block_forest = oblivious.fit_forest(x, y, w, start, v.block)
                for i, p in enumerate(htmls):
                    if trainer._fold(p) == k:
                        scored[i] = (p, _block_scores(model, p, mats[i]))
            model.block_forest = final
        model.block_threshold = trainer._plateau(scored, score)
    model.oof = {}  # new pages are scored by the whole fit's forests
    return model


def html_f1(model: Any, pages: list[Any], score: Any, v: Variant) -> float:
    opts = trainer.Options()
    scored: list[tuple[Any, Any]] = []
    for page in [p.html for p in pages if p.html is not None]:
        if not page.lines:
            scored.append((page, []))
            continue
        m = _block_rows(model, page, opts, v.block_text, v.tree_columns)
        scored.append((page, _block_scores(model, page, m)))
    return trainer._f1(*text_experiments.fast_counts(scored, score, model.block_threshold))


def within(pages: list[Any]) -> dict[str, tuple[list[Any], list[Any]]]:
    """The trafilatura pages alone, fitted on one half and scored on the other, both ways:
    how much of the cross-source gap the model could close on the collection itself."""
    own = [p for p in pages if p.lab.get("source") == "trafilatura"]
    halves = [[p for p in own if trainer.half(p.lab["id"]) == k] for k in (0, 1)]
    return {"traf 0 -> 1": (halves[0], halves[1]), "traf 1 -> 0": (halves[1], halves[0])}


def bases(
    pages: list[Any], score: Any, inside: bool = False
) -> dict[str, tuple[Any, list[Any], list[Any]]]:
    opts = trainer.Options()
    sides = within(pages) if inside else text_experiments.sides(pages)
    return {
        name: (trainer.fit(fitted, score, opts, blocks=False), fitted, scored)
        for name, (fitted, scored) in sides.items()
    }


def run(pages: list[Any], score: Any, sides: Any, variants: dict[str, Variant]) -> None:
    opts = trainer.Options()
    heads = " ".join(f"{name.replace('trafilatura', 'traf'):>13}" for name in sides)
    print(f"{'variant (plain text/HTML F1)':34} {heads}", flush=True)
    for vname, v in variants.items():
        row = []
        for base, fitted, scored in sides.values():
            model = fit_variant(base, fitted, score, v)
            row.append(trainer.evaluate(model, scored, score, opts)[2])
            row.append(html_f1(model, scored, score, v))
        print(
            f"{vname:34} "
            + " ".join(f"{a:.4f}/{b:.4f}" for a, b in zip(row[::2], row[1::2], strict=True)),
            flush=True,
        )


def trees(count: int, depth: int, rate: float, **kw: Any) -> oblivious.TreeOptions:
    return oblivious.TreeOptions(trees=count, depth=depth, rate=rate, **kw)


TEN = (
    "depth_below", "share_parent", "share_grand", "siblings", "prose_parent", "prose_grand",
    "page_share_parent", "cont_share", "lines_parent", "inside_z",
)  # fmt: skip
KINDS = ("heading", "list_item", "table_cell", "in_figure")
GRIDS: dict[str, dict[str, Variant]] = {
    "context": {  # trees over the context stage's columns, added to its logistic score
        "linear (shipped)": Variant(),
        "d2 100x0.05": Variant(context=trees(100, 2, 0.05)),
        "d3 100x0.05": Variant(context=trees(100, 3, 0.05)),
        "d3 50x0.05 leaf 200": Variant(context=trees(50, 3, 0.05, min_leaf=200)),
        "d3 100x0.05 l2 100": Variant(context=trees(100, 3, 0.05, l2=100)),
        "d3 100x0.05 at half weight": Variant(context=trees(100, 3, 0.05), shrink=0.5),
        "d3 300x0.02 subsample 0.5": Variant(context=trees(300, 3, 0.02, subsample=0.5)),
        "d4 200x0.05": Variant(context=trees(200, 4, 0.05)),
        "d5 100x0.03 leaf 200": Variant(context=trees(100, 5, 0.03, min_leaf=200)),
        "d3 100x0.05 out of fold": Variant(context=trees(100, 3, 0.05), oof=True),
        "d3 300x0.02 sub 0.5 out of fold": Variant(
            context=trees(300, 3, 0.02, subsample=0.5), oof=True
        ),
        "replacing it, d4 300x0.1": Variant(context=trees(300, 4, 0.1), blend=False),
    },
    "first": {  # trees added to the first stage, the context stage refitted on them
        "d3 100x0.05": Variant(first=trees(100, 3, 0.05)),
        "d4 200x0.05 leaf 100": Variant(first=trees(200, 4, 0.05, min_leaf=100)),
        "d3, and context d3 out of fold": Variant(
            first=trees(100, 3, 0.05), context=trees(100, 3, 0.05), oof=True
        ),
    },
    "block": {  # trees over the block stage's columns, added to its logistic score
        "d2 100x0.05": Variant(block=trees(100, 2, 0.05)),
        "d3 100x0.05": Variant(block=trees(100, 3, 0.05)),
        "d3 200x0.05": Variant(block=trees(200, 3, 0.05)),
        "d3 100x0.1 leaf 200": Variant(block=trees(100, 3, 0.1, min_leaf=200)),
        "d4 100x0.05": Variant(block=trees(100, 4, 0.05)),
        "d4 100x0.05 l2 1": Variant(block=trees(100, 4, 0.05, l2=1.0)),
        "d4 100x0.1": Variant(block=trees(100, 4, 0.1)),
        "d4 200x0.05": Variant(block=trees(200, 4, 0.05)),
        "d4 300x0.03 subsample 0.7": Variant(block=trees(300, 4, 0.03, subsample=0.7)),
        "d5 100x0.03 leaf 100": Variant(block=trees(100, 5, 0.03, min_leaf=100)),
        "d6 100x0.03 leaf 100": Variant(block=trees(100, 6, 0.03, min_leaf=100)),
        "d3 100x0.05 out of fold": Variant(block=trees(100, 3, 0.05), oof=True),
        "d4 100x0.05 out of fold": Variant(block=trees(100, 4, 0.05), oof=True),
        "d3 100x0.05, line features too": Variant(block=trees(100, 3, 0.05), block_text=True),
        "d4 200x0.05, line features too": Variant(block=trees(200, 4, 0.05), block_text=True),
        "context d3 and block d4, out of fold": Variant(
            context=trees(100, 3, 0.05), block=trees(100, 4, 0.05), oof=True
        ),
    },
    "blockcols": {  # block trees given block_tree.py's columns too (reads the pages again)
        "d4 100x0.05 + ten tree columns": Variant(block=trees(100, 4, 0.05), tree_columns=TEN),
        "d3 100x0.05 leaf 100 + ten": Variant(
            block=trees(100, 3, 0.05, min_leaf=100), tree_columns=TEN
        ),
        "d4 100x0.05 + block kinds": Variant(block=trees(100, 4, 0.05), tree_columns=KINDS),
    },
}
GRIDS["within"] = {  # with "within": the trafilatura pages' halves instead of the check's fits
    "linear (shipped)": Variant(),
    "context d3 100x0.05 out of fold": GRIDS["context"]["d3 100x0.05 out of fold"],
    "context d5 100x0.03 leaf 200": GRIDS["context"]["d5 100x0.03 leaf 200"],
    "context replaced, d4 300x0.1": GRIDS["context"]["replacing it, d4 300x0.1"],
    "block d4 100x0.05": GRIDS["block"]["d4 100x0.05"],
}


if __name__ == "__main__":
    score, pages = text_experiments.load(*sys.argv[1:3])
    grids = sys.argv[3:] or ["context"]
    if "blockcols" in grids:
        import block_tree

        print("pages whose lines differ from the extractor's:", block_tree.attach(pages))
    sides = bases(pages, score, inside="within" in grids)
    for grid in grids:
        print(grid)
        run(pages, score, sides, GRIDS[grid])
