"""Research: where each block line of our HTML extractor sits in the page's tree of blocks.

    python tools/block_tree.py DIR [EVALSET]    block-stage figures with tree features

DIR is a cache of ``tools/text_experiments.py cache`` (the classifier's fits are kept there as
splits.pickle; remove it after a change to the classifier). Each figure is the classifier-only
F1 at the block stage's own threshold / at the best threshold of a grid, held-out half and both
cross-source directions; the block stage is refitted on [bias, text score, link share] plus the
variant's columns, so the first row is the stage before it read the tree.

Each block element is marked with its own number (a private-use character after the block
marker), so the lines read as :func:`convert.text.lexbor_lines.block_lines` reads them also know the
chain of block elements open around them (written before the readers gave each line its
innermost block; the chains let any feature of the tree be tried). From the chains and the
classifier's scores each line gets features of the page's main prose container (the lowest
block whose subtree holds at least a share ``f`` of the prose). Speed does not matter here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))


from convert.text import html_lexbor as lx
from convert.text import lexbor_lines as ll
from convert.text.lexbor_furniture import strip_furniture

_BASE = 0xF0000  # plane 15 private use: two characters give any element number


def _code(n: int) -> str:
    return chr(_BASE + (n >> 16)) + chr(_BASE + (n & 0xFFFF))


def _decode(text: str) -> int:
    return ((ord(text[0]) - _BASE) << 16) | (ord(text[1]) - _BASE)


@dataclass
class Tree:
    """Block elements of a page: parent (-1 for the root, number 0), tag, class and id of each
    ("" when absent), and for each line (of the extractor's lines, blank ones included) its
    chain of open blocks."""

    parent: list[int]
    tag: list[str]
    chains: list[tuple[int, ...] | None]
    classes: list[str] = field(default_factory=lambda: [""])
    ids: list[str] = field(default_factory=lambda: [""])


def tree_lines(markup: str | bytes) -> tuple[list[str], list[float], Tree]:
    """The extractor's lines and link shares (as html_lexbor.page_lines) and their chains."""
    markup = lx._cleared(lx._utf8(markup))
    tree = Tree([-1], ["root"], [])
    if not markup.strip():
        return [], [], tree
    doc = lx.parse(markup)
    strip_furniture(doc)
    for node in doc.css("*"):
        markers = lx._MARKERS_OF.get(node.tag_id)
        if markers == ():  # furniture the reader takes out while marking
            node.decompose(recursive=False)
        elif markers is not None and markers[0] != ll.LINK.encode():
            n = len(tree.tag)
            tree.tag.append(node.tag or "")
            found = node.attributes
            tree.classes.append(found.get("class") or "")
            tree.ids.append(found.get("id") or "")
            tree.parent.append(-2)  # filled in while reading
            node.insert_before(markers[0].decode() + _code(n))
            node.insert_after(markers[1].decode())
        elif markers is not None:
            node.insert_before(markers[0].decode())
            node.insert_after(markers[1].decode())
    root = doc.root
    marked = root.text(deep=True) if root is not None else ""
    lines, shares, chains = _lines(marked, tree)
    tree.chains = chains
    return lines, shares, tree


def _lines(marked: str, tree: Tree) -> tuple[list[str], list[float], list[tuple[int, ...] | None]]:
    """lexbor_lines.block_lines, also keeping the chain of open block numbers of each line."""
    lines: list[str] = []
    shares: list[float] = []
    chains: list[tuple[int, ...] | None] = []
    spaced = [False]
    stack = [0]
    links = 0
    stretches = marked.split(ll.SPLIT)
    stretches[0] = ll.END + stretches[0]
    for text in stretches:
        kind = text[:1]
        if kind == ll.END:
            if len(spaced) > 1:
                spaced.pop()
                stack.pop()
        elif kind in (ll.SPACED, ll.BLOCK):
            n = _decode(text[1:3])
            text = kind + text[3:]
            tree.parent[n] = stack[-1]
            stack.append(n)
            spaced.append(kind == ll.SPACED)
        if text.isspace():
            continue
        if ll.LINK in text or ll.LINK_END in text:
            link_chars, links = ll._link_chars(text, links)
            text = text.replace(ll.LINK, "").replace(ll.LINK_END, "")
        else:
            link_chars = len(text.strip()) if links else 0
        line = " ".join(text.split())
        if line:
            share = min(link_chars / len(line), 1.0) if link_chars else 0.0
            chain = tuple(stack)
            if spaced[-1]:
                if lines and lines[-1]:
                    lines.append("")
                    shares.append(0.0)
                    chains.append(None)
                lines += (line, "")
                shares += (share, 0.0)
                chains += (chain, None)
            else:
                lines.append(line)
                shares.append(share)
                chains.append(chain)
    return lines, shares, chains


def attach(pages: list[Any]) -> int:
    """Give each cached HTML page ``chains`` (one per feature line) and ``tree``; return how
    many pages' lines differ from the shipped extractor's (should be none)."""
    from convert.text.blockscore import repaired_blocks
    from convert.text.html_paragraphs import page_lines as _page_lines

    bad = 0
    for page in pages:
        html = page.html
        if html is None:
            continue
        _, found, shares, _ = _page_lines(html.raw, True)
        lines, my_shares, tree = tree_lines(html.raw)
        if lines != found or my_shares != shares:
            bad += 1
        _, sources, _ = repaired_blocks(found)
        html.tree = tree
        html.chains = [tree.chains[sources[line.index]] for line in html.lines]
    return bad


# ---- features and fits -------------------------------------------------------------------


TREE_COLUMNS = (
    "inside", "depth_below", "steps_out", "share_parent", "share_grand", "alone_parent",
    "siblings", "prose_parent", "prose_grand", "page_share_parent", "cont_share",
    "lines_parent", "inside_z", "heading", "list_item", "table_cell", "in_figure",
)  # fmt: skip
"""The columns :func:`tree_columns` makes; the last four are block kinds: the line's innermost
block a heading, a list item (li, dd, dt), a table cell, or any of its blocks a figure."""
_KINDS = {
    "heading": {"h1", "h2", "h3", "h4", "h5", "h6"},
    "list_item": {"li", "dd", "dt"},
    "table_cell": {"td", "th"},
}


def tree_columns(
    page: Any, z: Any, thr: float, f: float = 0.5, min_words: int = 8, mass_kind: str = "words"
) -> dict[str, Any]:
    """Candidate tree features of each line of ``page`` (an HTML page with ``chains``), given
    its lines' second-stage scores ``z`` and the classifier's threshold."""
    n = len(page.lines)
    words = np.array([line.words for line in page.lines], dtype=float)
    dens = np.asarray(page.density, dtype=float)
    prose = (np.asarray(z) > thr) & (dens < 0.5) & (words >= min_words)
    if mass_kind == "words":
        mass = words * prose
    elif mass_kind == "count":
        mass = prose.astype(float)
    else:  # the score's probability above one half, by words, of lines not mostly links
        p = 1 / (1 + np.exp(-(np.asarray(z) - thr)))
        mass = words * np.clip(2 * p - 1, 0, 1) * (dens < 0.5)
    nodes = len(page.tree.tag)
    mass_of = np.zeros(nodes)
    words_of = np.zeros(nodes)
    lines_of = np.zeros(nodes)
    prose_of = np.zeros(nodes)
    chains = page.chains
    for i, ch in enumerate(chains):
        for node in ch:
            mass_of[node] += mass[i]
            words_of[node] += words[i]
            lines_of[node] += 1
            prose_of[node] += prose[i]
    total = mass_of[0]
    # The main container: the deepest block whose subtree holds at least f of the prose.
    container = 0
    if total > 0:
        # follow the heaviest child while it holds enough
        children: dict[int, list[int]] = {}
        for k in range(1, nodes):
            children.setdefault(page.tree.parent[k], []).append(k)
        while True:
            best = max(children.get(container, []), key=lambda k: mass_of[k], default=None)
            if best is None or mass_of[best] < f * total:
                break
            container = best
    path = set()
    k = container
    while k >= 0:
        path.add(k)
        k = page.tree.parent[k]
    cols: dict[str, Any] = {name: np.zeros(n) for name in TREE_COLUMNS}
    cont_share = mass_of[container] / max(words_of[container], 1)
    for i, ch in enumerate(chains):
        inside = container in ch
        cols["inside"][i] = inside
        cols["inside_z"][i] = inside * (z[i] - thr)
        if inside:
            cols["depth_below"][i] = min(len(ch) - 1 - ch.index(container), 6)
        else:
            out = 0
            for node in reversed(ch):
                if node in path:
                    break
                out += 1
            cols["steps_out"][i] = min(out, 6)
        par = ch[-2] if len(ch) >= 2 else ch[-1]
        grand = ch[-3] if len(ch) >= 3 else par
        rest_w = words_of[par] - words[i]
        cols["alone_parent"][i] = rest_w <= 0
        cols["share_parent"][i] = (mass_of[par] - mass[i]) / rest_w if rest_w > 0 else 0.0
        rest_g = words_of[grand] - words[i]
        cols["share_grand"][i] = (mass_of[grand] - mass[i]) / rest_g if rest_g > 0 else 0.0
        cols["prose_parent"][i] = (prose_of[par] - prose[i]) > 0
        cols["prose_grand"][i] = (prose_of[grand] - prose[i]) > 0
        cols["siblings"][i] = np.log1p(lines_of[par] - 1)
        cols["lines_parent"][i] = lines_of[par]
        cols["page_share_parent"][i] = (mass_of[par] - mass[i]) / total if total > 0 else 0.0
        cols["cont_share"][i] = cont_share
        for name, tags in _KINDS.items():
            cols[name][i] = page.tree.tag[ch[-1]] in tags
        cols["in_figure"][i] = any(page.tree.tag[node] == "figure" for node in ch)
    return cols


def prepare(pages: list[Any], score: Any, cache: str) -> dict[str, Any]:
    """For each of the three fits: the classifier (no block stage) and the second-stage
    scores of the fitting and the scored pages' HTML lines (pickled in ``cache``)."""
    import pickle

    import text_experiments
    import train_text_classifier as trainer

    path = Path(cache) / "splits.pickle"
    if path.exists():
        with path.open("rb") as found:
            return pickle.load(found)  # type: ignore[no-any-return]

    opts = trainer.Options()
    out = {}
    for name, (fitted, scored) in text_experiments.sides(pages).items():
        model = trainer.fit(fitted, score, opts, blocks=False)

        def zs(group: list[Any], fit_side: bool, model: Any = model) -> list[tuple[str, Any]]:
            found = []
            with trainer.installed(model):
                for p in group:
                    h = p.html
                    if h is not None and h.lines:
                        found.append((p.lab["id"], trainer._scored(model, [h], opts)[0][1]))
                    elif not fit_side:
                        found.append((p.lab["id"], None))
            return found

        out[name] = {
            "threshold": model.threshold,
            "fit": zs(fitted, True),
            "score": zs(scored, False),
        }
        print(name, "prepared", flush=True)
    with path.open("wb") as dump:
        pickle.dump(out, dump)
    return out


def run(
    pages: list[Any],
    score: Any,
    splits: dict[str, Any],
    variants: dict[str, Any],
    columns_of: Callable[..., dict[str, Any]] | None = None,
    weights: bool = False,
) -> None:
    """Print each variant's figures (see the module's docstring); ``columns_of`` makes the
    columns (:func:`tree_columns` by default), and with ``weights`` each fit's weights of the
    variant's columns follow the figures."""
    import text_experiments
    import train_text_classifier as trainer

    from convert.text.html_rules import LINK_DENSITY_MAX

    by_id = {p.lab["id"]: p.html for p in pages if p.html is not None}
    make = columns_of or tree_columns
    names = list(splits)
    print(f"{'variant':40} " + " ".join(f"{n[:12]:>12}" for n in names))
    for vname, (columns, kw) in variants.items():
        row = []
        fitted_weights = []
        for name in names:
            s = splits[name]
            thr = s["threshold"]

            def mats(
                group: list[tuple[str, Any]], columns: Any = columns, thr: float = thr, kw: Any = kw
            ) -> list[tuple[Any, Any]]:
                found = []
                for cid, z in group:
                    h = by_id[cid]
                    if z is None:
                        found.append((h, np.zeros((0, 3 + len(columns)))))
                        continue
                    base = [np.ones(len(z)), z - thr, np.asarray(h.density, dtype=float)]
                    if columns:
                        cols = make(h, z, thr, **kw)
                        base += [cols[c] for c in columns]
                    found.append((h, np.column_stack(base)))
                return found

            fitted = mats(s["fit"])
            w = trainer._fit(*trainer._stack([h for h, _ in fitted], [m for _, m in fitted]))
            fitted_weights.append(" ".join(f"{v:+.2f}" for v in w[3:]))
            sc = [(h, np.where(h.density > LINK_DENSITY_MAX, -np.inf, m @ w)) for h, m in fitted]
            cut = trainer._plateau(sc, score)
            target = mats(s["score"])
            sc2: list[tuple[Any, Any]] = [
                (h, np.where(h.density > LINK_DENSITY_MAX, -np.inf, m @ w) if len(m) else [])
                for h, m in target
            ]
            row.append(trainer._f1(*text_experiments.fast_counts(sc2, score, cut)))
            best = max(
                trainer._f1(*text_experiments.fast_counts(sc2, score, float(t)))
                for t in np.arange(-1.625, 1.126, 0.125)
            )
            row.append(best)
        print(
            f"{vname:40} "
            + " ".join(f"{a:.4f}/{b:.4f}" for a, b in zip(row[::2], row[1::2], strict=True))
            + ("  weights " + " | ".join(fitted_weights) if weights else ""),
            flush=True,
        )


README_VARIANTS: dict[str, tuple[list[str], dict[str, Any]]] = {
    "link share alone (before)": ([], {}),
    "inside": (["inside"], {}),
    "inside, blocks off": (["inside", "steps_out"], {}),
    "inside, blocks off, lone (shipped)": (["inside", "steps_out", "alone_parent"], {}),
    "+ depth below": (["inside", "steps_out", "depth_below"], {}),
    "+ prose share of parent": (
        ["inside", "steps_out", "alone_parent", "share_parent"],
        {},
    ),
    "+ lines of parent": (["inside", "steps_out", "siblings"], {}),
    "+ prose in parent, grandparent": (
        ["inside", "steps_out", "prose_parent", "prose_grand", "siblings"],
        {},
    ),
    "ten columns": (list(TREE_COLUMNS[:10]), {}),
    "container at 40%": (["inside", "steps_out", "alone_parent"], {"f": 0.4}),
    "container at 60%": (["inside", "steps_out", "alone_parent"], {"f": 0.6}),
    "prose in lines": (["inside", "steps_out", "alone_parent"], {"mass_kind": "count"}),
    "shipped + heading, list item, cell": (
        ["inside", "steps_out", "alone_parent", "heading", "list_item", "table_cell"],
        {},
    ),
    "shipped + in a figure": (["inside", "steps_out", "alone_parent", "in_figure"], {}),
}


if __name__ == "__main__":
    import text_experiments

    score, pages = text_experiments.load(*sys.argv[1:3])
    print("pages whose lines differ from the extractor's:", attach(pages))
    run(pages, score, prepare(pages, score, sys.argv[1]), README_VARIANTS)
