"""Entry points for /work/shared/text-eval/score.py (see README "Cleaned text")."""

from __future__ import annotations

from typing import Any

from convert.text import clean_text


def clean(page: str) -> str:
    """Plain-text input (a page as a browser's text copy)."""
    return clean_text(page, kind="text")


def clean_html(page: bytes) -> str:
    """HTML input with the default extractor (trafilatura when installed)."""
    return clean_text(page, kind="html")


def clean_html_builtin(page: bytes) -> str:
    """HTML input with our own lxml extractor only."""
    return clean_text(page, kind="html", extractor="builtin")


# ---------------------------------------------------------------- refitting the classifier
# python benchmarks/text_eval_entry.py train [EVALSET]  (needs numpy; development only)
# Fits on the cases whose id hashes to half 0 and reports snippet P/R/F1 on both halves,
# so the held-out half (1) shows what unseen pages get. Writes convert/text/weights.py.


def half(case_id: str) -> int:
    """0 for the tuning half, 1 for the held-out half of the dev split."""
    import hashlib

    return int(hashlib.md5(case_id.encode()).hexdigest(), 16) % 2


def _line_labels(lab: dict[str, Any], lines: list[Any], fold: Any) -> list[int | None]:
    """1 article, 0 boilerplate, None unknown: from the snippets and WCXB reference text."""
    import re

    from convert.text.normalise import repair

    ref = lab.get("reference")
    nref = fold(repair(ref)) if ref else ""
    paras = {fold(p) for p in re.split(r"\n+", repair(ref)) if p.strip()} if ref else set()
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
        elif ref:
            out.append(int(t in nref) if long else int(t in paras))
        else:
            out.append(None)
    return out


def _vocabulary(pages: list[Any], min_sites: int = 25, size: int = 300) -> dict[str, float]:
    """Log-odds of a word appearing in article rather than furniture lines, over half 0.

    Only words seen on at least ``min_sites`` sites are kept, so the table holds generic
    furniture and prose words, not the vocabulary of any one site; the ``size`` most
    telling of them are kept, clipped to +-4.
    """
    import math
    import re
    from collections import Counter
    from urllib.parse import urlsplit

    counts: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
    sites: dict[str, set[str]] = {}
    for lab, lines, labels in pages:
        if half(lab["id"]):
            continue
        site = urlsplit(lab.get("url") or "").netloc.removeprefix("www.") or lab["id"]
        for line, label in zip(lines, labels, strict=True):
            if label is None:
                continue
            for word in set(re.findall(r"\w+", line.text.lower())):
                if not word.isdigit():
                    counts[label][word] += 1
                    sites.setdefault(word, set()).add(site)
    neg, pos = (max(c.total(), 1) for c in counts)
    odds = {
        w: math.log((counts[1][w] + 1) / pos) - math.log((counts[0][w] + 1) / neg)
        for w, s in sites.items()
        if len(s) >= min_sites
    }
    telling = sorted(odds, key=lambda w: -abs(odds[w]))[:size]
    return {w: round(max(-4.0, min(4.0, odds[w])), 2) for w in sorted(telling)}


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


def train(evalset: str = "../shared/text-eval") -> None:
    """Refit both stages on half 0, choose the threshold there, report both halves."""
    import importlib.util
    from pathlib import Path

    import numpy as np

    from convert.text import plain
    from convert.text.features import page_lines
    from convert.text.normalise import repair

    spec = importlib.util.spec_from_file_location("score", Path(evalset) / "score.py")
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    _, cases = score.load_cases(evalset, "dev")
    texts = [
        repair((Path(evalset) / "cases" / lab["id"] / "page.txt").read_text(encoding="utf-8"))
        for lab in cases
    ]
    pages = []
    for lab, text in zip(cases, texts, strict=True):
        lines, _ = page_lines(text.split("\n"), vocab={})
        pages.append((lab, lines, _line_labels(lab, lines, score.fold)))
    vocab = _vocabulary(pages)
    # The labels depend on the text only, so the lines are featured again with the new table.
    pages = [
        (lab, page_lines(text.split("\n"), vocab=vocab)[0], labels)
        for text, (lab, _, labels) in zip(texts, pages, strict=True)
    ]

    def stack(rows_of: Any) -> tuple[Any, Any, Any]:
        """Labelled lines of half 0, each page weighing the same in total: the score counts
        snippets per page, so a long page's many reference lines must not drown the rest."""
        xs, ys, ws = [], [], []
        for lab, lines, labels in pages:
            if half(lab["id"]) or not lines:
                continue
            rows = zip(rows_of(lines), labels, strict=True)
            known = [(row, y) for row, y in rows if y is not None]
            for row, label in known:
                xs.append(row)
                ys.append(label)
                ws.append(20 / len(known))
        return np.array(xs), np.array(ys, dtype=float), np.array(ws)

    x1, y1, v1 = stack(lambda lines: [line.features for line in lines])
    w1 = _fit(x1, y1, v1)

    def second(lines: Any) -> list[tuple[float, ...]]:
        logits = [float(np.dot(w1, line.features)) for line in lines]
        ctx = plain.context_features(logits, lines)
        return [line.features + c for line, c in zip(lines, ctx, strict=True)]

    x2, y2, v2 = stack(second)
    w2 = _fit(x2, y2, v2)
    scored = []
    for lab, lines, _ in pages:
        s = [float(np.dot(w2, row)) for row in second(lines)] if lines else []
        scored.append((lab, lines, s))

    def evaluate(part: int, threshold: float) -> tuple[float, float, float]:
        tp = fp = fn = 0
        for lab, lines, s in scored:
            if half(lab["id"]) != part:
                continue
            out = "\n\n".join(ln.text for ln, v in zip(lines, s, strict=True) if v > threshold)
            a, b, c, _ = score.score_case(lab, out, False, False)
            tp, fp, fn = tp + a, fp + b, fn + c
        return tp / max(tp + fp, 1), tp / max(tp + fn, 1), 2 * tp / max(2 * tp + fp + fn, 1)

    best = max((evaluate(0, t)[2], t) for t in np.arange(-1.5, 1.01, 0.125))[1]
    for part in (0, 1):
        p, r, f = evaluate(part, best)
        print(f"half={part} threshold={best:+.2f} precision={p:.4f} recall={r:.4f} f1={f:.4f}")

    def table(name: str, values: Any) -> str:
        rows = [values[i : i + 8] for i in range(0, len(values), 8)]
        body = "".join("    " + ", ".join(f"{v:.4f}" for v in row) + ",\n" for row in rows)
        return f"{name}: tuple[float, ...] = (\n{body})\n"

    Path(plain.__file__).with_name("weights.py").write_text(
        '"""Fitted weights of the line classifier; written by '
        '``benchmarks/text_eval_entry.py train``."""\n\n'
        "from __future__ import annotations\n\n"
        "# fmt: off\n"
        + table("LINE_WEIGHTS", w1)
        + table("CONTEXT_WEIGHTS", w2)
        + "WORD_LOGODDS: dict[str, float] = {\n"
        + "".join(f"    {w!r}: {v},\n" for w, v in vocab.items())
        + "}\n"
        + "# fmt: on\n"
        + f"THRESHOLD = {best:.3f}\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["train"]:
        train(*sys.argv[2:3])
