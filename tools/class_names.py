"""Research: do the class and id names of the blocks holding a line tell furniture?

    python tools/class_names.py DIR [EVALSET]    block-stage figures with name columns

DIR is a cache of ``tools/text_experiments.py cache``, as for ``tools/block_tree.py``, whose
fits and figures these are (classifier alone, at the block stage's own threshold / at the best
of a grid, for the held-out half and both cross-source directions), each fit's weights of the
added columns after them. The first row is the block stage that ships.

Pages name their furniture by conventions of the web, not of one collection (comments,
sharing, related articles, sign-up boxes, advertising, pop-ups, page navigation, tag lists),
and readability-style extractors lean on them; the patterns below were written from those
conventions, not from the labelled pages' errors. ``hard_rule_losses`` counts, on pages of
one source, the snippets that dropping named elements before reading would lose and drop.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import block_tree

FURNITURE = re.compile(
    r"comment|disqus|related|share|sharing|social|newsletter|subscri|signup|sign-up|promo|teaser"
    r"|sidebar|side-bar|banner|advert|sponsor|ad(?<![a-z0-9]ad)s?(?![a-z0-9])|cookie|consent"
    r"|gdpr|popup|pop-up|modal|breadcrumb|pagination|pager|author-?bio|about-author|author-box"
    r"|tag(?<![a-z0-9]tag)s?(?![a-z0-9])|tag-?list|tag-?cloud|recommend|trending|popular"
    r"|most-read|outbrain|taboola|footer|masthead|menu|toolbar|skip|rss|print|read-?more"
    r"|more-stories|byline|caption|credit"
)
"""Furniture names, matched in a lower-cased class or id ("widget" is left out: page builders
such as Elementor wrap every piece of a page, the article's too, in widget classes)."""
POSITIVE = re.compile(r"article|content|entry|post|story|body|text|main|blog")
"""Names of the article's own containers (which often hold furniture names too)."""

NAME_COLUMNS = (
    "name_any", "name_inner", "name_innermost", "name_within_3", "name_not_positive",
    "positive_any", "name_count", "name_in_main", "id_any", "id_inner", "class_inner",
)  # fmt: skip
"""Columns of :func:`name_columns`: a furniture name on any block holding the line, on its
innermost block or that block's parent, on its innermost block, within its three innermost;
on any block whose name is not positive too; a positive name on any; how many furniture
names (at most 3); a furniture name on any block, for lines inside the main container; and by
ids alone (any, innermost two) and by classes alone (innermost two)."""


def _flags(tree: Any) -> dict[str, Any]:
    """Per block: a furniture name (class or id), a positive one, a furniture id, class."""

    def matching(pattern: re.Pattern[str], names: list[str]) -> Any:
        return np.array([bool(pattern.search(name.lower())) for name in names])

    both = [f"{c} {i}" for c, i in zip(tree.classes, tree.ids, strict=True)]
    return {
        "fur": matching(FURNITURE, both),
        "pos": matching(POSITIVE, both),
        "fur_id": matching(FURNITURE, tree.ids),
        "fur_class": matching(FURNITURE, tree.classes),
    }


def name_columns(page: Any, z: Any, thr: float, **kw: Any) -> dict[str, Any]:
    """:func:`block_tree.tree_columns` and the columns of NAME_COLUMNS."""
    cols = block_tree.tree_columns(page, z, thr, **kw)
    tree = page.tree
    if not hasattr(tree, "flags"):
        tree.flags = _flags(tree)
    fur, pos = tree.flags["fur"], tree.flags["pos"]
    fur_id, fur_class = tree.flags["fur_id"], tree.flags["fur_class"]
    rows: dict[str, list[float]] = {name: [] for name in NAME_COLUMNS}
    for chain in page.chains:
        inner = list(chain[-2:])
        rows["name_any"].append(float(fur[list(chain)].any()))
        rows["name_inner"].append(float(fur[inner].any()))
        rows["name_innermost"].append(float(fur[chain[-1]]))
        rows["name_within_3"].append(float(fur[list(chain[-3:])].any()))
        rows["name_not_positive"].append(float((fur & ~pos)[list(chain)].any()))
        rows["positive_any"].append(float(pos[list(chain)].any()))
        rows["name_count"].append(float(min(int(fur[list(chain)].sum()), 3)))
        rows["id_any"].append(float(fur_id[list(chain)].any()))
        rows["id_inner"].append(float(fur_id[inner].any()))
        rows["class_inner"].append(float(fur_class[inner].any()))
    for name, values in rows.items():
        cols[name] = np.array(values)
    cols["name_in_main"] = cols["name_any"] * cols["inside"]
    return cols


SHIPPED = ["inside", "steps_out", "alone_parent"]
VARIANTS: dict[str, tuple[list[str], dict[str, Any]]] = {
    "shipped": (SHIPPED, {}),
    "+ name on any block": ([*SHIPPED, "name_any"], {}),
    "+ name not positive": ([*SHIPPED, "name_not_positive"], {}),
    "+ name, innermost two": ([*SHIPPED, "name_inner"], {}),
    "+ name, innermost": ([*SHIPPED, "name_innermost"], {}),
    "+ name, innermost three": ([*SHIPPED, "name_within_3"], {}),
    "+ name, positive": ([*SHIPPED, "name_any", "positive_any"], {}),
    "+ name count": ([*SHIPPED, "name_count"], {}),
    "+ name inside main": ([*SHIPPED, "name_in_main"], {}),
    "+ name, name inside main": ([*SHIPPED, "name_any", "name_in_main"], {}),
    "+ id on any block": ([*SHIPPED, "id_any"], {}),
    "+ id, innermost two": ([*SHIPPED, "id_inner"], {}),
    "+ class, innermost two": ([*SHIPPED, "class_inner"], {}),
}


def hard_rule_losses(evalset: str, source: str) -> tuple[Counter[str], Counter[str]]:
    """Of ``source``'s dev pages, the article and furniture snippets held by elements a
    readability-style rule would drop (a furniture name and no positive one, not html, body,
    article or main, under half of the page's text), by the name matched. An element and
    its named ancestors count alike."""
    import importlib.util

    from convert.text import html_lexbor
    from convert.text.lexbor_furniture import strip_furniture
    from convert.text.normalise import collapse

    spec = importlib.util.spec_from_file_location("score", Path(evalset) / "score.py")
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    _, cases = score.load_cases(evalset, "dev")
    kept: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    for lab in cases:
        if lab.get("source") != source:
            continue
        markup = html_lexbor._cleared(
            html_lexbor._utf8(score.read_input(evalset, lab["id"], "html"))
        )
        tree = html_lexbor.parse(markup)
        strip_furniture(tree)
        body = tree.body
        if body is None:
            continue
        half = len(body.text(deep=True)) / 2
        withs = [score.ws_norm(score.fold(s)) for s in lab["with"]]
        withouts = [score.ws_norm(score.fold(s)) for s in lab["without"]]
        for node in tree.css("[class],[id]"):
            if node.tag in ("html", "body", "article", "main"):
                continue
            found = node.attributes
            name = f"{found.get('class') or ''} {found.get('id') or ''}".lower()
            match = FURNITURE.search(name)
            if match is None or POSITIVE.search(name) or len(node.text(deep=True)) >= half:
                continue
            text = score.ws_norm(score.fold(collapse(node.text(deep=True))))
            kept[match.group(0)] += sum(s in text for s in withs)
            dropped[match.group(0)] += sum(s in text for s in withouts)
    return kept, dropped


if __name__ == "__main__":
    import text_experiments

    evalset = sys.argv[2] if len(sys.argv) > 2 else "../shared/text-eval"
    score, pages = text_experiments.load(sys.argv[1], evalset)
    print("pages whose lines differ from the extractor's:", block_tree.attach(pages))
    splits = block_tree.prepare(pages, score, sys.argv[1])
    block_tree.run(pages, score, splits, VARIANTS, columns_of=name_columns, weights=True)
