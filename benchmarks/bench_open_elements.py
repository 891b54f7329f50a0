"""The two models of the HTML parser's stack of open elements, now against an earlier commit.

    .venv/bin/python benchmarks/bench_open_elements.py [REF] [--rounds N] [--pages N]

Both callers are timed: the sanitiser's nesting count (``convert.content.nesting.too_nested``)
and the text pipeline's depth scan (``convert.text.depth._scan``, which ``flattened`` runs on
pages of many tags), each on realistic input (the evaluation set's pages; Markdown bodies
rendered as feeds render them) and on hostile input (the nesting shapes that made parsers
slow). REF's versions of ``nesting``, ``open_elements`` and ``depth`` (default HEAD) are loaded
into this process beside the working tree's, and each input is run with one and then the
other, the first alternating round by round, so that a drift of the machine's speed weighs on
both alike. The printed ratio is the working tree's CPU time over REF's, the median of the
rounds' ratios (below 1: faster now).
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "text-eval" / "cases"
MODULES = {
    "nesting": "convert/content/nesting.py",
    "open_elements": "convert/text/open_elements.py",
    "depth": "convert/text/depth.py",
}
LEVELS = 25_000  # past depth.TAGS_MIN, so that flattened scans the page
HOSTILE = {
    "div": "<div>x",
    "list items": "<ul><li>x",
    "quotes": "<blockquote><p>x",
    "bold in paragraphs": "<p><b id=b{n}>x",
    "adoption agency": "<b><div></b>x",
    "cells": "<table><tr><td><div>x",
}


@contextmanager
def _modules_as(replaced: dict[str, types.ModuleType]) -> Iterator[None]:
    """``sys.modules`` with ``replaced`` in place, so that a module run now imports them."""
    saved = {name: sys.modules.get(name) for name in replaced}
    sys.modules.update(replaced)
    try:
        yield
    finally:
        for name, module in saved.items():
            if module is None:
                del sys.modules[name]
            else:
                sys.modules[name] = module


def _module_at(
    ref: str, path: str, name: str, imports: dict[str, types.ModuleType]
) -> types.ModuleType:
    """The module at ``path`` as it was at ``ref``, importing ``imports`` in place of theirs."""
    source = subprocess.run(
        ["git", "show", f"{ref}:{path}"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    module = types.ModuleType(name)
    with _modules_as(imports):
        exec(compile(source, f"{ref}:{path}", "exec"), module.__dict__)
    return module


def reference(ref: str) -> dict[str, types.ModuleType]:
    """REF's nesting count and depth scan, each over REF's own model of the stack."""
    open_elements = _module_at(ref, MODULES["open_elements"], "ref_open_elements", {})
    model = {"convert.text.open_elements": open_elements}
    return {
        "nesting": _module_at(ref, MODULES["nesting"], "ref_nesting", model),
        "depth": _module_at(ref, MODULES["depth"], "ref_depth", model),
    }


def current() -> dict[str, types.ModuleType]:
    import convert.content.nesting
    import convert.text.depth

    return {"nesting": convert.content.nesting, "depth": convert.text.depth}


def eval_pages(limit: int) -> list[str]:
    """The evaluation set's HTML pages (realistic input for both callers), each byte a
    character as the depth scan reads bytes."""
    cases = sorted(EVAL.iterdir())[:limit] if EVAL.is_dir() else []
    return [gzip.decompress((c / "page.html.gz").read_bytes()).decode("latin-1") for c in cases]


def rendered_bodies(count: int) -> list[str]:
    """Markdown bodies as the feeds render them before the nesting count, each as long as 20
    articles: a short one has too few tags to be counted at all."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_feeds import markdown_body

    from convert.content.render import render_html

    return [
        render_html("".join(markdown_body(20 * n + k) for k in range(20)), "markdown")
        for n in range(count)
    ]


def hostile_pages() -> list[str]:
    """Each hostile shape repeated past the depth scan's threshold."""
    pages = []
    for unit in HOSTILE.values():
        levels = (unit.format(n=n) for n in range(LEVELS)) if "{n}" in unit else [unit] * LEVELS
        pages.append("".join(["<html><body>", *levels, "</body></html>"]))
    return pages


def _cpu(run: Callable[[str], object], pages: list[str]) -> float:
    start = time.process_time()
    for page in pages:
        run(page)
    return time.process_time() - start


def paired(new: Callable[[str], object], old: Callable[[str], object], pages: list[str],
           rounds: int) -> tuple[float, float, float]:  # fmt: skip
    """REF's CPU seconds (median), the working tree's, and the median ratio of the rounds."""
    olds, news, ratios = [], [], []
    for index in range(rounds):
        if index % 2:
            after, before = _cpu(new, pages), _cpu(old, pages)
        else:
            before, after = _cpu(old, pages), _cpu(new, pages)
        olds.append(before)
        news.append(after)
        ratios.append(after / before)
    return statistics.median(olds), statistics.median(news), statistics.median(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("ref", nargs="?", default="HEAD")
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--pages", type=int, default=300, help="evaluation pages to use")
    args = parser.parse_args()
    old, new = reference(args.ref), current()
    pages = eval_pages(args.pages)
    inputs = {
        "realistic: evaluation pages": pages,
        "realistic: rendered Markdown": rendered_bodies(50),
        "hostile: nested shapes": hostile_pages(),
    }
    callers: dict[str, Callable[[dict[str, types.ModuleType]], Callable[[str], object]]] = {
        "nesting.too_nested": lambda m: m["nesting"].too_nested,
        "depth._scan": lambda m: m["depth"]._scan,
    }
    print(f"{'caller':<20} {'input':<30} {'ref s':>8} {'now s':>8} {'now/ref':>8}")
    for caller, pick in callers.items():
        for label, group in inputs.items():
            before, after, ratio = paired(pick(new), pick(old), group, args.rounds)
            print(f"{caller:<20} {label:<30} {before:8.3f} {after:8.3f} {ratio:8.3f}")


if __name__ == "__main__":
    main()
